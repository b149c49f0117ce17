import { Prisma, type Db } from "@ledgerline/db";
import {
  listReceivedPaymentsInputSchema,
  pageOf,
  type Decimal,
  type IsoDate,
  type ListReceivedPaymentsInput,
  type PaymentMethod,
} from "@ledgerline/domain";

/** Payments received on invoices in a period, per currency (never added across currencies). */
export interface ReceivedPaymentTotals {
  currency: string;
  count: number;
  amount: Decimal;
}

export interface ReceivedPayment {
  id: string;
  salesDocumentId: string;
  documentNumber: string | null;
  customerName: string;
  amount: Decimal;
  currency: string;
  paymentDate: IsoDate;
  method: PaymentMethod;
  reference: string | null;
}

/**
 * What "received" means, in one place for the home page's figures and the list behind them: a
 * payment `p` on an invoice `d` (refunds paid out on credit notes are not income) dated from
 * `from` to `to`, both included. Read through the payment_date index.
 */
const receivedSql = (from: IsoDate, to: IsoDate) =>
  Prisma.sql`d.type = 'invoice' AND p.payment_date >= ${from}::date AND p.payment_date <= ${to}::date`;

/** The payments received in a period, per currency. */
export function receivedPaymentTotals(
  db: Db,
  from: IsoDate,
  to: IsoDate,
): Promise<ReceivedPaymentTotals[]> {
  return db.$queryRaw<ReceivedPaymentTotals[]>`
    SELECT d.currency, count(*)::int AS "count", sum(p.amount) AS "amount"
    FROM payments p JOIN sales_documents d ON d.id = p.sales_document_id
    WHERE ${receivedSql(from, to)}
    GROUP BY d.currency ORDER BY d.currency`;
}

/** The payments received in a period, newest first, with the invoice each settles. */
export async function readReceivedPayments(
  db: Db,
  period: { from: IsoDate; to: IsoDate },
  page: { limit: number; offset?: number },
): Promise<ReceivedPayment[]> {
  const rows = await db.$queryRaw<
    (Omit<ReceivedPayment, "paymentDate"> & { paymentDate: string })[]
  >`
    SELECT p.id, p.sales_document_id AS "salesDocumentId", d.number AS "documentNumber",
           d.customer_name AS "customerName", p.amount, d.currency, p.method, p.reference,
           to_char(p.payment_date, 'YYYY-MM-DD') AS "paymentDate"
    FROM payments p JOIN sales_documents d ON d.id = p.sales_document_id
    WHERE ${receivedSql(period.from, period.to)}
    ORDER BY p.payment_date DESC, p.created_at DESC, p.id
    LIMIT ${page.limit} OFFSET ${page.offset ?? 0}`;
  return rows as ReceivedPayment[];
}

/**
 * `payments.received`: one page of the payments received on invoices in a period, newest first,
 * with the invoice each settles, and the period's totals per currency (of every page).
 */
export async function listReceivedPayments(db: Db, rawInput: ListReceivedPaymentsInput) {
  const { from, to, page, pageSize } = listReceivedPaymentsInputSchema.parse(rawInput);
  const [rows, totals] = await Promise.all([
    readReceivedPayments(db, { from, to }, { limit: pageSize, offset: (page - 1) * pageSize }),
    receivedPaymentTotals(db, from, to),
  ]);
  const total = totals.reduce((sum, row) => sum + row.count, 0);
  return {
    ...pageOf(rows, total, page, pageSize),
    from,
    to,
    totals,
  };
}
