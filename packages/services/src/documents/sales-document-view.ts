import type { Db } from "@ledgerline/db";
import type { DocumentView } from "@ledgerline/documents";
import {
  AppError,
  idSchema,
  isIssuedStatus,
  toDecimal,
  vatExemptionOf,
  ZERO,
  type SalesDocumentStatus,
  type SalesDocumentType,
  appMessage,
} from "@ledgerline/domain";
import type { FileStore } from "../files/file-store.ts";
import { fromDbDate } from "../sales-documents/company-context.ts";

/** The address a document printed (frozen on issue), as `customerCopyOf` wrote it. */
interface BillingAddressJson {
  name?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
}

const LOGO_TYPES = new Set(["image/png", "image/jpeg", "image/svg+xml"]);

/** The company's branding as documents print it (settings, logo read from the file store). */
export async function loadCompanyBranding(db: Db, files: FileStore) {
  const settings = await db.companySettings.findUnique({
    where: { id: 1 },
    include: { logoFile: { select: { storageKey: true, mimeType: true } } },
  });
  if (!settings) {
    throw new AppError("BAD_REQUEST", appMessage("settings.missingForDocuments"));
  }
  let logoDataUrl: string | null = null;
  if (settings.logoFile && LOGO_TYPES.has(settings.logoFile.mimeType)) {
    const bytes = await files.read(settings.logoFile.storageKey);
    logoDataUrl = `data:${settings.logoFile.mimeType};base64,${bytes.toString("base64")}`;
  }
  return {
    settings,
    branding: {
      name: settings.legalName,
      street: settings.street,
      postalCode: settings.postalCode,
      city: settings.city,
      country: settings.country,
      vatId: settings.vatId,
      taxNumber: settings.taxNumber,
      email: settings.email,
      phone: settings.phone,
      website: settings.website,
      bankName: settings.bankName,
      iban: settings.iban,
      bic: settings.bic,
      logoDataUrl,
      footer: settings.documentFooter,
    } satisfies DocumentView["company"],
  };
}

/**
 * `<prefix>-<number>.pdf` (settings' `pdfFileNamePrefix`, e.g. `KIT-RE-2026-0001.pdf`), or
 * `<number>.pdf`; a draft has no number and is named after its type and id.
 */
export function salesDocumentPdfFileName(
  prefix: string | null,
  document: { id: string; type: SalesDocumentType; number: string | null },
): string {
  const base = document.number ?? `${document.type}-draft-${document.id.slice(0, 8)}`;
  const cleanPrefix = prefix?.trim().replace(/[^A-Za-z0-9_-]/g, "");
  return `${cleanPrefix ? `${cleanPrefix}-` : ""}${base}.pdf`;
}

/** What the PDF and e-invoice of a sales document are made from. */
export interface SalesDocumentForPrint {
  id: string;
  type: SalesDocumentType;
  status: SalesDocumentStatus;
  number: string | null;
  /** The row's updatedAt this was read at (stored with the PDF: which state it shows). */
  updatedAt: Date;
  fileName: string;
  view: DocumentView;
  /** The buyer's XRechnung fields (current customer record: not part of the printed copy). */
  buyer: { buyerReference: string | null; electronicAddress: string | null; email: string | null };
  seller: { contactName: string | null; electronicAddress: string | null };
  /** The invoice a credit note or cancellation corrects, with its issue date. */
  reference: { number: string | null; issuedDate: string | null } | null;
}

/**
 * Reads a sales document with everything its PDF shows: the document as issued (the frozen
 * customer copy), its lines, the company's branding and the invoice it refers to. A draft is
 * printed with the "ENTWURF"/"DRAFT" watermark, since it is not a document yet.
 */
