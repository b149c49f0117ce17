import {
  MAX_PAGE_SIZE,
  PROJECT_STATUSES,
  projectInputSchema,
  type ProjectStatus,
} from "@ledgerline/domain";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "../../components/alert.tsx";
import { SelectField, TextAreaField, TextField } from "../../components/field.tsx";
import { FormActions, FormSection, FormSkeleton } from "../../components/form-layout.tsx";
import { ErrorState } from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
import { Badge, PageHeader } from "../../components/page-header.tsx";
import { RecordActions } from "../../components/record-actions.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { idFilter } from "../../lib/list-filters.ts";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { errorCodeOf, serverFieldErrorsOf, useTRPC } from "../../lib/trpc.ts";
import { useSchemaForm } from "../../lib/use-form.ts";
import { lastListUrl } from "../../lib/use-list-state.ts";
import { useCan } from "../auth/session.tsx";
import {
  newProjectValues,
  projectInputOf,
  projectValuesOf,
  type ProjectFormValues,
  type ProjectRecord,
} from "./project-form.ts";

const customerIdParam = idFilter();

/** /projects/new (optionally ?customerId=…) and /projects/:id */
export function ProjectFormPage({ id }: { id?: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { search } = useLocation();
  const record = useQuery(trpc.projects.get.queryOptions(id ? { id } : skipToken));
  if (!id) {
    const customerId = customerIdParam.parse(new URLSearchParams(search).get("customerId") ?? "");
    return <ProjectEditor initialCustomerId={customerId} />;
  }
  if (record.isPending) return <FormSkeleton />;
  if (record.isError) {
    return (
      <>
        <PageHeader
          title={t("projects.title")}
          breadcrumb={<Link to={lastListUrl("/projects")}>← {t("projects.title")}</Link>}
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
  return <ProjectEditor key={record.data.id} project={record.data} />;
}

function ProjectEditor({
  project,
  initialCustomerId,
}: {
  project?: ProjectRecord;
  initialCustomerId?: string | undefined;
}) {
  const { t, date } = useI18n();
  const can = useCan();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const canWrite = can("project.write");
  const listUrl = lastListUrl("/projects");
  const form = useSchemaForm({
    initialValues: project ? projectValuesOf(project) : newProjectValues(initialCustomerId),
    schema: projectInputSchema,
    toInput: projectInputOf,
  });

  // New projects are for active customers; an existing project keeps showing its own customer.
  const customers = useQuery(
    trpc.customers.list.queryOptions(
      { archived: "active", sortBy: "name", pageSize: MAX_PAGE_SIZE },
      { staleTime: 60_000 },
    ),
  );
  const managers = useQuery(
    trpc.users.listAssignable.queryOptions(undefined, { staleTime: 60_000 }),
  );
  const customerChoices = [
    ...(project && !customers.data?.items.some((customer) => customer.id === project.customer.id)
      ? [{ id: project.customer.id, name: `${project.customer.name} (${t("record.archived")})` }]
      : []),
    ...(customers.data?.items ?? []),
  ];
  const managerChoices = [
    ...(project?.manager && !managers.data?.some((manager) => manager.id === project.manager?.id)
      ? [project.manager]
      : []),
    ...(managers.data ?? []),
  ];

  const refreshLists = () => queryClient.invalidateQueries(trpc.projects.list.queryFilter());
  const refreshRecord = (id: string) =>
    queryClient.invalidateQueries(trpc.projects.get.queryFilter({ id }));
  const create = useMutation(
    trpc.projects.create.mutationOptions({
      onSuccess: (created) => {
        void refreshLists();
        queryClient.setQueryData(trpc.projects.get.queryKey({ id: created.id }), created);
        notify("success", t("projects.created", { name: created.name, number: created.number }));
        navigate(listUrl);
      },
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const update = useMutation(
    trpc.projects.update.mutationOptions({
      onSuccess: (updated) => {
        void refreshLists();
        queryClient.setQueryData(trpc.projects.get.queryKey({ id: updated.id }), updated);
        form.reset(projectValuesOf(updated));
        notify("success", t("record.saved"));
      },
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const archive = useMutation(trpc.projects.archive.mutationOptions());
  const restore = useMutation(trpc.projects.restore.mutationOptions());
  const remove = useMutation(trpc.projects.delete.mutationOptions());
  const save = project ? update : create;

  const values = form.values;
  const field = <K extends keyof ProjectFormValues>(name: K) => ({
    name,
    value: values[name],
    error: form.errorOf(name),
    onChange: (event: { target: { value: string } }) =>
      form.setField(name, event.target.value as ProjectFormValues[K]),
    onBlur: () => form.touch(name),
  });

  return (
    <>
      <PageHeader
        breadcrumb={<Link to={listUrl}>← {t("projects.title")}</Link>}
        title={project ? `${project.number} · ${project.name}` : t("projects.new")}
        badge={project?.archivedAt ? <Badge tone="warning">{t("record.archived")}</Badge> : null}
        description={
          project
            ? t("record.meta", {
                created: date(project.createdAt),
                updated: date(project.updatedAt),
              })
            : t("projects.newDescription")
        }
        actions={
          project ? (
            <RecordActions
              name={project.name}
              archived={Boolean(project.archivedAt)}
              canArchive={canWrite}
              canDelete={can("project.delete")}
              onArchive={async () => {
                await archive.mutateAsync({ id: project.id });
                await Promise.all([refreshRecord(project.id), refreshLists()]);
                notify("success", t("record.archivedNotice", { name: project.name }));
              }}
              onRestore={async () => {
                await restore.mutateAsync({ id: project.id });
                await Promise.all([refreshRecord(project.id), refreshLists()]);
                notify("success", t("record.restoredNotice", { name: project.name }));
              }}
              onDelete={async () => {
                await remove.mutateAsync({ id: project.id });
                queryClient.removeQueries(trpc.projects.get.queryFilter({ id: project.id }));
                void refreshLists();
                notify("success", t("record.deletedNotice", { name: project.name }));
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
          project ? update.mutate({ id: project.id, values: input }) : create.mutate(input),
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
          <legend className="visually-hidden">{t("projects.formLegend")}</legend>
          <FormSection title={t("projects.section.project")}>
            <div className="form-grid">
              <TextField
                label={t("field.name")}
                required
                autoFocus={!project}
                fieldClassName="span-2"
                {...field("name")}
              />
              <SelectField label={t("projects.customer")} required {...field("customerId")}>
                <option value="">
                  {customers.isPending ? t("state.loading") : t("projects.chooseCustomer")}
                </option>
                {customerChoices.map((customer) => (
                  <option key={customer.id} value={customer.id}>
                    {customer.name}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t("projects.manager")} {...field("managerId")}>
                <option value="">{t("projects.noManager")}</option>
                {managerChoices.map((manager) => (
                  <option key={manager.id} value={manager.id}>
                    {manager.name}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t("projects.statusLabel")} required {...field("status")}>
                {PROJECT_STATUSES.map((status: ProjectStatus) => (
                  <option key={status} value={status}>
                    {t(`projects.status.${status}`)}
                  </option>
                ))}
              </SelectField>
            </div>
          </FormSection>
          <FormSection title={t("projects.section.schedule")}>
            <div className="form-grid">
              <TextField label={t("projects.startDate")} type="date" {...field("startDate")} />
              <TextField label={t("projects.endDate")} type="date" {...field("endDate")} />
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
