import { OPEN_INVOICE_STATUSES } from "@ledgerline/domain";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { ErrorState } from "../../components/list.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { intlLocaleOf } from "../../lib/format.ts";
import { Link } from "../../lib/router.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { documentPath } from "../sales/document-types.ts";
import { scrollRegion } from "../../components/scroll-region.ts";

type Today = RouterOutputs["salesDocuments"]["today"];

/** The invoice list filtered as a figure counts it: every number on the page links to its list. */
const invoices = (filters: Record<string, string>) =>
  `/invoices?${new URLSearchParams(filters).toString()}`;

/**
 * `/home`, where finance people and leads land after signing in: what needs doing today
 * (drafts to issue, approvals waiting, overdue invoices with what they owe, payments recorded
 * in the last seven days) and the month at a glance per currency (issued, paid, open). Every
 * figure is a link to the invoice list with the filter that selects exactly what it counts.
 */
export function HomePage() {
  const { t, date, locale } = useI18n();
  const trpc = useTRPC();
  const today = useQuery(trpc.salesDocuments.today.queryOptions());
  const todoId = useId();
  const monthId = useId();

  if (today.isError) {
    return (
      <>
        <PageHeader title={t("home.title")} />
        <ErrorState message={describeError(today.error, t)} onRetry={() => void today.refetch()} />
      </>
    );
  }
  const data = today.data;
  const monthName = data
    ? new Intl.DateTimeFormat(intlLocaleOf(locale), {
        month: "long",
        year: "numeric",
        timeZone: "UTC",
      }).format(new Date(`${data.monthStart}T00:00:00Z`))
    : "";

  return (
    <>
      <PageHeader
        title={t("home.title")}
        description={
          data ? t("home.description", { date: date(data.today, { calendarDate: true }) }) : null
        }
      />
      {!data ? (
        <div className="panel home-loading" aria-busy="true">
          <p className="muted">{t("state.loading")}</p>
        </div>
      ) : (
        <>
          <section className="home-section" aria-labelledby={todoId}>
            <h2 className="home-section__title" id={todoId}>
              {t("home.todo")}
            </h2>
            <div className="stat-cards">
              <Link className="stat-card stat-card--link" to={invoices({ status: "draft" })}>
                <span className="stat-card__label">{t("home.drafts")}</span>
                <span className="stat-card__value">{data.draftsToIssue}</span>
              </Link>
              <Link className="stat-card stat-card--link" to={invoices({ status: "pending" })}>
                <span className="stat-card__label">{t("home.approvals")}</span>
                <span className="stat-card__value">{data.approvalsWaiting}</span>
              </Link>
              <OverdueCard data={data} />
            </div>
            <RecentPayments data={data} />
          </section>
          <section className="home-section" aria-labelledby={monthId}>
            <h2 className="home-section__title" id={monthId}>
              {t("home.month", { month: monthName })}
            </h2>
            <MonthTable data={data} monthName={monthName} />
          </section>
        </>
      )}
    </>
  );
}

function OverdueCard({ data }: { data: Today }) {
  const { t, money } = useI18n();
  return (
    <div className="stat-card stat-card--overdue">
      <span className="stat-card__label">{t("home.overdue")}</span>
      {data.overdue.length === 0 ? (
        <span className="stat-card__hint">{t("home.overdueNone")}</span>
      ) : (
        <ul className="home-list">
          {data.overdue.map((row) => (
            <li key={row.currency}>
              <Link to={invoices({ overdue: "1" })} className="home-figure">
                {t("home.overdueCount", {
                  count: row.count,
                  amount: money(row.amount, row.currency),
                })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RecentPayments({ data }: { data: Today }) {
  const { t, money, date } = useI18n();
  return (
    <div className="panel home-payments">
      <h3 className="home-payments__title">
        {t("home.payments", { date: date(data.recentSince, { calendarDate: true }) })}
      </h3>
      {data.recentPayments.length === 0 ? (
        <p className="muted">{t("home.paymentsNone")}</p>
      ) : (
        <ul className="home-list">
          {data.recentPayments.map((payment) => (
            <li key={payment.id}>
              <Link to={documentPath(payment.salesDocumentId)} className="home-figure">
                {t("home.payment", {
                  amount: money(payment.amount, payment.currency),
                  number: payment.documentNumber ?? "—",
                  customer: payment.customerName,
                  date: date(payment.paymentDate, { calendarDate: true }),
                })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function MonthTable({ data, monthName }: { data: Today; monthName: string }) {
  const { t, money } = useI18n();
  if (data.month.length === 0) return <p className="muted">{t("home.monthEmpty")}</p>;
  const count = (value: number) =>
    value === 1 ? t("home.countOfOne") : t("home.countOf", { count: value });
  const monthList = invoices({ from: data.monthStart, to: data.monthEnd });
  const paidList = `/payments?${new URLSearchParams({ from: data.monthStart, to: data.monthEnd })}`;
  const openList = invoices({ status: OPEN_INVOICE_STATUSES.join(",") });
  return (
    <div className="table-wrap panel" ref={scrollRegion(t("home.month", { month: monthName }))}>
      <table className="table home-month">
        <caption className="visually-hidden">{t("home.month", { month: monthName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("home.currency")}</th>
            <th scope="col" className="cell--end">
              {t("home.issued")}
            </th>
            <th scope="col" className="cell--end">
              {t("home.paid")}
            </th>
            <th scope="col" className="cell--end">
              {t("home.open")}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.month.map((row) => (
            <tr key={row.currency}>
              <th scope="row">{row.currency}</th>
              <td className="cell--end cell--numeric" data-label={t("home.issued")}>
                <Link to={monthList}>{money(row.issued, row.currency)}</Link>
                <span className="home-month__count">{count(row.issuedCount)}</span>
              </td>
              <td className="cell--end cell--numeric" data-label={t("home.paid")}>
                <Link to={paidList}>{money(row.paid, row.currency)}</Link>
              </td>
              <td className="cell--end cell--numeric" data-label={t("home.open")}>
                <Link to={openList}>{money(row.open, row.currency)}</Link>
                <span className="home-month__count">{count(row.openCount)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
