import { customerInputSchema } from "@ledgerline/domain";
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
import { ContactsEditor } from "./contacts-editor.tsx";
import {
  customerInputOf,
  customerValuesOf,
  newCustomerValues,
  type CustomerFormValues,
  type CustomerRecord,
} from "./customer-form.ts";

/** /customers/new and /customers/:id */
export function CustomerFormPage({ id }: { id?: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const record = useQuery(trpc.customers.get.queryOptions(id ? { id } : skipToken));
  if (!id) return <CustomerEditor />;
  if (record.isPending) return <FormSkeleton />;
  if (record.isError) {
    return (
      <>
        <PageHeader
          title={t("customers.title")}
          breadcrumb={<Link to={lastListUrl("/customers")}>← {t("customers.title")}</Link>}
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
  return <CustomerEditor key={record.data.id} customer={record.data} />;
}

function CustomerEditor({ customer }: { customer?: CustomerRecord }) {
  const { t, date, number } = useI18n();
  const can = useCan();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const canWrite = can("customer.write");
  const listUrl = lastListUrl("/customers");
  const form = useSchemaForm({
    initialValues: customer ? customerValuesOf(customer) : newCustomerValues(),
    schema: customerInputSchema,
    toInput: customerInputOf,
  });

  const refreshLists = () => queryClient.invalidateQueries(trpc.customers.list.queryFilter());
  const refreshRecord = (id: string) =>
    queryClient.invalidateQueries(trpc.customers.get.queryFilter({ id }));

  const create = useMutation(
    trpc.customers.create.mutationOptions({
      onSuccess: (created) => {
        void refreshLists();
        queryClient.setQueryData(trpc.customers.get.queryKey({ id: created.id }), created);
        notify("success", t("customers.created", { name: created.name }));
        navigate(listUrl);
      },
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const update = useMutation(
    trpc.customers.update.mutationOptions({
      onSuccess: (updated) => {
        void refreshLists();
        queryClient.setQueryData(trpc.customers.get.queryKey({ id: updated.id }), updated);
        form.reset(customerValuesOf(updated));
        notify("success", t("record.saved"));
      },
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const archive = useMutation(trpc.customers.archive.mutationOptions());
  const restore = useMutation(trpc.customers.restore.mutationOptions());
  const remove = useMutation(trpc.customers.delete.mutationOptions());

  const save = customer ? update : create;
  const values = form.values;
  const field = <K extends Exclude<keyof CustomerFormValues, "contacts">>(name: K) => ({
    name,
    value: values[name],
    error: form.errorOf(name),
    onChange: (event: { target: { value: string } }) =>
      form.setField(name, event.target.value as CustomerFormValues[K]),
    onBlur: () => form.touch(name),
  });

  return (
    <>
      <PageHeader
        breadcrumb={<Link to={listUrl}>← {t("customers.title")}</Link>}
        title={customer ? customer.name : t("customers.new")}
        badge={customer?.archivedAt ? <Badge tone="warning">{t("record.archived")}</Badge> : null}
        description={
          customer
            ? t("record.meta", {
                created: date(customer.createdAt),
                updated: date(customer.updatedAt),
              }) +
              " · " +
              t("customers.projectCount", { count: number(customer._count.projects) })
            : t("customers.newDescription")
        }
        actions={
          customer ? (
            <>
              <Link to={`/projects?customerId=${customer.id}&archived=all`} className="button">
                {t("customers.showProjects")}
              </Link>
              <RecordActions
                name={customer.name}
                archived={Boolean(customer.archivedAt)}
                canArchive={canWrite}
                canDelete={can("customer.delete")}
                onArchive={async () => {
                  await archive.mutateAsync({ id: customer.id });
                  await Promise.all([refreshRecord(customer.id), refreshLists()]);
                  notify("success", t("record.archivedNotice", { name: customer.name }));
                }}
                onRestore={async () => {
                  await restore.mutateAsync({ id: customer.id });
                  await Promise.all([refreshRecord(customer.id), refreshLists()]);
                  notify("success", t("record.restoredNotice", { name: customer.name }));
                }}
                onDelete={async () => {
                  await remove.mutateAsync({ id: customer.id });
                  queryClient.removeQueries(trpc.customers.get.queryFilter({ id: customer.id }));
                  void refreshLists();
                  notify("success", t("record.deletedNotice", { name: customer.name }));
                  navigate(listUrl);
                }}
              />
            </>
          ) : null
        }
      />
      {!canWrite ? <Alert tone="info">{t("record.readOnly")}</Alert> : null}
      <form
        className="record-form"
        noValidate
        onSubmit={form.handleSubmit((input) =>
          customer ? update.mutate({ id: customer.id, values: input }) : create.mutate(input),
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
          <legend className="visually-hidden">{t("customers.formLegend")}</legend>
          <FormSection title={t("customers.section.company")}>
            <div className="form-grid">
              <TextField
                label={t("field.name")}
                required
                autoFocus={!customer}
                fieldClassName="span-2"
                {...field("name")}
              />
              <TextField
                label={t("customers.legalName")}
                hint={t("customers.legalNameHint")}
                {...field("legalName")}
              />
              <TextField label={t("field.vatId")} autoComplete="off" {...field("vatId")} />
            </div>
          </FormSection>
          <FormSection title={t("customers.section.contactDetails")}>
            <div className="form-grid">
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
              <TextField
                label={t("field.website")}
                type="url"
                autoComplete="off"
                fieldClassName="span-2"
                {...field("website")}
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
            title={t("customers.section.billing")}
            description={t("customers.section.billingHint")}
          >
            <div className="form-grid">
              <SelectField label={t("field.currency")} required {...field("defaultCurrency")}>
                <CurrencyOptions value={values.defaultCurrency} />
              </SelectField>
              <TextField
                label={t("customers.paymentTerms")}
                hint={t("customers.paymentTermsHint")}
                inputMode="numeric"
                required
                {...field("paymentTermsDays")}
              />
            </div>
          </FormSection>
          <FormSection title={t("contacts.title")} description={t("contacts.hint")}>
            <ContactsEditor form={form} disabled={!canWrite} />
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
