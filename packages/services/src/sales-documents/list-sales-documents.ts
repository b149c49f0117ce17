import { Prisma, type Db } from "@ledgerline/db";
import {
  assertCan,
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
  type SalesDocumentType,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { companyToday, fromDbDate } from "./company-context.ts";
import { salesDocumentColumns, type SalesDocumentRow } from "./sales-document-rows.ts";
import {
  CREDITED_AMOUNT_SQL,
  CREDITS_JOIN,
  creditedAmountSql,
  creditNotesOf,
  OPEN_INVOICE_SQL,
  OUTSTANDING_SQL,
  overdueSql,
  refundedAmountSql,
  UNPAID_SQL,
} from "./settlement-read-model.ts";

/** `%text%` for ILIKE, with the pattern characters of the text itself escaped. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** Values of one of the documents' enums as an SQL list, for `IN (...)`. */
const enumList = (
  values: readonly (SalesDocumentStatus | SalesDocumentType)[],
  enumType: "sales_document_status" | "sales_document_type",
) => Prisma.join(values.map((value) => Prisma.sql`${value}::${Prisma.raw(enumType)}`));

/**
 * A list's count is exact up to this many documents past the page; above it the list says
 * "more than" the bound (`totalIsExact: false`), so counting does not grow with the data.
 * Selections the totals table answers are always counted exactly.
 */
export const LIST_COUNT_BOUND = 10_000;

/**
 * A search whose text is in more customer names than this is answered by the documents'
 * own trigram index: so many names match that the page is found quickly in list order.
 */
const SEARCHED_NAMES_LIMIT = 100;

/**
 * How the filters read: `d` is either a document (`sales_documents`) or a row of the totals
 * kept per type, status, currency, archived, issued date and due date
 * (`sales_document_totals`); both have the columns `type`, `status`, `currency`, `issued_date`
 * and `due_date` the filters and the overdue predicate read.
 */
interface FilterTarget {
  archived: (archived: boolean) => Prisma.Sql;
  deleted: (deleted: boolean) => Prisma.Sql;
}

const DOCUMENTS: FilterTarget = {
  archived: (archived) =>
    archived ? Prisma.sql`d.archived_at IS NOT NULL` : Prisma.sql`d.archived_at IS NULL`,
  deleted: (deleted) =>
    deleted ? Prisma.sql`d.deleted_at IS NOT NULL` : Prisma.sql`d.deleted_at IS NULL`,
};
const TOTALS: FilterTarget = {
  archived: (archived) => (archived ? Prisma.sql`d.archived` : Prisma.sql`NOT d.archived`),
  deleted: (deleted) => (deleted ? Prisma.sql`d.deleted` : Prisma.sql`NOT d.deleted`),
};

/** Only those who may delete (and restore) documents see the deleted ones (§5.10). */
function assertMaySeeDeleted(filters: { deleted: "hidden" | "only" }, actor: Actor | undefined) {
  if (filters.deleted === "only" && actor && actor.kind !== "system") {
    assertCan(actor.role, "salesDocument.delete");
  }
}

/** Whether the totals table answers the filters: none reads a column only documents have. */
const answeredByTotals = (filters: SalesDocumentFilters) =>
  !filters.customerId &&
  !filters.projectId &&
  filters.projectNumber === undefined &&
  !filters.invoiceGroupId &&
  !filters.search;

/** The filters on type, status, the overdue predicate, currency, issued dates and archived. */
function stateConditions(
  filters: SalesDocumentFilters,
  today: IsoDate,
  target: FilterTarget,
): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filters.type) {
    conditions.push(Prisma.sql`d.type IN (${enumList(filters.type, "sales_document_type")})`);
  }
  if (filters.status) {
    const stored = filters.status.filter((status) => status !== "overdue");
    const parts: Prisma.Sql[] = [];
    if (stored.length > 0)
      parts.push(Prisma.sql`d.status IN (${enumList(stored, "sales_document_status")})`);
    // "overdue" also finds invoices the nightly sweep has not marked yet.
    if (filters.status.includes("overdue")) {
      parts.push(Prisma.sql`d.status = 'overdue'`, overdueSql(today));
    }
    conditions.push(Prisma.sql`(${Prisma.join(parts, " OR ")})`);
  }
  if (filters.overdueOnly) conditions.push(overdueSql(today));
  if (filters.currency) conditions.push(Prisma.sql`d.currency = ${filters.currency}`);
  if (filters.dateFrom) conditions.push(Prisma.sql`d.issued_date >= ${filters.dateFrom}::date`);
  if (filters.dateTo) conditions.push(Prisma.sql`d.issued_date <= ${filters.dateTo}::date`);
  if (filters.dueFrom) conditions.push(Prisma.sql`d.due_date >= ${filters.dueFrom}::date`);
  if (filters.dueTo) conditions.push(Prisma.sql`d.due_date <= ${filters.dueTo}::date`);
  if (filters.archived === "active") conditions.push(target.archived(false));
  if (filters.archived === "archived") conditions.push(target.archived(true));
  // Deleted documents leave the lists' rows, counts and sums; `only` lists just them.
  conditions.push(target.deleted(filters.deleted === "only"));
  return conditions;
}

