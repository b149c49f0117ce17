import type { Db } from "@ledgerline/db";
import { isExpiredQuote, STATUS_MACHINES, type IsoDate } from "@ledgerline/domain";
import { systemActor } from "../actor.ts";
import { expirePurchaseOrders } from "../purchase-orders/expire-purchase-orders.ts";
import { companyToday } from "./company-context.ts";
import { lockDocument, recordDocumentEvent } from "./document-records.ts";
import { settleInvoice } from "./settle-invoice.ts";
import { expiredQuoteSql, overdueSql } from "./settlement-read-model.ts";

export interface SweepResult {
  today: IsoDate;
  /** Invoices now stored as overdue. */
  overdue: number;
  /** Quotes now stored as expired. */
  expired: number;
  /** Pending purchase orders not accepted by their due date, now expired. */
  expiredPurchaseOrders: number;
}

/**
 * Stores the statuses that time alone changes (docs/domain-model.md §5.1): issued invoices whose
 * due date has passed with something still open become `overdue` (through the same settlement
 * as payments, so the rule lives once), and sent quotes past their validity become `expired`.
 * Reads and the overdue filter already use the predicate; this keeps stored statuses, history
 * and statistics in step. Pending purchase orders past their due date expire in the same sweep. Each document is its own short transaction under its row lock, and
 * re-checked there, so the sweep is idempotent and safe next to people working.
 */
export async function sweepDueDates(
  db: Db,
  options: { today?: IsoDate } = {},
): Promise<SweepResult> {
  const today = options.today ?? companyToday();
  const actor = systemActor("due-date sweep");

  // The overdue predicate the lists use, less the invoices already stored as overdue.
  const invoices = await db.$queryRaw<Array<{ id: string }>>`
    SELECT d.id::text AS id FROM sales_documents d
    WHERE ${overdueSql(today)} AND d.status <> 'overdue'`;
  let overdue = 0;
  for (const { id } of invoices) {
    const statuses = await db.$transaction(async (tx) => {
      // A deleted invoice is still issued: its status keeps the tax truth (§5.10).
      await lockDocument(tx, id, { allowDeleted: true });
      return settleInvoice(tx, actor, id, today);
    });
    if (statuses.get(id) === "overdue") overdue += 1;
  }

  const quotes = await db.$queryRaw<Array<{ id: string }>>`
    SELECT d.id::text AS id FROM sales_documents d WHERE ${expiredQuoteSql(today)}`;
  let expired = 0;
  for (const { id } of quotes) {
    const moved = await db.$transaction(async (tx) => {
      const quote = await lockDocument(tx, id, { allowDeleted: true });
      // Re-checked under the lock with the rule the selection mirrors: someone may have moved it.
      if (!isExpiredQuote({ ...quote, today })) return false;
      STATUS_MACHINES.quote.assertMove("sent", "expired");
      await tx.salesDocument.update({
        where: { id },
        data: { status: "expired" },
        select: { id: true },
      });
      await recordDocumentEvent(tx, actor, id, "expire", { status: "sent" }, { status: "expired" });
      return true;
    });
    if (moved) expired += 1;
  }
  const expiredPurchaseOrders = await expirePurchaseOrders(db, today);
  return { today, overdue, expired, expiredPurchaseOrders };
}
