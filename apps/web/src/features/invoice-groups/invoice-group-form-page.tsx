import {
  INVOICE_GROUP_LINE_ORDERS,
  invoiceGroupInputSchema,
  type InvoiceGroupLineOrder,
  INVOICE_GROUP_PARTY_FIELDS,
  isInvoiceGroupFieldEditable,
} from "@ledgerline/domain";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DateField } from "../../components/date-field.tsx";
import { CheckboxField, SelectField, TextAreaField } from "../../components/field.tsx";
import {
  FormActions,
  FormSection,
  FormSkeleton,
  SaveFailedAlert,
} from "../../components/form-layout.tsx";
import { LoadedRecord } from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { CurrencyOptions } from "../../components/region-options.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { Link, navigate } from "../../lib/router.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useSchemaForm } from "../../lib/use-form.ts";
import { lastListUrl } from "../../lib/use-list-state.ts";
import { useCompanySettings, useSalesPickers } from "../sales/use-sales-pickers.ts";
import type { InvoiceGroupDetail } from "./invoice-group-detail-page.tsx";
import { INVOICE_GROUPS_PATH, invoiceGroupPath } from "./invoice-group-paths.ts";

interface InvoiceGroupFormValues {
  customerId: string;
  currency: string;
  invoiceDate: string;
  dueDate: string;
  notes: string;
  includeInvoices: boolean;
  includeJobTitles: boolean;
  includeWordRates: boolean;
  lineOrder: InvoiceGroupLineOrder;
}

const valuesOf = (group: InvoiceGroupDetail): InvoiceGroupFormValues => ({
  customerId: group.customerId,
  currency: group.currency,
  invoiceDate: group.invoiceDate,
  dueDate: group.dueDate ?? "",
  notes: group.notes ?? "",
  includeInvoices: group.includeInvoices,
  includeJobTitles: group.includeJobTitles,
  includeWordRates: group.includeWordRates,
  lineOrder: group.lineOrder,
});

const inputOf = (values: InvoiceGroupFormValues) => ({
  customerId: values.customerId,
  currency: values.currency,
  invoiceDate: values.invoiceDate,
  dueDate: values.dueDate || null,
  notes: values.notes,
  includeInvoices: values.includeInvoices,
  includeJobTitles: values.includeJobTitles,
  includeWordRates: values.includeWordRates,
  lineOrder: values.lineOrder,
});

