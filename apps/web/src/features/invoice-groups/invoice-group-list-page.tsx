import { INVOICE_GROUP_STATUSES } from "@ledgerline/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { DataTable } from "../../components/data-table.tsx";
import { DateRangeFilter, EmptyState, OptionalFilterSelect } from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
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
} from "../records/record-list.tsx";
import { useSalesPickers } from "../sales/use-sales-pickers.ts";
import { invoiceGroupListInput, invoiceGroupListSpec } from "./invoice-group-list-spec.ts";
import { INVOICE_GROUPS_PATH, invoiceGroupPath } from "./invoice-group-paths.ts";
import { InvoiceGroupStatusBadge } from "./invoice-group-status.tsx";

type Row = RouterOutputs["invoiceGroups"]["list"]["items"][number];

/**
 * `/invoice-groups`: seed 004's filters (status, customer, currency, invoice and due date
 * ranges, archived), sortable columns and pages in the URL; each row sums its invoices (total,
 * open). Admin and finance also find the soft-deleted groups here (`?deleted=only`) and restore
 * them, as on the purchase-order list.
 */
export function InvoiceGroupListPage() {
  const { t, money, date, number } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const mayDelete = can("invoiceGroup.delete");
  const list = useRecordList(invoiceGroupListSpec, (_input, state) =>
    trpc.invoiceGroups.list.queryOptions(invoiceGroupListInput(state, { mayDelete })),
  );
  const { state, update, query } = list;
  const { customers } = useSalesPickers({ archived: "all", customerId: undefined });
  const f = state.filters;
  const showingDeleted = mayDelete && f.deleted === "only";
  const restoreDeleted = useMutation(
    trpc.invoiceGroups.restoreDeleted.mutationOptions({
      onSuccess: () => {
        notify("success", t("invoiceGroup.done.restoreDeleted"));
        void queryClient.invalidateQueries(trpc.invoiceGroups.pathFilter());
      },
      onError: (error) => notify("error", describeError(error, t)),
    }),
  );
  const newButton = can("invoiceGroup.write") ? (
    <button
      type="button"
      className="button button--primary"
      onClick={() => navigate(`${INVOICE_GROUPS_PATH}/new`)}
    >
      {t("invoiceGroup.new")}
    </button>
  ) : null;

  return (
    <>
      <PageHeader
        title={t("invoiceGroup.title")}
        description={t("invoiceGroup.description")}
        actions={newButton}
      />
      <section className="panel">
        <div className="toolbar">
          <OptionalFilterSelect
            label={t("invoiceGroup.field.status")}
            offLabel={t("invoiceGroup.filter.allStatuses")}
            value={f.status}
            onChange={(value) => update({ filters: { status: value } })}
          >
            {INVOICE_GROUP_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`invoiceGroup.status.${status}`)}
              </option>
            ))}
          </OptionalFilterSelect>
          <OptionalFilterSelect
            label={t("invoiceGroup.field.customer")}
            offLabel={t("invoiceGroup.filter.allCustomers")}
            value={f.customerId}
            onChange={(value) => update({ filters: { customerId: value } })}
          >
            {(customers.data?.items ?? []).map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name}
              </option>
            ))}
          </OptionalFilterSelect>
          <OptionalFilterSelect
            label={t("invoiceGroup.field.currency")}
            offLabel={t("invoiceGroup.filter.allCurrencies")}
            value={f.currency}
            onChange={(value) => update({ filters: { currency: value } })}
          >
            <CurrencyOptions value={f.currency ?? ""} />
          </OptionalFilterSelect>
          <DateRangeFilter
            fromLabel={t("invoiceGroup.filter.invoiceFrom")}
            toLabel={t("invoiceGroup.filter.invoiceTo")}
            from={f.invoiceFrom}
            to={f.invoiceTo}
            onFrom={(value) => update({ filters: { invoiceFrom: value } })}
            onTo={(value) => update({ filters: { invoiceTo: value } })}
          />
          <DateRangeFilter
            fromLabel={t("invoiceGroup.filter.dueFrom")}
            toLabel={t("invoiceGroup.filter.dueTo")}
            from={f.dueFrom}
            to={f.dueTo}
            onFrom={(value) => update({ filters: { dueFrom: value } })}
            onTo={(value) => update({ filters: { dueTo: value } })}
          />
          <ArchivedFilter
            label={t("invoiceGroup.filter.archive")}
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

        <ListResults
          list={list}
          skeletonColumns={8}
          noMatchesTitle={t("invoiceGroup.noMatches")}
          clearFiltersPath={INVOICE_GROUPS_PATH}
          empty={
            <EmptyState
              title={t("invoiceGroup.empty")}
              description={t("invoiceGroup.emptyHint")}
              action={newButton}
            />
          }
        >
          {(page) => (
            <DataTable<Row, (typeof state)["sortBy"]>
              caption={t("invoiceGroup.title")}
              rows={page.items}
              busy={query.isFetching}
              sort={{
                sortBy: state.sortBy,
                sortDirection: state.sortDirection,
                onSort: (column) => update(toggleSort(state, column)),
              }}
              columns={[
                {
                  header: t("invoiceGroup.field.number"),
                  card: "title" as const,
                  sortBy: "number",
                  cellClassName: "cell--narrow",
                  cell: (row) => (
                    <>
                      <Link to={invoiceGroupPath(row.id)} className="table__primary-link">
                        {row.number ?? t("invoiceGroup.noNumber")}
                      </Link>
                      {row.archivedAt ? <Badge>{t("record.archived")}</Badge> : null}
                      {row.deletedAt ? (
                        <Badge tone="danger">{t("invoiceGroup.deleted")}</Badge>
                      ) : null}
                    </>
                  ),
                },
                {
                  header: t("invoiceGroup.field.customer"),
                  card: "detail" as const,
                  cellClassName: "cell--truncate",
                  cell: (row) => row.customerName,
                },
                {
                  header: t("invoiceGroup.field.status"),
                  card: "status" as const,
                  sortBy: "status",
                  cell: (row) => <InvoiceGroupStatusBadge status={row.status} />,
                },
                {
                  header: t("invoiceGroup.field.invoiceDate"),
                  sortBy: "invoiceDate",
                  cellClassName: "cell--numeric cell--narrow",
                  cell: (row) => date(row.invoiceDate, { calendarDate: true }),
                },
                {
                  header: t("invoiceGroup.field.dueDate"),
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
                  header: t("invoiceGroup.field.invoiceCount"),
                  align: "end",
                  cellClassName: "cell--end cell--numeric",
                  cell: (row) => number(row.invoiceCount),
                },
                {
                  header: t("invoiceGroup.field.total"),
                  card: "amount" as const,
                  align: "end",
                  cellClassName: "cell--end cell--numeric",
                  cell: (row) => money(row.total, row.currency),
                },
                {
                  header: t("invoiceGroup.field.open"),
                  align: "end",
                  cellClassName: "cell--end cell--numeric",
                  cell: (row) => money(row.openAmount, row.currency),
                },
                ...(showingDeleted
                  ? [
                      {
                        header: t("invoiceGroup.actions"),
                        card: "actions" as const,
                        hideHeader: true,
                        cellClassName: "cell--narrow",
                        cell: (row: Row) => (
                          <button
                            type="button"
                            className="button button--small"
                            disabled={restoreDeleted.isPending}
                            aria-label={t("invoiceGroup.restoreOne", {
                              number: row.number ?? t("invoiceGroup.noNumber"),
                            })}
                            onClick={() => restoreDeleted.mutate({ id: row.id })}
                          >
                            {t("invoiceGroup.action.restore")}
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
    </>
  );
}