const joinConditions = (conditions: Prisma.Sql[]) =>
  conditions.length > 0 ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;

/**
 * The search as a condition on `d`. A whole document number is looked up through the unique
 * index. Anything else is a "contains" over number and customer name: the name part is looked
 * up among the customer names documents carry (a few thousand, `sales_document_customer_names`)
 * first, and the documents are then those carrying one of the names found (btree on
 * customer_name), which is the same set: a name contains the text or it does not.
 */
async function searchCondition(db: Db, search: string): Promise<Prisma.Sql> {
  const number = parseDocumentNumber(search.trim().toUpperCase());
  if (number) return Prisma.sql`d.number = ${search.trim().toUpperCase()}`;
  const pattern = containsPattern(search);
  const names = await db.$queryRaw<{ customerName: string }[]>`
    SELECT customer_name AS "customerName" FROM sales_document_customer_names
    WHERE customer_name ILIKE ${pattern}
    LIMIT ${SEARCHED_NAMES_LIMIT + 1}`;
  if (names.length > SEARCHED_NAMES_LIMIT) {
    return Prisma.sql`(d.number ILIKE ${pattern} OR d.customer_name ILIKE ${pattern})`;
  }
  if (names.length === 0) return Prisma.sql`d.number ILIKE ${pattern}`;
  const found = names.map((row) => row.customerName);
  return Prisma.sql`(d.number ILIKE ${pattern} OR d.customer_name = ANY (${found}::text[]))`;
}

/** The list's filters as one WHERE over the documents `d` (the selection totals use the same). */
async function whereOf(db: Db, filters: SalesDocumentFilters, today: IsoDate): Promise<Prisma.Sql> {
  const conditions = stateConditions(filters, today, DOCUMENTS);
  if (filters.customerId) conditions.push(Prisma.sql`d.customer_id = ${filters.customerId}::uuid`);
  if (filters.projectId) conditions.push(Prisma.sql`d.project_id = ${filters.projectId}::uuid`);
  if (filters.projectNumber !== undefined) {
    conditions.push(Prisma.sql`d.project_id IN (
      SELECT p.id FROM projects p WHERE p.number = ${filters.projectNumber}::int)`);
  }
  if (filters.invoiceGroupId) {
    conditions.push(Prisma.sql`d.id IN (
      SELECT m.invoice_id FROM invoice_group_invoices m
      WHERE m.group_id = ${filters.invoiceGroupId}::uuid)`);
  }
  if (filters.search) conditions.push(await searchCondition(db, filters.search));
  return joinConditions(conditions);
}

/**
 * How many documents the filters select: exactly from the totals table where it answers the
 * filters, else counted up to `bound` (exact when fewer match, "more than `bound`" otherwise).
 */
