import { isCurrencyCode } from "@ledgerline/domain";
import { intlLocaleOf } from "./format.ts";
import type { Locale } from "../i18n/locale.ts";

/** ISO 3166-1 alpha-2 codes; names come from Intl in the active language. */
const COUNTRY_CODES = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
  "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
  "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
  "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
  "UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW"
).split(" ");

/** The currencies agencies here invoice in most; the rest follow alphabetically. */
export const COMMON_CURRENCIES = ["EUR", "CHF", "GBP", "USD", "PLN", "CZK", "DKK", "SEK", "NOK"];

export interface Option {
  value: string;
  label: string;
}

const sortByLabel = (locale: Locale) => {
  const collator = new Intl.Collator(intlLocaleOf(locale));
  return (a: Option, b: Option) => collator.compare(a.label, b.label);
};

const countryCache = new Map<Locale, Option[]>();

/** Every country as "Germany" / "Deutschland", sorted by name; `extra` keeps an unknown stored code. */
export function countryOptions(locale: Locale, extra?: string | null): Option[] {
  let options = countryCache.get(locale);
  if (!options) {
    const names = new Intl.DisplayNames([intlLocaleOf(locale)], {
      type: "region",
      fallback: "code",
    });
    options = COUNTRY_CODES.map((code) => ({ value: code, label: names.of(code) ?? code })).sort(
      sortByLabel(locale),
    );
    countryCache.set(locale, options);
  }
  if (extra && !COUNTRY_CODES.includes(extra)) return [{ value: extra, label: extra }, ...options];
  return options;
}

export function countryName(code: string, locale: Locale): string {
  return (
    new Intl.DisplayNames([intlLocaleOf(locale)], { type: "region", fallback: "code" }).of(code) ??
    code
  );
}

const currencyCache = new Map<Locale, { common: Option[]; other: Option[] }>();

/** Currencies as "EUR – Euro", the common ones first; exactly the codes `isCurrencyCode` accepts. */
export function currencyOptions(locale: Locale): { common: Option[]; other: Option[] } {
  let groups = currencyCache.get(locale);
  if (!groups) {
    const names = new Intl.DisplayNames([intlLocaleOf(locale)], {
      type: "currency",
      fallback: "code",
    });
    const option = (code: string) => ({
      value: code,
      label: `${code} – ${names.of(code) ?? code}`,
    });
    // Only what the API takes: amounts have cents, so JPY (none) and KWD (three) are not offered.
    const all = Intl.supportedValuesOf("currency").filter(isCurrencyCode);
    groups = {
      common: COMMON_CURRENCIES.filter((code) => all.includes(code)).map(option),
      other: all.filter((code) => !COMMON_CURRENCIES.includes(code)).map(option),
    };
    currencyCache.set(locale, groups);
  }
  return groups;
}
