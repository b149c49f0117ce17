import type { Db, Prisma, Tx } from "@ledgerline/db";
import {
  assertPurchaseOrderAction,
  autoApprovalThresholdOf,
  idSchema,
  payableTotalOf,
  PURCHASE_ORDER_ACTION_RULES,
  PURCHASE_ORDER_MACHINE,
  qualifiesForAutoApproval,
  transitionPurchaseOrderInputSchema,
  type PurchaseOrderAction,
  type PurchaseOrderSettings,
  type PurchaseOrderStatus,
  type TransitionPurchaseOrderInput,
  appMessage,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import {
  companyToday,
  fieldError,
  personIdOf,
  toDbDate,
} from "../sales-documents/company-context.ts";
import {
  factsOf,
  loadPurchaseOrderSettings,
  lockPurchaseOrder,
  purchaseOrderActorOf,
  recordPurchaseOrderEvent,
  type PurchaseOrderRecord,
} from "./purchase-order-records.ts";
import { getPurchaseOrder } from "./read-purchase-order.ts";

/**
 * Every stored status change of a PO: checked by the machine (and by its SQL twin in the
 * database), audited with the reason. Moving into `completed` then asks for auto-approval.
 */
export async function movePurchaseOrder(
  tx: Tx,
  actor: Actor,
  po: PurchaseOrderRecord,
  to: PurchaseOrderStatus,
  action: string,
  options: {
    data?: Prisma.PurchaseOrderUncheckedUpdateInput;
    reason?: string | null;
    extra?: Record<string, unknown>;
    settings?: PurchaseOrderSettings;
  } = {},
): Promise<PurchaseOrderRecord> {
  PURCHASE_ORDER_MACHINE.assertMove(po.status, to);
  await tx.purchaseOrder.update({
    where: { id: po.id },
    data: {
      status: to,
      ...(options.reason ? { statusReason: options.reason } : {}),
      ...options.data,
    },
    select: { id: true },
  });
  await recordPurchaseOrderEvent(
    tx,
    actor,
    po.id,
    action,
    { status: po.status },
    { status: to, ...(options.reason ? { reason: options.reason } : {}), ...options.extra },
  );
  const moved = { ...po, status: to };
  if (to === "completed") {
    const settings = options.settings ?? (await loadPurchaseOrderSettings(tx));
    return autoApproveIfDue(tx, actor, moved, settings);
  }
  return moved;
}

/**
 * Approves a completed PO automatically when its payable total is at or under its currency's
 * threshold. The audit event says so: action `autoApprove` with the threshold and the total; the
 * approver stays empty (`isAutoApproved`), whoever completed the work.
 */
export async function autoApproveIfDue(
  tx: Tx,
  actor: Actor,
  po: PurchaseOrderRecord,
  settings: PurchaseOrderSettings,
): Promise<PurchaseOrderRecord> {
  if (!qualifiesForAutoApproval(po, settings)) return po;
  const threshold = autoApprovalThresholdOf(settings, po.currency)!;
  const approvedAt = new Date();
  PURCHASE_ORDER_MACHINE.assertMove(po.status, "approved");
  await tx.purchaseOrder.update({
    where: { id: po.id },
    data: { status: "approved", approvedAt, approvedById: null, isAutoApproved: true },
    select: { id: true },
  });
  await recordPurchaseOrderEvent(
    tx,
    actor,
    po.id,
    "autoApprove",
    { status: po.status },
    {
      status: "approved",
      automatic: true,
      payableTotal: payableTotalOf(po).toFixed(2),
      threshold: threshold.toFixed(2),
      currency: po.currency,
    },
  );
  return { ...po, status: "approved", approvedAt, approvedById: null, isAutoApproved: true };
}

/** The fields a move writes besides the status. */
function dataOf(
  action: PurchaseOrderAction,
  actor: Actor,
  input: { paidDate: string | null; paymentReference: string | null },
): Prisma.PurchaseOrderUncheckedUpdateInput {
  if (action === "approve") {
    return { approvedById: personIdOf(actor), approvedAt: new Date(), isAutoApproved: false };
  }
  if (action === "markPaid") {
    const today = companyToday();
    const paidDate = input.paidDate ?? today;
    if (paidDate > today) throw fieldError("paidDate", appMessage("purchaseOrder.paidInFuture"));
    return { paidDate: toDbDate(paidDate), paymentReference: input.paymentReference };
  }
  return {};
}

/** Runs one named move on a locked PO, refusing exactly what `purchaseOrderAllowedActions` leaves out. */
export async function transitionLockedPurchaseOrder(
  tx: Tx,
  actor: Actor,
  po: PurchaseOrderRecord,
  input: {
    action: PurchaseOrderAction;
    reason: string | null;
    paidDate: string | null;
    paymentReference: string | null;
  },
): Promise<PurchaseOrderRecord> {
  assertPurchaseOrderAction(factsOf(po), input.action, purchaseOrderActorOf(actor));
  const rule = PURCHASE_ORDER_ACTION_RULES[input.action];
  if (rule.reason === "required" && !input.reason)
    throw fieldError("reason", appMessage("field.sayWhy"));
  return movePurchaseOrder(tx, actor, po, rule.to, input.action, {
    data: dataOf(input.action, actor, input),
    reason: input.reason,
    extra:
      input.action === "markPaid"
        ? { paidDate: input.paidDate ?? companyToday(), paymentReference: input.paymentReference }
        : undefined,
  });
}

/**
 * `purchaseOrders.transition`: accept, decline, start, complete, dispute, approve, mark paid or
 * cancel one PO (seed 004 status updates and `POST /{uuid}/approve`).
 */
export async function transitionPurchaseOrder(
  db: Db,
  actor: Actor,
  rawInput: TransitionPurchaseOrderInput,
) {
  const input = transitionPurchaseOrderInputSchema.parse(rawInput);
  await db.$transaction(async (tx) => {
    const po = await lockPurchaseOrder(tx, input.id);
    await transitionLockedPurchaseOrder(tx, actor, po, input);
  });
  return getPurchaseOrder(db, actor, input.id);
}

/** Seed 004 `POST /purchase-orders/{uuid}/approve`. */
export function approvePurchaseOrder(db: Db, actor: Actor, id: string) {
  return transitionPurchaseOrder(db, actor, { id, action: "approve" });
}

// ---------------------------------------------------------------- archive, delete

/** Archive (a finished PO leaves the default list) or restore it; doing either twice changes nothing. */
export async function setPurchaseOrderArchived(
  db: Db,
  actor: Actor,
  rawId: string,
  archived: boolean,
) {
  const id = idSchema.parse(rawId);
  await db.$transaction(async (tx) => {
    const po = await lockPurchaseOrder(tx, id);
    if (Boolean(po.archivedAt) === archived) return;
    assertPurchaseOrderAction(
      factsOf(po),
      archived ? "archive" : "restore",
      purchaseOrderActorOf(actor),
    );
    const archivedAt = archived ? new Date() : null;
    await tx.purchaseOrder.update({ where: { id }, data: { archivedAt }, select: { id: true } });
    await recordPurchaseOrderEvent(
      tx,
      actor,
      id,
      archived ? "archive" : "restore",
      { archivedAt: po.archivedAt },
      { archivedAt },
    );
  });
  return getPurchaseOrder(db, actor, id);
}

/**
 * Seed 004's soft delete on a locked PO: allowed in pending, declined, cancelled and expired; a
 * pending PO is cancelled with it (the supplier's offer ends). The PO keeps its number and is
 * hidden from lists until restored. Returns false when it was deleted already.
 */
export async function deleteLockedPurchaseOrder(
  tx: Tx,
  actor: Actor,
  po: PurchaseOrderRecord,
): Promise<boolean> {
  if (po.deletedAt) return false;
  assertPurchaseOrderAction(factsOf(po), "delete", purchaseOrderActorOf(actor));
  if (po.status === "pending") {
    await movePurchaseOrder(tx, actor, po, "cancelled", "cancel", { reason: "Deleted." });
  }
  const deletedAt = new Date();
  await tx.purchaseOrder.update({
    where: { id: po.id },
    data: { deletedAt, deletedById: personIdOf(actor) },
    select: { id: true },
  });
  await recordPurchaseOrderEvent(tx, actor, po.id, "delete", { deletedAt: null }, { deletedAt });
  return true;
}

/** Seed 004 `DELETE /purchase-orders/{uuid}`: the soft delete; twice changes nothing. */
export async function deletePurchaseOrder(db: Db, actor: Actor, rawId: string) {
  const id = idSchema.parse(rawId);
  await db.$transaction(async (tx) => {
    await deleteLockedPurchaseOrder(tx, actor, await lockPurchaseOrder(tx, id));
  });
  return getPurchaseOrder(db, actor, id);
}

/** Brings a soft-deleted PO back (admin and finance: `purchaseOrder.delete`). */
export async function restoreDeletedPurchaseOrder(db: Db, actor: Actor, rawId: string) {
  const id = idSchema.parse(rawId);
  await db.$transaction(async (tx) => {
    const po = await lockPurchaseOrder(tx, id);
    if (!po.deletedAt) return;
    assertPurchaseOrderAction(factsOf(po), "restoreDeleted", purchaseOrderActorOf(actor));
    await tx.purchaseOrder.update({
      where: { id },
      data: { deletedAt: null, deletedById: null },
      select: { id: true },
    });
    await recordPurchaseOrderEvent(
      tx,
      actor,
      id,
      "restoreDeleted",
      { deletedAt: po.deletedAt },
      { deletedAt: null },
    );
  });
  return getPurchaseOrder(db, actor, id);
}
