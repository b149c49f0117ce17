import type { Db } from "@ledgerline/db";
import { addDays, ZERO, type Decimal, type IsoDate } from "@ledgerline/domain";
import {
  readReceivedPayments,
  receivedPaymentTotals,
  type ReceivedPayment,
} from "../payments/received-payments.ts";
import { companyToday } from "./company-context.ts";
import {
  CREDITS_JOIN,
  INVOICED_SQL,
  OPEN_INVOICE_SQL,
  OUTSTANDING_SQL,
  overdueSql,
} from "./settlement-read-model.ts";

/** How far back "payments recorded recently" looks, and how many it names. */
export const RECENT_PAYMENT_DAYS = 7;
export const RECENT_PAYMENT_LIMIT = 8;

export interface OverdueFigures {
  currency: string;
  count: number;
  /** What is still owed on them (the settlement's outstanding amount). */
  amount: Decimal;
}

/** A received payment as the home page names it (without method and reference). */
export type RecentPayment = Omit<ReceivedPayment, "method" | "reference">;

export interface MonthFigures {
  currency: string;
  /** Invoices issued this month (cancelled ones left out): count and total. */
  issuedCount: number;
  issued: Decimal;
  /** Payments received this month on invoices. */
  paid: Decimal;
  /** Everything open on invoices today (sent, partly paid, overdue): count and amount. */
  openCount: number;
  open: Decimal;
}

/** What the home page shows: what needs doing today, and the month at a glance per currency. */
export interface SalesDocumentsToday {
  today: IsoDate;
  /** The first and last day of this month, for the links to the month's lists. */
  monthStart: IsoDate;
  monthEnd: IsoDate;
  recentSince: IsoDate;
  /** Invoice drafts waiting to be issued. */
  draftsToIssue: number;
  /** Invoices submitted for approval (status pending), waiting for someone who may approve. */
  approvalsWaiting: number;
  overdue: OverdueFigures[];
  recentPayments: RecentPayment[];
  month: MonthFigures[];
}

const lastDayOfMonth = (today: IsoDate): IsoDate => {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${today.slice(0, 7)}-${String(last).padStart(2, "0")}`;
};

/**
 * The home page's figures (invoices; amounts per currency, never added across currencies).
 * Each figure is what an invoice list filter selects, so the screen links every number to the
 * list behind it: drafts `status=draft`, approvals `status=pending`, overdue `overdue=1` (the
 * overdue predicate, §6), the month `from`/`to` on the issued date, open `status=sent,partial,overdue`,
 * paid the month's received payments (`payments.received`, the /payments list).
 * Archived invoices count, as in the statistics: archiving hides, it does not undo. Deleted
 * invoices (§5.10) leave the work figures (drafts, approvals, overdue, open), as they leave the
 * lists those open; the month's invoiced and paid amounts keep them (tax truth).
 */
export async function salesDocumentsToday(db: Db, now = new Date()): Promise<SalesDocumentsToday> {
  const today = companyToday(now);
  const monthStart: IsoDate = `${today.slice(0, 7)}-01`;
  const monthEnd = lastDayOfMonth(today);
  const recentSince = addDays(today, -(RECENT_PAYMENT_DAYS - 1));
  const overdue = overdueSql(today);

  const [counts, overdueRows, payments, issued, paid, open] = await Promise.all([
    db.$queryRaw<{ drafts: number; pending: number }[]>`
      SELECT (count(*) FILTER (WHERE d.status = 'draft'))::int AS "drafts",
             (count(*) FILTER (WHERE d.status = 'pending'))::int AS "pending"
      FROM sales_documents d
      WHERE d.type = 'invoice' AND d.status IN ('draft', 'pending') AND d.deleted_at IS NULL`,
    db.$queryRaw<OverdueFigures[]>`
      SELECT d.currency, count(*)::int AS "count", coalesce(sum(${OUTSTANDING_SQL}), 0) AS "amount"
      FROM sales_documents d
      ${CREDITS_JOIN}
      WHERE d.type = 'invoice' AND ${overdue} AND d.deleted_at IS NULL
      GROUP BY d.currency ORDER BY d.currency`,
    // Received, as the /payments list says it; payment dates are never after today.
    readReceivedPayments(db, { from: recentSince, to: today }, { limit: RECENT_PAYMENT_LIMIT }),
    db.$queryRaw<{ currency: string; count: number; amount: Decimal }[]>`
      SELECT d.currency, count(*)::int AS "count", sum(d.total) AS "amount"
      FROM sales_documents d
      WHERE d.type = 'invoice' AND ${INVOICED_SQL}
        AND d.issued_date >= ${monthStart}::date AND d.issued_date <= ${monthEnd}::date
      GROUP BY d.currency`,
    // The same query as the list the figure opens (payments.received), so the two agree.
    receivedPaymentTotals(db, monthStart, monthEnd),
    db.$queryRaw<{ currency: string; count: number; amount: Decimal }[]>`
      SELECT d.currency, count(*)::int AS "count", coalesce(sum(${OUTSTANDING_SQL}), 0) AS "amount"
      FROM sales_documents d
      ${CREDITS_JOIN}
      WHERE ${OPEN_INVOICE_SQL} AND d.deleted_at IS NULL
      GROUP BY d.currency`,
  ]);

  const currencies = [...new Set([...issued, ...paid, ...open].map((row) => row.currency))].sort();
  const byCurrency = <T extends { currency: string }>(rows: T[], currency: string) =>
    rows.find((row) => row.currency === currency);

  return {
    today,
    monthStart,
    monthEnd,
    recentSince,
    draftsToIssue: counts[0]?.drafts ?? 0,
    approvalsWaiting: counts[0]?.pending ?? 0,
    overdue: overdueRows,
    recentPayments: payments.map(
      ({ method: _method, reference: _reference, ...payment }): RecentPayment => payment,
    ),
    month: currencies.map((currency) => ({
      currency,
      issuedCount: byCurrency(issued, currency)?.count ?? 0,
      issued: byCurrency(issued, currency)?.amount ?? ZERO,
      paid: byCurrency(paid, currency)?.amount ?? ZERO,
      openCount: byCurrency(open, currency)?.count ?? 0,
      open: byCurrency(open, currency)?.amount ?? ZERO,
    })),
  };
}
