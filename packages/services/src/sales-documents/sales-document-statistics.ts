import { Prisma, type Db } from "@ledgerline/db";
import {
  STATUSES_BY_TYPE,
  toDecimal,
  ZERO,
  type Decimal,
  type SalesDocumentStatus,
  getSalesDocumentStatisticsInputSchema,
  type GetSalesDocumentStatisticsInput,
} from "@ledgerline/domain";
import { companyToday } from "./company-context.ts";
import {
  CREDITS_JOIN,
  INVOICED_SQL,
  OPEN_INVOICE_SQL,
  OUTSTANDING_SQL,
  overdueSql,
  REVENUE_SQL,
} from "./settlement-read-model.ts";

export interface CurrencyStatistics {
  currency: string;
  totalCount: number;
  countsByStatus: Record<SalesDocumentStatus, number>;
  /** Invoices paid in full: sum of `revenueOf` (`total - creditedAmount`). */
  totalRevenue: Decimal;
  /** Invoices in sent, partial, overdue: sum of `outstandingAmount`. */
  outstandingAmount: Decimal;
  /** By the overdue predicate, not the stored status. */
  overdueCount: number;
  overdueAmount: Decimal;
}

export interface MonthlyFigures {
  month: string;
  currency: string;
  /** Totals of the documents issued in the month (cancelled invoices left out). */
  invoiced: Decimal;
  /** Payments received in the month (on credit notes: refunds paid out). */
  paid: Decimal;
}

/** "YYYY-MM" of the 12 months ending with today's, oldest first. */
function lastTwelveMonths(today: string): string[] {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return Array.from({ length: 12 }, (_, index) => {
    const offset = year * 12 + (month - 1) - (11 - index);
    return `${Math.floor(offset / 12)}-${String((offset % 12) + 1).padStart(2, "0")}`;
  });
}

/**
 * Seed 000 `GET /invoices/statistics`, per currency (amounts in different currencies are never
 * added): counts by status, revenue from paid invoices, outstanding, overdue by the predicate
 * (§6), plus invoiced and paid per month over the last 12 months for charts. Sums are exact
 * (PostgreSQL `numeric`). Archived documents count: archiving hides, it does not undo.
 */
export async function salesDocumentStatistics(db: Db, rawInput: GetSalesDocumentStatisticsInput) {
  const input = getSalesDocumentStatisticsInputSchema.parse(rawInput);
  const today = companyToday();
  const months = lastTwelveMonths(today);
  const scope: Prisma.Sql[] = [Prisma.sql`d.type = ${input.type}::sales_document_type`];
  if (input.customerId) scope.push(Prisma.sql`d.customer_id = ${input.customerId}::uuid`);
  if (input.projectId) scope.push(Prisma.sql`d.project_id = ${input.projectId}::uuid`);
  const dated = [...scope];
  if (input.dateFrom) dated.push(Prisma.sql`d.issued_date >= ${input.dateFrom}::date`);
  if (input.dateTo) dated.push(Prisma.sql`d.issued_date <= ${input.dateTo}::date`);
  const overdue = overdueSql(today);
  const start = `${months[0]}-01`;

  const [byStatus, invoiced, paid] = await Promise.all([
    db.$queryRaw<
      {
        currency: string;
        status: SalesDocumentStatus;
        count: number;
        revenue: Decimal;
        outstanding: Decimal;
        overdueCount: number;
        overdueAmount: Decimal;
      }[]
    >`
      SELECT d.currency, d.status::text AS "status", count(*)::int AS "count",
             coalesce(sum(${REVENUE_SQL}), 0) AS "revenue",
             coalesce(sum(${OUTSTANDING_SQL}) FILTER (WHERE ${OPEN_INVOICE_SQL}), 0) AS "outstanding",
             (count(*) FILTER (WHERE ${overdue}))::int AS "overdueCount",
             coalesce(sum(${OUTSTANDING_SQL}) FILTER (WHERE ${overdue}), 0) AS "overdueAmount"
      FROM sales_documents d
      ${CREDITS_JOIN}
      WHERE ${Prisma.join(dated, " AND ")}
      GROUP BY d.currency, d.status`,
    db.$queryRaw<{ month: string; currency: string; amount: Decimal }[]>`
      SELECT to_char(d.issued_date, 'YYYY-MM') AS "month", d.currency, sum(d.total) AS "amount"
      FROM sales_documents d
      WHERE ${Prisma.join(scope, " AND ")} AND ${INVOICED_SQL}
        AND d.issued_date >= ${start}::date AND d.issued_date <= ${today}::date
      GROUP BY 1, 2`,
    db.$queryRaw<{ month: string; currency: string; amount: Decimal }[]>`
      SELECT to_char(p.payment_date, 'YYYY-MM') AS "month", d.currency, sum(p.amount) AS "amount"
      FROM payments p JOIN sales_documents d ON d.id = p.sales_document_id
      WHERE ${Prisma.join(scope, " AND ")}
        AND p.payment_date >= ${start}::date AND p.payment_date <= ${today}::date
      GROUP BY 1, 2`,
  ]);

  const statuses = STATUSES_BY_TYPE[input.type] as readonly SalesDocumentStatus[];
  const perCurrency = new Map<string, CurrencyStatistics>();
  for (const row of byStatus) {
    const entry =
      perCurrency.get(row.currency) ??
      ({
        currency: row.currency,
        totalCount: 0,
        countsByStatus: Object.fromEntries(statuses.map((status) => [status, 0])) as Record<
          SalesDocumentStatus,
          number
        >,
        totalRevenue: ZERO,
        outstandingAmount: ZERO,
        overdueCount: 0,
        overdueAmount: ZERO,
      } satisfies CurrencyStatistics);
    entry.totalCount += row.count;
    entry.countsByStatus[row.status] = (entry.countsByStatus[row.status] ?? 0) + row.count;
    entry.totalRevenue = entry.totalRevenue.plus(row.revenue);
    entry.outstandingAmount = entry.outstandingAmount.plus(row.outstanding);
    entry.overdueCount += row.overdueCount;
    entry.overdueAmount = entry.overdueAmount.plus(row.overdueAmount);
    perCurrency.set(row.currency, entry);
  }

  // Every currency of the figures gets all 12 months, so a chart has a point for each.
  const currencies = [
    ...new Set([...byStatus, ...invoiced, ...paid].map((row) => row.currency)),
  ].sort();
  const key = (month: string, currency: string) => `${month} ${currency}`;
  const invoicedBy = new Map(invoiced.map((row) => [key(row.month, row.currency), row.amount]));
  const paidBy = new Map(paid.map((row) => [key(row.month, row.currency), row.amount]));
  const monthly: MonthlyFigures[] = months.flatMap((month) =>
    currencies.map((currency) => ({
      month,
      currency,
      invoiced: toDecimal(invoicedBy.get(key(month, currency)) ?? 0),
      paid: toDecimal(paidBy.get(key(month, currency)) ?? 0),
    })),
  );

  return {
    byCurrency: [...perCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    monthly,
  };
}
