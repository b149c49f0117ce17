import {
  companySettingsInputSchema,
  DEFAULT_NUMBER_PREFIXES,
  DOCUMENT_NUMBER_TYPES,
  LOCALES,
  type DocumentNumberType,
} from "@ledgerline/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "../../components/alert.tsx";
import { SelectField, TextField } from "../../components/field.tsx";
import { FormActions, FormSection, FormSkeleton } from "../../components/form-layout.tsx";
import { ErrorState } from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { CountryOptions, CurrencyOptions } from "../../components/region-options.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { errorCodeOf, serverFieldErrorsOf, useTRPC } from "../../lib/trpc.ts";
import { useSchemaForm } from "../../lib/use-form.ts";
import {
  emptySettingsValues,
  settingsInputOf,
  settingsValuesOf,
  type CompanySettings,
  type SettingsFormValues,
} from "./settings-form.ts";

/** Admin: the company's own data, shown on every document, and the defaults new records take. */
export function SettingsPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const settings = useQuery(trpc.settings.get.queryOptions());
  const notSetUp = settings.isError && errorCodeOf(settings.error) === "NOT_FOUND";

  if (settings.isPending) return <FormSkeleton />;
  if (settings.isError && !notSetUp) {
    return (
      <>
        <PageHeader title={t("settings.title")} />
        <ErrorState
          message={describeError(settings.error, t)}
          onRetry={() => void settings.refetch()}
        />
      </>
    );
  }
  return (
    <SettingsEditor
      key={settings.data?.updatedAt.toISOString() ?? "new"}
      settings={settings.data ?? null}
    />
  );
}

const DECIMAL_AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
/** For the numbering examples; a tab left open over New Year shows last year's, which is harmless. */
const THIS_YEAR = new Date().getFullYear();

