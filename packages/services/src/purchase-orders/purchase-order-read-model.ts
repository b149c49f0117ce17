import { Prisma } from "@ledgerline/db";
import {
  AWAITING_APPROVAL_STATUSES,
  PURCHASE_ORDER_ACTION_RULES,
  type IsoDate,
  type PurchaseOrderStatus,
} from "@ledgerline/domain";

/**
 * The purchase-order rules as SQL (docs/domain-model.md §5.9): each fragment sits beside the
 * domain function it mirrors (packages/domain/src/purchase-orders.ts), and the list, the
 * approval inbox, the open commitments, the print view and the due-date sweep take their SQL
 * from here only. The contract test `purchase-order-read-model.integration.test.ts` runs both
 * sides on the same generated POs and holds them equal (the convention of the settlement read
 * model, sales-documents/settlement-read-model.ts).
 *
 * The fragments read the POs as `po`.
 */

/**
 * A status set as SQL constants, `'completed', 'disputed'`: the planner matches constants
 * against the status indexes and their statistics, parameters it cannot. The values are the
 * domain's enum names, never input.
 */
function statusConstants(statuses: readonly PurchaseOrderStatus[]): Prisma.Sql {
  for (const status of statuses) {
    if (!/^[a-z_]+$/.test(status)) throw new Error(`Not a status name: ${status}`);
  }
  return Prisma.raw(statuses.map((status) => `'${status}'`).join(", "));
}

/** Mirrors `payableTotalOf`: what we owe the supplier, the fee plus the disbursements. */
export const PAYABLE_TOTAL_SQL = Prisma.sql`(po.amount + po.disbursement_total)`;

/** Mirrors `isAwaitingApproval`: the statuses `approve` moves from. */
export const AWAITING_APPROVAL_SQL = Prisma.sql`(po.status IN (${statusConstants(AWAITING_APPROVAL_STATUSES)}))`;

/** Mirrors `isOpenCommitment`: approved (what `markPaid` pays) and not internal. */
export const OPEN_COMMITMENT_SQL = Prisma.sql`(po.status IN (${statusConstants(
  PURCHASE_ORDER_ACTION_RULES.markPaid.from,
)}) AND NOT po.is_internal)`;

/** Mirrors `isExpiredPurchaseOrder` on `today`. */
export const expiredPurchaseOrderSql = (today: IsoDate): Prisma.Sql =>
  Prisma.sql`(po.status = 'pending' AND po.due_date < ${today}::date)`;
