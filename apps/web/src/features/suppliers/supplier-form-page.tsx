import { SUPPLIER_KINDS, supplierInputSchema } from "@ledgerline/domain";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "../../components/alert.tsx";
import { SelectField, TextAreaField, TextField } from "../../components/field.tsx";
import { FormActions, FormSection, FormSkeleton } from "../../components/form-layout.tsx";
import { ErrorState } from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
import { Badge, PageHeader } from "../../components/page-header.tsx";
import { RecordActions } from "../../components/record-actions.tsx";
import { CountryOptions, CurrencyOptions } from "../../components/region-options.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { Link, navigate } from "../../lib/router.tsx";
import { errorCodeOf, serverFieldErrorsOf, useTRPC } from "../../lib/trpc.ts";
import { useSchemaForm } from "../../lib/use-form.ts";
import { lastListUrl } from "../../lib/use-list-state.ts";
import { useCan } from "../auth/session.tsx";
import {
  newSupplierValues,
  supplierInputOf,
  supplierValuesOf,
  type SupplierFormValues,
  type SupplierRecord,
} from "./supplier-form.ts";

/** /suppliers/new and /suppliers/:id */
export function SupplierFormPage({ id }: { id?: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const record = useQuery(trpc.suppliers.get.queryOptions(id ? { id } : skipToken));
  if (!id) return <SupplierEditor />;
  if (record.isPending) return <FormSkeleton />;
  if (record.isError) {
    return (
      <>
        <PageHeader
          title={t("suppliers.title")}
          breadcrumb={<Link to={lastListUrl("/suppliers")}>← {t("suppliers.title")}</Link>}
        />
        <ErrorState
          message={describeError(record.error, t)}
          onRetry={
            errorCodeOf(record.error) === "NOT_FOUND" ? undefined : () => void record.refetch()
          }
        />
      </>
    );
  }
  return <SupplierEditor key={record.data.id} supplier={record.data} />;
}

function SupplierEditor({ supplier }: { supplier?: SupplierRecord }) {
  const { t, date } = useI18n();
  const can = useCan();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const canWrite = can("supplier.write");
  const listUrl = lastListUrl("/suppliers");
  const form = useSchemaForm({
    initialValues: supplier ? supplierValuesOf(supplier) : newSupplierValues(),
    schema: supplierInputSchema,
    toInput: supplierInputOf,
  });

  const refreshLists = () => queryClient.invalidateQueries(trpc.suppliers.list.queryFilter());
  const refreshRecord = (id: string) =>
    queryClient.invalidateQueries(trpc.suppliers.get.queryFilter({ id }));
  const create = useMutation(
    trpc.suppliers.create.mutationOptions({
      onSuccess: (created) => {
        void refreshLists();
        queryClient.setQueryData(trpc.suppliers.get.queryKey({ id: created.id }), created);
        notify("success", t("suppliers.created", { name: created.name }));
        navigate(listUrl);
      },
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const update = useMutation(
    trpc.suppliers.update.mutationOptions({
      onSuccess: (updated) => {
        void refreshLists();
        queryClient.setQueryData(trpc.suppliers.get.queryKey({ id: updated.id }), updated);
        form.reset(supplierValuesOf(updated));
        notify("success", t("record.saved"));
      },
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const archive = useMutation(trpc.suppliers.archive.mutationOptions());
  const restore = useMutation(trpc.suppliers.restore.mutationOptions());
  const remove = useMutation(trpc.suppliers.delete.mutationOptions());
  const save = supplier ? update : create;

  const values = form.values;
  const field = <K extends keyof SupplierFormValues>(name: K) => ({
    name,
    value: values[name],
    error: form.errorOf(name, name === "languagePairs"),
    onChange: (event: { target: { value: string } }) =>
      form.setField(name, event.target.value as SupplierFormValues[K]),
    onBlur: () => form.touch(name),
  });

  return (
    <>
      <PageHeader
        breadcrumb={<Link to={listUrl}>← {t("suppliers.title")}</Link>}
        title={supplier ? supplier.name : t("suppliers.new")}
        badge={supplier?.archivedAt ? <Badge tone="warning">{t("record.archived")}</Badge> : null}
        description={
          supplier
            ? t("record.meta", {
                created: date(supplier.createdAt),
                updated: date(supplier.updatedAt),
              })
            : t("suppliers.newDescription")
        }
        actions={
          supplier ? (
            <RecordActions
              name={supplier.name}
              archived={Boolean(supplier.archivedAt)}
              canArchive={canWrite}
              canDelete={can("supplier.delete")}
              onArchive={async () => {
                await archive.mutateAsync({ id: supplier.id });
                await Promise.all([refreshRecord(supplier.id), refreshLists()]);
                notify("success", t("record.archivedNotice", { name: supplier.name }));
              }}
              onRestore={async () => {
                await restore.mutateAsync({ id: supplier.id });
                await Promise.all([refreshRecord(supplier.id), refreshLists()]);
                notify("success", t("record.restoredNotice", { name: supplier.name }));
              }}
              onDelete={async () => {
                await remove.mutateAsync({ id: supplier.id });
                queryClient.removeQueries(trpc.suppliers.get.queryFilter({ id: supplier.id }));
                void refreshLists();
                notify("success", t("record.deletedNotice", { name: supplier.name }));
                navigate(listUrl);
              }}
            />
          ) : null
        }
      />
      {!canWrite ? <Alert tone="info">{t("record.readOnly")}</Alert> : null}
      <form
        className="record-form"
        noValidate
        onSubmit={form.handleSubmit((input) =>
          supplier ? update.mutate({ id: supplier.id, values: input }) : create.mutate(input),
        )}
      >
        {save.isError ? (
          <Alert
            tone="error"
            title={serverFieldErrorsOf(save.error) ? t("form.checkFields") : t("form.saveFailed")}
          >
            {describeError(save.error, t)}
          </Alert>
        ) : null}
        <fieldset className="record-form__fieldset" disabled={!canWrite}>
          <legend className="visually-hidden">{t("suppliers.formLegend")}</legend>
          <FormSection title={t("suppliers.section.supplier")}>
            <div className="form-grid">
              <TextField
                label={t("field.name")}
                required
                autoFocus={!supplier}
                fieldClassName="span-2"
                {...field("name")}
              />
              <SelectField label={t("suppliers.kind")} required {...field("kind")}>
                {SUPPLIER_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`suppliers.kind.${kind}`)}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={t("suppliers.languagePairs")}
                hint={t("suppliers.languagePairsHint")}
                autoComplete="off"
                spellCheck={false}
                {...field("languagePairs")}
              />
              <TextField
                label={t("field.email")}
                type="email"
                autoComplete="off"
                {...field("email")}
              />
              <TextField
                label={t("field.phone")}
                type="tel"
                autoComplete="off"
                {...field("phone")}
              />
            </div>
          </FormSection>
          <FormSection title={t("section.address")}>
            <div className="form-grid">
              <TextField label={t("field.street")} fieldClassName="span-2" {...field("street")} />
              <TextField label={t("field.postalCode")} {...field("postalCode")} />
              <TextField label={t("field.city")} {...field("city")} />
              <SelectField label={t("field.country")} required {...field("country")}>
                <CountryOptions value={values.country} />
              </SelectField>
            </div>
          </FormSection>
          <FormSection
            title={t("suppliers.section.payment")}
            description={t("suppliers.section.paymentHint")}
          >
            <div className="form-grid">
              <TextField
                label={t("field.iban")}
                autoComplete="off"
                spellCheck={false}
                fieldClassName="span-2"
                {...field("iban")}
              />
              <TextField
                label={t("field.bic")}
                autoComplete="off"
                spellCheck={false}
                {...field("bic")}
              />
              <TextField label={t("suppliers.taxId")} autoComplete="off" {...field("taxId")} />
              <SelectField label={t("field.currency")} required {...field("defaultCurrency")}>
                <CurrencyOptions value={values.defaultCurrency} />
              </SelectField>
            </div>
          </FormSection>
          <FormSection title={t("field.notes")}>
            <TextAreaField label={t("field.notes")} {...field("notes")} />
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
    </>
  );
}
