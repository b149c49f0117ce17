/**
 * The order in which a document's lines are shown and printed (seed 004 §2 "automatic sorting"):
 * as entered (`position`, the default), or by language: items without a target language first,
 * then by item type, then source and target language, the entered order breaking ties. A sales
 * document and an invoice group each choose one (`lineOrder`); it is applied when lines are read
 * for the screen, the PDF and the e-invoice, and never changes the stored positions.
 */
export const LINE_ORDERS = ["position", "language"] as const;
export type LineOrder = (typeof LINE_ORDERS)[number];

/** What the language order looks at. */
export interface LanguageOrderedLine {
  targetLanguage: string | null;
  itemType: string;
  sourceLanguage: string | null;
  position: number;
}

/** Code-point order, so the result is the same on every machine (no locale collation). */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Seed 004's order of items: no target language first, then by item type, then languages. */
export function compareByLanguage(a: LanguageOrderedLine, b: LanguageOrderedLine): number {
  const hasTarget = (line: LanguageOrderedLine) => (line.targetLanguage ? 1 : 0);
  return (
    hasTarget(a) - hasTarget(b) ||
    byCodePoint(a.itemType, b.itemType) ||
    byCodePoint(a.sourceLanguage ?? "", b.sourceLanguage ?? "") ||
    byCodePoint(a.targetLanguage ?? "", b.targetLanguage ?? "") ||
    a.position - b.position
  );
}

const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

/** A copy of `lines` in the chosen order; the lines themselves are not changed. */
export function orderLines<T extends LanguageOrderedLine>(
  lines: readonly T[],
  order: LineOrder,
): T[] {
  return [...lines].sort(order === "language" ? compareByLanguage : byPosition);
}

/** A stored `line_order` (text, checked by the database) as the domain's type. */
export const lineOrderOf = (value: string): LineOrder =>
  value === "language" ? "language" : "position";
