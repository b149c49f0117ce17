import type { Locale } from "./schemas/access.ts";

/**
 * Numbers as a person of a locale types and reads them, turned into the exact decimal strings
 * the schemas take ("1234.50") and back. Pure string work: no float, no Intl (whose grouping
 * differs between runtimes and would make the round trip depend on the browser).
 *
 * The rule (docs/domain-model.md §3a):
 * - German: "," separates decimals, "." groups thousands. English: "." and ",".
 * - Grouping is optional ("1234,50" = "1.234,50"), but where it is used it must be valid:
 *   one to three digits, then groups of exactly three ("1.234.567"), and only before the
 *   decimal separator.
 * - A lone separator that could be either ("1.234" in German, "1,234" in English) is read as
 *   the locale reads it: a thousands separator. The input shows what it understood
 *   ("1.234,00") as soon as it is left, so the reading is never silent.
 * - Anything else with the other locale's decimal separator ("12.50" or "1.234,50" in English
 *   typed into the German screen) is refused, with the locale's spelling as a suggestion when
 *   swapping the two separators gives one ("12,50"). We never guess a decimal point in German:
 *   a wrong guess stores an amount a thousand times too small or too large.
 * - An optional leading minus ("-" or "−"); spaces around are ignored, spaces inside refuse.
 */
export interface NumberSeparators {
  decimal: string;
  group: string;
}

export const NUMBER_SEPARATORS: Record<Locale, NumberSeparators> = {
  de: { decimal: ",", group: "." },
  en: { decimal: ".", group: "," },
};

export type LocaleDecimalProblem =
  /** Nothing typed (blank): the field decides whether that is allowed. */
  | "empty"
  /** The other locale's decimal separator; `suggestion` is the same number spelt this locale's way. */
  | "decimalSeparator"
  /** Thousands separators in the wrong places ("1.23.4", "12.34,5"). */
  | "grouping"
  /** Not a number at all ("abc", "1e5", "12 €"). */
  | "format";

export type LocaleDecimalReading =
  { ok: true; value: string } | { ok: false; problem: LocaleDecimalProblem; suggestion?: string };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface Grammar {
  /** Digits with or without valid grouping, then an optional fraction. */
  number: RegExp;
}

const grammars = new Map<Locale, Grammar>();

function grammarOf(locale: Locale): Grammar {
  let grammar = grammars.get(locale);
  if (!grammar) {
    const { decimal, group } = NUMBER_SEPARATORS[locale];
    const g = escape(group);
    const d = escape(decimal);
    // Whole part: plain digits, or 1-3 digits then groups of three; a fraction may follow
    // (also without a whole part: ",5"); a trailing separator alone ("12,") is taken as 12.
    grammar = {
      number: new RegExp(`^(?:(\\d+|\\d{1,3}(?:${g}\\d{3})+)(?:${d}(\\d*))?|${d}(\\d+))$`),
    };
    grammars.set(locale, grammar);
  }
  return grammar;
}

/** The canonical decimal string: no leading zeros, no "-0", the fraction exactly as typed. */
function canonical(negative: boolean, whole: string, fraction: string): string {
  const digits = whole.replace(/^0+(?=\d)/, "") || "0";
  const text = fraction ? `${digits}.${fraction}` : digits;
  const isZero = /^[0.]+$/.test(text);
  return negative && !isZero ? `-${text}` : text;
}

function readUnsigned(body: string, locale: Locale): { whole: string; fraction: string } | null {
  const match = grammarOf(locale).number.exec(body);
  if (!match) return null;
  if (match[3] !== undefined) return { whole: "0", fraction: match[3] };
  const { group } = NUMBER_SEPARATORS[locale];
  return { whole: match[1]!.split(group).join(""), fraction: match[2] ?? "" };
}

const OTHER_LOCALE: Record<Locale, Locale> = { de: "en", en: "de" };

