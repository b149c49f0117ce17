/**
 * `pnpm --filter @ledgerline/bench explain:purchase-orders [variant]`: the plans PostgreSQL runs
 * for the purchase-order list variants and the detail the PO bench measures, as EXPLAIN
 * (ANALYZE, BUFFERS) prints them, on the database `bench:purchase-orders` filled (BENCH_DATABASE,
 * default `ledgerline_bench_po`). Reads only. See explain-session.ts.
 */
import type { ListPurchaseOrdersInput } from "@ledgerline/domain";
import { getPurchaseOrder, listPurchaseOrders, systemActor } from "@ledgerline/services";
import { explainSession } from "./explain-session.ts";

const databaseName = process.env.BENCH_DATABASE ?? "ledgerline_bench_po";
const { db, explain } = explainSession(databaseName, process.argv[2]);
const actor = systemActor("explain");

const [sample] = await db.$queryRaw<
  { id: string; projectId: string; supplierId: string; managerId: string }[]
>`SELECT id::text, project_id::text AS "projectId", supplier_id::text AS "supplierId",
         project_manager_id::text AS "managerId"
  FROM purchase_orders WHERE status = 'paid' ORDER BY id OFFSET 5000 LIMIT 1`;
const lists: Record<string, ListPurchaseOrdersInput> = {
  "newest first (no filter), page 3": { page: 3, pageSize: 25 },
  status: { status: ["completed", "disputed"], pageSize: 25 },
  "project (job)": { projectId: sample!.projectId, pageSize: 25 },
  "supplier, by amount": { supplierId: sample!.supplierId, pageSize: 25, sortBy: "amount" },
  "project manager": { projectManagerId: sample!.managerId, pageSize: 25 },
  "order dates (a month) + currency": {
    orderDateFrom: "2024-03-01",
    orderDateTo: "2024-03-31",
    currency: "EUR",
    pageSize: 25,
    sortBy: "orderDate",
  },
  "approval awaiting": { approval: "awaiting", pageSize: 25 },
  "due dates (a week), by due date": {
    dueDateFrom: "2024-06-01",
    dueDateTo: "2024-06-07",
    pageSize: 25,
    sortBy: "dueDate",
    sortDirection: "asc",
  },
};

try {
  for (const [name, input] of Object.entries(lists))
    await explain(`list: ${name}`, () => listPurchaseOrders(db, actor, input));
  await explain("get by id", () => getPurchaseOrder(db, actor, sample!.id));
} finally {
  await db.$disconnect();
}
