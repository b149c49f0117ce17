import {
  companySettingsInputSchema,
  DEFAULT_NUMBER_PREFIXES,
  DOCUMENT_NUMBER_TYPES,
  INVOICE_APPROVAL_POLICIES,
  LOCALES,
  type DocumentNumberType,
} from "@ledgerline/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AddressFields } from "../../components/address-fields.tsx";
import { Alert } from "../../components/alert.tsx";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../../components/field.tsx";
import {
  FormActions,
  FormSection,
  FormSkeleton,
  SaveFailedAlert,
} from "../../components/form-layout.tsx";
import { ErrorState } from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { CurrencyField, CurrencyOptions } from "../../components/region-options.tsx";
import { DecimalField, WholeNumberField } from "../../components/decimal-field.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { COMMON_CURRENCIES } from "../../lib/regions.ts";
import { errorCodeOf, useTRPC } from "../../lib/trpc.ts";
import { useSchemaForm } from "../../lib/use-form.ts";
import { CompanyLogoField } from "./company-logo-field.tsx";
import { DocumentPreview } from "./document-preview.tsx";
import {
  emptySettingsValues,
  settingsInputOf,
  type CurrencyThresholdRow,
  settingsValuesOf,
  type CompanySettings,
} from "./settings-form.ts";

/** Admin and finance: the company's own data, shown on every document, and the defaults new records take. */
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

/** For the numbering examples; a tab left open over New Year shows last year's, which is harmless. */
const THIS_YEAR = new Date().getFullYear();

