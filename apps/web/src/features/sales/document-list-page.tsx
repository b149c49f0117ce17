import {
  actionRuleOf,
  dateFieldsOf,
  draftPermissionOf,
  isIssuedStatus,
  isPayableType,
  requestableStatuses,
  resolveStatusRequest,
  MAX_PAGE_SIZE,
  STATUSES_BY_TYPE,
  type SalesDocumentStatus,
  type SalesDocumentType,
  recordActionsOf,
} from "@ledgerline/domain";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { Alert } from "../../components/alert.tsx";
import { CARD_TABLE_CLASS, type CardPlace } from "../../components/data-table.tsx";
import {
  DateFilter,
  DateRangeFilter,
  EmptyState,
  FilterSelect,
  OptionalFilterSelect,
  SearchField,
  SortableHeader,
} from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
import { Badge, PageHeader } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError, wordServerMessage } from "../../lib/errors.ts";
import { toggleSort } from "../../lib/list-state.ts";
import { Link, navigate } from "../../lib/router.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useCan, useSession } from "../auth/session.tsx";
import {
  ArchivedFilter,
  DeletedFilter,
  ListResults,
  useRecordList,
  useRowSelection,
} from "../records/record-list.tsx";
import {
  documentFiltersInput,
  documentListInput,
  documentListSpec,
  statusesOf,
  toggleStatus,
  type DocumentListState,
} from "./document-list-spec.ts";
import {
  DOCUMENT_LIST_PATHS,
  documentPath,
  isCreatableType,
  LIST_TYPE_ORDER,
  newDocumentPath,
} from "./document-types.ts";
import type { BulkStatusResult, SalesDocumentRow } from "./sales-api.ts";
import { DocumentNumber, StatusBadge } from "./status-badge.tsx";
import { StatusFilter } from "./status-filter.tsx";
import { useSalesPickers } from "./use-sales-pickers.ts";
import { scrollRegion } from "../../components/scroll-region.ts";
import { CurrencyOptions } from "../../components/region-options.tsx";

type SortKey = DocumentListState["sortBy"];

/**
 * `/invoices`, `/quotes`, …: one type's documents with filters, sorting and pages in the URL,
 * the totals of everything the filters match (per currency), and, for roles that may change
 * documents, a status change for the chosen rows that reports what worked and what did not.
 */
