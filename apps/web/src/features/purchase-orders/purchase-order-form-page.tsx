import {
  isFieldEditable,
  PURCHASE_ORDER_TYPES,
  purchaseOrderInputSchema,
  type Locale,
  type PurchaseOrderField,
  type PurchaseOrderType,
} from "@ledgerline/domain";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DateField } from "../../components/date-field.tsx";
import { DecimalField } from "../../components/decimal-field.tsx";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../../components/field.tsx";
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
import { decimalOfText, decimalText } from "../../lib/decimal-entry.ts";
import { toDateInputValueOrEmpty } from "../../lib/form-values.ts";
import { Link, navigate } from "../../lib/router.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useSchemaForm } from "../../lib/use-form.ts";
import { lastListUrl } from "../../lib/use-list-state.ts";
import { useCompanySettings } from "../sales/use-sales-pickers.ts";
import type { PurchaseOrderDetail } from "./purchase-order-detail-page.tsx";
import { usePurchaseOrderPickers } from "./purchase-order-list-page.tsx";
import { PURCHASE_ORDERS_PATH, purchaseOrderPath } from "./purchase-order-paths.ts";

interface PurchaseOrderFormValues {
  projectId: string;
  supplierId: string;
  /** As typed in the UI's locale. */
  amount: string;
  currency: string;
  type: PurchaseOrderType;
  /** YYYY-MM-DD, or "" for now. */
  orderDate: string;
  dueDate: string;
  notes: string;
  targetLanguage: string;
  /** "" for the project's manager. */
  projectManagerId: string;
  isInternal: boolean;
}

const valuesOf = (po: PurchaseOrderDetail, locale: Locale): PurchaseOrderFormValues => ({
  projectId: po.projectId,
  supplierId: po.supplierId,
  amount: decimalText(po.amount, locale, "amount"),
  currency: po.currency,
  type: po.type,
  orderDate: toDateInputValueOrEmpty(po.orderDate),
  dueDate: po.dueDate ?? "",
  notes: po.notes ?? "",
  targetLanguage: po.targetLanguage ?? "",
  projectManagerId: po.projectManagerId ?? "",
  isInternal: po.isInternal,
});

const inputOf = (values: PurchaseOrderFormValues, locale: Locale) => ({
  projectId: values.projectId,
  supplierId: values.supplierId,
  amount: decimalOfText(values.amount, locale),
  ...(values.currency ? { currency: values.currency } : {}),
  type: values.type,
  ...(values.orderDate ? { orderDate: values.orderDate } : {}),
  dueDate: values.dueDate || null,
  notes: values.notes,
  targetLanguage: values.targetLanguage,
  projectManagerId: values.projectManagerId || null,
  isInternal: values.isInternal,
});

