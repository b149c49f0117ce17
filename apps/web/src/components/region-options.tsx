import { useI18n } from "../i18n/i18n.tsx";
import { countryOptions, currencyOptions } from "../lib/regions.ts";

/** <option>s for a country select, named in the active language. */
export function CountryOptions({ value }: { value: string }) {
  const { locale } = useI18n();
  return (
    <>
      {countryOptions(locale, value).map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </>
  );
}

/** <option>s for a currency select: the common ones first, then every ISO 4217 code Intl knows. */
export function CurrencyOptions({ value }: { value: string }) {
  const { t, locale } = useI18n();
  const groups = currencyOptions(locale);
  const known = [...groups.common, ...groups.other].some((option) => option.value === value);
  return (
    <>
      {!known && value ? <option value={value}>{value}</option> : null}
      <optgroup label={t("currency.common")}>
        {groups.common.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </optgroup>
      <optgroup label={t("currency.other")}>
        {groups.other.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </optgroup>
    </>
  );
}
