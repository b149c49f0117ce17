import { Prisma, type Db } from "@ledgerline/db";
import {
  assertCan,
  listPurchaseOrdersInputSchema,
  pageOf,
  parseDocumentNumber,
  payableTotalOf,
  listPurchaseOrderCommitmentsInputSchema,
  toDecimal,
  type Decimal,
  type ListPurchaseOrdersInput,
  type ListPurchaseOrdersQuery,
  type ListPurchaseOrderCommitmentsInput,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { COMPANY_TIME_ZONE } from "../sales-documents/company-context.ts";
import { LIST_COUNT_BOUND } from "../sales-documents/list-sales-documents.ts";
import {
  purchaseOrderColumns,
  withPurchaseOrderDates,
  type PurchaseOrderRow,
} from "./purchase-order-rows.ts";
import {
  AWAITING_APPROVAL_SQL,
  OPEN_COMMITMENT_SQL,
  PAYABLE_TOTAL_SQL,
} from "./purchase-order-read-model.ts";
import { waitingForApprovalOf } from "./waiting-for-approval.ts";

/** `%text%` for ILIKE, with the pattern characters of the text itself escaped. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** The first instant of a company calendar day (order dates are instants, filters are days). */
const dayStart = (day: string) =>
  Prisma.sql`(${day}::date::timestamp AT TIME ZONE ${COMPANY_TIME_ZONE})`;

/** The list's filters as one WHERE over `po`. */
function whereOf(filters: ListPurchaseOrdersQuery, actor: Actor): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filters.status) {
    conditions.push(
      Prisma.sql`po.status IN (${Prisma.join(
        filters.status.map((status) => Prisma.sql`${status}::purchase_order_status`),
      )})`,
    );
  }
  if (filters.projectId) conditions.push(Prisma.sql`po.project_id = ${filters.projectId}::uuid`);
  if (filters.supplierId) conditions.push(Prisma.sql`po.supplier_id = ${filters.supplierId}::uuid`);
  if (filters.projectManagerId)
    conditions.push(Prisma.sql`po.project_manager_id = ${filters.projectManagerId}::uuid`);
  if (filters.orderDateFrom)
    conditions.push(Prisma.sql`po.order_date >= ${dayStart(filters.orderDateFrom)}`);
  if (filters.orderDateTo)
    conditions.push(
      Prisma.sql`po.order_date < (${dayStart(filters.orderDateTo)} + interval '1 day')`,
    );
  if (filters.dueDateFrom) conditions.push(Prisma.sql`po.due_date >= ${filters.dueDateFrom}::date`);
  if (filters.dueDateTo) conditions.push(Prisma.sql`po.due_date <= ${filters.dueDateTo}::date`);
  if (filters.currency) conditions.push(Prisma.sql`po.currency = ${filters.currency}`);
  if (filters.approval === "awaiting") conditions.push(AWAITING_APPROVAL_SQL);
  if (filters.approval === "waitingForMe") conditions.push(waitingForApprovalOf(actor));
  if (filters.approval === "approved") conditions.push(Prisma.sql`po.approved_at IS NOT NULL`);
  if (filters.approval === "autoApproved")
    conditions.push(Prisma.sql`po.approved_at IS NOT NULL AND po.is_auto_approved`);
  if (filters.search) {
    const text = filters.search.trim().toUpperCase();
    if (parseDocumentNumber(text)) conditions.push(Prisma.sql`po.number = ${text}`);
    else conditions.push(Prisma.sql`po.number ILIKE ${containsPattern(filters.search)}`);
  }
  if (filters.archived === "active") conditions.push(Prisma.sql`po.archived_at IS NULL`);
  if (filters.archived === "archived") conditions.push(Prisma.sql`po.archived_at IS NOT NULL`);
  conditions.push(
    filters.deleted === "only"
      ? Prisma.sql`po.deleted_at IS NOT NULL`
      : Prisma.sql`po.deleted_at IS NULL`,
  );
  return Prisma.join(conditions, " AND ");
}

const NULLABLE_SORTS = new Set<ListPurchaseOrdersQuery["sortBy"]>(["number", "dueDate"]);

const SORT_COLUMNS: Record<ListPurchaseOrdersQuery["sortBy"], string> = {
  number: "po.number",
  orderDate: "po.order_date",
  dueDate: "po.due_date",
  amount: "po.amount",
  status: "po.status",
  createdAt: "po.created_at",
};

/** The columns of a PO a list row shows. */
const LIST_COLUMNS = [
  "id",
  "number",
  "status",
  "type",
  "projectId",
  "supplierId",
  "projectManagerId",
  "amount",
  "disbursementTotal",
  "currency",
  "orderDate",
  "dueDate",
  "isInternal",
  "approvedAt",
  "isAutoApproved",
  "archivedAt",
  "deletedAt",
  "createdAt",
] as const satisfies (keyof PurchaseOrderRow)[];

/** The list's one row type: a PO of the page, enriched with the names it refers to. */
type ListRow = Pick<PurchaseOrderRow, (typeof LIST_COLUMNS)[number]> & {
  projectNumber: number;
  projectName: string;
  supplierName: string;
  projectManagerName: string | null;
  progress: number;
};

/**
 * Seed 004 `GET /purchase-orders`: filters (status, project = job, supplier = translator,
 * project manager, order and due date ranges, currency, approval state, number, archived,
 * deleted), a sorted page and pagination metadata like the invoice list. Each row carries the
 * project's number and name (seed 004 "enriched with the job"), the supplier's and manager's
 * names, the payable total and the highest confirmed milestone. Soft-deleted POs are hidden
 * unless asked for, which needs `purchaseOrder.delete`.
 *
 * The page is found by id and sort key alone, then only its rows are joined and enriched; the
 * count is exact up to LIST_COUNT_BOUND past the page (`totalIsExact`).
 */
