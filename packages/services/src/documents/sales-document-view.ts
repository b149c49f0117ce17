import type { Db } from "@ledgerline/db";
import type { DocumentView } from "@ledgerline/documents";
import {
  AppError,
  idSchema,
  invoiceOpenAmount,
  isIssuedStatus,
  toDecimal,
  vatExemptionOf,
  ZERO,
  type Decimal,
  type SalesDocumentStatus,
  type SalesDocumentType,
  appMessage,
  lineOrderOf,
  orderLines,
} from "@ledgerline/domain";
import type { FileStore } from "../files/file-store.ts";
import { fromDbDate } from "../sales-documents/company-context.ts";
import {
  COMPANY_PRINT_SETTINGS_JOIN,
  COMPANY_PRINT_SETTINGS_SQL,
  type CompanyPrintSettings,
} from "../settings/company-settings-rows.ts";
import { INVOICE_CREDITED_SQL } from "../sales-documents/settlement-read-model.ts";
import {
  lineItemOf,
  salesDocumentColumns,
  salesDocumentOf,
  type LineItemJson,
  type SalesDocumentRecord,
  type SalesDocumentRow,
} from "../sales-documents/sales-document-rows.ts";

/** The address a document printed (frozen on issue), as `customerCopyOf` wrote it. */
interface BillingAddressJson {
  name?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
}

const LOGO_TYPES = new Set(["image/png", "image/jpeg", "image/svg+xml"]);

/**
 * The logo as a `data:` URL, kept per file store by storage key: a stored file never changes
 * under its key (a new logo is a new file), so the worker reads and encodes it once, not once
 * per PDF.
 */
const logoCache = new WeakMap<FileStore, { storageKey: string; dataUrl: string }>();

export async function companyLogoDataUrl(
  files: FileStore,
  logo: { storageKey: string; mimeType: string } | null,
): Promise<string | null> {
  if (!logo || !LOGO_TYPES.has(logo.mimeType)) return null;
  const cached = logoCache.get(files);
  if (cached?.storageKey === logo.storageKey) return cached.dataUrl;
  const bytes = await files.read(logo.storageKey);
  const dataUrl = `data:${logo.mimeType};base64,${bytes.toString("base64")}`;
  logoCache.set(files, { storageKey: logo.storageKey, dataUrl });
  return dataUrl;
}

/** The company as documents print it (settings and the logo as a `data:` URL). */
export async function brandingOf(
  files: FileStore,
  settings: CompanyPrintSettings | null,
): Promise<{ settings: CompanyPrintSettings; branding: DocumentView["company"] }> {
  if (!settings) {
    throw new AppError("BAD_REQUEST", appMessage("settings.missingForDocuments"));
  }
  const logoDataUrl = await companyLogoDataUrl(
    files,
    settings.logoStorageKey && settings.logoMimeType
      ? { storageKey: settings.logoStorageKey, mimeType: settings.logoMimeType }
      : null,
  );
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
    },
  };
}

/**
 * `<prefix>-<number>.pdf` (settings' `pdfFileNamePrefix`, e.g. `KIT-RE-2026-0001.pdf`), or
 * `<number>.pdf`; a draft has no number and is named after its type and id.
 */