export async function loadSalesDocumentForPrint(
  db: Db,
  files: FileStore,
  rawId: string,
): Promise<SalesDocumentForPrint> {
  const parsed = idSchema.safeParse(rawId);
  const document = parsed.success
    ? await db.salesDocument.findUnique({
        where: { id: parsed.data },
        include: {
          lineItems: { orderBy: { position: "asc" } },
          customer: {
            select: { buyerReference: true, electronicAddress: true, email: true },
          },
          sourceDocument: { select: { type: true, number: true, issuedDate: true } },
        },
      })
    : null;
  if (!document) throw new AppError("NOT_FOUND", appMessage("document.notFound"));
  const { settings, branding } = await loadCompanyBranding(db, files);
  const address = (document.billingAddress ?? {}) as BillingAddressJson;
  const language = document.locale === "en" ? "en" : "de";
  const issued = isIssuedStatus(document.status);
  const customer = {
    name: address.name ?? document.customerName,
    street: address.street ?? null,
    postalCode: address.postalCode ?? null,
    city: address.city ?? null,
    country: address.country ?? "DE",
    vatId: document.customerVatId,
  };
  // Net and VAT per rate from the stored line amounts (the same sums as the stored header).
  const byRate = new Map<
    string,
    { taxRate: typeof ZERO; netAmount: typeof ZERO; taxAmount: typeof ZERO }
  >();
  for (const line of document.lineItems) {
    const key = toDecimal(line.taxRate).toFixed(2);
    const row = byRate.get(key) ?? {
      taxRate: toDecimal(line.taxRate),
      netAmount: ZERO,
      taxAmount: ZERO,
    };
    row.netAmount = row.netAmount.plus(toDecimal(line.subtotalAfterDiscount));
    row.taxAmount = row.taxAmount.plus(toDecimal(line.taxAmount));
    byRate.set(key, row);
  }
  const source = document.sourceDocument;
  const view: DocumentView = {
    kind: document.type,
    language,
    number: document.number,
    currency: document.currency,
    issuedDate: fromDbDate(document.issuedDate),
    dueDate: fromDbDate(document.dueDate),
    validUntil: fromDbDate(document.validUntil),
    servicePeriodStart: fromDbDate(document.servicePeriodStart),
    servicePeriodEnd: fromDbDate(document.servicePeriodEnd),
    company: branding,
    customer,
    reference:
      source && (document.type === "credit_note" || document.type === "cancellation")
        ? { kind: source.type, number: source.number }
        : null,
    lines: document.lineItems.map((line) => ({
      position: line.position,
      description: line.description,
      quantity: toDecimal(line.quantity),
      unit: line.unit,
      unitPrice: toDecimal(line.unitPrice),
      taxRate: toDecimal(line.taxRate),
      discountPercent: toDecimal(line.discountPercent),
      discountAmount: toDecimal(line.discountAmount),
      netAmount: toDecimal(line.subtotalAfterDiscount),
    })),
    subtotal: toDecimal(document.subtotal),
    discountAmount: toDecimal(document.discountAmount),
    netAmount: toDecimal(document.netAmount),
    taxAmount: toDecimal(document.taxAmount),
    total: toDecimal(document.total),
    vatBreakdown: [...byRate.values()].sort((a, b) => b.taxRate.comparedTo(a.taxRate)),
    paidAmount: toDecimal(document.paidAmount),
    vatExemption: vatExemptionOf({
      smallBusiness: settings.smallBusiness,
      sellerCountry: settings.country,
      buyerCountry: customer.country,
      buyerVatId: customer.vatId,
      taxRates: document.lineItems.map((line) => line.taxRate.toString()),
    }),
    notes: document.notes,
    terms: document.terms,
    watermark: issued ? null : language === "de" ? "ENTWURF" : "DRAFT",
  };
  return {
    id: document.id,
    type: document.type,
    status: document.status,
    number: document.number,
    updatedAt: document.updatedAt,
    fileName: salesDocumentPdfFileName(settings.pdfFileNamePrefix, document),
    view,
    buyer: {
      buyerReference: document.customer.buyerReference,
      electronicAddress: document.customer.electronicAddress,
      email: document.customer.email,
    },
    seller: { contactName: settings.contactName, electronicAddress: settings.electronicAddress },
    reference: source ? { number: source.number, issuedDate: fromDbDate(source.issuedDate) } : null,
  };
}
