import type { Db, Tx } from "@ledgerline/db";
import {
  AppError,
  addDisbursementInputSchema,
  assertPurchaseOrderAction,
  byIdInputSchema,
  disbursementInputSchema,
  listDisbursementItemsInputSchema,
  updateDisbursementInputSchema,
  type AddDisbursementInput,
  type ByIdInput,
  type PurchaseOrderAllowedAction,
  type ListDisbursementItemsInput,
  type UpdateDisbursementInput,
  appMessage,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import {
  factsOf,
  lockPurchaseOrder,
  purchaseOrderActorOf,
  purchaseOrderNotFound,
  recordPurchaseOrderEvent,
} from "./purchase-order-records.ts";
import { DISBURSEMENT_ORDER, disbursementSelect } from "./read-purchase-order.ts";

/** Seed 004 `GET /purchase-orders/{uuid}/disbursements`: sorted by item type. */
export async function listDisbursementItems(db: Db, rawInput: ListDisbursementItemsInput) {
  const { purchaseOrderId } = listDisbursementItemsInputSchema.parse(rawInput);
  const po = await db.purchaseOrder.findUnique({
    where: { id: purchaseOrderId },
    select: { id: true },
  });
  if (!po) throw purchaseOrderNotFound();
  return db.disbursementItem.findMany({
    where: { purchaseOrderId },
    select: disbursementSelect,
    orderBy: DISBURSEMENT_ORDER,
  });
}

export type DisbursementItemList = Awaited<ReturnType<typeof listDisbursementItems>>;

const disbursementNotFound = () =>
  new AppError("NOT_FOUND", appMessage("purchaseOrder.disbursementNotFound"));

/** Locks the item's PO and checks the action on it; returns the stored item. */
async function lockItem(tx: Tx, actor: Actor, id: string, action: PurchaseOrderAllowedAction) {
  const found = await tx.disbursementItem.findUnique({
    where: { id },
    select: { purchaseOrderId: true },
  });
  if (!found) throw disbursementNotFound();
  const po = await lockPurchaseOrder(tx, found.purchaseOrderId);
  assertPurchaseOrderAction(factsOf(po), action, purchaseOrderActorOf(actor));
  const item = await tx.disbursementItem.findUnique({ where: { id }, select: disbursementSelect });
  if (!item) throw disbursementNotFound();
  return item;
}

/**
 * Seed 004 `POST /purchase-orders/{uuid}/disbursements`: an item whose total cost is exactly
 * units × rate (a mismatch is a field error on `totalCost`). The PO's payable total grows by it;
 * the database keeps the sum on the PO.
 */
export async function addDisbursementItem(db: Db, actor: Actor, rawInput: AddDisbursementInput) {
  const { purchaseOrderId, ...values } = addDisbursementInputSchema.parse(rawInput);
  const id = await db.$transaction(async (tx) => {
    const po = await lockPurchaseOrder(tx, purchaseOrderId);
    assertPurchaseOrderAction(factsOf(po), "editDisbursements", purchaseOrderActorOf(actor));
    const created = await tx.disbursementItem.create({
      data: { purchaseOrderId, ...values },
      select: disbursementSelect,
    });
    await recordPurchaseOrderEvent(tx, actor, purchaseOrderId, "addDisbursement", null, created);
    return created.id;
  });
  return db.disbursementItem.findUniqueOrThrow({ where: { id }, select: disbursementSelect });
}

/**
 * Seed 004 `PUT /purchase-orders/{uuid}/disbursements/{item_uuid}`: the fields sent change; the
 * item afterwards must again have total cost = units × rate.
 */
export async function updateDisbursementItem(
  db: Db,
  actor: Actor,
  rawInput: UpdateDisbursementInput,
) {
  const { id, values } = updateDisbursementInputSchema.parse(rawInput);
  await db.$transaction(async (tx) => {
    const item = await lockItem(tx, actor, id, "editDisbursements");
    const merged = disbursementInputSchema.parse({
      itemType: values.itemType ?? item.itemType,
      itemTypeInfo: values.itemTypeInfo ?? item.itemTypeInfo,
      units: values.units ?? item.units,
      ratePerUnit: values.ratePerUnit ?? item.ratePerUnit.toFixed(4),
      totalCost: values.totalCost ?? item.totalCost.toFixed(2),
    });
    const after = await tx.disbursementItem.update({
      where: { id },
      data: merged,
      select: disbursementSelect,
    });
    await recordPurchaseOrderEvent(
      tx,
      actor,
      item.purchaseOrderId,
      "updateDisbursement",
      item,
      after,
    );
  });
  return db.disbursementItem.findUniqueOrThrow({ where: { id }, select: disbursementSelect });
}

/** Seed 004 `DELETE /purchase-orders/{uuid}/disbursements/{item_uuid}` (admin and finance). */
export async function deleteDisbursementItem(db: Db, actor: Actor, rawInput: ByIdInput) {
  const { id } = byIdInputSchema.parse(rawInput);
  await db.$transaction(async (tx) => {
    const item = await lockItem(tx, actor, id, "deleteDisbursement");
    await tx.disbursementItem.delete({ where: { id } });
    await recordPurchaseOrderEvent(
      tx,
      actor,
      item.purchaseOrderId,
      "deleteDisbursement",
      item,
      null,
    );
  });
  return { id };
}
