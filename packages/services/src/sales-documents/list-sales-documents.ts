import { Prisma, type Db } from "@ledgerline/db";
import {
  computeReadValues,
  invoiceRefundDue,
  listSalesDocumentsInputSchema,
  pageOf,
  parseDocumentNumber,
  salesDocumentFiltersSchema,
  toDecimal,
  type Decimal,
  type IsoDate,
  type ListSalesDocumentsInput,
  type ListSalesDocumentsQuery,
  type SalesDocumentFilters,
  type SalesDocumentFiltersInput,
  type SalesDocumentStatus,
} from "@ledgerline/domain";
import { companyToday, fromDbDate } from "./company-context.ts";
import { salesDocumentColumns, type SalesDocumentRow } from "./sales-document-rows.ts";
import {
  CREDITED_AMOUNT_SQL,
  CREDITS_JOIN,
  creditedAmountSql,
  OPEN_INVOICE_SQL,
  OUTSTANDING_SQL,
  overdueSql,
  refundedAmountSql,
} from "./settlement-read-model.ts";

/** `%text%` for ILIKE, with the pattern characters of the text itself escaped. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

const statusList = (statuses: readonly SalesDocumentStatus[]) =>
  Prisma.join(statuses.map((status) => Prisma.sql`${status}::sales_document_status`));

/** The list's filters as one WHERE over `d` alone (the selection totals use the same). */
function whereOf(filters: SalesDocumentFilters, today: IsoDate): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filters.type) conditions.push(Prisma.sql`d.type = ${filters.type}::sales_document_type`);
  if (filters.status) {
    const stored = filters.status.filter((status) => status !== "overdue");
    const parts: Prisma.Sql[] = [];
    if (stored.length > 0) parts.push(Prisma.sql`d.status IN (${statusList(stored)})`);
    // "overdue" also finds invoices the nightly sweep has not marked yet.
    if (filters.status.includes("overdue")) {
      parts.push(Prisma.sql`d.status = 'overdue'`, overdueSql(today));
    }
    conditions.push(Prisma.sql`(${Prisma.join(parts, " OR ")})`);
  }
  if (filters.overdueOnly) conditions.push(overdueSql(today));
  if (filters.customerId) conditions.push(Prisma.sql`d.customer_id = ${filters.customerId}::uuid`);
  if (filters.projectId) conditions.push(Prisma.sql`d.project_id = ${filters.projectId}::uuid`);
  if (filters.dateFrom) conditions.push(Prisma.sql`d.issued_date >= ${filters.dateFrom}::date`);
  if (filters.dateTo) conditions.push(Prisma.sql`d.issued_date <= ${filters.dateTo}::date`);
  if (filters.currency) conditions.push(Prisma.sql`d.currency = ${filters.currency}`);
  if (filters.search) {
    // A whole document number is looked up through the unique index; anything else is a
    // "contains" over number and customer name, which their trigram indexes answer.
    const number = parseDocumentNumber(filters.search.trim().toUpperCase());
    if (number) {
      conditions.push(Prisma.sql`d.number = ${filters.search.trim().toUpperCase()}`);
    } else {
      const pattern = containsPattern(filters.search);
      conditions.push(Prisma.sql`(d.number ILIKE ${pattern} OR d.customer_name ILIKE ${pattern})`);
    }
  }
  if (filters.archived === "active") conditions.push(Prisma.sql`d.archived_at IS NULL`);
  if (filters.archived === "archived") conditions.push(Prisma.sql`d.archived_at IS NOT NULL`);
  return conditions.length > 0 ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

const SORT_COLUMNS: Record<ListSalesDocumentsQuery["sortBy"], string> = {
  number: "d.number",
  issuedDate: "d.issued_date",
  dueDate: "d.due_date",
  total: "d.total",
  customerName: "d.customer_name",
  status: "d.status",
  createdAt: "d.created_at",
};

const LIST_COLUMNS = [
  "id",
  "type",
  "number",
  "status",
  "customerId",
  "customerName",
  "projectId",
  "sourceDocumentId",
  "issuedDate",
  "dueDate",
  "currency",
  "total",
  "paidAmount",
  "archivedAt",
  "createdAt",
] as const satisfies (keyof SalesDocumentRow)[];

type ListRow = Pick<SalesDocumentRow, (typeof LIST_COLUMNS)[number]> & { creditedAmount: Decimal };

export interface SelectionTotal {
  currency: string;
  count: number;
  /** Sum of the documents' totals. */
  total: Decimal;
  /** What customers still owe on the selection's issued invoices (sent, partial, overdue). */
  outstandingAmount: Decimal;
}

/**
 * Seed 000 `GET /invoices` and seed 004's lists: filters (type, statuses, customer, project,
 * issued-date range, search by number or customer name, currency, archived, overdue), a sorted
 * page and pagination metadata. Each row carries the values computed on read (§6) as of today.
 * The `overdue` status filter uses the overdue predicate, so it is exact between sweeps.
 *
 * The page is found first by id and sort key alone (the covering indexes answer that without
 * reading the table), then only its rows are read. The totals of the whole selection are a
 * request of their own (`salesDocumentSelectionTotals`): a screen asks for them once per set
 * of filters, not on every page, and the page does not wait for a sum over 40,000 rows.
 */
