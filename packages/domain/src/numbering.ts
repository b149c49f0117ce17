/**
 * Document numbers: `<PREFIX>-<YYYY>-<NNNN>`, one gapless range per type and year, given when a
 * document is issued (a draft has none). Prefixes are company settings; these are the defaults.
 */
export const DOCUMENT_NUMBER_TYPES = [
  "invoice",
  "quote",
  "order_confirmation",
  "sales_order",
  "pro_forma",
  "credit_note",
  "cancellation",
  "purchase_order",
  "invoice_group",
] as const;
export type DocumentNumberType = (typeof DOCUMENT_NUMBER_TYPES)[number];

export const DEFAULT_NUMBER_PREFIXES: Record<DocumentNumberType, string> = {
  invoice: "RE",
  quote: "AN",
  order_confirmation: "AB",
  sales_order: "SO",
  pro_forma: "PF",
  credit_note: "GS",
  cancellation: "ST",
  purchase_order: "BE",
  invoice_group: "SR",
};

/** At least four digits; a year with more than 9,999 documents simply grows a digit. */
export function formatDocumentNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(4, "0")}`;
}

export function parseDocumentNumber(
  number: string,
): { prefix: string; year: number; sequence: number } | null {
  const match = /^([A-Z]{1,6})-(\d{4})-(\d{4,})$/.exec(number);
  if (!match) return null;
  return { prefix: match[1]!, year: Number(match[2]), sequence: Number(match[3]) };
}
