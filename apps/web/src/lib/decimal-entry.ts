import {
  formatLocaleDecimal,
  formatLocaleWholeNumber,
  parseLocaleDecimal,
  parseLocaleWholeNumber,
  type Locale,
  type LocaleDecimalReading,
  type LocaleWholeNumberReading,
} from "@ledgerline/domain";
import type { MessageKey } from "../i18n/en.ts";
import { decimalString, type DecimalValue } from "./format.ts";

/**
 * Numbers typed into forms. A form holds what the person typed, in their language ("1.234,50");
 * `decimalOfText` hands the schema the exact decimal string ("1234.50") the domain's
 * `parseLocaleDecimal` reads from it, and `decimalText` pre-fills an input the locale's way.
 */
export type DecimalKind = "amount" | "quantity" | "percent";

/** Amounts show their cents; quantities and rates only the places they have. */
export const MIN_PLACES: Record<DecimalKind, number> = { amount: 2, quantity: 0, percent: 0 };

/**
 * What the schema gets for text that is no number in the locale: a string every decimal schema
 * refuses. `useSchemaForm` finds it in the input and shows the locale's reason instead of the
 * schema's message ("write 12,50"), so a wrong separator never reaches the server as a number.
 */
export const UNREADABLE_DECIMAL = "unreadable-decimal";

/** The schema's input for a typed number: the decimal string, "" when blank, else UNREADABLE_DECIMAL. */
export function decimalOfText(text: string, locale: Locale): string {
  const reading = parseLocaleDecimal(text, locale);
  if (reading.ok) return reading.value;
  return reading.problem === "empty" ? "" : UNREADABLE_DECIMAL;
}

/** A stored decimal as an input shows it: "1234.5" -> "1.234,50" (amount, de) or "7,5" (percent). */
export function decimalText(
  value: DecimalValue | null | undefined,
  locale: Locale,
  kind: DecimalKind,
): string {
  if (value === null || value === undefined) return "";
  const text = decimalString(value);
  const [whole, fraction = ""] = text.split(".");
  // Stored numerics carry trailing zeros ("2.000", "19.00"); a person reads "2" and "19".
  const trimmed = fraction.replace(/0+$/, "");
  const exact = trimmed ? `${whole}.${trimmed}` : whole!;
  return formatLocaleDecimal(exact, locale, { minPlaces: MIN_PLACES[kind] });
}

/** Re-spells typed text in the locale's canonical form ("1234,5" -> "1.234,50"), or null if unreadable. */
export function tidyDecimalText(text: string, locale: Locale, kind: DecimalKind): string | null {
  const reading = parseLocaleDecimal(text, locale);
  if (!reading.ok) return null;
  return formatLocaleDecimal(reading.value, locale, { minPlaces: MIN_PLACES[kind] });
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Why typed text is no number in the locale, in the UI's language; undefined when it is one (or blank). */
export function decimalProblemMessage(
  reading: LocaleDecimalReading,
  locale: Locale,
  t: Translate,
): string | undefined {
  if (reading.ok || reading.problem === "empty") return undefined;
  const example = formatLocaleDecimal("1234.5", locale, { minPlaces: 2 });
  switch (reading.problem) {
    case "decimalSeparator":
      return t("number.decimalSeparator", { suggestion: reading.suggestion ?? "", example });
    case "grouping":
      return t("number.grouping", { example });
    default:
      return t("number.format", { example });
  }
}

/**
 * The schema's input for a typed whole number ("1.000" in German -> 1000): NaN when blank or
 * unreadable, so the schema refuses it; the field itself says why (`wholeNumberProblemMessage`).
 */
export function wholeNumberOfText(text: string, locale: Locale): number {
  const reading = parseLocaleWholeNumber(text, locale);
  return reading.ok ? reading.value : Number.NaN;
}

/** An optional whole number: blank is none (null); unreadable text is NaN. */
export function optionalWholeNumberOfText(text: string, locale: Locale): number | null {
  return text.trim() === "" ? null : wholeNumberOfText(text, locale);
}

/** A stored whole number as an input shows it: 1000 -> "1.000" (de); none -> "". */
export function wholeNumberText(value: number | null | undefined, locale: Locale): string {
  return value === null || value === undefined ? "" : formatLocaleWholeNumber(value, locale);
}

/** Why typed text is no whole number in the locale, in the UI's language; undefined when it is one (or blank). */
export function wholeNumberProblemMessage(
  reading: LocaleWholeNumberReading,
  locale: Locale,
  t: Translate,
): string | undefined {
  if (reading.ok || reading.problem === "empty") return undefined;
  const example = formatLocaleWholeNumber(1000, locale);
  switch (reading.problem) {
    case "fraction":
      return t("number.wholeOnly", { example });
    case "grouping":
      return t("number.grouping", { example });
    default:
      return t("number.wholeFormat", { example });
  }
}
