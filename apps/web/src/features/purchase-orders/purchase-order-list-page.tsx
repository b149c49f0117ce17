import {
  MAX_PAGE_SIZE,
  PURCHASE_ORDER_APPROVAL_STATES,
  PURCHASE_ORDER_STATUSES,
  type BatchOperation,
} from "@ledgerline/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable } from "../../components/data-table.tsx";
import { ConfirmDialog } from "../../components/dialog.tsx";
import { useNotify } from "../../components/notices.tsx";
import {
  DateRangeFilter,
  EmptyState,
  OptionalFilterSelect,
  SearchField,
} from "../../components/list.tsx";
import { Badge, PageHeader } from "../../components/page-header.tsx";
import { CurrencyOptions } from "../../components/region-options.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { toggleSort } from "../../lib/list-state.ts";
import { Link, navigate } from "../../lib/router.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useCan } from "../auth/session.tsx";
import {
  ArchivedFilter,
  DeletedFilter,
  ListResults,
  useRecordList,
  useRowSelection,
} from "../records/record-list.tsx";
import { BatchProgress, type BatchStatus } from "./purchase-order-batch.tsx";
import { purchaseOrderListInput, purchaseOrderListSpec } from "./purchase-order-list-spec.ts";
import { PURCHASE_ORDERS_PATH, purchaseOrderPath } from "./purchase-order-paths.ts";
import { PurchaseOrderStatusBadge } from "./purchase-order-status.tsx";

/** Pickers change rarely: their choices may be a minute old. */
const PICKER_STALE_MS = 60_000;

type Row = RouterOutputs["purchaseOrders"]["list"]["items"][number];

/** The projects, suppliers and people the filters and the form offer. */
export function usePurchaseOrderPickers() {
  const trpc = useTRPC();
  const all = {
    archived: "all",
    sortBy: "name",
    sortDirection: "asc",
    pageSize: MAX_PAGE_SIZE,
  } as const;
  const projects = useQuery(trpc.projects.list.queryOptions(all, { staleTime: PICKER_STALE_MS }));
  const suppliers = useQuery(trpc.suppliers.list.queryOptions(all, { staleTime: PICKER_STALE_MS }));
  const people = useQuery(
    trpc.users.listAssignable.queryOptions(undefined, { staleTime: PICKER_STALE_MS }),
  );
  return {
    projects: projects.data?.items ?? [],
    suppliers: suppliers.data?.items ?? [],
    people: people.data ?? [],
  };
}

/**
 * `/purchase-orders`: seed 004's filters (status, project, supplier, project manager, order and
 * due date ranges, currency, approval state, archived), search by BE number, sortable columns and
 * pages in the URL. Roles that may approve or delete select rows and run a batch; its progress
 * and per-id results show above the list. Admin and finance also find the soft-deleted POs here
 * (`?deleted=only`) and restore them.
 */
