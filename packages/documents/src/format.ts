import type { Decimal } from "@ledgerline/domain";
import type { DocumentLanguage } from "./document-view.ts";

/**
 * Numbers and dates as the document's language writes them: German `1.234,50 €` and
 * `03.12.2026`, English `€1,234.50` and `3 Dec 2026`. Decimals reach `Intl.NumberFormat` as
 * strings, which it formats exactly (no float on the way).
 */
const LOCALES: Record<DocumentLanguage, string> = { de: "de-DE", en: "en-GB" };

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: Decimal, currency: string, language: DocumentLanguage): string {
  const key = `${language}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], { style: "currency", currency });
    moneyFormats.set(key, format);
  }
  // `format` takes a decimal string exactly (Intl.NumberFormat v3); TypeScript's lib types lag.
  return format.format(amount.toFixed(2) as unknown as number);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A quantity or rate with as many decimals as it has (at most `maxDecimals`), e.g. `1,5`. */
export function formatNumber(value: Decimal, language: DocumentLanguage, maxDecimals = 3): string {
  const key = `${language}:${maxDecimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: maxDecimals });
    numberFormats.set(key, format);
  }
  return format.format(value.toFixed() as unknown as number);
}

const unitPriceFormats = new Map<string, Intl.NumberFormat>();

/** A unit price: at least two decimals, up to the four the database keeps. */
export function formatUnitPrice(
  amount: Decimal,
  currency: string,
  language: DocumentLanguage,
): string {
  const key = `${language}:${currency}`;
  let format = unitPriceFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], {
      style: "currency",
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 4,
    });
    unitPriceFormats.set(key, format);
  }
  return format.format(amount.toFixed() as unknown as number);
}

export const formatPercent = (value: Decimal, language: DocumentLanguage): string =>
  `${formatNumber(value, language, 2)} %`;

const dateFormats: Record<DocumentLanguage, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat("de-DE", {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "UTC",
  }),
  en: new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }),
};

/** A calendar day (`YYYY-MM-DD`); read as UTC midnight so no time zone moves it. */
export function formatDate(isoDate: string, language: DocumentLanguage): string {
  return dateFormats[language].format(new Date(`${isoDate}T00:00:00.000Z`));
}

/** `DE89 3704 0044 0532 0130 00`: an IBAN in groups of four, as people read it. */
export const formatIban = (iban: string): string =>
  iban
    .replace(/\s+/g, "")
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, "$1 ");