export async function listSalesDocuments(db: Db, rawInput: ListSalesDocumentsInput) {
  const input = listSalesDocumentsInputSchema.parse(rawInput);
  const today = companyToday();
  const where = whereOf(input, today);
  const direction = input.sortDirection === "asc" ? "ASC" : "DESC";
  const orderBy = Prisma.raw(`${SORT_COLUMNS[input.sortBy]} ${direction} NULLS LAST, d.id ASC`);
  const [rows, [counted]] = await Promise.all([
    db.$queryRaw<ListRow[]>`
      WITH page AS (
        SELECT d.id
        FROM sales_documents d
        WHERE ${where}
        ORDER BY ${orderBy}
        LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize})
      SELECT ${salesDocumentColumns(LIST_COLUMNS)}, ${CREDITED_AMOUNT_SQL} AS "creditedAmount"
      FROM page
      JOIN sales_documents d ON d.id = page.id
      ${CREDITS_JOIN}
      ORDER BY ${orderBy}`,
    db.$queryRaw<[{ count: number }]>`
      SELECT count(*)::int AS "count" FROM sales_documents d WHERE ${where}`,
  ]);
  const families = await familiesOnPage(db, rows);
  const items = rows.map((row) => {
    const values = computeReadValues({
      type: row.type,
      status: row.status,
      total: row.total,
      paidAmount: row.paidAmount,
      creditedAmount: row.creditedAmount,
      refundedAmount: families.get(row.id)?.refundedAmount ?? 0,
      invoiceRefundDue:
        row.type === "credit_note" && row.sourceDocumentId
          ? (families.get(row.sourceDocumentId)?.refundDue ?? null)
          : null,
      dueDate: fromDbDate(row.dueDate),
      today,
    });
    return {
      id: row.id,
      type: row.type,
      number: row.number,
      status: row.status,
      customerId: row.customerId,
      customerName: row.customerName,
      projectId: row.projectId,
      issuedDate: fromDbDate(row.issuedDate),
      dueDate: fromDbDate(row.dueDate),
      currency: row.currency,
      total: row.total,
      paidAmount: row.paidAmount,
      outstandingAmount: values.outstandingAmount,
      isOverdue: values.isOverdue,
      daysUntilDue: values.daysUntilDue,
      archivedAt: row.archivedAt,
      createdAt: row.createdAt,
    };
  });
  return pageOf(items, counted.count, input.page, input.pageSize);
}

/**
 * The totals of a list's whole selection per currency (the same filters as the list): how many
 * documents, the sum of their totals, and what customers still owe on its issued invoices,
 * summed exactly by PostgreSQL.
 */
export async function salesDocumentSelectionTotals(
  db: Db,
  rawInput: SalesDocumentFiltersInput,
): Promise<SelectionTotal[]> {
  const input = salesDocumentFiltersSchema.parse(rawInput);
  const where = whereOf(input, companyToday());
  const totals = await db.$queryRaw<SelectionTotal[]>`
    SELECT d.currency, count(*)::int AS "count", coalesce(sum(d.total), 0) AS "total",
           coalesce(sum(${OUTSTANDING_SQL}) FILTER (WHERE ${OPEN_INVOICE_SQL}), 0)
             AS "outstandingAmount"
    FROM sales_documents d
    ${CREDITS_JOIN}
    WHERE ${where}
    GROUP BY d.currency
    ORDER BY d.currency`;
  return totals.map((row) => ({
    currency: row.currency,
    count: row.count,
    total: toDecimal(row.total),
    outstandingAmount: toDecimal(row.outstandingAmount),
  }));
}

/**
 * Refunds only exist where credit notes do: for the page's credited invoices and for its credit
 * notes' invoices, the refunded amount and the refund due, in one query.
 */
async function familiesOnPage(db: Db, rows: readonly ListRow[]) {
  const invoiceIds = [
    ...new Set(
      rows.flatMap((row) =>
        row.type === "credit_note" && row.sourceDocumentId
          ? [row.sourceDocumentId]
          : row.type === "invoice" && row.creditedAmount.greaterThan(0)
            ? [row.id]
            : [],
      ),
    ),
  ];
  const result = new Map<string, { refundedAmount: Decimal; refundDue: Decimal }>();
  if (invoiceIds.length === 0) return result;
  const figures = await db.$queryRaw<
    { id: string; total: Decimal; paidAmount: Decimal; credited: Decimal; refunded: Decimal }[]
  >`
    SELECT i.id::text AS "id", i.total, i.paid_amount AS "paidAmount",
           ${creditedAmountSql("c")} AS "credited", ${refundedAmountSql("c")} AS "refunded"
    FROM sales_documents i
    LEFT JOIN sales_documents c ON c.source_document_id = i.id AND c.type = 'credit_note'
    WHERE i.id IN (${Prisma.join(invoiceIds.map((id) => Prisma.sql`${id}::uuid`))})
    GROUP BY i.id`;
  for (const row of figures) {
    result.set(row.id, {
      refundedAmount: toDecimal(row.refunded),
      refundDue: invoiceRefundDue({
        total: row.total,
        creditedAmount: row.credited,
        paidAmount: row.paidAmount,
        refundedAmount: row.refunded,
      }),
    });
  }
  return result;
}
