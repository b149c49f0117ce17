import type { Decimal } from "@ledgerline/domain";
import type { Locale } from "../i18n/locale.ts";

/**
 * Numbers, money and dates for people, through Intl with the active UI language. German uses
 * de-DE (1.234,50 € · 21.11.2026); English uses en-GB (€1,234.50 · 21/11/2026), the
 * day-month-year order our European customers read without thinking.
 */
const INTL_LOCALES: Record<Locale, string> = { de: "de-DE", en: "en-GB" };

export const intlLocaleOf = (locale: Locale): string => INTL_LOCALES[locale];

/**
 * A Decimal as the browser receives it (the transformer revives decimal.js instances; Prisma
 * types them as its own copy of decimal.js), or an exact decimal string. Never a number.
 */
export type DecimalValue = Pick<Decimal, "toFixed" | "decimalPlaces"> | string;

const DECIMAL_STRING = /^[+-]?\d+(\.\d+)?$/;

/** An amount as a plain decimal string ("1234.50"), taken from a Decimal without a float. */
export function decimalString(amount: DecimalValue): `${number}` {
  // decimal.js's toFixed() without arguments never uses exponent notation.
  const text = typeof amount === "string" ? amount.trim() : amount.toFixed();
  if (!DECIMAL_STRING.test(text)) throw new RangeError(`Not a decimal amount: "${text}"`);
  return text as `${number}`;
}

const moneyFormatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats an amount of money. Intl.NumberFormat formats a decimal string exactly (no rounding
 * through a double), so 12345678901.23 and amounts far beyond 2^53 keep every digit.
 */
export function formatMoney(amount: DecimalValue, currency: string, locale: Locale): string {
  const key = `${locale}|${currency}`;
  let formatter = moneyFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(INTL_LOCALES[locale], { style: "currency", currency });
    moneyFormatters.set(key, formatter);
  }
  return formatter.format(decimalString(amount));
}

/** A plain number (counts, rates): 1.234,5 in German, 1,234.5 in English. */
export function formatNumber(
  value: number | DecimalValue,
  locale: Locale,
  options: Intl.NumberFormatOptions = {},
): string {
  const exact = typeof value === "number" ? value : decimalString(value);
  return new Intl.NumberFormat(INTL_LOCALES[locale], options).format(exact);
}

const DATE_OPTIONS: Intl.DateTimeFormatOptions = {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
};

/**
 * A date. `calendarDate` is for date-only columns (a project's start), which arrive as midnight
 * UTC: they are shown in UTC so that nobody west of Greenwich sees the day before.
 */
export function formatDate(
  value: Date | string,
  locale: Locale,
  options: { calendarDate?: boolean } = {},
): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], {
    ...DATE_OPTIONS,
    ...(options.calendarDate ? { timeZone: "UTC" } : {}),
  }).format(date);
}

/** A moment: 21.11.2026, 14:05 in German, 21/11/2026, 14:05 in English. */
export function formatDateTime(value: Date | string, locale: Locale, timeZone?: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], {
    ...DATE_OPTIONS,
    hour: "2-digit",
    minute: "2-digit",
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}
