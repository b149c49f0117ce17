import { useI18n } from "../i18n/i18n.tsx";
import type { TextFieldProps } from "../lib/use-form.ts";
import { TextField } from "./field.tsx";
import { CountryField } from "./region-options.tsx";

type AddressFieldName = "street" | "postalCode" | "city" | "country";

/**
 * Street, postal code, city and country, laid out for a `form-grid`: the same four fields for
 * customers, suppliers and the company's own address. `fieldProps` is the form's.
 */
export function AddressFields({
  fieldProps,
}: {
  fieldProps: (name: AddressFieldName) => TextFieldProps;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField label={t("field.street")} fieldClassName="span-2" {...fieldProps("street")} />
      <TextField label={t("field.postalCode")} {...fieldProps("postalCode")} />
      <TextField label={t("field.city")} {...fieldProps("city")} />
      <CountryField {...fieldProps("country")} />
    </>
  );
}
