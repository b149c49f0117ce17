import {
  resolveInvoiceGroupDeleteRequest,
  type InvoiceGroupAllowedAction,
} from "@ledgerline/domain";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable } from "../../components/data-table.tsx";
import { DateField } from "../../components/date-field.tsx";
import { DetailSection } from "../../components/detail-section.tsx";
import { ConfirmDialog, Dialog } from "../../components/dialog.tsx";
import { TextAreaField, TextField } from "../../components/field.tsx";
import { LoadedRecord } from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
import { Badge, PageHeader } from "../../components/page-header.tsx";
import { RecordPdfPanel } from "../records/record-pdf-panel.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { Link, navigate } from "../../lib/router.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { lastListUrl } from "../../lib/use-list-state.ts";
import { INVOICE_GROUPS_PATH, invoiceGroupPath } from "./invoice-group-paths.ts";
import { InvoiceGroupStatusBadge } from "./invoice-group-status.tsx";

export type InvoiceGroupDetail = RouterOutputs["invoiceGroups"]["get"];
type GroupInvoice = InvoiceGroupDetail["invoices"][number];
type Candidate = RouterOutputs["invoiceGroups"]["eligibleInvoices"][number];

/**
 * `/invoice-groups/:id`: the statement's facts and display options, its invoices, the totals
 * per currency (the sums of its invoices, from the API), and exactly the actions the API's
 * `allowedActions` names: issue, cancel, edit, add invoices from a filtered list, remove one,
 * archive and restore, delete (a draft for good, any other group softly) and restore a deleted one.
 */
export function InvoiceGroupDetailPage({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const group = useQuery(trpc.invoiceGroups.get.queryOptions({ id }));
  const listUrl = lastListUrl(INVOICE_GROUPS_PATH);
  return (
    <LoadedRecord query={group} title={t("invoiceGroup.title")} listUrl={listUrl}>
      {(loaded) => <InvoiceGroupView group={loaded} listUrl={listUrl} />}
    </LoadedRecord>
  );
}

function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The PDF's state too: an edit or an issue makes the stored PDF an older state of the group.
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.invoiceGroups.pathFilter()),
      queryClient.invalidateQueries(trpc.invoiceGroupPdfs.pathFilter()),
    ]);
}

