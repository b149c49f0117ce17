import { EXPENSE_CATEGORIES, createExpenseInputSchema, MAX_PAGE_SIZE } from "@ledgerline/domain";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../components/alert.tsx";
import { ConfirmDialog } from "../../components/dialog.tsx";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../../components/field.tsx";
import {
  FormActions,
  FormSection,
  FormSkeleton,
  SaveFailedAlert,
} from "../../components/form-layout.tsx";
import { LoadedRecord } from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
import { Badge, PageHeader } from "../../components/page-header.tsx";
import { CurrencyField } from "../../components/region-options.tsx";
import { DateField } from "../../components/date-field.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { Link, navigate } from "../../lib/router.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useSchemaForm } from "../../lib/use-form.ts";
import { lastListUrl } from "../../lib/use-list-state.ts";
import { useCan } from "../auth/session.tsx";
import { documentPath } from "../sales/document-types.ts";
import { DecimalField } from "../../components/decimal-field.tsx";
import { decimalText } from "../../lib/decimal-entry.ts";
import { useCompanySettings } from "../sales/use-sales-pickers.ts";
import { expenseArea } from "./expense-area.ts";
import {
  expenseInputOf,
  expenseValuesOf,
  liveVatOf,
  newExpenseValues,
  type ExpenseFormValues,
  type ExpenseRecord,
} from "./expense-form.ts";
import { ReceiptsPanel } from "./receipts-panel.tsx";

/** Projects change rarely: the picker's choices may be a minute old. */
const PICKER_STALE_MS = 60_000;

/**
 * `/expenses/new` and `/expenses/:id`: loads the expense (or the default currency and VAT rate),
 * then the form.
 */
