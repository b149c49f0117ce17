import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, type ReactNode } from "react";
import type { Locale } from "@ledgerline/domain";
import type { z } from "zod";
import { Alert } from "../../components/alert.tsx";
import { FormActions, SaveFailedAlert } from "../../components/form-layout.tsx";
import { LoadedRecord } from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
import { Badge, PageHeader } from "../../components/page-header.tsx";
import { RecordActions } from "../../components/record-actions.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { Link, navigate } from "../../lib/router.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useSchemaForm } from "../../lib/use-form.ts";
import { lastListUrl } from "../../lib/use-list-state.ts";
import { useCan } from "../auth/session.tsx";
import type { RecordArea, StoredRecord } from "./record-area.ts";

/**
 * `${area.path}/new` and `${area.path}/:id`: loads the record (when there is an id), then hands
 * it to the kind's editor; a record that cannot be loaded gets an error with the way back.
 */
export function RecordFormPage<TRecord extends StoredRecord, TInput extends TUpdate, TUpdate>({
  area,
  id,
  renderEditor,
}: {
  area: RecordArea<TRecord, TInput, TUpdate>;
  id: string | undefined;
  /** The editor for the loaded record, or for a new one (`undefined`). */
  renderEditor: (record: TRecord | undefined) => ReactNode;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const record = useQuery(area.procedures(trpc).get.queryOptions(id ? { id } : skipToken));
  if (!id) return renderEditor(undefined);
  return (
    <LoadedRecord query={record} title={t(area.messages.title)} listUrl={lastListUrl(area.path)}>
      {(data) => {
        // tRPC types query data as `coerceAsyncIterableToArray<TRecord>`, which is TRecord for
        // anything but a stream; TypeScript cannot work that out for a type parameter.
        const loaded = data as TRecord;
        // Another record is another form: nothing typed for one may stay for the next.
        return <Fragment key={loaded.id}>{renderEditor(loaded)}</Fragment>;
      }}
    </LoadedRecord>
  );
}

/**
 * A record's form state and what can be done with it: create or update (then the form starts
 * over from what was saved), archive, restore and delete, each with its notice and the
 * refreshed list. Server field errors go to their fields. Render it with `RecordFormFrame`.
 */
export function useRecordForm<
  TRecord extends StoredRecord,
  TInput extends TUpdate,
  TValues,
  TUpdate = TInput,
>(
  area: RecordArea<TRecord, TInput, TUpdate>,
  options: {
    /** The stored record, or none for a new one. */
    record: TRecord | undefined;
    newValues: () => TValues;
    valuesOf: (record: TRecord) => TValues;
    schema: z.ZodType<unknown, TInput>;
    toInput: (values: TValues, locale: Locale) => TInput;
    /** The notice after creating ("Customer “Acme” created."); the list is shown then. */
    createdNotice: (created: TRecord) => string;
  },
) {
  const { record, valuesOf, createdNotice } = options;
  const { t, date } = useI18n();
  const can = useCan();
  const trpc = useTRPC();
  const procedures = area.procedures(trpc);
  const queryClient = useQueryClient();
  const notify = useNotify();
  const listUrl = lastListUrl(area.path);
  const form = useSchemaForm({
    initialValues: record ? valuesOf(record) : options.newValues(),
    schema: options.schema,
    toInput: options.toInput,
  });

  const refreshLists = () => queryClient.invalidateQueries(procedures.list.queryFilter());
  const refreshRecord = (id: string) =>
    queryClient.invalidateQueries(procedures.get.queryFilter({ id }));

  const create = useMutation(
    procedures.create.mutationOptions({
      onSuccess: (created) => {
        void refreshLists();
        queryClient.setQueryData(procedures.get.queryKey({ id: created.id }), created);
        notify("success", createdNotice(created));
        navigate(listUrl);
      },
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const update = useMutation(
    procedures.update.mutationOptions({
      onSuccess: (updated) => {
        void refreshLists();
        queryClient.setQueryData(procedures.get.queryKey({ id: updated.id }), updated);
        form.reset(valuesOf(updated));
        notify("success", t("record.saved"));
      },
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const archive = useMutation(procedures.archive.mutationOptions());
  const restore = useMutation(procedures.restore.mutationOptions());
  const remove = useMutation(procedures.delete.mutationOptions());

  return {
    area,
    record,
    form,
    listUrl,
    canWrite: can(area.permissions.write),
    canDelete: can(area.permissions.delete),
    /** "Created … · last changed …", for the header of a stored record. */
    timestamps: record
      ? t("record.meta", { created: date(record.createdAt), updated: date(record.updatedAt) })
      : undefined,
    /** The save that applies: update for a stored record, create for a new one. */
    save: record ? update : create,
    submit: form.handleSubmit((input) =>
      record ? update.mutate({ id: record.id, values: input }) : create.mutate(input),
    ),
    archive: async (stored: TRecord) => {
      await archive.mutateAsync({ id: stored.id });
      await Promise.all([refreshRecord(stored.id), refreshLists()]);
      notify("success", t("record.archivedNotice", { name: stored.name }));
    },
    restore: async (stored: TRecord) => {
      await restore.mutateAsync({ id: stored.id });
      await Promise.all([refreshRecord(stored.id), refreshLists()]);
      notify("success", t("record.restoredNotice", { name: stored.name }));
    },
    remove: async (stored: TRecord) => {
      await remove.mutateAsync({ id: stored.id });
      queryClient.removeQueries(procedures.get.queryFilter({ id: stored.id }));
      void refreshLists();
      notify("success", t("record.deletedNotice", { name: stored.name }));
      navigate(listUrl);
    },
  };
}

export type RecordForm<
  TRecord extends StoredRecord,
  TInput extends TUpdate,
  TValues,
  TUpdate = TInput,
> = ReturnType<typeof useRecordForm<TRecord, TInput, TValues, TUpdate>>;

/**
 * The page around a record's fields: header with the way back to the list, the archived badge
 * and the actions the role may take; a note when the role may only read (the fields are then
 * disabled); why saving failed; and the save bar, which stays in view while scrolling.
 */
export function RecordFormFrame<
  TRecord extends StoredRecord,
  TInput extends TUpdate,
  TValues,
  TUpdate = TInput,
>({
  recordForm,
  title,
  description,
  actions,
  children,
}: {
  recordForm: RecordForm<TRecord, TInput, TValues, TUpdate>;
  title: ReactNode;
  description: ReactNode;
  /** Shown before archive / restore / delete for a stored record. */
  actions?: ReactNode;
  /** The form's sections. */
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { area, record, form, canWrite, save } = recordForm;
  return (
    <>
      <PageHeader
        breadcrumb={<Link to={recordForm.listUrl}>← {t(area.messages.title)}</Link>}
        title={title}
        badge={record?.archivedAt ? <Badge tone="warning">{t("record.archived")}</Badge> : null}
        description={description}
        actions={
          record ? (
            <>
              {actions}
              <RecordActions
                name={record.name}
                archived={Boolean(record.archivedAt)}
                canArchive={canWrite}
                canDelete={recordForm.canDelete}
                onArchive={() => recordForm.archive(record)}
                onRestore={() => recordForm.restore(record)}
                onDelete={() => recordForm.remove(record)}
              />
            </>
          ) : null
        }
      />
      {!canWrite ? <Alert tone="info">{t("record.readOnly")}</Alert> : null}
      <form className="record-form" noValidate onSubmit={recordForm.submit}>
        <SaveFailedAlert error={save.error} />
        <fieldset className="record-form__fieldset" disabled={!canWrite}>
          <legend className="visually-hidden">{t(area.messages.formLegend)}</legend>
          {children}
        </fieldset>
        {canWrite ? (
          <FormActions
            busy={save.isPending}
            dirty={form.isDirty}
            onCancel={() => navigate(recordForm.listUrl)}
          />
        ) : null}
      </form>
    </>
  );
}
