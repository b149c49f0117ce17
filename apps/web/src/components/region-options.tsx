import { useI18n } from "../i18n/i18n.tsx";
import { countryOptions, currencyOptions } from "../lib/regions.ts";
import type { TextFieldProps } from "../lib/use-form.ts";
import { SelectField } from "./field.tsx";

/** The required country select of an address; `{...form.fieldProps("country")}`. */
export function CountryField(props: TextFieldProps) {
  const { t } = useI18n();
  return (
    <SelectField label={t("field.country")} required {...props}>
      <CountryOptions value={props.value} />
    </SelectField>
  );
}

/** The required currency select for a default currency; `{...form.fieldProps("defaultCurrency")}`. */
export function CurrencyField(props: TextFieldProps) {
  const { t } = useI18n();
  return (
    <SelectField label={t("field.currency")} required {...props}>
      <CurrencyOptions value={props.value} />
    </SelectField>
  );
}

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

/**
 * <option>s for a currency select: the common ones first, then every ISO 4217 code Intl knows.
 * `exclude`: codes another row already uses (never the select's own value).
 */
export function CurrencyOptions({
  value,
  exclude,
}: {
  value: string;
  exclude?: ReadonlySet<string>;
}) {
  const { t, locale } = useI18n();
  const groups = currencyOptions(locale);
  const known = [...groups.common, ...groups.other].some((option) => option.value === value);
  const offered = (option: { value: string }) =>
    option.value === value || !exclude?.has(option.value);
  return (
    <>
      {!known && value ? <option value={value}>{value}</option> : null}
      {(["common", "other"] as const).map((group) => (
        <optgroup key={group} label={t(`currency.${group}`)}>
          {groups[group].filter(offered).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