async function countSelection(
  db: Db,
  filters: SalesDocumentFilters,
  today: IsoDate,
  where: Prisma.Sql,
  bound: number,
): Promise<{ total: number; totalIsExact: boolean }> {
  if (answeredByTotals(filters)) {
    const [row] = await db.$queryRaw<[{ count: number }]>`
      SELECT coalesce(sum(d.document_count), 0)::int AS "count"
      FROM sales_document_totals d
      WHERE ${joinConditions(stateConditions(filters, today, TOTALS))}`;
    return { total: row.count, totalIsExact: true };
  }
  const [row] = await db.$queryRaw<[{ count: number }]>`
    SELECT count(*)::int AS "count"
    FROM (SELECT FROM sales_documents d WHERE ${where} LIMIT ${bound + 1}) matched`;
  return row.count > bound
    ? { total: bound, totalIsExact: false }
    : { total: row.count, totalIsExact: true };
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
  "deletedAt",
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

interface ByIssuedDay {
  from: IsoDate;
  to: IsoDate;
}

/**
 * Whether the page may be found day by day (`pageByIssuedDay`): newest first by creation, one
 * type, stored statuses and both ends of the issued-date range given, and nothing else that an
 * index of its own answers better. Then the totals table counts each day's documents exactly,
 * which the page's lower bound relies on.
 */
function byIssuedDayOf(input: ListSalesDocumentsQuery): ByIssuedDay | null {
  if (input.sortBy !== "createdAt" || input.sortDirection !== "desc") return null;
  if (input.type?.length !== 1 || !input.status || input.status.includes("overdue")) return null;
  if (!input.dateFrom || !input.dateTo || !answeredByTotals(input)) return null;
  return { from: input.dateFrom, to: input.dateTo };
}

/**
 * The page's ids read day by day: for each status and issued day of the range, the
 * `newestPerDay` newest documents (an index range of
 * `sales_documents_type_status_issued_date_created_at_idx`, in list order), then the page among
 * them. The page's rows are the newest `offset + pageSize` of the selection, and each of them is
 * among the newest `offset + pageSize` of its own day, so it is the same page as sorting the whole
 * selection.
 *
 * Reading `offset + pageSize` entries of every day would grow with the range and the page's depth
 * (a quarter's fifth page: 91 × 125 entries). So a lower bound on the page's creation times is
 * found first: take the days in the order of their newest document until they hold `offset +
 * pageSize` documents (their counts come from the totals table, exact for these filters); every
 * one of those documents was created at or after the oldest of them (one probe per day taken), so
 * the page's rows were too. Then only the days with entries from that bound on are read, each
 * from the bound on. Where documents are created around the day they are issued (the usual
 * case), that is about one page's worth of entries plus one index probe per day (its newest
 * entry); where creation and issue dates are unrelated, the bound is low and the read is what it
 * was, never more than `newestPerDay` per day. A small selection costs its few days' probes.
 */
function pageByIssuedDay(
  byDay: ByIssuedDay,
  filters: SalesDocumentFilters,
  today: IsoDate,
  where: Prisma.Sql,
  newestPerDay: number,
  pageSize: number,
  offset: number,
): Prisma.Sql {
  const ofDay = Prisma.sql`d.status = days.status AND d.issued_date = days.day AND ${where}`;
  return Prisma.sql`
        WITH days AS (
          SELECT d.status, d.issued_date AS day, sum(d.document_count) AS matched
          FROM sales_document_totals d
          WHERE ${joinConditions(stateConditions(filters, today, TOTALS))}
            AND d.issued_date BETWEEN ${byDay.from}::date AND ${byDay.to}::date
          GROUP BY d.status, d.issued_date
          HAVING sum(d.document_count) > 0),
        edges AS (
          SELECT days.status, days.day, days.matched, newest.created_at AS newest
          FROM days
          CROSS JOIN LATERAL (
            SELECT d.created_at FROM sales_documents d WHERE ${ofDay}
            ORDER BY d.created_at DESC NULLS LAST, d.id ASC LIMIT 1) newest),
        taken AS (
          SELECT status, day
          FROM (SELECT status, day,
                       sum(matched) OVER (ORDER BY newest DESC, status, day
                                          ROWS UNBOUNDED PRECEDING) - matched AS before
                FROM edges) ranked
          WHERE before < ${newestPerDay}),
        bound AS (
          SELECT min(oldest.created_at) AS created_at
          FROM taken days
          CROSS JOIN LATERAL (
            SELECT d.created_at FROM sales_documents d WHERE ${ofDay}
            ORDER BY d.created_at ASC NULLS FIRST, d.id DESC LIMIT 1) oldest)
        SELECT newest.id
        FROM edges days
        CROSS JOIN LATERAL (
          SELECT d.id, d.created_at
          FROM sales_documents d
          WHERE ${ofDay} AND d.created_at >= (SELECT created_at FROM bound)
          ORDER BY d.created_at DESC NULLS LAST, d.id ASC
          LIMIT ${newestPerDay}) newest
        WHERE days.newest >= (SELECT created_at FROM bound)
        ORDER BY newest.created_at DESC NULLS LAST, newest.id ASC
        LIMIT ${pageSize} OFFSET ${offset}`;
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
 *
 * `total` is exact when `totalIsExact`; otherwise more than `total` documents match (a count
 * bounded at `LIST_COUNT_BOUND` past the page, see `countSelection`) and `pages` are the pages
 * known so far.
 */
export async function listSalesDocuments(db: Db, rawInput: ListSalesDocumentsInput, actor?: Actor) {
  const input = listSalesDocumentsInputSchema.parse(rawInput);
  assertMaySeeDeleted(input, actor);
  const today = companyToday();
  const where = await whereOf(db, input, today);
  const direction = input.sortDirection === "asc" ? "ASC" : "DESC";
  const orderBy = Prisma.raw(`${SORT_COLUMNS[input.sortBy]} ${direction} NULLS LAST, d.id ASC`);
  const offset = (input.page - 1) * input.pageSize;
  // A round bound past the page, so the page's own rows are always counted.
  const bound =
    LIST_COUNT_BOUND * Math.max(1, Math.ceil((offset + input.pageSize) / LIST_COUNT_BOUND));
  const readPage = (page: Prisma.Sql) => db.$queryRaw<ListRow[]>`
      WITH page AS (${page})
      SELECT ${salesDocumentColumns(LIST_COLUMNS)}, ${CREDITED_AMOUNT_SQL} AS "creditedAmount"
      FROM page
      JOIN sales_documents d ON d.id = page.id
      ${CREDITS_JOIN}
      ORDER BY ${orderBy}`;
  const plainPage = Prisma.sql`
        SELECT d.id
        FROM sales_documents d
        WHERE ${where}
        ORDER BY ${orderBy}
        LIMIT ${input.pageSize} OFFSET ${offset}`;
  const byDay = byIssuedDayOf(input);
  const [rows, counted] = await Promise.all([
    readPage(
      byDay
        ? pageByIssuedDay(
            byDay,
            input,
            today,
            where,
            offset + input.pageSize,
            input.pageSize,
            offset,
          )
        : plainPage,
    ),
    countSelection(db, input, today, where, bound),
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
      deletedAt: row.deletedAt,
      createdAt: row.createdAt,
    };
  });
  return {
    ...pageOf(items, counted.total, input.page, input.pageSize),
    totalIsExact: counted.totalIsExact,
  };
}

/**
 * The totals of a list's whole selection per currency (the same filters as the list): how many
 * documents, the sum of their totals, and what customers still owe on its issued invoices,
 * summed exactly by PostgreSQL.
 *
 * Selections filtered only by type, status, the overdue predicate, currency, issued dates and
 * archived (the overdue list, a quarter's paid invoices) are summed from the totals the
 * database keeps per type, status, currency, archived, issued date and due date
 * (`sales_document_totals`: they grow with the days, not with the documents), and what is owed
 * is corrected for the selection's credited invoices, which are few. A customer, project or
 * search selects few enough documents to sum them directly.
 */
export async function salesDocumentSelectionTotals(
  db: Db,
  rawInput: SalesDocumentFiltersInput,
  actor?: Actor,
): Promise<SelectionTotal[]> {
  const input = salesDocumentFiltersSchema.parse(rawInput);
  assertMaySeeDeleted(input, actor);
  const today = companyToday();
  const where = await whereOf(db, input, today);
  if (!answeredByTotals(input)) {
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
  const [totals, corrections] = await Promise.all([
    db.$queryRaw<{ currency: string; count: number; total: Decimal; unpaid: Decimal }[]>`
      SELECT d.currency, sum(d.document_count)::int AS "count", sum(d.total) AS "total",
             coalesce(sum(d.unpaid) FILTER (WHERE ${OPEN_INVOICE_SQL}), 0) AS "unpaid"
      FROM sales_document_totals d
      WHERE ${joinConditions(stateConditions(input, today, TOTALS))}
      GROUP BY d.currency
      HAVING sum(d.document_count) > 0
      ORDER BY d.currency`,
    db.$queryRaw<{ currency: string; correction: Decimal }[]>`
      SELECT d.currency, sum(${UNPAID_SQL} - ${OUTSTANDING_SQL}) AS "correction"
      FROM sales_documents d
      ${CREDITS_JOIN}
      WHERE credits.invoice_id IS NOT NULL AND ${OPEN_INVOICE_SQL} AND ${where}
      GROUP BY d.currency`,
  ]);
  const correctionOf = new Map(corrections.map((row) => [row.currency, row.correction]));
  return totals.map((row) => ({
    currency: row.currency,
    count: row.count,
    total: toDecimal(row.total),
    outstandingAmount: toDecimal(row.unpaid).minus(toDecimal(correctionOf.get(row.currency) ?? 0)),
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
    LEFT JOIN sales_documents c ON ${creditNotesOf("i", "c")}
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
