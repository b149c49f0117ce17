import { isIsoDate, type IsoDate } from "./calendar-date.ts";
import type { Locale } from "./schemas/access.ts";

/**
 * Calendar dates as a person of a locale types and reads them: German `21.11.2026`, English
 * (en-GB, the format the screens show) `21/11/2026`. Day and month may have one digit
 * (`1.2.2026`), a two-digit year means this century (`1.2.26` -> 2026-02-01), and the ISO form
 * `2026-11-21` is taken in both languages (pasted from a system). Nothing else: a US-style
 * month-first date cannot be told from a European one, so only the locale's order is read.
 */
const SEPARATOR: Record<Locale, string> = { de: ".", en: "/" };

export type LocaleDateReading =
  { ok: true; value: IsoDate } | { ok: false; problem: "empty" | "format" | "noSuchDate" };

export function parseLocaleDate(text: string, locale: Locale): LocaleDateReading {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, problem: "empty" };
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    return isIsoDate(trimmed) ? { ok: true, value: trimmed } : { ok: false, problem: "noSuchDate" };
  }
  const separator = SEPARATOR[locale] === "." ? "\\." : "/";
  const match = new RegExp(`^(\\d{1,2})${separator}(\\d{1,2})${separator}(\\d{2}|\\d{4})$`).exec(
    trimmed,
  );
  if (!match) return { ok: false, problem: "format" };
  const [, day, month, year] = match;
  const fullYear = year!.length === 2 ? `20${year}` : year!;
  const iso = `${fullYear}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
  return isIsoDate(iso) ? { ok: true, value: iso } : { ok: false, problem: "noSuchDate" };
}

/** An ISO calendar date as the locale writes it (2026-11-21 -> 21.11.2026 / 21/11/2026). */
export function formatLocaleDate(value: IsoDate, locale: Locale): string {
  if (!isIsoDate(value)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${value}".`);
  const [year, month, day] = value.split("-");
  const separator = SEPARATOR[locale];
  return `${day}${separator}${month}${separator}${year}`;
}

/** How the locale writes a date, for placeholders and messages. */
export const LOCALE_DATE_PATTERN: Record<Locale, string> = { de: "TT.MM.JJJJ", en: "DD/MM/YYYY" };
