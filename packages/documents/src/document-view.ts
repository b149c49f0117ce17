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
}

export interface VatBreakdownLine {
  taxRate: Decimal;
  netAmount: Decimal;
  taxAmount: Decimal;
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
  customer: DocumentParty;
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