export function ExpenseFormPage({ id }: { id?: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const expense = useQuery(trpc.expenses.get.queryOptions(id ? { id } : skipToken));
  const settings = useCompanySettings();
  const listUrl = lastListUrl(expenseArea.path);

  if (!id) {
    if (settings.isPending) return <FormSkeleton />;
    return (
      <ExpenseEditor
        expense={undefined}
        defaultCurrency={settings.data?.defaultCurrency}
        defaultTaxRate={
          settings.data ? decimalText(settings.data.defaultTaxRate, locale, "percent") : undefined
        }
      />
    );
  }
  return (
    <LoadedRecord query={expense} title={t("expenses.title")} listUrl={listUrl}>
      {(loaded) => <ExpenseEditor key={loaded.id} expense={loaded} />}
    </LoadedRecord>
  );
}

function ExpenseEditor({
  expense,
  defaultCurrency,
  defaultTaxRate,
}: {
  expense: ExpenseRecord | undefined;
  defaultCurrency?: string | undefined;
  /** The company's default VAT rate; none before the settings exist (then 0, as the API does). */
  defaultTaxRate?: string | undefined;
}) {
  const { t, date, locale } = useI18n();
  const can = useCan();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const listUrl = lastListUrl(expenseArea.path);
  const canWrite = can("expense.write");
  const canDelete = can("expense.delete");
  const [initialValues] = useState(() =>
    expense
      ? expenseValuesOf(expense, locale)
      : newExpenseValues(defaultCurrency ?? "EUR", defaultTaxRate ?? "0"),
  );
  const form = useSchemaForm({
    initialValues,
    schema: createExpenseInputSchema,
    toInput: expenseInputOf,
  });
  const projects = useQuery(
    trpc.projects.list.queryOptions(
      { archived: "all", sortBy: "name", sortDirection: "asc", pageSize: MAX_PAGE_SIZE },
      { staleTime: PICKER_STALE_MS },
    ),
  );

  const refreshLists = () => queryClient.invalidateQueries(trpc.expenses.pathFilter());
  const create = useMutation(
    trpc.expenses.create.mutationOptions({
      onSuccess: (created) => {
        void refreshLists();
        queryClient.setQueryData(trpc.expenses.get.queryKey({ id: created.id }), created);
        notify("success", t("expenses.created", { name: created.title }));
        // Receipts belong to a saved expense: the form stays open for them.
        navigate(`${expenseArea.path}/${created.id}`, { replace: true });
      },
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const update = useMutation(
    trpc.expenses.update.mutationOptions({
      onSuccess: (updated) => {
        void refreshLists();
        queryClient.setQueryData(trpc.expenses.get.queryKey({ id: updated.id }), updated);
        form.reset(expenseValuesOf(updated, locale));
        notify("success", t("record.saved"));
      },
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const save = expense ? update : create;
  const submit = form.handleSubmit((input) =>
    expense ? update.mutate({ id: expense.id, values: input }) : create.mutate(input),
  );

  // The line items' rate rule, so its messages are the sales screens' (translated there).
  const taxRateProps = form.fieldProps("taxRate");
  const projectChoices = projects.data?.items ?? [];
  const currentProject = expense?.project;

  return (
    <>
      <PageHeader
        breadcrumb={<Link to={listUrl}>← {t("expenses.title")}</Link>}
        title={expense ? expense.title : t("expenses.new")}
        badge={
          expense?.invoice ? (
            <Badge tone="success">{t("expenses.invoiced")}</Badge>
          ) : expense?.isBillable ? (
            <Badge tone="info">{t("expenses.billable")}</Badge>
          ) : null
        }
        description={
          expense ? (
            <>
              {t("record.meta", {
                created: date(expense.createdAt),
                updated: date(expense.updatedAt),
              })}
              {expense.invoice ? (
                <>
                  {" · "}
                  <Link to={documentPath(expense.invoice.id)}>
                    {t("expenses.invoicedOn", { number: expense.invoice.number ?? "—" })}
                  </Link>
                </>
              ) : null}
            </>
          ) : (
            t("expenses.newDescription")
          )
        }
        actions={
          expense && canDelete ? <DeleteExpenseButton expense={expense} listUrl={listUrl} /> : null
        }
      />
      {!canWrite ? <Alert tone="info">{t("record.readOnly")}</Alert> : null}
      <form className="record-form" noValidate onSubmit={submit}>
        <SaveFailedAlert error={save.error} />
        <fieldset className="record-form__fieldset" disabled={!canWrite}>
          <legend className="visually-hidden">{t("expenses.formLegend")}</legend>
          <FormSection title={t("expenses.section.expense")}>
            <div className="form-grid">
              <TextField
                label={t("expenses.field.title")}
                required
                autoFocus={!expense}
                fieldClassName="span-2"
                {...form.fieldProps("title")}
              />
              <SelectField
                label={t("expenses.field.category")}
                required
                {...form.fieldProps("category")}
              >
                {EXPENSE_CATEGORIES.map((category) => (
                  <option key={category} value={category}>
                    {t(`expenses.category.${category}`)}
                  </option>
                ))}
              </SelectField>
              <DateField
                label={t("expenses.field.expenseDate")}
                {...form.fieldProps("expenseDate")}
              />
              <DecimalField
                label={t("expenses.field.amount")}
                required
                kind="amount"
                currency={form.values.currency}
                hint={t("expenses.field.amountHint")}
                {...form.fieldProps("amount")}
              />
              <CurrencyField {...form.fieldProps("currency")} />
              <DecimalField
                label={t("expenses.field.taxRate")}
                required
                kind="percent"
                hint={t("expenses.field.taxRateHint")}
                {...taxRateProps}
                error={taxRateProps.error}
              />
              <VatSplit values={form.values} />
              <SelectField
                label={t("expenses.field.project")}
                fieldClassName="span-2"
                {...form.fieldProps("projectId")}
              >
                <option value="">{t("expenses.field.noProject")}</option>
                {currentProject &&
                !projectChoices.some((project) => project.id === currentProject.id) ? (
                  <option value={currentProject.id}>
                    {currentProject.number} {currentProject.name}
                  </option>
                ) : null}
                {projectChoices.map((project) => (
                  <option key={project.id} value={project.id}>
                    {project.number} {project.name} · {project.customer.name}
                  </option>
                ))}
              </SelectField>
              <CheckboxField
                label={t("expenses.field.isBillable")}
                name="isBillable"
                checked={form.values.isBillable}
                error={form.errorOf("isBillable")}
                onChange={(event) => form.setField("isBillable", event.target.checked)}
              />
            </div>
          </FormSection>
          <FormSection title={t("expenses.section.details")}>
            <div className="form-grid">
              <TextAreaField
                label={t("expenses.field.description")}
                fieldClassName="span-2"
                {...form.fieldProps("description")}
              />
              <TextAreaField
                label={t("expenses.field.note")}
                fieldClassName="span-2"
                rows={2}
                {...form.fieldProps("note")}
              />
            </div>
          </FormSection>
        </fieldset>
        {canWrite ? (
          <FormActions
            busy={save.isPending}
            dirty={form.isDirty}
            onCancel={() => navigate(listUrl)}
          />
        ) : null}
      </form>
      <ReceiptsPanel expense={expense} canWrite={canWrite} canDelete={canDelete} />
    </>
  );
}

/**
 * The net amount and VAT contained in the gross amount, live while typing and computed by the
 * domain's `splitGrossAmount`, the function the API reads them with and bills the net by.
 */
function VatSplit({ values }: { values: ExpenseFormValues }) {
  const { t, money, locale } = useI18n();
  const split = liveVatOf(values, locale);
  const currency = values.currency || "EUR";
  return (
    <div className="field expense-vat-split">
      <span className="field__label" id="expense-vat-split-label">
        {t("expenses.vatSplit")}
      </span>
      <output
        className="expense-vat-split__figures"
        aria-labelledby="expense-vat-split-label"
        aria-live="polite"
      >
        {split ? (
          t("expenses.vatSplitFigures", {
            net: money(split.netAmount, currency),
            tax: money(split.taxAmount, currency),
          })
        ) : (
          <span className="muted">{t("expenses.vatSplitPending")}</span>
        )}
      </output>
    </div>
  );
}

/** Deletes the expense after asking; a refusal (billed on an issued invoice) shows in the dialog. */
function DeleteExpenseButton({ expense, listUrl }: { expense: ExpenseRecord; listUrl: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const remove = useMutation(
    trpc.expenses.delete.mutationOptions({
      onSuccess: () => {
        queryClient.removeQueries(trpc.expenses.get.queryFilter({ id: expense.id }));
        void queryClient.invalidateQueries(trpc.expenses.pathFilter());
        notify("success", t("expenses.deleted", { name: expense.title }));
        navigate(listUrl);
      },
    }),
  );
  return (
    <>
      <button
        type="button"
        className="button button--danger-outline"
        onClick={() => {
          remove.reset();
          setOpen(true);
        }}
      >
        {t("record.delete")}
      </button>
      <ConfirmDialog
        open={open}
        title={t("expenses.deleteTitle", { name: expense.title })}
        confirmLabel={t("record.delete")}
        busy={remove.isPending}
        error={remove.error ? describeError(remove.error, t) : null}
        onClose={() => setOpen(false)}
        onConfirm={() => remove.mutate({ id: expense.id })}
      >
        <p>{t("expenses.deleteText")}</p>
      </ConfirmDialog>
    </>
  );
}
