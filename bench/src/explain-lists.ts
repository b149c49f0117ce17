/**
 * `pnpm --filter @ledgerline/bench explain`: the plans PostgreSQL runs for the list statements
 * the benchmark measures, as EXPLAIN (ANALYZE, BUFFERS) prints them, on the database a
 * `pnpm bench` run filled (BENCH_DATABASE, default `ledgerline_bench`). The use cases run as in
 * the API; auto_explain reports every statement they send, with its parameters' plan, to this
 * client (`client_min_messages=log`). Needs a superuser URL (TEST_DATABASE_ADMIN_URL's server),
 * as loading auto_explain does; it reads only (the list and totals use cases).
 *
 *   BENCH_DATABASE=ledgerline_bench pnpm --filter @ledgerline/bench explain [variant]
 *
 * Each variant runs three times; the third run's plans are printed (plans are cached and
 * connections warm by then, as on a running server).
 */
import type { ListSalesDocumentsInput, SalesDocumentFiltersInput } from "@ledgerline/domain";
import { listSalesDocuments, salesDocumentSelectionTotals } from "@ledgerline/services";
import { explainSession } from "./explain-session.ts";

const databaseName = process.env.BENCH_DATABASE ?? "ledgerline_bench";
const { db, explain } = explainSession(databaseName, process.argv[2]);

const [customer] = await db.$queryRaw<{ id: string }[]>`
  SELECT id::text FROM customers ORDER BY id OFFSET 700 LIMIT 1`;
const quarter = { type: "invoice", status: ["paid"], dateFrom: "2024-01-01", dateTo: "2024-03-31" };
const lists: Record<string, ListSalesDocumentsInput> = {
  "status + quarter, page 3": { ...quarter, page: 3, pageSize: 25 } as ListSalesDocumentsInput,
  "one customer": { type: "invoice", customerId: customer!.id, pageSize: 25 },
  "overdue only, by due date": {
    type: "invoice",
    overdueOnly: true,
    pageSize: 25,
    sortBy: "dueDate",
    sortDirection: "asc",
  },
  "search by a document number": { type: "invoice", search: "RE-2024-0042", pageSize: 25 },
  "search by customer name": { type: "invoice", search: "customer 1234", pageSize: 25 },
};
const totals: Record<string, SalesDocumentFiltersInput> = {
  "totals: status + quarter": quarter as SalesDocumentFiltersInput,
  "totals: overdue only": { type: "invoice", overdueOnly: true },
};
try {
  for (const [name, input] of Object.entries(lists))
    await explain(name, () => listSalesDocuments(db, input));
  for (const [name, input] of Object.entries(totals))
    await explain(name, () => salesDocumentSelectionTotals(db, input));
} finally {
  await db.$disconnect();
}