function SettingsEditor({ settings }: { settings: CompanySettings | null }) {
  const { t, money, dateTime } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const form = useSchemaForm({
    initialValues: settings ? settingsValuesOf(settings) : emptySettingsValues(),
    schema: companySettingsInputSchema,
    toInput: settingsInputOf,
  });
  const save = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.settings.pathFilter());
        notify("success", t("settings.saved"));
      },
      onError: (error) => form.showServerErrors(error),
    }),
  );

  const values = form.values;
  type TextKey = Exclude<keyof SettingsFormValues, "numberPrefixes">;
  const field = <K extends TextKey>(name: K) => ({
    name,
    value: values[name],
    error: form.errorOf(name),
    onChange: (event: { target: { value: string } }) =>
      form.setField(name, event.target.value as SettingsFormValues[K]),
    onBlur: () => form.touch(name),
  });

  /** "= 5.000,00 €" under an amount, so a misplaced digit shows before saving. */
  const amountPreview = (text: string) => {
    const normalised = text.trim().replace(",", ".");
    return DECIMAL_AMOUNT.test(normalised)
      ? `= ${money(normalised, values.defaultCurrency || "EUR")}`
      : t("settings.thresholdEmpty");
  };

  const setPrefix = (type: DocumentNumberType, prefix: string) =>
    form.updateValues(
      (current) => ({ ...current, numberPrefixes: { ...current.numberPrefixes, [type]: prefix } }),
      `numberPrefixes.${type}`,
    );

  return (
    <>
      <PageHeader
        title={t("settings.title")}
        description={
          settings
            ? t("settings.lastChanged", { date: dateTime(settings.updatedAt) })
            : t("settings.description")
        }
      />
      {settings ? null : <Alert tone="info">{t("settings.notSetUp")}</Alert>}
      <form
        className="record-form"
        noValidate
        onSubmit={form.handleSubmit((input) => save.mutate(input))}
      >
        {save.isError ? (
          <Alert
            tone="error"
            title={serverFieldErrorsOf(save.error) ? t("form.checkFields") : t("form.saveFailed")}
          >
            {describeError(save.error, t)}
          </Alert>
        ) : null}
        <FormSection
          title={t("settings.section.company")}
          description={t("settings.section.companyHint")}
        >
          <div className="form-grid">
            <TextField
              label={t("settings.legalName")}
              required
              fieldClassName="span-2"
              {...field("legalName")}
            />
            <TextField label={t("field.street")} fieldClassName="span-2" {...field("street")} />
            <TextField label={t("field.postalCode")} {...field("postalCode")} />
            <TextField label={t("field.city")} {...field("city")} />
            <SelectField label={t("field.country")} required {...field("country")}>
              <CountryOptions value={values.country} />
            </SelectField>
          </div>
        </FormSection>
        <FormSection title={t("customers.section.contactDetails")}>
          <div className="form-grid">
            <TextField label={t("field.email")} type="email" {...field("email")} />
            <TextField label={t("field.phone")} type="tel" {...field("phone")} />
            <TextField
              label={t("field.website")}
              type="url"
              fieldClassName="span-2"
              {...field("website")}
            />
          </div>
        </FormSection>
        <FormSection title={t("settings.section.taxAndBank")}>
          <div className="form-grid">
            <TextField label={t("field.vatId")} {...field("vatId")} />
            <TextField label={t("settings.taxNumber")} {...field("taxNumber")} />
            <TextField label={t("settings.bankName")} {...field("bankName")} />
            <TextField label={t("field.bic")} spellCheck={false} {...field("bic")} />
            <TextField
              label={t("field.iban")}
              spellCheck={false}
              fieldClassName="span-2"
              {...field("iban")}
            />
          </div>
        </FormSection>
        <FormSection
          title={t("settings.section.defaults")}
          description={t("settings.section.defaultsHint")}
        >
          <div className="form-grid">
            <SelectField label={t("field.currency")} required {...field("defaultCurrency")}>
              <CurrencyOptions value={values.defaultCurrency} />
            </SelectField>
            <TextField
              label={t("customers.paymentTerms")}
              inputMode="numeric"
              required
              {...field("defaultPaymentTermsDays")}
            />
            <TextField
              label={t("settings.taxRate")}
              hint={t("settings.taxRateHint")}
              inputMode="decimal"
              required
              {...field("defaultTaxRate")}
            />
            <SelectField
              label={t("settings.documentLanguage")}
              required
              {...field("defaultLocale")}
            >
              {LOCALES.map((locale) => (
                <option key={locale} value={locale}>
                  {t(`language.${locale}`)}
                </option>
              ))}
            </SelectField>
          </div>
        </FormSection>
        <FormSection
          title={t("settings.section.approval")}
          description={t("settings.section.approvalHint")}
        >
          <div className="form-grid">
            <TextField
              label={t("settings.invoiceApprovalThreshold")}
              hint={amountPreview(values.invoiceApprovalThreshold)}
              inputMode="decimal"
              {...field("invoiceApprovalThreshold")}
            />
            <TextField
              label={t("settings.purchaseOrderAutoApprovalThreshold")}
              hint={amountPreview(values.purchaseOrderAutoApprovalThreshold)}
              inputMode="decimal"
              {...field("purchaseOrderAutoApprovalThreshold")}
            />
          </div>
        </FormSection>
        <FormSection
          title={t("settings.section.numbering")}
          description={t("settings.section.numberingHint")}
        >
          <div className="form-grid form-grid--three">
            {DOCUMENT_NUMBER_TYPES.map((type) => (
              <TextField
                key={type}
                label={t(`documentType.${type}`)}
                hint={`${values.numberPrefixes[type] || DEFAULT_NUMBER_PREFIXES[type]}-${THIS_YEAR}-0001`}
                value={values.numberPrefixes[type]}
                error={form.errorOf(`numberPrefixes.${type}`)}
                maxLength={6}
                spellCheck={false}
                className="input--mono"
                onChange={(event) => setPrefix(type, event.target.value.toUpperCase())}
                onBlur={() => form.touch(`numberPrefixes.${type}`)}
              />
            ))}
          </div>
        </FormSection>
        <FormActions
          busy={save.isPending}
          dirty={form.isDirty}
          onCancel={() => form.reset(settings ? settingsValuesOf(settings) : emptySettingsValues())}
        />
      </form>
    </>
  );
}