/** Today in the browser's calendar, as the form's first invoice date. */
const today = () => {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

/** `/invoice-groups/new` and `/invoice-groups/:id/edit` (drafts). */
export function InvoiceGroupFormPage({ id }: { id?: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const group = useQuery(trpc.invoiceGroups.get.queryOptions(id ? { id } : skipToken));
  const settings = useCompanySettings();
  const listUrl = lastListUrl(INVOICE_GROUPS_PATH);
  if (!id) {
    if (settings.isPending) return <FormSkeleton />;
    return (
      <InvoiceGroupEditor group={undefined} defaultCurrency={settings.data?.defaultCurrency} />
    );
  }
  return (
    <LoadedRecord query={group} title={t("invoiceGroup.title")} listUrl={listUrl}>
      {(loaded) => <InvoiceGroupEditor key={loaded.id} group={loaded} />}
    </LoadedRecord>
  );
}

function InvoiceGroupEditor({
  group,
  defaultCurrency,
}: {
  group: InvoiceGroupDetail | undefined;
  defaultCurrency?: string | undefined;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { customers } = useSalesPickers({ archived: "active", customerId: undefined });
  const [initialValues] = useState<InvoiceGroupFormValues>(() =>
    group
      ? valuesOf(group)
      : {
          customerId: "",
          currency: defaultCurrency ?? "EUR",
          invoiceDate: today(),
          dueDate: "",
          notes: "",
          includeInvoices: true,
          includeJobTitles: false,
          includeWordRates: false,
          lineOrder: "position",
        },
  );
  const form = useSchemaForm({ initialValues, schema: invoiceGroupInputSchema, toInput: inputOf });
  // The customer and currency are those of its invoices: the domain says when they are fixed.
  const partyFixed = group
    ? INVOICE_GROUP_PARTY_FIELDS.some(
        (field) => !isInvoiceGroupFieldEditable(field, { invoiceCount: group.invoices.length }),
      )
    : false;
  const done = (saved: InvoiceGroupDetail, message: string) => {
    void queryClient.invalidateQueries(trpc.invoiceGroups.pathFilter());
    queryClient.setQueryData(trpc.invoiceGroups.get.queryKey({ id: saved.id }), saved);
    notify("success", message);
    navigate(invoiceGroupPath(saved.id), { replace: !group });
  };
  const create = useMutation(
    trpc.invoiceGroups.create.mutationOptions({
      onSuccess: (created) => done(created, t("invoiceGroup.created")),
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const update = useMutation(
    trpc.invoiceGroups.update.mutationOptions({
      onSuccess: (updated) => done(updated, t("record.saved")),
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const save = group ? update : create;
  const submit = form.handleSubmit((input) => {
    if (!group) return create.mutate(input);
    const { customerId, currency, ...rest } = input;
    update.mutate({
      id: group.id,
      values: partyFixed ? rest : { customerId, currency, ...rest },
    });
  });
  const listUrl = lastListUrl(INVOICE_GROUPS_PATH);
  const title = group
    ? t("invoiceGroup.editTitle", { number: group.number ?? t("invoiceGroup.noNumber") })
    : t("invoiceGroup.new");
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link to={group ? invoiceGroupPath(group.id) : listUrl}>
            ← {group ? (group.number ?? t("invoiceGroup.noNumber")) : t("invoiceGroup.title")}
          </Link>
        }
        title={title}
        area={t("invoiceGroup.title")}
        description={group ? undefined : t("invoiceGroup.newDescription")}
      />
      <form className="record-form" noValidate onSubmit={submit}>
        <SaveFailedAlert error={save.error} />
        <fieldset className="record-form__fieldset">
          <legend className="visually-hidden">{t("invoiceGroup.formLegend")}</legend>
          <FormSection title={t("invoiceGroup.section.facts")}>
            <div className="form-grid">
              <SelectField
                label={t("invoiceGroup.field.customer")}
                required
                disabled={partyFixed}
                autoFocus={!group}
                {...form.fieldProps("customerId")}
              >
                <option value="">{t("invoiceGroup.choose")}</option>
                {(customers.data?.items ?? []).map((customer) => (
                  <option key={customer.id} value={customer.id}>
                    {customer.name}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t("invoiceGroup.field.currency")}
                required
                disabled={partyFixed}
                {...form.fieldProps("currency")}
              >
                <CurrencyOptions value={form.values.currency} />
              </SelectField>
              <DateField
                label={t("invoiceGroup.field.invoiceDate")}
                required
                {...form.fieldProps("invoiceDate")}
              />
              <DateField label={t("invoiceGroup.field.dueDate")} {...form.fieldProps("dueDate")} />
              <TextAreaField
                label={t("invoiceGroup.field.notes")}
                fieldClassName="span-2"
                {...form.fieldProps("notes")}
              />
            </div>
          </FormSection>
          <FormSection title={t("invoiceGroup.section.display")}>
            <div className="form-grid">
              {(["includeInvoices", "includeJobTitles", "includeWordRates"] as const).map(
                (field) => (
                  <CheckboxField
                    key={field}
                    label={t(`invoiceGroup.field.${field}`)}
                    checked={form.values[field]}
                    error={form.errorOf(field)}
                    onChange={(event) => form.setField(field, event.target.checked)}
                  />
                ),
              )}
              <SelectField
                label={t("invoiceGroup.field.lineOrder")}
                {...form.fieldProps("lineOrder")}
              >
                {INVOICE_GROUP_LINE_ORDERS.map((order) => (
                  <option key={order} value={order}>
                    {t(`invoiceGroup.lineOrder.${order}`)}
                  </option>
                ))}
              </SelectField>
            </div>
          </FormSection>
        </fieldset>
        <FormActions
          busy={save.isPending}
          dirty={form.isDirty}
          onCancel={() => navigate(group ? invoiceGroupPath(group.id) : listUrl)}
        />
      </form>
    </>
  );
}