/** `/purchase-orders/new` and `/purchase-orders/:id/edit`. */
export function PurchaseOrderFormPage({ id }: { id?: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const po = useQuery(trpc.purchaseOrders.get.queryOptions(id ? { id } : skipToken));
  const settings = useCompanySettings();
  const listUrl = lastListUrl(PURCHASE_ORDERS_PATH);
  if (!id) {
    if (settings.isPending) return <FormSkeleton />;
    return <PurchaseOrderEditor po={undefined} defaultCurrency={settings.data?.defaultCurrency} />;
  }
  return (
    <LoadedRecord query={po} title={t("po.title")} listUrl={listUrl}>
      {(loaded) => <PurchaseOrderEditor key={loaded.id} po={loaded} />}
    </LoadedRecord>
  );
}

function PurchaseOrderEditor({
  po,
  defaultCurrency,
}: {
  po: PurchaseOrderDetail | undefined;
  defaultCurrency?: string | undefined;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const pickers = usePurchaseOrderPickers();
  const [initialValues] = useState<PurchaseOrderFormValues>(() =>
    po
      ? valuesOf(po, locale)
      : {
          projectId: "",
          supplierId: "",
          amount: "",
          currency: defaultCurrency ?? "EUR",
          type: "translation",
          orderDate: "",
          dueDate: "",
          notes: "",
          targetLanguage: "",
          projectManagerId: "",
          isInternal: false,
        },
  );
  const form = useSchemaForm({ initialValues, schema: purchaseOrderInputSchema, toInput: inputOf });
  const editable = (field: PurchaseOrderField) => !po || isFieldEditable(field, po.status);
  const done = (saved: PurchaseOrderDetail, message: string) => {
    void queryClient.invalidateQueries(trpc.purchaseOrders.pathFilter());
    queryClient.setQueryData(trpc.purchaseOrders.get.queryKey({ id: saved.id }), saved);
    notify("success", message);
    navigate(purchaseOrderPath(saved.id), { replace: !po });
  };
  const create = useMutation(
    trpc.purchaseOrders.create.mutationOptions({
      onSuccess: (created) => done(created, t("po.created", { number: created.number ?? "" })),
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const update = useMutation(
    trpc.purchaseOrders.update.mutationOptions({
      onSuccess: (updated) => done(updated, t("record.saved")),
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const save = po ? update : create;
  const submit = form.handleSubmit((input) => {
    if (!po) return create.mutate(input);
    // Only what may change in this status, and the order date only when it was changed (the
    // stored value is an instant, the field a day).
    const values = Object.fromEntries(
      Object.entries(input).filter(
        ([field]) =>
          isFieldEditable(field as PurchaseOrderField, po.status) &&
          (field !== "orderDate" || form.values.orderDate !== initialValues.orderDate),
      ),
    );
    update.mutate({ id: po.id, values });
  });
  const listUrl = lastListUrl(PURCHASE_ORDERS_PATH);
  const title = po ? t("po.editTitle", { number: po.number ?? t("po.noNumber") }) : t("po.new");
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link to={po ? purchaseOrderPath(po.id) : listUrl}>
            ← {po ? (po.number ?? t("po.noNumber")) : t("po.title")}
          </Link>
        }
        title={title}
        area={t("po.title")}
        description={po ? undefined : t("po.newDescription")}
      />
      <form className="record-form" noValidate onSubmit={submit}>
        <SaveFailedAlert error={save.error} />
        <fieldset className="record-form__fieldset">
          <legend className="visually-hidden">{t("po.formLegend")}</legend>
          <FormSection title={t("po.section.order")}>
            <div className="form-grid">
              <SelectField
                label={t("po.field.project")}
                required
                disabled={!editable("projectId")}
                autoFocus={!po}
                {...form.fieldProps("projectId")}
              >
                <option value="">{t("po.choose")}</option>
                {pickers.projects.map((project) => (
                  <option key={project.id} value={project.id}>
                    {project.number} {project.name}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t("po.field.supplier")}
                required
                disabled={!editable("supplierId")}
                {...form.fieldProps("supplierId")}
              >
                <option value="">{t("po.choose")}</option>
                {pickers.suppliers.map((supplier) => (
                  <option key={supplier.id} value={supplier.id}>
                    {supplier.name}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t("po.field.type")}
                required
                disabled={!editable("type")}
                {...form.fieldProps("type")}
              >
                {PURCHASE_ORDER_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`po.type.${type}`)}
                  </option>
                ))}
              </SelectField>
              <DecimalField
                label={t("po.field.amount")}
                kind="amount"
                required
                currency={form.values.currency}
                disabled={!editable("amount")}
                {...form.fieldProps("amount")}
              />
              <SelectField
                label={t("po.field.currency")}
                required
                disabled={!editable("currency")}
                {...form.fieldProps("currency")}
              >
                <CurrencyOptions value={form.values.currency} />
              </SelectField>
              <SelectField
                label={t("po.field.projectManager")}
                disabled={!editable("projectManagerId")}
                {...form.fieldProps("projectManagerId")}
              >
                <option value="">{t("po.field.projectsManager")}</option>
                {pickers.people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </SelectField>
              <DateField
                label={t("po.field.orderDate")}
                hint={po ? undefined : t("po.field.orderDateHint")}
                disabled={!editable("orderDate")}
                {...form.fieldProps("orderDate")}
              />
              <DateField
                label={t("po.field.dueDate")}
                disabled={!editable("dueDate")}
                {...form.fieldProps("dueDate")}
              />
              <TextField
                label={t("po.field.targetLanguage")}
                hint={t("po.field.targetLanguageHint")}
                disabled={!editable("targetLanguage")}
                {...form.fieldProps("targetLanguage")}
              />
              <CheckboxField
                label={t("po.field.isInternal")}
                checked={form.values.isInternal}
                disabled={!editable("isInternal")}
                error={form.errorOf("isInternal")}
                onChange={(event) => form.setField("isInternal", event.target.checked)}
              />
              <TextAreaField
                label={t("po.field.notes")}
                fieldClassName="span-2"
                disabled={!editable("notes")}
                {...form.fieldProps("notes")}
              />
            </div>
          </FormSection>
        </fieldset>
        <FormActions
          busy={save.isPending}
          dirty={form.isDirty}
          onCancel={() => navigate(po ? purchaseOrderPath(po.id) : listUrl)}
        />
      </form>
    </>
  );
}
