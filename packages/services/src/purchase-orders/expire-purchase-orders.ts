import type { Db } from "@ledgerline/db";
import { isExpiredPurchaseOrder, type IsoDate } from "@ledgerline/domain";
import { systemActor } from "../actor.ts";
import { fromDbDate } from "../sales-documents/company-context.ts";
import { movePurchaseOrder } from "./purchase-order-actions.ts";
import { expiredPurchaseOrderSql } from "./purchase-order-read-model.ts";
import { lockPurchaseOrder } from "./purchase-order-records.ts";

/**
 * How a PO expires (docs/domain-model.md §5.9): a pending PO the supplier did not accept by its
 * due date becomes `expired` when the due-date sweep runs on a later day. Each PO is its own short
 * transaction under its row lock, re-checked there, so the sweep is idempotent. Deleted and
 * archived POs are left alone. The rule is `isExpiredPurchaseOrder`: its SQL twin finds the
 * candidates, the function decides on the locked row.
 */
export async function expirePurchaseOrders(db: Db, today: IsoDate): Promise<number> {
  const actor = systemActor("due-date sweep");
  const due = await db.$queryRaw<Array<{ id: string }>>`
    SELECT po.id::text AS id FROM purchase_orders po
    WHERE ${expiredPurchaseOrderSql(today)}
      AND po.deleted_at IS NULL AND po.archived_at IS NULL`;
  let expired = 0;
  for (const { id } of due) {
    const moved = await db.$transaction(async (tx) => {
      const po = await lockPurchaseOrder(tx, id);
      if (po.deletedAt || po.archivedAt) return false;
      const dueDate = fromDbDate(po.dueDate);
      if (!isExpiredPurchaseOrder({ status: po.status, dueDate, today })) return false;
      await movePurchaseOrder(tx, actor, po, "expired", "expire");
      return true;
    });
    if (moved) expired += 1;
  }
  return expired;
}