/** Reads what a person of `locale` typed as an exact decimal string ("1.234,50" -> "1234.50"). */
export function parseLocaleDecimal(text: string, locale: Locale): LocaleDecimalReading {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, problem: "empty" };
  const negative = /^[-−]/.test(trimmed);
  const body = negative ? trimmed.slice(1) : trimmed;
  const read = readUnsigned(body, locale);
  if (read) return { ok: true, value: canonical(negative, read.whole, read.fraction) };

  if (!/^[\d.,]+$/.test(body) || !/\d/.test(body)) return { ok: false, problem: "format" };
  // Only digits and separators, but not this locale's way: does it read the other locale's way?
  const { decimal } = NUMBER_SEPARATORS[OTHER_LOCALE[locale]];
  if (body.includes(decimal) && readUnsigned(body, OTHER_LOCALE[locale])) {
    const swapped = body.replace(/[.,]/g, (separator) => (separator === "." ? "," : "."));
    return {
      ok: false,
      problem: "decimalSeparator",
      suggestion: `${negative ? "-" : ""}${swapped}`,
    };
  }
  return { ok: false, problem: "grouping" };
}

export interface LocaleDecimalFormat {
  /** Pads the fraction to at least this many places ("12" -> "12,00" with 2). */
  minPlaces?: number;
  /** Thousands separators (default true). */
  grouping?: boolean;
}

const DECIMAL_STRING = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * An exact decimal string ("1234.5") as a person of `locale` reads it ("1.234,5"); never rounds:
 * the fraction keeps all its digits and is only padded to `minPlaces`.
 */
export function formatLocaleDecimal(
  value: string,
  locale: Locale,
  { minPlaces = 0, grouping = true }: LocaleDecimalFormat = {},
): string {
  const match = DECIMAL_STRING.exec(value.trim());
  if (!match) throw new RangeError(`Not a decimal string: "${value}"`);
  const [, sign, whole, fraction = ""] = match;
  const { decimal, group } = NUMBER_SEPARATORS[locale];
  const digits = whole!.replace(/^0+(?=\d)/, "");
  const grouped = grouping ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, group) : digits;
  const places = fraction.length >= minPlaces ? fraction : fraction.padEnd(minPlaces, "0");
  return `${sign}${grouped}${places ? `${decimal}${places}` : ""}`;
}

export type LocaleWholeNumberProblem =
  | LocaleDecimalProblem
  /** A number with a fraction ("1,5" in German, "1.5" in English) where only whole ones fit. */
  | "fraction"
  /** More digits than a JavaScript number holds exactly (beyond 9.007.199.254.740.991). */
  | "tooLarge";

export type LocaleWholeNumberReading =
  { ok: true; value: number } | { ok: false; problem: LocaleWholeNumberProblem };

/**
 * Reads a whole number (days, units, percentages of progress) as a person of `locale` types it,
 * by the same rule as `parseLocaleDecimal`: "1.000" is one thousand in German, "1,000" in
 * English. A fraction is refused, even ",0", and so is the other locale's decimal separator
 * ("1.5" in German): both say the person meant something other than a count, and guessing would
 * store a number a thousand times off or cut one short. The value is an exact JavaScript
 * integer; bounds (at least 1, at most 365) are the schema's.
 */
export function parseLocaleWholeNumber(text: string, locale: Locale): LocaleWholeNumberReading {
  const reading = parseLocaleDecimal(text, locale);
  if (!reading.ok) {
    // "1.5" typed into the German screen: a fraction spelt the other locale's way.
    return {
      ok: false,
      problem: reading.problem === "decimalSeparator" ? "fraction" : reading.problem,
    };
  }
  const { decimal } = NUMBER_SEPARATORS[locale];
  if (text.includes(decimal) || reading.value.includes("."))
    return { ok: false, problem: "fraction" };
  const value = Number(reading.value);
  if (!Number.isSafeInteger(value)) return { ok: false, problem: "tooLarge" };
  // -0 is 0 (canonical() already spells "-0" as "0").
  return { ok: true, value: value === 0 ? 0 : value };
}

/** A whole number as a person of `locale` reads it: 1000 -> "1.000" (de), "1,000" (en). */
export function formatLocaleWholeNumber(value: number, locale: Locale): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a whole number: ${value}`);
  return formatLocaleDecimal(String(value), locale);
}
