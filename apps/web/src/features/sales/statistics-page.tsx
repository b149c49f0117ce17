import { type SalesDocumentStatus } from "@ledgerline/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId } from "react";
import {
  DateFilter,
  EmptyState,
  ErrorState,
  OptionalFilterSelect,
} from "../../components/list.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { intlLocaleOf } from "../../lib/format.ts";
import { defineListSpec } from "../../lib/list-state.ts";
import { idFilter } from "../../lib/list-filters.ts";
import { Link } from "../../lib/router.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useListState } from "../../lib/use-list-state.ts";
import { DOCUMENT_LIST_PATHS } from "./document-types.ts";
import { todayIso } from "./payment-form.ts";
import type { SalesStatistics } from "./sales-api.ts";
import { chartMonths, monthOf, type ChartMonth } from "./statistics-chart.ts";
import { StatusBadge } from "./status-badge.tsx";
import { useSalesPickers } from "./use-sales-pickers.ts";
import { scrollRegion } from "../../components/scroll-region.ts";

const isoDate = () => ({
  parse: (raw: string) => (/^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined),
});

/** The dashboard's URL state: ?from=&to=&customerId= (sorting and pages are not used). */
const statisticsSpec = defineListSpec({
  sortKeys: ["month"] as const,
  defaultSortBy: "month",
  defaultSortDirection: "asc",
  filters: { from: isoDate(), to: isoDate(), customerId: idFilter() },
});

type CurrencyFigures = SalesStatistics["byCurrency"][number];

/**
 * `/statistics`: invoices per currency (never converted): revenue from paid invoices, what is
 * outstanding and overdue, counts by status, and twelve months of invoiced vs paid as bars with
 * the same figures as a table for screen readers and for copying.
 */
