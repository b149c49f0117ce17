import { intlLocaleOf } from "./format.ts";
import type { Locale } from "../i18n/locale.ts";
import type { Option } from "./regions.ts";

/**
 * Language names for line items' BCP 47 tags, from Intl in the UI's language: no list of our
 * own. The suggestions are every two-letter language (ISO 639-1) that Intl can name, found by
 * asking it, plus the regional variants people quote most for translation work; any other valid
 * tag may still be typed (the domain's schema checks it with `Intl.getCanonicalLocales`).
 */
const namesCache = new Map<Locale, Intl.DisplayNames>();

function namesOf(locale: Locale): Intl.DisplayNames {
  let names = namesCache.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([intlLocaleOf(locale)], { type: "language", fallback: "none" });
    namesCache.set(locale, names);
  }
  return names;
}

/** "Deutsch (Österreich)" for "de-AT" in German; null when the tag is not valid or unnamed. */
export function languageName(tag: string, locale: Locale): string | null {
  const trimmed = tag.trim();
  if (!trimmed) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(trimmed);
    return canonical ? (namesOf(locale).of(canonical) ?? null) : null;
  } catch {
    return null;
  }
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
/** Regional variants translation work names often (each is checked by Intl like any tag). */
const REGIONAL = [
  "de-AT",
  "de-CH",
  "en-GB",
  "en-US",
  "es-419",
  "fr-CA",
  "pt-BR",
  "zh-Hans",
  "zh-Hant",
];

const suggestionCache = new Map<Locale, Option[]>();

/** Every language Intl names in two letters, plus common regional variants, sorted by name. */
export function languageOptions(locale: Locale): Option[] {
  let options = suggestionCache.get(locale);
  if (!options) {
    const codes: string[] = [];
    for (const first of LETTERS) for (const second of LETTERS) codes.push(first + second);
    const collator = new Intl.Collator(intlLocaleOf(locale));
    options = [...codes, ...REGIONAL]
      .flatMap((code) => {
        const label = languageName(code, locale);
        // Intl answers some unknown codes with the code itself: only real names are offered.
        return label && label.toLowerCase() !== code.toLowerCase() ? [{ value: code, label }] : [];
      })
      .sort((a, b) => collator.compare(a.label, b.label));
    suggestionCache.set(locale, options);
  }
  return options;
}
