import { LOCALES, type Locale } from "@ledgerline/domain";

export { LOCALES, type Locale };

export const isLocale = (value: unknown): value is Locale =>
  typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/** German for browsers that ask for German first (de, de-AT, de-CH …); English for everyone else. */
export function localeFromBrowser(languages: readonly string[]): Locale {
  const first = languages[0]?.toLowerCase() ?? "";
  return first === "de" || first.startsWith("de-") ? "de" : "en";
}

/**
 * The language to start in: the signed-in user's stored choice, else the choice made on this
 * device (before signing in), else the browser's language.
 */
export function resolveLocale(options: {
  userLocale?: string | null;
  storedLocale?: string | null;
  browserLanguages: readonly string[];
}): Locale {
  if (isLocale(options.userLocale)) return options.userLocale;
  if (isLocale(options.storedLocale)) return options.storedLocale;
  return localeFromBrowser(options.browserLanguages);
}
