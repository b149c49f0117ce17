import type { DocumentLanguage, PrintableDocumentKind } from "./document-view.ts";

/**
 * Title and colour of each printed kind. Invoice, quote, credit note and order confirmation
 * are seed 000's (§8, "Document Type Configurations"); the others are chosen to be told apart
 * at a glance from those four and from each other.
 */
export const DOCUMENT_KIND_STYLES: Record<
  PrintableDocumentKind,
  { title: Record<DocumentLanguage, string>; color: string }
> = {
  invoice: { title: { de: "RECHNUNG", en: "INVOICE" }, color: "#ff9100" },
  quote: { title: { de: "ANGEBOT", en: "QUOTE" }, color: "#008cff" },
  credit_note: { title: { de: "GUTSCHRIFT", en: "CREDIT NOTE" }, color: "#5dcc5d" },
  order_confirmation: {
    title: { de: "AUFTRAGSBESTÄTIGUNG", en: "ORDER CONFIRMATION" },
    color: "#9933ff",
  },
  sales_order: { title: { de: "AUFTRAG", en: "SALES ORDER" }, color: "#00a3a3" },
  pro_forma: { title: { de: "PROFORMA-RECHNUNG", en: "PRO FORMA INVOICE" }, color: "#607d8b" },
  cancellation: { title: { de: "STORNORECHNUNG", en: "CANCELLATION INVOICE" }, color: "#e53935" },
  purchase_order: { title: { de: "BESTELLUNG", en: "PURCHASE ORDER" }, color: "#795548" },
  invoice_group: { title: { de: "SAMMELRECHNUNG", en: "COLLECTIVE INVOICE" }, color: "#c2185b" },
  reminder: { title: { de: "ZAHLUNGSERINNERUNG", en: "PAYMENT REMINDER" }, color: "#b71c1c" },
};

/** Kinds that are invoices in the sense of §14 UStG (they must carry everything it lists). */
export const TAX_INVOICE_KINDS: readonly PrintableDocumentKind[] = [
  "invoice",
  "credit_note",
  "cancellation",
  "invoice_group",
];

export const isTaxInvoiceKind = (kind: PrintableDocumentKind): boolean =>
  TAX_INVOICE_KINDS.includes(kind);