function SettingsEditor({ settings }: { settings: CompanySettings | null }) {
  const { t, dateTime, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const form = useSchemaForm({
    initialValues: settings ? settingsValuesOf(settings, locale) : emptySettingsValues(),
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

  const { values } = form;

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
      <div className="settings-layout">
        <form
          className="record-form"
          noValidate
          onSubmit={form.handleSubmit((input) => save.mutate(input))}
        >
          <SaveFailedAlert error={save.error} />
          <FormSection
            title={t("settings.section.company")}
            description={t("settings.section.companyHint")}
          >
            <div className="form-grid">
              <TextField
                label={t("settings.legalName")}
                required
                fieldClassName="span-2"
                {...form.fieldProps("legalName")}
              />
              <AddressFields fieldProps={form.fieldProps} />
            </div>
          </FormSection>
          <FormSection
            title={t("customers.section.contactDetails")}
            description={t("settings.section.contactHint")}
          >
            <div className="form-grid">
              <TextField
                label={t("settings.contactName")}
                hint={t("settings.contactNameHint")}
                fieldClassName="span-2"
                {...form.fieldProps("contactName")}
              />
              <TextField label={t("field.email")} type="email" {...form.fieldProps("email")} />
              <TextField label={t("field.phone")} type="tel" {...form.fieldProps("phone")} />
              <TextField
                label={t("field.website")}
                type="url"
                fieldClassName="span-2"
                {...form.fieldProps("website")}
              />
            </div>
          </FormSection>
          <FormSection title={t("settings.section.taxAndBank")}>
            <div className="form-grid">
              <TextField label={t("field.vatId")} {...form.fieldProps("vatId")} />
              <TextField label={t("settings.taxNumber")} {...form.fieldProps("taxNumber")} />
              <TextField label={t("settings.bankName")} {...form.fieldProps("bankName")} />
              <TextField label={t("field.bic")} spellCheck={false} {...form.fieldProps("bic")} />
              <TextField
                label={t("field.iban")}
                spellCheck={false}
                fieldClassName="span-2"
                {...form.fieldProps("iban")}
                // Checked as typed once the IBAN is long enough to be whole (the domain's rule).
                onChange={(event) => {
                  form.setField("iban", event.target.value);
                  if (event.target.value.replace(/\s+/g, "").length >= 15) form.touch("iban");
                }}
              />
            </div>
          </FormSection>
          <FormSection
            title={t("settings.section.documents")}
            description={t("settings.section.documentsHint")}
          >
            <div className="form-grid">
              <CompanyLogoField canUpload={settings !== null} />
              <TextField
                label={t("settings.electronicAddress")}
                hint={t("settings.electronicAddressHint")}
                type="email"
                fieldClassName="span-2"
                {...form.fieldProps("electronicAddress")}
              />
              <TextField
                label={t("settings.pdfFileNamePrefix")}
                hint={t("settings.pdfFileNamePrefixHint", {
                  example: `${values.pdfFileNamePrefix.trim() ? `${values.pdfFileNamePrefix.trim()}-` : ""}${values.numberPrefixes.invoice || DEFAULT_NUMBER_PREFIXES.invoice}-${THIS_YEAR}-0001.pdf`,
                })}
                spellCheck={false}
                maxLength={20}
                {...form.fieldProps("pdfFileNamePrefix")}
              />
              <TextAreaField
                label={t("settings.documentFooter")}
                hint={t("settings.documentFooterHint")}
                rows={3}
                fieldClassName="span-2"
                {...form.fieldProps("documentFooter")}
              />
              <TextAreaField
                label={t("settings.defaultDocumentTerms")}
                hint={t("settings.defaultDocumentTermsHint")}
                rows={3}
                fieldClassName="span-2"
                {...form.fieldProps("defaultDocumentTerms")}
              />
              <CheckboxField
                label={t("settings.smallBusiness")}
                checked={values.smallBusiness}
                onChange={(event) => form.setField("smallBusiness", event.target.checked)}
              />
            </div>
          </FormSection>
          <FormSection
            title={t("settings.section.defaults")}
            description={t("settings.section.defaultsHint")}
          >
            <div className="form-grid">
              <CurrencyField {...form.fieldProps("defaultCurrency")} />
              <WholeNumberField
                label={t("customers.paymentTerms")}
                required
                {...form.fieldProps("defaultPaymentTermsDays")}
              />
              <WholeNumberField
                label={t("settings.quoteValidity")}
                hint={t("settings.quoteValidityHint")}
                required
                {...form.fieldProps("quoteValidityDays")}
              />
              <DecimalField
                kind="percent"
                label={t("settings.taxRate")}
                hint={t("settings.taxRateHint")}
                required
                {...form.fieldProps("defaultTaxRate")}
              />
              <SelectField
                label={t("settings.documentLanguage")}
                required
                {...form.fieldProps("defaultLocale")}
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
            <fieldset className="choice-group choice-group--stacked">
              <legend className="field__label">{t("settings.invoiceApprovalPolicy")}</legend>
              {INVOICE_APPROVAL_POLICIES.map((policy) => (
                <label key={policy} className="choice">
                  <input
                    type="radio"
                    name="invoice-approval-policy"
                    value={policy}
                    checked={values.invoiceApprovalPolicy === policy}
                    onChange={() => form.setField("invoiceApprovalPolicy", policy)}
                  />
                  {t(`settings.invoiceApprovalPolicy.${policy}`)}
                </label>
              ))}
              <p className="field__hint">{t("settings.invoiceApprovalPolicyHint")}</p>
            </fieldset>
            <div className="form-grid">
              {/* Shows the threshold as money while typing, so a misplaced digit shows before saving. */}
              {values.invoiceApprovalPolicy === "threshold" ? (
                <DecimalField
                  kind="amount"
                  currency={values.defaultCurrency || "EUR"}
                  label={t("settings.invoiceApprovalThreshold")}
                  required
                  {...form.fieldProps("invoiceApprovalThreshold")}
                />
              ) : null}
              <DecimalField
                kind="amount"
                currency={values.defaultCurrency || "EUR"}
                label={t("settings.purchaseOrderAutoApprovalThreshold")}
                hint={t("settings.thresholdEmpty")}
                {...form.fieldProps("purchaseOrderAutoApprovalThreshold")}
              />
            </div>
            <CurrencyThresholds
              rows={values.purchaseOrderAutoApprovalThresholds}
              defaultCurrency={values.defaultCurrency}
              errorOf={(currency) =>
                form.errorOf(`purchaseOrderAutoApprovalThresholds.${currency}`)
              }
              onChange={(rows) =>
                form.updateValues(
                  (current) => ({ ...current, purchaseOrderAutoApprovalThresholds: rows }),
                  "purchaseOrderAutoApprovalThresholds",
                )
              }
              onBlur={() => form.touch("purchaseOrderAutoApprovalThresholds")}
            />
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
            onCancel={() =>
              form.reset(settings ? settingsValuesOf(settings, locale) : emptySettingsValues())
            }
          />
        </form>
        <DocumentPreview values={values} />
      </div>
    </>
  );
}

/**
 * The per-currency auto-approval thresholds of purchase orders (`purchaseOrderAutoApprovalThresholds`):
 * one row per currency, each currency offered once. A currency named here overrides the single
 * threshold above, which is in the default currency. Errors are the schema's, by currency.
 */
function CurrencyThresholds({
  rows,
  defaultCurrency,
  errorOf,
  onChange,
  onBlur,
}: {
  rows: readonly CurrencyThresholdRow[];
  defaultCurrency: string;
  errorOf: (currency: string) => string | undefined;
  onChange: (rows: CurrencyThresholdRow[]) => void;
  onBlur: () => void;
}) {
  const { t } = useI18n();
  const used = new Set(rows.map((row) => row.currency));
  const change = (index: number, patch: Partial<CurrencyThresholdRow>) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  const next = [...COMMON_CURRENCIES.filter((code) => code !== defaultCurrency)].find(
    (code) => !used.has(code),
  );
  return (
    <fieldset className="currency-thresholds">
      <legend className="currency-thresholds__legend">{t("settings.thresholds.title")}</legend>
      <p className="field__hint">{t("settings.thresholds.hint")}</p>
      {rows.map((row, index) => (
        <div
          key={index}
          className="currency-thresholds__row"
          role="group"
          aria-label={t("settings.thresholds.row", { currency: row.currency })}
        >
          <SelectField
            label={t("field.currency")}
            required
            value={row.currency}
            onChange={(event) => change(index, { currency: event.target.value })}
            onBlur={onBlur}
          >
            <CurrencyOptions
              value={row.currency}
              exclude={new Set([...used].filter((code) => code !== row.currency))}
            />
          </SelectField>
          <DecimalField
            kind="amount"
            currency={row.currency}
            label={t("settings.thresholds.amount")}
            required
            value={row.amount}
            error={errorOf(row.currency)}
            onChange={(event) => change(index, { amount: event.target.value })}
            onBlur={onBlur}
          />
          <button
            type="button"
            className="button button--ghost-danger"
            onClick={() => onChange(rows.filter((_, at) => at !== index))}
          >
            {t("settings.thresholds.remove", { currency: row.currency })}
          </button>
        </div>
      ))}
      {next ? (
        <button
          type="button"
          className="button"
          onClick={() => onChange([...rows, { currency: next, amount: "" }])}
        >
          {t("settings.thresholds.add")}
        </button>
      ) : null}
    </fieldset>
  );
}
