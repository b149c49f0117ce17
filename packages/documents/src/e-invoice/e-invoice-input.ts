import type { DocumentView } from "../document-view.ts";

/** The e-invoice formats Ledgerline writes: XRechnung 3.0 in both syntaxes, and ZUGFeRD. */
export const E_INVOICE_FORMATS = ["xrechnung-ubl", "xrechnung-cii", "zugferd"] as const;
export type EInvoiceFormat = (typeof E_INVOICE_FORMATS)[number];

/**
 * What an e-invoice needs beyond the printed document: the parties' electronic addresses, the
 * seller's contact (XRechnung BG-6), the buyer reference (BT-10, a public buyer's Leitweg-ID),
 * and the invoice a correction refers to (BT-25/26).
 */
export interface EInvoiceInput {
  view: DocumentView;
  seller: { contactName: string | null; electronicAddress: string | null };
  buyer: { buyerReference: string | null; electronicAddress: string | null; email: string | null };
  precedingInvoice: { number: string | null; issuedDate: string | null } | null;
}

export class EInvoiceDataError extends Error {
  override readonly name = "EInvoiceDataError";
  /** Which settings or customer fields are missing, by field name. */
  readonly missing: readonly string[];

  constructor(missing: readonly string[]) {
    super(`An e-invoice needs: ${missing.join("; ")}.`);
    this.missing = missing;
  }
}
