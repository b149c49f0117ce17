import { Prisma, type Tx } from "@ledgerline/db";

/** Tables whose rows an update locks before reading what it merges the change into. */
export type LockableTable =
  | "customers"
  | "projects"
  | "suppliers"
  | "expenses"
  | "payments"
  | "purchase_orders"
  | "invoice_groups"
  | "sales_documents";

/**
 * Locks a row for the rest of the transaction, so a partial update merges into the row as it is
 * and two updates of one record follow each other instead of each writing its merge of an older
 * state. A missing row locks nothing (the caller's read then reports it).
 *
 * `FOR NO KEY UPDATE`, not `FOR UPDATE`: an update never changes the id, and the weaker lock
 * lets other transactions' foreign-key checks on the row (`FOR KEY SHARE`) through. With
 * `FOR UPDATE`, a customer being edited blocked the numbering of that customer's invoice at
 * commit (its foreign-key check), which holds the commit-time lock the edit then waits for at
 * its own commit: a deadlock, answered with a 500, whenever the two met.
 */
export async function lockRowForUpdate(tx: Tx, table: LockableTable, id: string): Promise<void> {
  await tx.$queryRaw`
    SELECT id FROM ${Prisma.raw(table)} WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
}

/**
 * A project's customer, read under a share lock: a link decided on it (a document's project, a
 * billed expense's project) cannot be overtaken by the project moving to another customer, which
 * `updateProject` does under `FOR UPDATE` and refuses while anything refers to the project.
 * Null when the project does not exist.
 */
export async function lockProjectCustomer(
  tx: Tx,
  projectId: string,
): Promise<{ customerId: string; name: string } | null> {
  const [project] = await tx.$queryRaw<{ customerId: string; name: string }[]>`
    SELECT customer_id::text AS "customerId", name FROM projects
    WHERE id = ${projectId}::uuid FOR SHARE`;
  return project ?? null;
}
