import { useI18n } from "../i18n/i18n.tsx";
import type { TextFieldProps } from "../lib/use-form.ts";
import { TextField } from "./field.tsx";

type EmailPhoneFieldName = "email" | "phone";

/**
 * A party's email and phone, laid out for a `form-grid`: the same two fields for customers and
 * suppliers. Autocomplete stays off, as they are someone else's details, not the user's own.
 * `fieldProps` is the form's.
 */
export function EmailPhoneFields({
  fieldProps,
}: {
  fieldProps: (name: EmailPhoneFieldName) => TextFieldProps;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t("field.email")}
        type="email"
        autoComplete="off"
        {...fieldProps("email")}
      />
      <TextField label={t("field.phone")} type="tel" autoComplete="off" {...fieldProps("phone")} />
    </>
  );
}
