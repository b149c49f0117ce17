import type { Db } from "@ledgerline/db";
import { renderDocument, type CompanyBranding } from "@ledgerline/documents";
import { sampleDocumentView, type SampleLine } from "@ledgerline/documents/testing";
import {
  countryCodeSchema,
  previewDocumentInputSchema,
  normalizeIban,
  vatExemptionOf,
  type PreviewDocumentInput,
} from "@ledgerline/domain";
import type { FileStore } from "../files/file-store.ts";
import { companyLogoDataUrl } from "./sales-document-view.ts";

/** The sample's lines at 0 %: what a § 19 small business prints. */
const SMALL_BUSINESS_LINES: SampleLine[] = [
  { description: "Beratung", quantity: "4", unit: "Std.", unitPrice: "85.00", taxRate: "0" },
  { description: "Konzeption", quantity: "1", unit: null, unitPrice: "350.00", taxRate: "0" },
];

/**
 * `settings.previewDocument`: a made-up invoice (`sampleDocumentView`) printed with the
 * branding form's values as typed, not saved, and the stored logo (uploaded on its own, so it is
 * always saved). Returns the same HTML the worker prints to PDF, for the settings screen's
 * preview frame; nothing is written. A half-typed IBAN shows as typed and the preview simply
 * has no GiroCode (the reason is in `notices`, as in the PDF job). The terms printed are the
 * unsaved default terms (`defaultDocumentTerms`), none when the field is empty.
 */
export async function previewCompanyDocument(
  db: Db,
  files: FileStore,
  rawInput: PreviewDocumentInput,
): Promise<{ html: string; notices: string[] }> {
  const input = previewDocumentInputSchema.parse(rawInput);
  const logo = await db.companySettings.findUnique({
    where: { id: 1 },
    select: { logoFile: { select: { storageKey: true, mimeType: true } } },
  });
  const logoDataUrl = await companyLogoDataUrl(files, logo?.logoFile ?? null);
  const country = countryCodeSchema.safeParse(input.country ?? "DE");
  const iban = input.iban ? normalizeIban(input.iban) : null;
  const company: CompanyBranding = {
    name: input.legalName ?? "",
    street: input.street,
    postalCode: input.postalCode,
    city: input.city,
    country: country.success ? country.data : "DE",
    vatId: input.vatId,
    taxNumber: input.taxNumber,
    email: input.email,
    phone: input.phone,
    website: input.website,
    bankName: input.bankName,
    iban,
    bic: input.bic ? input.bic.replace(/\s+/g, "").toUpperCase() : null,
    logoDataUrl,
    footer: input.documentFooter,
  };
  const language = input.language;
  const base = sampleDocumentView({
    company,
    language,
    ...(input.smallBusiness ? { sampleLines: SMALL_BUSINESS_LINES } : {}),
  });
  const view = {
    ...base,
    // The default terms as typed: what a new document would print (none when there are none).
    terms: input.defaultDocumentTerms,
    vatExemption: vatExemptionOf({
      smallBusiness: input.smallBusiness,
      sellerCountry: company.country,
      buyerCountry: base.customer.country,
      buyerVatId: base.customer.vatId,
      taxRates: base.lines.map((line) => line.taxRate.toString()),
    }),
  };
  const rendered = await renderDocument(view);
  // On paper the page's margins come from @page; on screen (the preview frame) they would be
  // missing, so the preview adds them for screens only. What prints is unchanged.
  const html = rendered.html.replace(
    "</head>",
    "<style>@media screen { body { margin: 15mm 15mm 16mm 20mm; } }</style>\n</head>",
  );
  return { html, notices: rendered.notices.map((notice) => notice.reason) };
}
