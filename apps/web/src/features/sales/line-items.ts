import {
  computeDocumentTotals,
  lineDiscountPercentSchema,
  lineQuantitySchema,
  lineTaxRateSchema,
  lineUnitPriceSchema,
  type DocumentTotals,
  type LineAmounts,
  type LineItemInput,
  type LineItemType,
  type Locale,
} from "@ledgerline/domain";
import { decimalOfText, decimalText } from "../../lib/decimal-entry.ts";
import { decimalString, type DecimalValue } from "../../lib/format.ts";
import { draftKey, textOf } from "../../lib/form-values.ts";

/**
 * The line items of a document form: what the inputs hold (text), how that becomes the domain
 * schema's input, and the live totals computed while typing with the domain's own
 * `computeDocumentTotals`, the function the server stores totals with. Numbers are held as the
 * person typed them in the UI's locale ("1.234,50") and read with the domain's
 * `parseLocaleDecimal`; they never pass through a JavaScript number.
 */
export interface LineDraft {
  /** React's key: the id for stored lines, a draft key for new ones. */
  key: string;
  /** A stored line of the draft, kept so its links (source line, billed expense) survive. */
  id?: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  taxRate: string;
  discountPercent: string;
  /** Seed 004's item type and BCP 47 languages, edited in the line's second row. */
  itemType: LineItemType;
  sourceLanguage: string;
  targetLanguage: string;
}

/** The line's item fields (seed 004 §2): its type and its language pair. */
export type LineItemField = "itemType" | "sourceLanguage" | "targetLanguage";

export const LINE_ITEM_FIELDS: readonly LineItemField[] = [
  "itemType",
  "sourceLanguage",
  "targetLanguage",
];

/** The text fields of a line a person edits. */
export type LineField =
  "description" | "quantity" | "unit" | "unitPrice" | "taxRate" | "discountPercent";

export const LINE_FIELDS: readonly LineField[] = [
  "description",
  "quantity",
  "unit",
  "unitPrice",
  "taxRate",
  "discountPercent",
];

/** A new line; `defaultTaxRate` as the locale writes it ("7,5"). */
export const emptyLine = (defaultTaxRate: string): LineDraft => ({
  key: draftKey(),
  description: "",
  quantity: "1",
  unit: "",
  unitPrice: "",
  taxRate: defaultTaxRate,
  discountPercent: "0",
  itemType: "other",
  sourceLanguage: "",
  targetLanguage: "",
});

/**
 * A stored decimal as a person reads it in an input: trailing zeros after the point go
 * ("2.000" -> "2", "19.00" -> "19", "7.50" -> "7.5"), except that `minPlaces` are kept
 * ("85.0000" with 2 -> "85.00").
 */
export function decimalInputText(value: DecimalValue | null | undefined, minPlaces = 0): string {
  if (value === null || value === undefined) return "";
  const text = decimalString(value);
  const [whole, fraction = ""] = text.split(".");
  let places = fraction.replace(/0+$/, "");
  if (places.length < minPlaces) places = places.padEnd(minPlaces, "0");
  return places ? `${whole}.${places}` : whole!;
}

/** A stored line (as the API returns it) for the form, its numbers spelt the locale's way. */
export function lineDraftOf(
  line: {
    id: string;
    description: string;
    quantity: DecimalValue;
    unit: string | null;
    unitPrice: DecimalValue;
    taxRate: DecimalValue;
    discountPercent: DecimalValue;
    itemType: LineItemType;
    sourceLanguage: string | null;
    targetLanguage: string | null;
  },
  locale: Locale,
): LineDraft {
  return {
    key: line.id,
    id: line.id,
    description: line.description,
    quantity: decimalText(line.quantity, locale, "quantity"),
    unit: textOf(line.unit),
    unitPrice: decimalText(line.unitPrice, locale, "amount"),
    taxRate: decimalText(line.taxRate, locale, "percent"),
    discountPercent: decimalText(line.discountPercent, locale, "percent"),
    itemType: line.itemType,
    sourceLanguage: textOf(line.sourceLanguage),
    targetLanguage: textOf(line.targetLanguage),
  };
}

/** A line as `lineItemInputSchema` takes it (its transforms turn "" into null). */
export function lineInputOf(line: LineDraft, locale: Locale): LineItemInput {
  return {
    ...(line.id ? { id: line.id } : {}),
    description: line.description,
    quantity: decimalOfText(line.quantity, locale),
    unit: line.unit,
    unitPrice: decimalOfText(line.unitPrice, locale),
    taxRate: decimalOfText(line.taxRate, locale),
    // An empty discount is no discount, not a mistake.
    discountPercent: decimalOfText(line.discountPercent, locale) || "0",
    itemType: line.itemType,
    sourceLanguage: line.sourceLanguage,
    targetLanguage: line.targetLanguage,
  };
}

/** The line's numbers as the totals take them, or null when one of them is not valid yet. */
export function lineAmountsInputOf(line: LineDraft, locale: Locale) {
  const input = lineInputOf(line, locale);
  const quantity = lineQuantitySchema.safeParse(input.quantity);
  const unitPrice = lineUnitPriceSchema.safeParse(input.unitPrice);
  const taxRate = lineTaxRateSchema.safeParse(input.taxRate);
  const discountPercent = lineDiscountPercentSchema.safeParse(input.discountPercent);
  if (!quantity.success || !unitPrice.success || !taxRate.success || !discountPercent.success) {
    return null;
  }
  return {
    quantity: quantity.data,
    unitPrice: unitPrice.data,
    taxRate: taxRate.data,
    discountPercent: discountPercent.data,
  };
}

export interface LiveTotals {
  /** Per line, in order: its amounts, or null when its numbers are not valid (left out). */
  lines: (LineAmounts | null)[];
  /** The document's totals over the valid lines. */
  totals: DocumentTotals;
  /** How many lines were left out because a number is not valid. */
  skipped: number;
}

/** The totals a person sees while typing: the domain's rule over every line that is valid. */
export function computeLiveTotals(lines: readonly LineDraft[], locale: Locale): LiveTotals {
  const inputs = lines.map((line) => lineAmountsInputOf(line, locale));
  const valid = inputs.filter((input): input is NonNullable<typeof input> => input !== null);
  const totals = computeDocumentTotals(valid);
  let next = 0;
  return {
    lines: inputs.map((input) => (input === null ? null : totals.lines[next++]!)),
    totals,
    skipped: inputs.length - valid.length,
  };
}

/** The list with the line at `from` moved to `to` (both within the list), or the same list. */
export function moveLine<T>(lines: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= lines.length || to >= lines.length) {
    return [...lines];
  }
  const next = [...lines];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}
