import { Prisma, type Db } from "@ledgerline/db";
import {
  assertCan,
  listInvoiceGroupsInputSchema,
  pageOf,
  toDecimal,
  type Decimal,
  type ListInvoiceGroupsInput,
  type ListInvoiceGroupsQuery,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { INVOICE_OPEN_AMOUNT_SQL } from "../sales-documents/settlement-read-model.ts";
import {
  invoiceGroupColumns,
  withInvoiceGroupDates,
  type InvoiceGroupRow,
} from "./invoice-group-rows.ts";

function whereOf(filters: ListInvoiceGroupsQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filters.customerId) conditions.push(Prisma.sql`g.customer_id = ${filters.customerId}::uuid`);
  if (filters.currency) conditions.push(Prisma.sql`g.currency = ${filters.currency}`);
  if (filters.status)
    conditions.push(
      Prisma.sql`g.status IN (${Prisma.join(
        filters.status.map((status) => Prisma.sql`${status}::invoice_group_status`),
      )})`,
    );
  if (filters.invoiceDateFrom)
    conditions.push(Prisma.sql`g.invoice_date >= ${filters.invoiceDateFrom}::date`);
  if (filters.invoiceDateTo)
    conditions.push(Prisma.sql`g.invoice_date <= ${filters.invoiceDateTo}::date`);
  if (filters.dueDateFrom) conditions.push(Prisma.sql`g.due_date >= ${filters.dueDateFrom}::date`);
  if (filters.dueDateTo) conditions.push(Prisma.sql`g.due_date <= ${filters.dueDateTo}::date`);
  if (filters.archived === "active") conditions.push(Prisma.sql`g.archived_at IS NULL`);
  if (filters.archived === "archived") conditions.push(Prisma.sql`g.archived_at IS NOT NULL`);
  conditions.push(
    filters.deleted === "only"
      ? Prisma.sql`g.deleted_at IS NOT NULL`
      : Prisma.sql`g.deleted_at IS NULL`,
  );
  return Prisma.join(conditions, " AND ");
}

const SORT_COLUMNS: Record<ListInvoiceGroupsQuery["sortBy"], string> = {
  number: "g.number",
  invoiceDate: "g.invoice_date",
  dueDate: "g.due_date",
  status: "g.status",
  createdAt: "g.created_at",
};
/** What a list row shows of the group itself. */
const LIST_KEYS = [
  "id",
  "number",
  "status",
  "customerId",
  "currency",
  "invoiceDate",
  "dueDate",
  "archivedAt",
  "deletedAt",
  "createdAt",
] as const satisfies (keyof InvoiceGroupRow)[];
const NULLABLE_SORTS = new Set<ListInvoiceGroupsQuery["sortBy"]>(["number", "dueDate"]);

type ListRow = Pick<InvoiceGroupRow, (typeof LIST_KEYS)[number]> & {
  customerName: string;
  invoiceCount: number;
  total: Decimal;
  openAmount: Decimal;
};

/**
 * Seed 004 `GET /invoice-groups`: filters (customer = company, currency, status, invoice and due
 * date ranges), a sorted page and pagination metadata like the other lists. Each row carries its
 * customer's name, how many invoices it holds and their sums (total and still open), computed
 * from the invoices as the detail's totals are (invoiceGroupTotalsOf: a cancelled invoice owes
 * nothing, an overpaid one not less than nothing). Archived groups show only when asked for
 * (`archived`), soft-deleted ones only in the deleted view (`deleted: "only"`), which needs
 * `invoiceGroup.delete` (admin and finance), as the purchase-order list.
 */
export async function listInvoiceGroups(db: Db, actor: Actor, rawInput: ListInvoiceGroupsInput) {
  const input = listInvoiceGroupsInputSchema.parse(rawInput);
  if (input.deleted === "only" && actor.kind !== "system")
    assertCan(actor.role, "invoiceGroup.delete");
  const where = whereOf(input);
  const direction = input.sortDirection === "asc" ? "ASC" : "DESC";
  const nulls = NULLABLE_SORTS.has(input.sortBy) ? " NULLS LAST" : "";
  const orderBy = Prisma.raw(
    `${SORT_COLUMNS[input.sortBy]} ${direction}${nulls}, g.id ${direction}`,
  );
  const [rows, [counted]] = await Promise.all([
    db.$queryRaw<ListRow[]>`
      WITH page AS (
        SELECT g.id FROM invoice_groups g WHERE ${where}
        ORDER BY ${orderBy}
        LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize})
      SELECT ${invoiceGroupColumns(LIST_KEYS)}, c.name AS "customerName",
             sums."invoiceCount", sums.total, sums."openAmount"
      FROM page
      JOIN invoice_groups g ON g.id = page.id
      JOIN customers c ON c.id = g.customer_id
      CROSS JOIN LATERAL (
        SELECT count(d.id)::int AS "invoiceCount", coalesce(sum(d.total), 0) AS total,
               coalesce(sum(${INVOICE_OPEN_AMOUNT_SQL}), 0) AS "openAmount"
        FROM invoice_group_invoices m JOIN sales_documents d ON d.id = m.invoice_id
        WHERE m.group_id = g.id) sums
      ORDER BY ${orderBy}`,
    db.$queryRaw<[{ count: number }]>`
      SELECT count(*)::int AS "count" FROM invoice_groups g WHERE ${where}`,
  ]);
  const items = rows.map((row) => ({
    ...withInvoiceGroupDates(row),
    total: toDecimal(row.total),
    openAmount: toDecimal(row.openAmount),
  }));
  return pageOf(items, counted.count, input.page, input.pageSize);
}

export type InvoiceGroupListItem = Awaited<ReturnType<typeof listInvoiceGroups>>["items"][number];