export function StatisticsPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [state, update] = useListState(statisticsSpec);
  const { from, to, customerId } = state.filters;
  const { customers } = useSalesPickers({ archived: "all", customerId: undefined });
  const statistics = useQuery({
    ...trpc.salesDocuments.statistics.queryOptions({
      type: "invoice",
      ...(from ? { dateFrom: from } : {}),
      ...(to && (!from || to >= from) ? { dateTo: to } : {}),
      ...(customerId ? { customerId } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const data = statistics.data;
  // The series is the twelve months up to the company's current one, whatever the date filter.
  const lastMonth =
    data?.monthly.reduce((latest, figure) => (figure.month > latest ? figure.month : latest), "") ||
    monthOf(todayIso());

  return (
    <>
      <PageHeader title={t("statistics.title")} description={t("statistics.description")} />
      <section className="panel statistics-filters">
        <div className="toolbar">
          <DateFilter
            label={t("statistics.from")}
            value={from}
            onChange={(value) => update({ filters: { from: value } })}
          />
          <DateFilter
            label={t("statistics.to")}
            value={to}
            error={from && to && to < from ? t("validation.endBeforeStart") : undefined}
            onChange={(value) => update({ filters: { to: value } })}
          />
          <OptionalFilterSelect
            label={t("sales.customer")}
            offLabel={t("filter.allCustomers")}
            value={customerId}
            onChange={(value) => update({ filters: { customerId: value } })}
          >
            {customers.data?.items.map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name}
              </option>
            ))}
          </OptionalFilterSelect>
        </div>
      </section>
      {statistics.isPending ? (
        <div className="statistics-loading" aria-busy="true">
          <span className="visually-hidden" role="status">
            {t("state.loading")}
          </span>
          <span className="skeleton skeleton--card" />
          <span className="skeleton skeleton--card" />
          <span className="skeleton skeleton--card" />
        </div>
      ) : statistics.isError && !data ? (
        <ErrorState
          message={describeError(statistics.error, t)}
          onRetry={() => void statistics.refetch()}
        />
      ) : data && data.byCurrency.length === 0 ? (
        <div className="panel">
          <EmptyState title={t("statistics.empty")} description={t("statistics.emptyHint")} />
        </div>
      ) : data ? (
        <div className="statistics" aria-busy={statistics.isFetching || undefined}>
          {data.byCurrency.map((figures) => (
            <CurrencyStatistics
              key={figures.currency}
              figures={figures}
              monthly={chartMonths(data.monthly, figures.currency, lastMonth)}
            />
          ))}
        </div>
      ) : null}
    </>
  );
}

function CurrencyStatistics({
  figures,
  monthly,
}: {
  figures: CurrencyFigures;
  monthly: ChartMonth[];
}) {
  const { t, money, number } = useI18n();
  const currency = figures.currency;
  const counts = Object.entries(figures.countsByStatus) as [SalesDocumentStatus, number][];
  const headingId = useId();
  return (
    <section className="statistics__currency" aria-labelledby={headingId}>
      <h2 className="statistics__heading" id={headingId}>
        {t("statistics.inCurrency", { currency })}
      </h2>
      <div className="stat-cards">
        <div className="stat-card stat-card--revenue">
          <p className="stat-card__label">{t("statistics.revenue")}</p>
          <p className="stat-card__value">{money(figures.totalRevenue, currency)}</p>
          <p className="stat-card__hint">{t("statistics.revenueHint")}</p>
        </div>
        <div className="stat-card stat-card--outstanding">
          <p className="stat-card__label">{t("statistics.outstanding")}</p>
          <p className="stat-card__value">{money(figures.outstandingAmount, currency)}</p>
          <p className="stat-card__hint">{t("statistics.outstandingHint")}</p>
        </div>
        <div className="stat-card stat-card--overdue">
          <p className="stat-card__label">{t("statistics.overdue")}</p>
          <p className="stat-card__value">{money(figures.overdueAmount, currency)}</p>
          <p className="stat-card__hint">
            <Link to={`${DOCUMENT_LIST_PATHS.invoice}?overdue=1`}>
              {figures.overdueCount === 1
                ? t("statistics.overdueCountOne")
                : t("statistics.overdueCount", { count: number(figures.overdueCount) })}
            </Link>
          </p>
        </div>
        <div className="stat-card">
          <p className="stat-card__label">{t("statistics.documents")}</p>
          <p className="stat-card__value">{number(figures.totalCount)}</p>
          <ul className="stat-card__statuses">
            {counts
              .filter(([, count]) => count > 0)
              .map(([status, count]) => (
                <li key={status}>
                  <Link to={`${DOCUMENT_LIST_PATHS.invoice}?status=${status}`}>
                    <StatusBadge status={status} /> <span>{number(count)}</span>
                  </Link>
                </li>
              ))}
          </ul>
        </div>
      </div>
      <MonthlyChart months={monthly} currency={currency} />
    </section>
  );
}

/** Invoiced and paid per month as pairs of bars, with the figures as a table underneath. */
function MonthlyChart({ months, currency }: { months: ChartMonth[]; currency: string }) {
  const { t, money, locale } = useI18n();
  const monthFormat = new Intl.DateTimeFormat(intlLocaleOf(locale), {
    month: "short",
    year: "2-digit",
    timeZone: "UTC",
  });
  const label = (month: string) => {
    const [year, monthNumber] = month.split("-").map(Number) as [number, number];
    return monthFormat.format(new Date(Date.UTC(year, monthNumber - 1, 1)));
  };
  return (
    <figure className="chart">
      <figcaption className="chart__caption">
        <span>{t("statistics.chartTitle", { currency })}</span>
        <span className="chart__legend" aria-hidden="true">
          <span className="chart__key chart__key--invoiced">{t("statistics.invoiced")}</span>
          <span className="chart__key chart__key--paid">{t("statistics.paid")}</span>
        </span>
      </figcaption>
      <ul className="chart__plot">
        {months.map((month) => (
          <li key={month.month} className="chart__month">
            {/* What the bars show, for screen readers; sighted people can open the table. */}
            <span className="visually-hidden">
              {t("statistics.monthSummary", {
                month: label(month.month),
                invoiced: money(month.invoiced, currency),
                paid: money(month.paid, currency),
              })}
            </span>
            <div
              className="chart__bars"
              aria-hidden="true"
              title={`${t("statistics.invoiced")} ${money(month.invoiced, currency)} · ${t("statistics.paid")} ${money(month.paid, currency)}`}
            >
              <span
                className="chart__bar chart__bar--invoiced"
                style={{ height: `${month.invoicedPercent}%` }}
              />
              <span
                className="chart__bar chart__bar--paid"
                style={{ height: `${month.paidPercent}%` }}
              />
            </div>
            <span className="chart__label" aria-hidden="true">
              {label(month.month)}
            </span>
          </li>
        ))}
      </ul>
      <details className="chart__table">
        <summary>{t("statistics.showTable")}</summary>
        <div className="table-wrap" ref={scrollRegion(t("statistics.chartTitle", { currency }))}>
          <table className="table">
            <caption className="visually-hidden">
              {t("statistics.chartTitle", { currency })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("statistics.month")}</th>
                <th scope="col" className="cell--end">
                  {t("statistics.invoiced")}
                </th>
                <th scope="col" className="cell--end">
                  {t("statistics.paid")}
                </th>
              </tr>
            </thead>
            <tbody>
              {months.map((month) => (
                <tr key={month.month}>
                  <th scope="row">{label(month.month)}</th>
                  <td className="cell--end cell--numeric">{money(month.invoiced, currency)}</td>
                  <td className="cell--end cell--numeric">{money(month.paid, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
