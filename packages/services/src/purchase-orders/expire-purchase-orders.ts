import type { Db } from "@ledgerline/db";
import type { IsoDate } from "@ledgerline/domain";
import { systemActor } from "../actor.ts";
import { movePurchaseOrder } from "./purchase-order-actions.ts";
import { lockPurchaseOrder } from "./purchase-order-records.ts";

/**
 * How a PO expires (docs/domain-model.md §5.9): a pending PO the supplier did not accept by its
 * due date becomes `expired` when the due-date sweep runs on a later day. Each PO is its own short
 * transaction under its row lock, re-checked there, so the sweep is idempotent. Deleted and
 * archived POs are left alone.
 */
export async function expirePurchaseOrders(db: Db, today: IsoDate): Promise<number> {
  const actor = systemActor("due-date sweep");
  const due = await db.$queryRaw<Array<{ id: string }>>`
    SELECT id::text AS id FROM purchase_orders
    WHERE status = 'pending' AND due_date < ${today}::date
      AND deleted_at IS NULL AND archived_at IS NULL`;
  let expired = 0;
  for (const { id } of due) {
    const moved = await db.$transaction(async (tx) => {
      const po = await lockPurchaseOrder(tx, id);
      if (po.status !== "pending" || po.deletedAt || po.archivedAt) return false;
      if (!po.dueDate || po.dueDate.toISOString().slice(0, 10) >= today) return false;
      await movePurchaseOrder(tx, actor, po, "expired", "expire");
      return true;
    });
    if (moved) expired += 1;
  }
  return expired;
}