export function salesDocumentPdfFileName(
  prefix: string | null,
  document: {
    id: string;
    type: SalesDocumentType | "purchase_order" | "invoice_group";
    number: string | null;
  },
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

/** A line as the print read returns it: amounts as exact text (JSON has no decimals). */
type PrintLineJson = LineItemJson<
  | "position"
  | "description"
  | "quantity"
  | "unit"
  | "unitPrice"
  | "taxRate"
  | "discountPercent"
  | "discountAmount"
  | "subtotalAfterDiscount"
  | "taxAmount"
  | "itemType"
  | "sourceLanguage"
  | "targetLanguage"
>;

/**
 * A line's source and target language as printed ("Englisch → Deutsch"), named by Intl in the
 * document's language; a tag Intl cannot name is printed as it is stored.
 */
function languagePairOf(
  line: { sourceLanguage: string | null; targetLanguage: string | null },
  language: "de" | "en",
): string | null {
  if (!line.sourceLanguage && !line.targetLanguage) return null;
  const names = new Intl.DisplayNames([language], { type: "language", fallback: "code" });
  const name = (tag: string | null) => (tag ? (names.of(tag) ?? tag) : "–");
  return `${name(line.sourceLanguage)} → ${name(line.targetLanguage)}`;
}

/** The print read's one row: the document and everything its PDF and e-invoice show. */
interface PrintRow extends SalesDocumentRow {
  lineItems: PrintLineJson[];
  buyerReference: string | null;
  buyerElectronicAddress: string | null;
  buyerEmail: string | null;
  sourceType: SalesDocumentType | null;
  sourceNumber: string | null;
  sourceIssuedDate: Date | null;
  /** `creditedAmountOf` the document as an invoice (0 for other types: nothing credits them). */
  creditedAmount: Decimal;
  settings: CompanyPrintSettings | null;
  storedPdfId: string | null;
}

/**
 * What an invoice's PDF says is credited and still due (and its GiroCode asks for): the same
 * `invoiceOpenAmount` as the detail read and the payment limit. Other types owe nothing here.
 */
const payableFigures = (
  document: Pick<SalesDocumentRecord, "type" | "status" | "total" | "paidAmount">,
  creditedAmount: Decimal,
): Pick<DocumentView, "creditedAmount" | "openAmount"> =>
  document.type === "invoice"
    ? {
        creditedAmount,
        openAmount: invoiceOpenAmount({ ...document, creditedAmount }),
      }
    : { creditedAmount: ZERO, openAmount: ZERO };

/**
 * Reads a sales document with everything its PDF shows, in one statement: the document as
 * issued (the frozen customer copy), its lines, the company's branding and the invoice it refers
 * to. A draft is printed with the "ENTWURF"/"DRAFT" watermark, since it is not a document yet.
 * With `pdfVersion` it also says whether that version of its PDF is stored already
 * (`storedPdfId`), so the PDF job learns that in the same round trip.
 */
export async function loadSalesDocumentForPrint(
  db: Db,
  files: FileStore,
  rawId: string,
  options: { pdfVersion?: number } = {},
): Promise<SalesDocumentForPrint & { storedPdfId: string | null }> {
  const parsed = idSchema.safeParse(rawId);
  const [row] = parsed.success
    ? await db.$queryRaw<PrintRow[]>`
        SELECT ${salesDocumentColumns()},
               c.buyer_reference AS "buyerReference",
               c.electronic_address AS "buyerElectronicAddress", c.email AS "buyerEmail",
               source.type::text AS "sourceType", source.number AS "sourceNumber",
               source.issued_date AS "sourceIssuedDate",
               ${INVOICE_CREDITED_SQL} AS "creditedAmount",
               ${COMPANY_PRINT_SETTINGS_SQL} AS "settings",
               (SELECT pdf.id::text FROM stored_files pdf
                 WHERE pdf.sales_document_id = d.id AND pdf.kind = 'sales_document_pdf'
                   AND pdf.version = ${options.pdfVersion ?? null}::int) AS "storedPdfId",
               (SELECT coalesce(json_agg(json_build_object(
                         'position', l.position, 'description', l.description,
                         'quantity', l.quantity::text, 'unit', l.unit,
                         'unitPrice', l.unit_price::text, 'taxRate', l.tax_rate::text,
                         'discountPercent', l.discount_percent::text,
                         'discountAmount', l.discount_amount::text,
                         'subtotalAfterDiscount', l.subtotal_after_discount::text,
                         'taxAmount', l.tax_amount::text, 'itemType', l.item_type::text,
                         'sourceLanguage', l.source_language,
                         'targetLanguage', l.target_language) ORDER BY l.position), '[]')
                  FROM line_items l WHERE l.sales_document_id = d.id) AS "lineItems"
        FROM sales_documents d
        JOIN customers c ON c.id = d.customer_id
        LEFT JOIN sales_documents source ON source.id = d.source_document_id
        ${COMPANY_PRINT_SETTINGS_JOIN}
        WHERE d.id = ${parsed.data}::uuid`
    : [];
  if (!row) throw new AppError("NOT_FOUND", appMessage("document.notFound"));
  const document = salesDocumentOf(row);
  const { settings, branding } = await brandingOf(files, row.settings);
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
  // The document's line order (as entered, or seed 004's language order), the same as on screen;
  // a printed document counts its lines 1..n in the order it prints them.
  const lines = orderLines(row.lineItems.map(lineItemOf), lineOrderOf(document.lineOrder)).map(
    (line, index) => ({
      position: index + 1,
      description: line.description,
      quantity: line.quantity,
      unit: line.unit,
      unitPrice: line.unitPrice,
      taxRate: line.taxRate,
      discountPercent: line.discountPercent,
      discountAmount: line.discountAmount,
      netAmount: line.subtotalAfterDiscount,
      taxAmount: line.taxAmount,
      languagePair: languagePairOf(line, language),
    }),
  );
  // Net and VAT per rate from the stored line amounts (the same sums as the stored header).
  const byRate = new Map<string, { taxRate: Decimal; netAmount: Decimal; taxAmount: Decimal }>();
  for (const line of lines) {
    const key = line.taxRate.toFixed(2);
    const rate = byRate.get(key) ?? { taxRate: line.taxRate, netAmount: ZERO, taxAmount: ZERO };
    rate.netAmount = rate.netAmount.plus(line.netAmount);
    rate.taxAmount = rate.taxAmount.plus(line.taxAmount);
    byRate.set(key, rate);
  }
  const view: DocumentView = {
    kind: document.type,
    language,
    number: document.number,
    currency: document.currency,
    issuedDate: document.issuedDate,
    dueDate: document.dueDate,
    validUntil: document.validUntil,
    servicePeriodStart: document.servicePeriodStart,
    servicePeriodEnd: document.servicePeriodEnd,
    company: branding,
    customer,
    reference:
      row.sourceType && (document.type === "credit_note" || document.type === "cancellation")
        ? { kind: row.sourceType, number: row.sourceNumber }
        : null,
    lines: lines.map(({ taxAmount: _taxAmount, ...line }) => line),
    subtotal: toDecimal(document.subtotal),
    discountAmount: toDecimal(document.discountAmount),
    netAmount: toDecimal(document.netAmount),
    taxAmount: toDecimal(document.taxAmount),
    total: toDecimal(document.total),
    vatBreakdown: [...byRate.values()].sort((a, b) => b.taxRate.comparedTo(a.taxRate)),
    paidAmount: toDecimal(document.paidAmount),
    ...payableFigures(document, toDecimal(row.creditedAmount)),
    vatExemption: vatExemptionOf({
      smallBusiness: settings.smallBusiness,
      sellerCountry: settings.country,
      buyerCountry: customer.country,
      buyerVatId: customer.vatId,
      taxRates: lines.map((line) => line.taxRate.toString()),
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
      buyerReference: row.buyerReference,
      electronicAddress: row.buyerElectronicAddress,
      email: row.buyerEmail,
    },
    seller: { contactName: settings.contactName, electronicAddress: settings.electronicAddress },
    reference: row.sourceType
      ? { number: row.sourceNumber, issuedDate: fromDbDate(row.sourceIssuedDate) }
      : null,
    storedPdfId: row.storedPdfId,
  };
}