export function PurchaseOrderListPage() {
  const { t, money, date, number } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const mayApprove = can("purchaseOrder.approve");
  const mayDelete = can("purchaseOrder.delete");
  const list = useRecordList(purchaseOrderListSpec, (_input, state) =>
    trpc.purchaseOrders.list.queryOptions(purchaseOrderListInput(state, { mayDelete })),
  );
  const { state, update, query } = list;
  const pickers = usePurchaseOrderPickers();
  const { selected, reset: resetSelection, toggle, toggleAll, hasAll } = useRowSelection();
  const [confirming, setConfirming] = useState<BatchOperation | null>(null);
  const [batch, setBatch] = useState<{ operation: BatchOperation; status: BatchStatus } | null>(
    null,
  );
  const f = state.filters;
  const page = query.data;
  const showingDeleted = mayDelete && f.deleted === "only";
  // Deleted POs are only restored: approving or deleting them again would be refused anyway.
  const selectable = (mayApprove || mayDelete) && !showingDeleted;
  const restoreDeleted = useMutation(
    trpc.purchaseOrders.restoreDeleted.mutationOptions({
      onSuccess: (_result, input) => {
        const row = page?.items.find((item) => item.id === input.id);
        notify("success", t("po.restoredNotice", { number: row?.number ?? t("po.noNumber") }));
        void queryClient.invalidateQueries(trpc.purchaseOrders.pathFilter());
      },
      onError: (error) => notify("error", describeError(error, t)),
    }),
  );

  const onStarted = (operation: BatchOperation) => (status: BatchStatus) => {
    setConfirming(null);
    resetSelection();
    setBatch({ operation, status });
  };
  const approve = useMutation(
    trpc.purchaseOrders.batchApprove.mutationOptions({ onSuccess: onStarted("approve") }),
  );
  const remove = useMutation(
    trpc.purchaseOrders.batchDelete.mutationOptions({ onSuccess: onStarted("delete") }),
  );
  const running = confirming === "delete" ? remove : approve;

  const pageIds = page?.items.map((row) => row.id) ?? [];
  const allOnPage = hasAll(pageIds);

  const newButton = can("purchaseOrder.write") ? (
    <button
      type="button"
      className="button button--primary"
      onClick={() => navigate(`${PURCHASE_ORDERS_PATH}/new`)}
    >
      {t("po.new")}
    </button>
  ) : null;

  return (
    <>
      <PageHeader title={t("po.title")} description={t("po.description")} actions={newButton} />
      {batch ? (
        <BatchProgress
          key={batch.status.id}
          started={batch.status}
          operation={batch.operation}
          onClose={() => {
            setBatch(null);
            void queryClient.invalidateQueries(trpc.purchaseOrders.pathFilter());
          }}
        />
      ) : null}
      <section className="panel">
        <div className="toolbar">
          <SearchField
            label={t("po.search")}
            value={state.search}
            onSearch={(search) => update({ search }, { replace: true })}
          />
          <OptionalFilterSelect
            label={t("po.field.status")}
            offLabel={t("po.filter.allStatuses")}
            value={f.status}
            onChange={(value) => update({ filters: { status: value } })}
          >
            {PURCHASE_ORDER_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`po.status.${status}`)}
              </option>
            ))}
          </OptionalFilterSelect>
          <OptionalFilterSelect
            label={t("po.field.project")}
            offLabel={t("po.filter.allProjects")}
            value={f.projectId}
            onChange={(value) => update({ filters: { projectId: value } })}
          >
            {pickers.projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.number} {project.name}
              </option>
            ))}
          </OptionalFilterSelect>
          <OptionalFilterSelect
            label={t("po.field.supplier")}
            offLabel={t("po.filter.allSuppliers")}
            value={f.supplierId}
            onChange={(value) => update({ filters: { supplierId: value } })}
          >
            {pickers.suppliers.map((supplier) => (
              <option key={supplier.id} value={supplier.id}>
                {supplier.name}
              </option>
            ))}
          </OptionalFilterSelect>
          <OptionalFilterSelect
            label={t("po.field.projectManager")}
            offLabel={t("po.filter.anyone")}
            value={f.managerId}
            onChange={(value) => update({ filters: { managerId: value } })}
          >
            {pickers.people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </OptionalFilterSelect>
          <DateRangeFilter
            fromLabel={t("po.filter.orderFrom")}
            toLabel={t("po.filter.orderTo")}
            from={f.orderFrom}
            to={f.orderTo}
            onFrom={(value) => update({ filters: { orderFrom: value } })}
            onTo={(value) => update({ filters: { orderTo: value } })}
          />
          <DateRangeFilter
            fromLabel={t("po.filter.dueFrom")}
            toLabel={t("po.filter.dueTo")}
            from={f.dueFrom}
            to={f.dueTo}
            onFrom={(value) => update({ filters: { dueFrom: value } })}
            onTo={(value) => update({ filters: { dueTo: value } })}
          />
          <OptionalFilterSelect
            label={t("po.field.currency")}
            offLabel={t("po.filter.allCurrencies")}
            value={f.currency}
            onChange={(value) => update({ filters: { currency: value } })}
          >
            <CurrencyOptions value={f.currency ?? ""} />
          </OptionalFilterSelect>
          <OptionalFilterSelect
            label={t("po.filter.approval")}
            offLabel={t("po.filter.any")}
            value={f.approval}
            onChange={(value) => update({ filters: { approval: value } })}
          >
            {PURCHASE_ORDER_APPROVAL_STATES.map((value) => (
              <option key={value} value={value}>
                {t(`po.approval.${value}`)}
              </option>
            ))}
          </OptionalFilterSelect>
          <ArchivedFilter
            label={t("po.filter.archive")}
            value={f.archived}
            onChange={(archived) => update({ filters: { archived } })}
          />
          {mayDelete ? (
            <DeletedFilter
              value={f.deleted}
              onChange={(deleted) => update({ filters: { deleted } })}
            />
          ) : null}
        </div>

        {selectable && page && page.total > 0 ? (
          <div className="po-selection" role="group" aria-label={t("po.selection.label")}>
            <label className="po-selection__all">
              <input
                type="checkbox"
                checked={allOnPage}
                onChange={(event) => toggleAll(pageIds, event.target.checked)}
              />{" "}
              {t("po.selection.allOnPage")}
            </label>
            <span aria-live="polite">
              {t("po.selection.count", { count: number(selected.size) })}
            </span>
            {mayApprove ? (
              <button
                type="button"
                className="button button--primary"
                disabled={selected.size === 0 || batch !== null}
                onClick={() => {
                  approve.reset();
                  setConfirming("approve");
                }}
              >
                {t("po.selection.approve")}
              </button>
            ) : null}
            {mayDelete ? (
              <button
                type="button"
                className="button button--danger-outline"
                disabled={selected.size === 0 || batch !== null}
                onClick={() => {
                  remove.reset();
                  setConfirming("delete");
                }}
              >
                {t("po.selection.delete")}
              </button>
            ) : null}
            {selected.size > 0 ? (
              <button type="button" className="button" onClick={() => resetSelection()}>
                {t("po.selection.clear")}
              </button>
            ) : null}
          </div>
        ) : null}

        <ListResults
          list={list}
          skeletonColumns={8}
          noMatchesTitle={t("po.noMatches")}
          clearFiltersPath={PURCHASE_ORDERS_PATH}
          empty={
            <EmptyState title={t("po.empty")} description={t("po.emptyHint")} action={newButton} />
          }
        >
          {(page) => (
            <DataTable<Row, (typeof state)["sortBy"]>
              caption={t("po.title")}
              rows={page.items}
              busy={query.isFetching}
              sort={{
                sortBy: state.sortBy,
                sortDirection: state.sortDirection,
                onSort: (column) => update(toggleSort(state, column)),
              }}
              columns={[
                ...(selectable
                  ? [
                      {
                        header: t("po.selection.select"),
                        card: "select" as const,
                        hideHeader: true,
                        cellClassName: "cell--narrow",
                        cell: (row: Row) => (
                          <input
                            type="checkbox"
                            aria-label={t("po.selection.selectOne", {
                              number: row.number ?? t("po.noNumber"),
                            })}
                            checked={selected.has(row.id)}
                            onChange={(event) => toggle(row.id, event.target.checked)}
                          />
                        ),
                      },
                    ]
                  : []),
                {
                  header: t("po.field.number"),
                  card: "title" as const,
                  sortBy: "number",
                  cellClassName: "cell--narrow",
                  cell: (row) => (
                    <>
                      <Link to={purchaseOrderPath(row.id)} className="table__primary-link">
                        {row.number ?? t("po.noNumber")}
                      </Link>
                      {row.archivedAt ? <Badge>{t("record.archived")}</Badge> : null}
                      {row.deletedAt ? <Badge tone="danger">{t("po.deleted")}</Badge> : null}
                      {row.isInternal ? <Badge tone="info">{t("po.internal")}</Badge> : null}
                    </>
                  ),
                },
                {
                  header: t("po.field.project"),
                  cellClassName: "cell--truncate",
                  cell: (row) => `${row.projectNumber} ${row.projectName}`,
                },
                {
                  header: t("po.field.supplier"),
                  card: "detail" as const,
                  cellClassName: "cell--truncate",
                  cell: (row) => row.supplierName,
                },
                {
                  header: t("po.field.status"),
                  card: "status" as const,
                  sortBy: "status",
                  cell: (row) => (
                    <>
                      <PurchaseOrderStatusBadge status={row.status} />
                      {row.isAutoApproved ? (
                        <Badge tone="info">{t("po.approval.autoApproved")}</Badge>
                      ) : null}
                    </>
                  ),
                },
                // A deleted PO's progress matters less than the room for its Restore button.
                ...(showingDeleted
                  ? []
                  : [
                      {
                        header: t("po.field.progress"),
                        align: "end" as const,
                        cellClassName: "cell--end cell--numeric",
                        cell: (row: Row) => `${number(row.progress)} %`,
                      },
                    ]),
                {
                  header: t("po.field.orderDate"),
                  sortBy: "orderDate",
                  cellClassName: "cell--numeric cell--narrow",
                  cell: (row) => date(row.orderDate),
                },
                {
                  header: t("po.field.dueDate"),
                  sortBy: "dueDate",
                  cellClassName: "cell--numeric cell--narrow",
                  cell: (row) =>
                    row.dueDate ? (
                      date(row.dueDate, { calendarDate: true })
                    ) : (
                      <span className="muted">—</span>
                    ),
                },
                {
                  header: t("po.field.payableTotal"),
                  card: "amount" as const,
                  sortBy: "amount",
                  align: "end",
                  cellClassName: "cell--end cell--numeric",
                  cell: (row) => money(row.payableTotal, row.currency),
                },
                ...(showingDeleted
                  ? [
                      {
                        header: t("po.actions"),
                        card: "actions" as const,
                        hideHeader: true,
                        cellClassName: "cell--narrow",
                        cell: (row: Row) => (
                          <button
                            type="button"
                            className="button button--small"
                            disabled={restoreDeleted.isPending}
                            aria-label={t("po.restoreOne", {
                              number: row.number ?? t("po.noNumber"),
                            })}
                            onClick={() => restoreDeleted.mutate({ id: row.id })}
                          >
                            {t("po.action.restore")}
                          </button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </ListResults>
      </section>
      <ConfirmDialog
        open={confirming !== null}
        title={t(confirming === "delete" ? "po.batch.confirmDelete" : "po.batch.confirmApprove", {
          count: number(selected.size),
        })}
        confirmLabel={t(confirming === "delete" ? "po.selection.delete" : "po.selection.approve")}
        tone={confirming === "delete" ? "danger" : "primary"}
        busy={running.isPending}
        error={running.error ? describeError(running.error, t) : null}
        onClose={() => setConfirming(null)}
        onConfirm={() => running.mutate({ ids: [...selected] })}
      >
        <p>{t(confirming === "delete" ? "po.batch.deleteText" : "po.batch.approveText")}</p>
      </ConfirmDialog>
    </>
  );
}
