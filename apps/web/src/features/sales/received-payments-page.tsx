import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable } from "../../components/data-table.tsx";
import {
  DateFilter,
  EmptyState,
  ErrorState,
  Pagination,
  TableSkeleton,
} from "../../components/list.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { defineListSpec } from "../../lib/list-state.ts";
import { Link } from "../../lib/router.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useListState } from "../../lib/use-list-state.ts";
import { documentPath } from "./document-types.ts";
import { todayIso } from "./payment-form.ts";

type ReceivedPayments = RouterOutputs["payments"]["received"];

const isoDate = () => ({
  parse: (raw: string) => (/^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined),
});

/** ?from=&to=&page=&pageSize= (newest first; there is no other order). */
const receivedPaymentsSpec = defineListSpec({
  sortKeys: ["paymentDate"] as const,
  defaultSortBy: "paymentDate",
  defaultSortDirection: "desc",
  filters: { from: isoDate(), to: isoDate() },
});

/** This month's first and last day, when the link names no period. */
function thisMonth(): { from: string; to: string } {
  const today = todayIso();
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return {
    from: `${today.slice(0, 7)}-01`,
    to: `${today.slice(0, 7)}-${String(last).padStart(2, "0")}`,
  };
}

/**
 * `/payments`: the payments received on invoices in a period (`payments.received`), newest
 * first, and what came in per currency. The home page's "paid this month" opens it for the
 * month; both read the same query, so the figure and this list's total agree.
 */
export function ReceivedPaymentsPage() {
  const { t, money, date, number } = useI18n();
  const trpc = useTRPC();
  const [state, update] = useListState(receivedPaymentsSpec);
  const month = thisMonth();
  const from = state.filters.from ?? month.from;
  const to = state.filters.to ?? month.to;
  const rangeValid = to >= from;
  const query = useQuery({
    ...trpc.payments.received.queryOptions({
      from,
      to,
      page: state.page,
      pageSize: state.pageSize,
    }),
    enabled: rangeValid,
    placeholderData: keepPreviousData,
  });
  const data = query.data;

  return (
    <>
      <PageHeader
        title={t("receivedPayments.title")}
        description={t("receivedPayments.description", {
          from: date(from, { calendarDate: true }),
          to: date(to, { calendarDate: true }),
        })}
      />
      <section className="panel">
        <div className="toolbar">
          <DateFilter
            label={t("receivedPayments.from")}
            value={from}
            onChange={(value) => update({ filters: { from: value } })}
          />
          <DateFilter
            label={t("receivedPayments.to")}
            value={to}
            error={rangeValid ? undefined : t("validation.endBeforeStart")}
            onChange={(value) => update({ filters: { to: value } })}
          />
        </div>
      </section>
      {data && data.totals.length > 0 ? (
        <div
          className="stat-cards received-payments__totals"
          aria-busy={query.isFetching || undefined}
        >
          {data.totals.map((row) => (
            <div key={row.currency} className="stat-card">
              <p className="stat-card__label">
                {t("receivedPayments.totalIn", { currency: row.currency })}
              </p>
              <p className="stat-card__value" data-currency={row.currency}>
                {money(row.amount, row.currency)}
              </p>
              <p className="stat-card__hint">
                {row.count === 1
                  ? t("receivedPayments.countOne")
                  : t("receivedPayments.count", { count: number(row.count) })}
              </p>
            </div>
          ))}
        </div>
      ) : null}
      <section className="panel">
        {!rangeValid ? null : query.isPending ? (
          <TableSkeleton columns={5} />
        ) : query.isError && !data ? (
          <ErrorState
            message={describeError(query.error, t)}
            onRetry={() => void query.refetch()}
          />
        ) : data && data.total === 0 ? (
          <EmptyState
            title={t("receivedPayments.none")}
            description={t("receivedPayments.noneHint")}
          />
        ) : data ? (
          <>
            <DataTable<ReceivedPayments["items"][number]>
              caption={t("receivedPayments.title")}
              busy={query.isFetching}
              rows={data.items}
              columns={[
                {
                  header: t("payments.date"),
                  card: "status",
                  cellClassName: "cell--numeric cell--narrow",
                  cell: (payment) => date(payment.paymentDate, { calendarDate: true }),
                },
                {
                  header: t("sales.number"),
                  card: "title",
                  cell: (payment) => (
                    <Link
                      to={documentPath(payment.salesDocumentId)}
                      className="table__primary-link"
                    >
                      {payment.documentNumber ?? "—"}
                    </Link>
                  ),
                },
                {
                  header: t("sales.customer"),
                  card: "detail",
                  cellClassName: "cell--truncate",
                  cell: (payment) => payment.customerName,
                },
                {
                  header: t("payments.method"),
                  cell: (payment) => t(`paymentMethod.${payment.method}`),
                },
                {
                  header: t("payments.amount"),
                  card: "amount",
                  align: "end",
                  cellClassName: "cell--end cell--numeric",
                  cell: (payment) => money(payment.amount, payment.currency),
                },
              ]}
            />
            <Pagination
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              pages={data.pages}
              onPage={(page) => update({ page })}
              onPageSize={(pageSize) => update({ pageSize })}
            />
          </>
        ) : null}
      </section>
    </>
  );
}