function InvoiceGroupView({ group, listUrl }: { group: InvoiceGroupDetail; listUrl: string }) {
  const { t, money, date, number } = useI18n();
  const heading = group.number ?? t("invoiceGroup.noNumber");
  const yesNo = (value: boolean) => t(value ? "invoiceGroup.yes" : "invoiceGroup.no");
  return (
    <>
      <PageHeader
        breadcrumb={<Link to={listUrl}>← {t("invoiceGroup.title")}</Link>}
        pageTitle={heading}
        area={t("invoiceGroup.title")}
        title={t("invoiceGroup.heading", { number: heading })}
        badge={
          <>
            <InvoiceGroupStatusBadge status={group.status} />
            {group.archivedAt ? <Badge>{t("record.archived")}</Badge> : null}
            {group.deletedAt ? <Badge tone="danger">{t("invoiceGroup.deleted")}</Badge> : null}
          </>
        }
        description={<Link to={`/customers/${group.customerId}`}>{group.customerName}</Link>}
      />
      <InvoiceGroupActions group={group} />
      <div className="detail-grid">
        <DetailSection title={t("invoiceGroup.section.facts")}>
          <dl className="facts">
            <div>
              <dt>{t("invoiceGroup.field.currency")}</dt>
              <dd>{group.currency}</dd>
            </div>
            <div>
              <dt>{t("invoiceGroup.field.invoiceDate")}</dt>
              <dd>{date(group.invoiceDate, { calendarDate: true })}</dd>
            </div>
            <div>
              <dt>{t("invoiceGroup.field.dueDate")}</dt>
              <dd>
                {group.dueDate ? (
                  date(group.dueDate, { calendarDate: true })
                ) : (
                  <span className="muted">—</span>
                )}
              </dd>
            </div>
            {group.notes ? (
              <div>
                <dt>{t("invoiceGroup.field.notes")}</dt>
                <dd>{group.notes}</dd>
              </div>
            ) : null}
          </dl>
        </DetailSection>
        <DetailSection title={t("invoiceGroup.section.display")}>
          <dl className="facts">
            <div>
              <dt>{t("invoiceGroup.field.includeInvoices")}</dt>
              <dd>{yesNo(group.includeInvoices)}</dd>
            </div>
            <div>
              <dt>{t("invoiceGroup.field.includeJobTitles")}</dt>
              <dd>{yesNo(group.includeJobTitles)}</dd>
            </div>
            <div>
              <dt>{t("invoiceGroup.field.includeWordRates")}</dt>
              <dd>{yesNo(group.includeWordRates)}</dd>
            </div>
            <div>
              <dt>{t("invoiceGroup.field.lineOrder")}</dt>
              <dd>{t(`invoiceGroup.lineOrder.${group.lineOrder}`)}</dd>
            </div>
          </dl>
        </DetailSection>
      </div>
      <DetailSection title={t("invoiceGroup.section.totals")}>
        {group.totals.length === 0 ? (
          <p className="muted">{t("invoiceGroup.noInvoices")}</p>
        ) : (
          <table className="table" data-testid="invoice-group-totals">
            <thead>
              <tr>
                <th scope="col">{t("invoiceGroup.field.currency")}</th>
                <th scope="col" className="cell--end">
                  {t("invoiceGroup.field.invoiceCount")}
                </th>
                <th scope="col" className="cell--end">
                  {t("invoiceGroup.totals.net")}
                </th>
                <th scope="col" className="cell--end">
                  {t("invoiceGroup.totals.tax")}
                </th>
                <th scope="col" className="cell--end">
                  {t("invoiceGroup.totals.total")}
                </th>
                <th scope="col" className="cell--end">
                  {t("invoiceGroup.totals.paid")}
                </th>
                <th scope="col" className="cell--end">
                  {t("invoiceGroup.totals.open")}
                </th>
              </tr>
            </thead>
            <tbody>
              {group.totals.map((total) => (
                <tr key={total.currency} data-currency={total.currency}>
                  <th scope="row">{total.currency}</th>
                  <td className="cell--end cell--numeric">{number(total.invoiceCount)}</td>
                  <td className="cell--end cell--numeric">
                    {money(total.netAmount, total.currency)}
                  </td>
                  <td className="cell--end cell--numeric">
                    {money(total.taxAmount, total.currency)}
                  </td>
                  <td className="cell--end cell--numeric" data-testid="group-total">
                    <strong>{money(total.total, total.currency)}</strong>
                  </td>
                  <td className="cell--end cell--numeric">
                    {money(total.paidAmount, total.currency)}
                  </td>
                  <td className="cell--end cell--numeric">
                    {money(total.openAmount, total.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </DetailSection>
      <InvoicesPanel group={group} />
      <RecordPdfPanel kind="invoiceGroup" id={group.id} />
    </>
  );
}

/** The group's invoices; on a draft each can be removed, and more added from a filtered list. */
function InvoicesPanel({ group }: { group: InvoiceGroupDetail }) {
  const { t, money, date } = useI18n();
  const trpc = useTRPC();
  const notify = useNotify();
  const refresh = useRefresh();
  const [adding, setAdding] = useState(false);
  const mayRemove = group.allowedActions.includes("removeInvoice");
  const mayAdd = group.allowedActions.includes("addInvoice");
  const remove = useMutation(
    trpc.invoiceGroups.removeInvoice.mutationOptions({
      onSuccess: (_result, input) => {
        const invoice = group.invoices.find((row) => row.id === input.invoiceId);
        notify("success", t("invoiceGroup.done.removed", { number: invoice?.number ?? "" }));
        void refresh();
      },
      onError: (error) => notify("error", describeError(error, t)),
    }),
  );
  return (
    <DetailSection
      title={t("invoiceGroup.section.invoices")}
      actions={
        mayAdd ? (
          <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
            {t("invoiceGroup.action.addInvoice")}
          </button>
        ) : null
      }
    >
      {group.invoices.length === 0 ? (
        <p className="muted">{t("invoiceGroup.noInvoices")}</p>
      ) : (
        <DataTable<GroupInvoice, never>
          caption={t("invoiceGroup.section.invoices")}
          rows={group.invoices}
          columns={[
            {
              header: t("invoiceGroup.invoice.number"),
              cellClassName: "cell--narrow cell--nowrap",
              cell: (row) => (
                <Link to={`/documents/${row.id}`} className="table__primary-link">
                  {row.number}
                </Link>
              ),
            },
            ...(group.includeJobTitles
              ? [
                  {
                    header: t("invoiceGroup.invoice.project"),
                    cellClassName: "cell--truncate",
                    cell: (row: GroupInvoice) => row.projectName ?? "—",
                  },
                ]
              : []),
            {
              header: t("invoiceGroup.invoice.issuedDate"),
              cellClassName: "cell--numeric cell--narrow",
              cell: (row) => (row.issuedDate ? date(row.issuedDate, { calendarDate: true }) : "—"),
            },
            {
              header: t("invoiceGroup.invoice.status"),
              cell: (row) => t(`salesStatus.${row.status}`),
            },
            ...(group.includeWordRates
              ? [
                  {
                    header: t("invoiceGroup.invoice.lines"),
                    cell: (row: GroupInvoice) => (
                      <ul className="invoice-group-lines">
                        {row.lines.map((line) => (
                          <li key={line.position}>
                            {line.sourceLanguage && line.targetLanguage
                              ? `${line.sourceLanguage} → ${line.targetLanguage}: `
                              : `${line.description}: `}
                            {money(line.unitPrice, row.currency)}
                          </li>
                        ))}
                      </ul>
                    ),
                  },
                ]
              : []),
            {
              header: t("invoiceGroup.invoice.net"),
              align: "end",
              cellClassName: "cell--end cell--numeric",
              cell: (row) => money(row.netAmount, row.currency),
            },
            {
              header: t("invoiceGroup.invoice.total"),
              align: "end",
              cellClassName: "cell--end cell--numeric",
              cell: (row) => money(row.total, row.currency),
            },
            {
              header: t("invoiceGroup.invoice.paid"),
              align: "end",
              cellClassName: "cell--end cell--numeric",
              cell: (row) => money(row.paidAmount, row.currency),
            },
            ...(mayRemove
              ? [
                  {
                    header: t("invoiceGroup.actions"),
                    hideHeader: true,
                    cellClassName: "cell--narrow",
                    cell: (row: GroupInvoice) => (
                      <button
                        type="button"
                        className="button button--small"
                        disabled={remove.isPending}
                        aria-label={t("invoiceGroup.removeOne", { number: row.number ?? "" })}
                        onClick={() => remove.mutate({ id: group.id, invoiceId: row.id })}
                      >
                        {t("invoiceGroup.action.removeInvoice")}
                      </button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {adding ? <AddInvoicesDialog group={group} onClose={() => setAdding(false)} /> : null}
    </DetailSection>
  );
}

/**
 * "Add invoices from a filtered list": only the invoices that may join (the API's
 * `eligibleInvoices`: the group's customer and currency, issued, in no group), narrowed by
 * number and issue date; each is added with one click and leaves the list.
 */
function AddInvoicesDialog({ group, onClose }: { group: InvoiceGroupDetail; onClose: () => void }) {
  const { t, money, date } = useI18n();
  const trpc = useTRPC();
  const notify = useNotify();
  const refresh = useRefresh();
  const [search, setSearch] = useState("");
  const [issuedFrom, setIssuedFrom] = useState("");
  const [issuedTo, setIssuedTo] = useState("");
  const candidates = useQuery({
    ...trpc.invoiceGroups.eligibleInvoices.queryOptions({
      id: group.id,
      ...(search.trim() ? { search: search.trim() } : {}),
      ...(issuedFrom ? { issuedDateFrom: issuedFrom } : {}),
      ...(issuedTo ? { issuedDateTo: issuedTo } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const add = useMutation(
    trpc.invoiceGroups.addInvoice.mutationOptions({
      onSuccess: (_result, input) => {
        const invoice = candidates.data?.find((row) => row.id === input.invoiceId);
        notify("success", t("invoiceGroup.done.added", { number: invoice?.number ?? "" }));
        void refresh();
      },
    }),
  );
  return (
    <Dialog
      open
      size="large"
      onClose={onClose}
      title={t("invoiceGroup.add.title")}
      footer={
        <button type="button" className="button" onClick={onClose}>
          {t("invoiceGroup.add.close")}
        </button>
      }
    >
      <p className="muted">
        {t("invoiceGroup.add.hint", { customer: group.customerName, currency: group.currency })}
      </p>
      <div className="toolbar">
        <TextField
          label={t("invoiceGroup.add.search")}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <DateField
          label={t("invoiceGroup.add.issuedFrom")}
          value={issuedFrom}
          onChange={(event) => setIssuedFrom(event.target.value)}
        />
        <DateField
          label={t("invoiceGroup.add.issuedTo")}
          value={issuedTo}
          onChange={(event) => setIssuedTo(event.target.value)}
        />
      </div>
      {add.error ? (
        <p className="field__error" role="alert">
          {describeError(add.error, t)}
        </p>
      ) : null}
      {candidates.isError ? (
        <p className="field__error" role="alert">
          {describeError(candidates.error, t)}
        </p>
      ) : candidates.data && candidates.data.length === 0 ? (
        <p className="muted">{t("invoiceGroup.add.none")}</p>
      ) : candidates.data ? (
        <DataTable<Candidate, never>
          caption={t("invoiceGroup.add.title")}
          rows={candidates.data}
          busy={candidates.isFetching}
          columns={[
            {
              header: t("invoiceGroup.invoice.number"),
              cellClassName: "cell--narrow cell--nowrap",
              cell: (row) => row.number,
            },
            {
              header: t("invoiceGroup.invoice.project"),
              cellClassName: "cell--truncate",
              cell: (row) => row.projectName ?? "—",
            },
            {
              header: t("invoiceGroup.invoice.issuedDate"),
              cellClassName: "cell--numeric cell--narrow",
              cell: (row) => (row.issuedDate ? date(row.issuedDate, { calendarDate: true }) : "—"),
            },
            {
              header: t("invoiceGroup.invoice.status"),
              cell: (row) => t(`salesStatus.${row.status}`),
            },
            {
              header: t("invoiceGroup.invoice.total"),
              align: "end",
              cellClassName: "cell--end cell--numeric",
              cell: (row) => money(row.total, row.currency),
            },
            {
              header: t("invoiceGroup.actions"),
              hideHeader: true,
              cellClassName: "cell--narrow",
              cell: (row) => (
                <button
                  type="button"
                  className="button button--small button--primary"
                  disabled={add.isPending}
                  aria-label={t("invoiceGroup.add.addOne", { number: row.number ?? "" })}
                  onClick={() => {
                    add.reset();
                    add.mutate({ id: group.id, invoiceId: row.id });
                  }}
                >
                  {t("invoiceGroup.add.add")}
                </button>
              ),
            },
          ]}
        />
      ) : null}
    </Dialog>
  );
}

/** The buttons of the group page, in this order; the rest are on the invoices' rows. */
const GROUP_BUTTONS: InvoiceGroupAllowedAction[] = [
  "issue",
  "edit",
  "cancel",
  "archive",
  "restore",
  "delete",
  "restoreDeleted",
];
type Asked = "issue" | "cancel" | "delete";

/**
 * The group's own actions: exactly what `allowedActions` names. Issue, cancel and delete ask
 * first, saying what follows (a draft is deleted for good and frees its invoices; any other group
 * is kept with its number and invoices, hidden until restored); archive and the restores do not.
 */
function InvoiceGroupActions({ group }: { group: InvoiceGroupDetail }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const notify = useNotify();
  const refresh = useRefresh();
  const [asking, setAsking] = useState<Asked | null>(null);
  const [reason, setReason] = useState("");
  const done = (message: string) => {
    setAsking(null);
    notify("success", message);
    void refresh();
  };
  const transition = useMutation(
    trpc.invoiceGroups.transition.mutationOptions({
      onSuccess: (_result, input) => done(t(`invoiceGroup.done.${input.action}`)),
    }),
  );
  const remove = useMutation(
    trpc.invoiceGroups.delete.mutationOptions({
      onSuccess: (result) => {
        done(t(result.removed ? "invoiceGroup.done.delete" : "invoiceGroup.done.softDelete"));
        // A removed draft is gone; a soft-deleted group stays on its page, marked deleted.
        if (result.removed) navigate(lastListUrl(INVOICE_GROUPS_PATH), { replace: true });
      },
    }),
  );
  const archive = useMutation(
    trpc.invoiceGroups.archive.mutationOptions({
      onSuccess: () => done(t("invoiceGroup.done.archive")),
    }),
  );
  const restore = useMutation(
    trpc.invoiceGroups.restore.mutationOptions({
      onSuccess: () => done(t("invoiceGroup.done.restore")),
    }),
  );
  const restoreDeleted = useMutation(
    trpc.invoiceGroups.restoreDeleted.mutationOptions({
      onSuccess: () => done(t("invoiceGroup.done.restoreDeleted")),
    }),
  );
  const mutations = [transition, remove, archive, restore, restoreDeleted];
  const busy = mutations.some((mutation) => mutation.isPending);
  const failed = mutations.find((mutation) => mutation.error)?.error;
  const buttons = GROUP_BUTTONS.filter((action) => group.allowedActions.includes(action));
  if (buttons.length === 0) return null;
  const run = (action: InvoiceGroupAllowedAction) => {
    for (const mutation of mutations) mutation.reset();
    const id = group.id;
    if (action === "edit") navigate(`${invoiceGroupPath(id)}/edit`);
    else if (action === "archive") archive.mutate({ id });
    else if (action === "restore") restore.mutate({ id });
    else if (action === "restoreDeleted") restoreDeleted.mutate({ id });
    else {
      setReason("");
      setAsking(action as Asked);
    }
  };
  const deleteKind = resolveInvoiceGroupDeleteRequest(group.status);
  return (
    <div className="document-actions" role="group" aria-label={t("invoiceGroup.actions")}>
      {buttons.map((action) => (
        <button
          key={action}
          type="button"
          className={
            action === "issue"
              ? "button button--primary"
              : action === "cancel" || action === "delete"
                ? "button button--danger-outline"
                : "button"
          }
          disabled={busy}
          onClick={() => run(action)}
        >
          {t(`invoiceGroup.action.${action}`)}
        </button>
      ))}
      {failed && asking === null ? (
        <p className="field__error" role="alert">
          {describeError(failed, t)}
        </p>
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        title={asking ? t(`invoiceGroup.action.${asking}`) : ""}
        confirmLabel={asking ? t(`invoiceGroup.action.${asking}`) : ""}
        tone={asking === "issue" ? "primary" : "danger"}
        busy={busy}
        error={failed ? describeError(failed, t) : null}
        onClose={() => setAsking(null)}
        onConfirm={() => {
          if (asking === "delete") remove.mutate({ id: group.id });
          else if (asking)
            transition.mutate({
              id: group.id,
              action: asking,
              ...(asking === "cancel" && reason.trim() ? { reason: reason.trim() } : {}),
            });
        }}
      >
        {asking === "cancel" ? (
          <>
            <p>{t("invoiceGroup.cancelText")}</p>
            <TextAreaField
              label={t("invoiceGroup.field.reason")}
              rows={2}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </>
        ) : (
          <p>
            {t(asking === "delete" ? `invoiceGroup.${deleteKind}Text` : "invoiceGroup.issueText")}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
