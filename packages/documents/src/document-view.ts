import type { Decimal, SalesDocumentType, VatExemption } from "@ledgerline/domain";

export type { VatExemption };

/**
 * Everything a printed document shows, already read and computed: the template only lays it
 * out. Money is Decimal (never a float); dates are calendar days (`YYYY-MM-DD`). Built from the
 * database by `@ledgerline/services` (`loadSalesDocumentForPrint`), from test data by the tests.
 */

/** The sales family, plus the printed kinds that have no table of their own yet. */
export type PrintableDocumentKind =
  SalesDocumentType | "purchase_order" | "invoice_group" | "reminder";

export type DocumentLanguage = "de" | "en";

export interface PostalAddress {
  street: string | null;
  postalCode: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface DocumentParty extends PostalAddress {
  name: string;
  vatId: string | null;
}

/** The company as it prints itself: settings, with the logo already read from the file store. */
export interface CompanyBranding extends DocumentParty {
  taxNumber: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  bankName: string | null;
  iban: string | null;
  bic: string | null;
  /** A `data:` URL (PNG, JPEG or SVG), inlined so rendering never waits for the network. */
  logoDataUrl: string | null;
  /** Free text under the document (register court, managing directors, …). */
  footer: string | null;
}

export interface DocumentLineView {
  position: number;
  description: string;
  quantity: Decimal;
  unit: string | null;
  unitPrice: Decimal;
  /** Percent. */
  taxRate: Decimal;
  /** Percent; zero for none. */
  discountPercent: Decimal;
  /** The line's discount in money (quantity × price, rounded, minus netAmount). */
  discountAmount: Decimal;
  /** Net after the line's discount. */
  netAmount: Decimal;
  /**
   * Seed 004's language pair of the line as its reader reads it ("Englisch → Deutsch"), named in
   * the document's language; null or absent when the line has no languages.
   */
  languagePair?: string | null;
}

export interface VatBreakdownLine {
  taxRate: Decimal;
  netAmount: Decimal;
  taxAmount: Decimal;
}

/** The purchase order's own facts (kind `purchase_order`). */
export interface PurchaseOrderFacts {
  project: { number: string | null; name: string };
  type: "translation" | "dtp" | "disbursement";
  /** BCP 47 (e.g. `de-DE`); printed as the language's name. */
  targetLanguage: string | null;
}

/** One invoice of an invoice group, as the statement lists it. */
export interface StatementInvoiceView {
  number: string | null;
  issuedDate: string | null;
  /** The job's (project's) title; null when the group does not print job titles. */
  jobTitle: string | null;
  netAmount: Decimal;
  taxAmount: Decimal;
  total: Decimal;
  /** The invoice's word rates (its lines' unit prices); empty unless the group prints them. */
  rates: ReadonlyArray<{
    description: string;
    sourceLanguage: string | null;
    targetLanguage: string | null;
    unitPrice: Decimal;
    unit: string | null;
  }>;
}

/**
 * An invoice group's statement (kind `invoice_group`): its invoices take the place of the line
 * table. `invoices` is null when the group prints no invoice list (`includeInvoices` off): one
 * summary line with the count and sums instead.
 */
export interface StatementView {
  invoiceCount: number;
  invoices: readonly StatementInvoiceView[] | null;
  showJobTitles: boolean;
}

export interface DocumentView {
  kind: PrintableDocumentKind;
  language: DocumentLanguage;
  /** Null for a draft (printed as "Entwurf"/"Draft"). */
  number: string | null;
  currency: string;
  issuedDate: string | null;
  dueDate: string | null;
  validUntil: string | null;
  servicePeriodStart: string | null;
  servicePeriodEnd: string | null;
  company: CompanyBranding;
  /** The recipient: the customer, or a purchase order's supplier. */
  customer: DocumentParty;
  /** The purchase order's project, type and target language (kind `purchase_order` only). */
  purchaseOrder?: PurchaseOrderFacts;
  /** An invoice group's invoices, listed instead of `lines` (kind `invoice_group` only). */
  statement?: StatementView;
  /**
   * `itemised` (default): VAT column, net and VAT per rate. `none`: the document carries no VAT
   * (a purchase order: its amounts are net, and it says so); no VAT column or breakdown.
   */
  vatMode?: "itemised" | "none";
  /**
   * What is still owed, the figure "amount due" and the GiroCode ask for: an invoice's
   * `invoiceOpenAmount` (total − credited − paid, never below 0, nothing once cancelled), a
   * group's the sum over its invoices (`invoiceGroupTotalsOf`); 0 for what is not paid to us.
   */
  openAmount: Decimal;
  /** Taken off by issued credit notes (an invoice's, a group's invoices'); else 0. */
  creditedAmount: Decimal;
  /** The document this one refers to (the invoice a credit note or cancellation corrects). */
  reference: { kind: PrintableDocumentKind; number: string | null } | null;
  lines: readonly DocumentLineView[];
  subtotal: Decimal;
  discountAmount: Decimal;
  netAmount: Decimal;
  taxAmount: Decimal;
  total: Decimal;
  vatBreakdown: readonly VatBreakdownLine[];
  /** Received so far (invoices); the rest is what the GiroCode asks for. */
  paidAmount: Decimal;
  vatExemption: VatExemption | null;
  notes: string | null;
  terms: string | null;
  /** Diagonal text over every page ("ENTWURF", "KOPIE"); null for none. */
  watermark: string | null;
}