export function DocumentListPage({ type }: { type: SalesDocumentType }) {
  const { t, money, date, number } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const { role } = useSession();
  const queryClient = useQueryClient();
  const notify = useNotify();
  // Admin and finance (whoever may delete) also find the deleted documents here and restore them.
  const mayDelete = can("salesDocument.delete");
  const list = useRecordList(documentListSpec, (_input, state) =>
    trpc.salesDocuments.list.queryOptions(documentListInput(state, type, { mayDelete })),
  );
  const { state, update, query } = list;
  // Asked once per set of filters: paging and sorting reuse the totals already shown.
  const totalsQuery = useQuery({
    ...trpc.salesDocuments.selectionTotals.queryOptions(
      documentFiltersInput(state, type, { mayDelete }),
    ),
    placeholderData: keepPreviousData,
  });
  const selectionTotals = totalsQuery.data ?? [];
  const page = query.data;
  const { filters } = state;
  const { customers, projects } = useSalesPickers({
    archived: "all",
    customerId: filters.customerId,
  });
  const {
    selected,
    reset: resetSelection,
    toggle: toggleRow,
    toggleAll,
    hasAll,
  } = useRowSelection();
  const [bulkResult, setBulkResult] = useState<BulkOutcome | null>(null);
  const [selectionKey, setSelectionKey] = useState("");
  // Another page, filter or type is another set of rows: nothing stays chosen that is not shown.
  const currentKey = `${type}|${JSON.stringify(state)}`;
  if (currentKey !== selectionKey) {
    setSelectionKey(currentKey);
    if (selected.size > 0) resetSelection();
    if (bulkResult) setBulkResult(null);
  }

  const showingDeleted = mayDelete && filters.deleted === "only";
  const restoreDeleted = useMutation(
    trpc.salesDocuments.restoreDeleted.mutationOptions({
      onSuccess: (restored) => {
        notify(
          "success",
          t("sales.restoredDeletedNotice", {
            name: restored.number ?? t("sales.draftNumber"),
          }),
        );
        void queryClient.invalidateQueries(trpc.salesDocuments.pathFilter());
      },
      onError: (error) => notify("error", describeError(error, t)),
    }),
  );

  const payable = isPayableType(type);
  // Seed 004 filters invoices by their group: the groups to choose from (the customer's, if one
  // is chosen), newest first.
  const groups = useQuery(
    trpc.invoiceGroups.list.queryOptions(
      {
        ...(filters.customerId ? { customerId: filters.customerId } : {}),
        archived: "all",
        pageSize: MAX_PAGE_SIZE,
      },
      { enabled: type === "invoice", staleTime: 60_000 },
    ),
  );
  const canCreate = isCreatableType(type) && can(draftPermissionOf(type));
  // Deleted documents are only restored: a status change would be refused anyway.
  const canBulk = can(draftPermissionOf(type)) && !showingDeleted;
  const rows = page?.items ?? [];
  const chosenRows = rows.filter((row) => selected.has(row.id));
  const statuses = statusesOf(filters.status, type);
  const dateRangeInvalid = Boolean(filters.from && filters.to && filters.to < filters.from);

  const newButton = canCreate ? (
    <button
      type="button"
      className="button button--primary"
      onClick={() =>
        navigate(
          newDocumentPath(type as Parameters<typeof newDocumentPath>[0]) +
            (filters.customerId ? `?customerId=${filters.customerId}` : ""),
        )
      }
    >
      {t(`sales.new.${type as Parameters<typeof newDocumentPath>[0]}`)}
    </button>
  ) : null;

  const rowIds = rows.map((row) => row.id);
  const allChosen = hasAll(rowIds);

  const columns: {
    key: string;
    header: string;
    sortBy?: SortKey;
    end?: boolean;
    cell: (row: SalesDocumentRow) => ReactNode;
    className?: string;
    /** Its place on a phone's card (components/data-table.tsx); dates and the open amount stay on the document's page. */
    card?: CardPlace;
  }[] = [
    {
      key: "number",
      header: t("sales.number"),
      sortBy: "number",
      card: "title",
      cell: (row) => (
        <>
          <Link to={documentPath(row.id)} className="table__primary-link">
            <DocumentNumber number={row.number} status={row.status} />
          </Link>
          {row.archivedAt ? <Badge>{t("record.archived")}</Badge> : null}
          {row.deletedAt ? <Badge tone="danger">{t("sales.deleted")}</Badge> : null}
        </>
      ),
    },
    {
      key: "customer",
      header: t("sales.customer"),
      sortBy: "customerName",
      card: "detail",
      className: "cell--truncate",
      cell: (row) => row.customerName,
    },
    {
      key: "issued",
      header: t("sales.issuedDate"),
      sortBy: "issuedDate",
      className: "cell--numeric",
      cell: (row) =>
        row.issuedDate ? (
          date(row.issuedDate, { calendarDate: true })
        ) : (
          <span className="muted">—</span>
        ),
    },
    ...(!dateFieldsOf(type).dueDate
      ? []
      : [
          {
            key: "due",
            header: t("sales.dueDate"),
            sortBy: "dueDate" as const,
            className: "cell--numeric",
            cell: (row: SalesDocumentRow) =>
              row.dueDate ? (
                <span className={row.isOverdue ? "text--danger" : undefined}>
                  {date(row.dueDate, { calendarDate: true })}
                </span>
              ) : (
                <span className="muted">—</span>
              ),
          },
        ]),
    {
      key: "status",
      header: t("sales.status"),
      sortBy: "status",
      card: "status",
      cell: (row) => (
        <>
          <StatusBadge status={row.status} />
          {row.isOverdue && row.status !== "overdue" ? (
            <Badge tone="danger">{t("sales.overdue")}</Badge>
          ) : null}
        </>
      ),
    },
    {
      key: "total",
      header: t("sales.total"),
      sortBy: "total",
      card: "amount",
      end: true,
      className: "cell--end cell--numeric",
      cell: (row) => money(row.total, row.currency),
    },
    ...(payable
      ? [
          {
            key: "outstanding",
            header: t("sales.outstanding"),
            end: true,
            className: "cell--end cell--numeric",
            // Nobody owes a draft or a pending document yet: shown as "—", like the selection's
            // totals, which sum what is owed on issued invoices only.
            cell: (row: SalesDocumentRow) =>
              row.outstandingAmount === null || !isIssuedStatus(row.status) ? (
                <span className="muted">—</span>
              ) : (
                money(row.outstandingAmount, row.currency)
              ),
          },
        ]
      : []),
  ];
  const restoreColumn = showingDeleted
    ? {
        key: "restore",
        header: t("list.actions"),
        className: "cell--end cell--actions",
        // Offered per row exactly as the domain's record actions allow it.
        cell: (row: SalesDocumentRow) =>
          recordActionsOf(row, role).includes("restoreDeleted") ? (
            <button
              type="button"
              className="button button--small"
              disabled={restoreDeleted.isPending}
              aria-label={t("sales.restoreOne", { name: row.number ?? t("sales.draftNumber") })}
              onClick={() => restoreDeleted.mutate({ id: row.id })}
            >
              {t("record.restore")}
            </button>
          ) : null,
      }
    : null;
  const shownColumns = restoreColumn ? [...columns, restoreColumn] : columns;

  return (
    <>
      <PageHeader
        title={t(`sales.list.${type}`)}
        description={t(`sales.listDescription.${type}`)}
        actions={newButton}
      />
      <section className="panel">
        <div className="toolbar">
          <FilterSelect
            label={t("sales.documentType")}
            value={type}
            onChange={(next) => navigate(DOCUMENT_LIST_PATHS[next as SalesDocumentType])}
          >
            {LIST_TYPE_ORDER.map((option) => (
              <option key={option} value={option}>
                {t(`sales.list.${option}`)}
              </option>
            ))}
          </FilterSelect>
          <SearchField
            label={t(`sales.search.${type}`)}
            value={state.search}
            onSearch={(search) => update({ search }, { replace: true })}
          />
          <StatusFilter
            type={type}
            selected={statuses}
            onToggle={(status) =>
              update({ filters: { status: toggleStatus(filters.status, status, type) } })
            }
            onClear={() => update({ filters: { status: undefined } })}
          />
          <OptionalFilterSelect
            label={t("sales.customer")}
            offLabel={t("filter.allCustomers")}
            value={filters.customerId}
            onChange={(customerId) => update({ filters: { customerId, projectId: undefined } })}
          >
            {filters.customerId &&
            !customers.data?.items.some((customer) => customer.id === filters.customerId) ? (
              <option value={filters.customerId}>{t("filter.selectedCustomer")}</option>
            ) : null}
            {customers.data?.items.map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name}
              </option>
            ))}
          </OptionalFilterSelect>
          <OptionalFilterSelect
            label={t("sales.project")}
            offLabel={t("sales.allProjects")}
            value={filters.projectId}
            onChange={(projectId) => update({ filters: { projectId } })}
          >
            {filters.projectId &&
            !projects.data?.items.some((project) => project.id === filters.projectId) ? (
              <option value={filters.projectId}>{t("sales.selectedProject")}</option>
            ) : null}
            {projects.data?.items.map((project) => (
              <option key={project.id} value={project.id}>
                {project.number} · {project.name}
              </option>
            ))}
          </OptionalFilterSelect>
          <DateFilter
            label={t("sales.issuedFrom")}
            value={filters.from}
            onChange={(from) => update({ filters: { from } })}
          />
          <DateFilter
            label={t("sales.issuedTo")}
            value={filters.to}
            error={dateRangeInvalid ? t("validation.endBeforeStart") : undefined}
            onChange={(to) => update({ filters: { to } })}
          />
          {dateFieldsOf(type).dueDate ? (
            <DateRangeFilter
              fromLabel={t("sales.dueFrom")}
              toLabel={t("sales.dueTo")}
              from={filters.dueFrom}
              to={filters.dueTo}
              onFrom={(dueFrom) => update({ filters: { dueFrom } })}
              onTo={(dueTo) => update({ filters: { dueTo } })}
            />
          ) : null}
          <OptionalFilterSelect
            label={t("invoiceGroup.field.currency")}
            offLabel={t("invoiceGroup.filter.allCurrencies")}
            value={filters.currency}
            onChange={(currency) => update({ filters: { currency } })}
          >
            <CurrencyOptions value={filters.currency ?? ""} />
          </OptionalFilterSelect>
          {type === "invoice" ? (
            <OptionalFilterSelect
              label={t("sales.filter.group")}
              offLabel={t("sales.filter.allGroups")}
              value={filters.groupId}
              onChange={(groupId) => update({ filters: { groupId } })}
            >
              {filters.groupId &&
              !groups.data?.items.some((group) => group.id === filters.groupId) ? (
                <option value={filters.groupId}>{t("sales.filter.selectedGroup")}</option>
              ) : null}
              {groups.data?.items.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.number ?? t("invoiceGroup.noNumber")} · {group.customerName}
                </option>
              ))}
            </OptionalFilterSelect>
          ) : null}
          {payable ? (
            <label className="toolbar-check">
              <input
                type="checkbox"
                className="checkbox"
                checked={filters.overdue === "1"}
                onChange={(event) =>
                  update({ filters: { overdue: event.target.checked ? "1" : undefined } })
                }
              />
              {t("sales.overdueOnly")}
            </label>
          ) : null}
          <ArchivedFilter
            value={filters.archived}
            onChange={(archived) => update({ filters: { archived } })}
          />
          {mayDelete ? (
            <DeletedFilter
              value={filters.deleted}
              onChange={(deleted) => update({ filters: { deleted } })}
            />
          ) : null}
        </div>

        {canBulk && chosenRows.length > 0 ? (
          <BulkStatusBar
            type={type}
            rows={chosenRows}
            onResult={(result) => {
              setBulkResult(result);
              // What failed stays chosen, so it can be looked at or tried again.
              resetSelection(result.answer.failedIds);
            }}
            onClear={() => resetSelection()}
          />
        ) : null}
        {bulkResult ? (
          <div className="bulk-result">
            <Alert
              tone={bulkResult.answer.failedCount === 0 ? "success" : "warning"}
              title={t("sales.bulkResult", {
                success: bulkResult.answer.successCount,
                failed: bulkResult.answer.failedCount,
              })}
              action={
                <button
                  type="button"
                  className="icon-button"
                  onClick={() => setBulkResult(null)}
                  aria-label={t("action.dismiss")}
                >
                  <span aria-hidden="true">×</span>
                </button>
              }
            >
              {bulkResult.answer.failures.length > 0 ? (
                <ul className="bulk-result__failures">
                  {bulkResult.answer.failures.map((failure) => (
                    <li key={failure.id}>
                      <strong>{bulkResult.names.get(failure.id) ?? failure.id}</strong>:{" "}
                      {wordServerMessage(failure.appMessage, t, failure.message)}
                    </li>
                  ))}
                </ul>
              ) : null}
            </Alert>
          </div>
        ) : null}

        <ListResults
          list={list}
          skeletonColumns={columns.length + 1}
          noMatchesTitle={t(`sales.noMatches.${type}`)}
          clearFiltersPath={DOCUMENT_LIST_PATHS[type]}
          // The header's create button is the one way to start: a second one here would be the
          // same control twice.
          empty={<EmptyState title={t(`sales.empty.${type}`)} description={t("sales.emptyHint")} />}
        >
          {() => (
            <div
              className="table-wrap"
              aria-busy={query.isFetching || undefined}
              ref={scrollRegion(t(`sales.list.${type}`))}
            >
              <table className={`table document-table ${CARD_TABLE_CLASS}`}>
                <caption className="visually-hidden">{t(`sales.list.${type}`)}</caption>
                <thead>
                  <tr>
                    {canBulk ? (
                      <th scope="col" className="cell--narrow">
                        <input
                          type="checkbox"
                          className="checkbox"
                          checked={allChosen}
                          ref={(element) => {
                            if (element) {
                              element.indeterminate = chosenRows.length > 0 && !allChosen;
                            }
                          }}
                          aria-label={t("sales.selectAll")}
                          onChange={(event) => toggleAll(rowIds, event.target.checked)}
                        />
                      </th>
                    ) : null}
                    {shownColumns.map((column) =>
                      "sortBy" in column && column.sortBy ? (
                        <SortableHeader
                          key={column.key}
                          column={column.sortBy}
                          label={column.header}
                          align={column.end ? "end" : undefined}
                          sortBy={state.sortBy}
                          sortDirection={state.sortDirection}
                          onSort={(sortBy) => update(toggleSort(state, sortBy))}
                        />
                      ) : (
                        <th
                          key={column.key}
                          scope="col"
                          className={"end" in column && column.end ? "cell--end" : undefined}
                        >
                          {column.header}
                        </th>
                      ),
                    )}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr
                      key={row.id}
                      className={
                        [
                          row.isOverdue ? "row--overdue" : "",
                          row.status === "draft" ? "row--draft" : "",
                          selected.has(row.id) ? "row--selected" : "",
                        ]
                          .filter(Boolean)
                          .join(" ") || undefined
                      }
                    >
                      {canBulk ? (
                        <td className="cell--narrow" data-card="select">
                          <input
                            type="checkbox"
                            className="checkbox"
                            checked={selected.has(row.id)}
                            aria-label={t("sales.selectRow", {
                              name: row.number ?? t("sales.draftNumber"),
                              customer: row.customerName,
                            })}
                            onChange={(event) => toggleRow(row.id, event.target.checked)}
                          />
                        </td>
                      ) : null}
                      {shownColumns.map((column) => (
                        <td
                          key={column.key}
                          className={column.className}
                          data-column={column.key}
                          data-card={"card" in column ? column.card : undefined}
                        >
                          {column.cell(row)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
                {selectionTotals.length > 0 ? (
                  <tfoot aria-busy={totalsQuery.isFetching || undefined}>
                    {selectionTotals.map((totals) => (
                      <tr key={totals.currency} className="totals-row">
                        <th
                          scope="row"
                          colSpan={columns.length - (payable ? 2 : 1) + (canBulk ? 1 : 0)}
                        >
                          {totals.count === 1
                            ? t("sales.selectionTotalOne", { currency: totals.currency })
                            : t("sales.selectionTotal", {
                                count: number(totals.count),
                                currency: totals.currency,
                              })}
                        </th>
                        <td className="cell--end cell--numeric">
                          {money(totals.total, totals.currency)}
                        </td>
                        {payable ? (
                          <td className="cell--end cell--numeric">
                            {money(totals.outstandingAmount, totals.currency)}
                          </td>
                        ) : null}
                        {restoreColumn ? <td /> : null}
                      </tr>
                    ))}
                  </tfoot>
                ) : null}
              </table>
            </div>
          )}
        </ListResults>
      </section>
    </>
  );
}

/** Whether moving a row to `status` needs a reason (cancel, return). */
function needsReason(type: SalesDocumentType, from: SalesDocumentStatus, to: SalesDocumentStatus) {
  try {
    const action = resolveStatusRequest(type, from, to);
    return actionRuleOf(type, action)?.reason === "required";
  } catch {
    return false;
  }
}

interface BulkOutcome {
  answer: BulkStatusResult;
  /** The rows' numbers (or "Draft") when the change was asked for, to name the failures. */
  names: Map<string, string>;
}

/**
 * The status change for the chosen rows: the statuses any of them can be moved to by hand (the
 * API refuses the rest row by row, each in its own transaction), a reason where a move needs
 * one. The page shows the outcome: how many were changed and, for each that was not, why.
 */
function BulkStatusBar({
  type,
  rows,
  onResult,
  onClear,
}: {
  type: SalesDocumentType;
  rows: readonly SalesDocumentRow[];
  onResult: (outcome: BulkOutcome) => void;
  onClear: () => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const statusId = useId();
  const reasonId = useId();
  const [status, setStatus] = useState<SalesDocumentStatus | "">("");
  const [reason, setReason] = useState("");
  const bulk = useMutation(trpc.salesDocuments.bulkStatusUpdate.mutationOptions());

  const targets = (STATUSES_BY_TYPE[type] as readonly SalesDocumentStatus[]).filter((candidate) =>
    rows.some((row) => requestableStatuses(type, row.status).includes(candidate)),
  );
  const reasonRequired = status !== "" && rows.some((row) => needsReason(type, row.status, status));
  const missingReason = reasonRequired && reason.trim() === "";

  return (
    <div className="bulk-bar" role="region" aria-label={t("sales.bulkTitle")}>
      <p className="bulk-bar__count">{t("sales.selectedCount", { count: rows.length })}</p>
      <form
        className="bulk-bar__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (status === "" || missingReason) return;
          const names = new Map(
            rows.map((row) => [
              row.id,
              row.number ?? `${t("sales.draftNumber")} · ${row.customerName}`,
            ]),
          );
          bulk.mutate(
            {
              ids: rows.map((row) => row.id),
              status,
              ...(reason.trim() ? { reason: reason.trim() } : {}),
            },
            {
              onSuccess: (answer) => {
                setStatus("");
                setReason("");
                void queryClient.invalidateQueries(trpc.salesDocuments.pathFilter());
                onResult({ answer, names });
              },
            },
          );
        }}
      >
        <div className="field field--filter">
          <label className="field__label" htmlFor={statusId}>
            {t("sales.bulkStatus")}
          </label>
          <select
            id={statusId}
            className="input input--select"
            value={status}
            onChange={(event) => setStatus(event.target.value as SalesDocumentStatus | "")}
          >
            <option value="">
              {targets.length > 0 ? t("sales.bulkChoose") : t("sales.bulkNone")}
            </option>
            {targets.map((target) => (
              <option key={target} value={target}>
                {t(`salesStatus.${target}`)}
              </option>
            ))}
          </select>
        </div>
        {status !== "" ? (
          <div className="field field--filter field--reason">
            <div className="field__label-row">
              <label className="field__label" htmlFor={reasonId}>
                {t("sales.reason")}
              </label>
              {reasonRequired ? (
                <span className="field__required" aria-hidden="true">
                  *
                </span>
              ) : null}
            </div>
            <input
              id={reasonId}
              className="input"
              value={reason}
              aria-required={reasonRequired || undefined}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
        ) : null}
        <button
          type="submit"
          className="button button--primary"
          disabled={status === "" || missingReason || bulk.isPending}
        >
          {bulk.isPending ? t("action.saving") : t("sales.bulkApply")}
        </button>
        <button type="button" className="button button--ghost" onClick={onClear}>
          {t("sales.clearSelection")}
        </button>
      </form>
      {bulk.isError ? <Alert tone="error">{describeError(bulk.error, t)}</Alert> : null}
    </div>
  );
}