export async function listPurchaseOrders(db: Db, actor: Actor, rawInput: ListPurchaseOrdersInput) {
  const input = listPurchaseOrdersInputSchema.parse(rawInput);
  if (input.deleted === "only" && actor.kind !== "system")
    assertCan(actor.role, "purchaseOrder.delete");
  const where = whereOf(input, actor);
  const direction = input.sortDirection === "asc" ? "ASC" : "DESC";
  // NULLS LAST only where a column can be null: on a NOT NULL column it would keep PostgreSQL
  // from reading the index backwards, and sort every matching row instead.
  const nulls = NULLABLE_SORTS.has(input.sortBy) ? " NULLS LAST" : "";
  const orderBy = Prisma.raw(
    `${SORT_COLUMNS[input.sortBy]} ${direction}${nulls}, po.id ${direction}`,
  );
  // Exact up to LIST_COUNT_BOUND past the page, "more than" above it (as the invoice list).
  const bound = input.page * input.pageSize + LIST_COUNT_BOUND;
  // Two statements on two connections at once: the page (found by id and sort key alone, then
  // joined and enriched) and the bounded count. Joined into one statement they run one after the
  // other, and measured slower (docs/performance.md, 2026-12-04): the count, up to
  // LIST_COUNT_BOUND rows, costs more than the round trip it would save.
  const [rows, [counted]] = await Promise.all([
    db.$queryRaw<ListRow[]>`
      WITH page AS (
        SELECT po.id
        FROM purchase_orders po
        WHERE ${where}
        ORDER BY ${orderBy}
        LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize})
      SELECT ${purchaseOrderColumns(LIST_COLUMNS)},
             p.number AS "projectNumber", p.name AS "projectName", s.name AS "supplierName",
             u.name AS "projectManagerName",
             coalesce((SELECT max(m.percentage) FROM purchase_order_milestones m
                       WHERE m.purchase_order_id = po.id AND m.is_confirmed), 0)::int AS "progress"
      FROM page
      JOIN purchase_orders po ON po.id = page.id
      JOIN projects p ON p.id = po.project_id
      JOIN suppliers s ON s.id = po.supplier_id
      LEFT JOIN users u ON u.id = po.project_manager_id
      ORDER BY ${orderBy}`,
    db.$queryRaw<[{ count: number }]>`
      SELECT count(*)::int AS "count"
      FROM (SELECT FROM purchase_orders po WHERE ${where} LIMIT ${bound + 1}) matched`,
  ]);
  const matched = counted.count;
  const totalIsExact = matched <= bound;
  const items = rows.map((row) => ({
    ...withPurchaseOrderDates(row),
    amount: toDecimal(row.amount),
    disbursementTotal: toDecimal(row.disbursementTotal),
    payableTotal: payableTotalOf(row),
  }));
  return {
    ...pageOf(items, totalIsExact ? matched : bound, input.page, input.pageSize),
    /** False when more than `total` POs match (the count stops there). */
    totalIsExact,
  };
}

export type PurchaseOrderListItem = Awaited<ReturnType<typeof listPurchaseOrders>>["items"][number];

export interface PurchaseOrderCommitment {
  currency: string;
  /** Approved and not yet paid, internal POs excluded (`isOpenCommitment`). */
  count: number;
  /** Their payable totals (amount + disbursements). */
  openAmount: Decimal;
  /** Not internal and waiting for approval (`isAwaitingApproval`): what will become a commitment. */
  awaitingCount: number;
  awaitingAmount: Decimal;
}

/**
 * The purchasing overview's open commitments per currency: what we owe suppliers for approved,
 * unpaid POs, and what waits for approval. Never converted between currencies.
 */
export async function purchaseOrderCommitments(
  db: Db,
  rawInput: ListPurchaseOrderCommitmentsInput,
): Promise<PurchaseOrderCommitment[]> {
  const input = listPurchaseOrderCommitmentsInputSchema.parse(rawInput);
  const conditions: Prisma.Sql[] = [
    Prisma.sql`po.deleted_at IS NULL`,
    Prisma.sql`NOT po.is_internal`,
    Prisma.sql`(${OPEN_COMMITMENT_SQL} OR ${AWAITING_APPROVAL_SQL})`,
  ];
  if (input.projectId) conditions.push(Prisma.sql`po.project_id = ${input.projectId}::uuid`);
  if (input.supplierId) conditions.push(Prisma.sql`po.supplier_id = ${input.supplierId}::uuid`);
  const rows = await db.$queryRaw<
    Array<{
      currency: string;
      count: number;
      openAmount: Decimal;
      awaitingCount: number;
      awaitingAmount: Decimal;
    }>
  >`
    SELECT po.currency,
           count(*) FILTER (WHERE ${OPEN_COMMITMENT_SQL})::int AS "count",
           coalesce(sum(${PAYABLE_TOTAL_SQL}) FILTER (WHERE ${OPEN_COMMITMENT_SQL}), 0) AS "openAmount",
           count(*) FILTER (WHERE ${AWAITING_APPROVAL_SQL})::int AS "awaitingCount",
           coalesce(sum(${PAYABLE_TOTAL_SQL}) FILTER (WHERE ${AWAITING_APPROVAL_SQL}), 0) AS "awaitingAmount"
    FROM purchase_orders po
    WHERE ${Prisma.join(conditions, " AND ")}
    GROUP BY po.currency
    ORDER BY po.currency`;
  return rows.map((row) => ({
    currency: row.currency,
    count: row.count,
    openAmount: toDecimal(row.openAmount),
    awaitingCount: row.awaitingCount,
    awaitingAmount: toDecimal(row.awaitingAmount),
  }));
}
