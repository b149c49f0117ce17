import type { Db } from "@ledgerline/db";
import {
  assertLimitedUpdate,
  AppError,
  assertPurchaseOrderAction,
  idSchema,
  milestoneProblem,
  listPurchaseOrderMilestonesInputSchema,
  recordMilestoneInputSchema,
  updateMilestoneInputSchema,
  type ListPurchaseOrderMilestonesInput,
  type RecordMilestoneInput,
  type UpdateMilestoneInput,
  appMessage,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { fieldError, personIdOf } from "../sales-documents/company-context.ts";
import { movePurchaseOrder } from "./purchase-order-actions.ts";
import {
  factsOf,
  lockPurchaseOrder,
  purchaseOrderActorOf,
  purchaseOrderNotFound,
  recordPurchaseOrderEvent,
  type PurchaseOrderRecord,
} from "./purchase-order-records.ts";
import { MILESTONE_ORDER, milestoneSelect } from "./read-purchase-order.ts";
import type { Tx } from "@ledgerline/db";

/** Where the request came from: the address (behind TRUST_PROXY as for sign-in). */
export interface RequestOrigin {
  ipAddress: string | null;
}

/**
 * Seed 004 `GET /purchase-orders/{uuid}/milestones`: in percentage order.
 */
export async function listPurchaseOrderMilestones(
  db: Db,
  rawInput: ListPurchaseOrderMilestonesInput,
) {
  const { purchaseOrderId } = listPurchaseOrderMilestonesInputSchema.parse(rawInput);
  const po = await db.purchaseOrder.findUnique({
    where: { id: purchaseOrderId },
    select: { id: true },
  });
  if (!po) throw purchaseOrderNotFound();
  return db.purchaseOrderMilestone.findMany({
    where: { purchaseOrderId },
    select: milestoneSelect,
    orderBy: MILESTONE_ORDER,
  });
}

export type PurchaseOrderMilestoneList = Awaited<ReturnType<typeof listPurchaseOrderMilestones>>;

/**
 * The moves a milestone makes: the first milestone of an accepted PO starts the work
 * (accepted → in_progress); the 100 % milestone confirmed completes it (in_progress →
 * completed), which may approve it automatically.
 */
async function followMilestone(
  tx: Tx,
  actor: Actor,
  po: PurchaseOrderRecord,
  milestone: { percentage: number; isConfirmed: boolean },
) {
  let current = po;
  if (current.status === "accepted") {
    current = await movePurchaseOrder(tx, actor, current, "in_progress", "start", {
      extra: { milestone: milestone.percentage },
    });
  }
  if (current.status === "in_progress" && milestone.percentage === 100 && milestone.isConfirmed) {
    current = await movePurchaseOrder(tx, actor, current, "completed", "complete", {
      extra: { milestone: 100 },
    });
  }
  return current;
}

/**
 * Seed 004 `POST /purchase-orders/{uuid}/milestones`: records a milestone (1-100, above every
 * milestone the PO has), with notes, confirmed or not, who and from which address. Team members
 * record milestones only on POs they manage (`purchaseOrderAllowedActions`).
 */
export async function recordPurchaseOrderMilestone(
  db: Db,
  actor: Actor,
  rawInput: RecordMilestoneInput,
  origin: RequestOrigin,
) {
  const input = recordMilestoneInputSchema.parse(rawInput);
  const id = await db.$transaction(async (tx) => {
    const po = await lockPurchaseOrder(tx, input.purchaseOrderId);
    assertPurchaseOrderAction(factsOf(po), "recordMilestone", purchaseOrderActorOf(actor));
    const existing = await tx.purchaseOrderMilestone.findMany({
      where: { purchaseOrderId: po.id },
      select: { percentage: true },
    });
    const problem = milestoneProblem(
      input.percentage,
      existing.map((milestone) => milestone.percentage),
    );
    if (problem) throw fieldError("percentage", problem);
    const personId = personIdOf(actor);
    const now = new Date();
    const created = await tx.purchaseOrderMilestone.create({
      data: {
        purchaseOrderId: po.id,
        percentage: input.percentage,
        notes: input.notes,
        isConfirmed: input.confirmed,
        confirmedAt: input.confirmed ? now : null,
        confirmedById: input.confirmed ? personId : null,
        recordedById: personId,
        recordedAt: now,
        remoteIp: origin.ipAddress,
      },
      select: { id: true },
    });
    await recordPurchaseOrderEvent(tx, actor, po.id, "recordMilestone", null, {
      milestoneId: created.id,
      milestone: input.percentage,
      confirmed: input.confirmed,
      remoteIp: origin.ipAddress,
    });
    await followMilestone(tx, actor, po, {
      percentage: input.percentage,
      isConfirmed: input.confirmed,
    });
    return created.id;
  });
  return db.purchaseOrderMilestone.findUniqueOrThrow({ where: { id }, select: milestoneSelect });
}

/**
 * Seed 004 `PUT /purchase-orders/{uuid}/milestones/{milestone_uuid}`: notes, and confirming it
 * (who, when). Confirming the 100 % milestone completes an in-progress PO. The percentage stays.
 */
export async function updatePurchaseOrderMilestone(
  db: Db,
  actor: Actor,
  rawInput: UpdateMilestoneInput,
) {
  const input = updateMilestoneInputSchema.parse(rawInput);
  await db.$transaction(async (tx) => {
    const found = await tx.purchaseOrderMilestone.findUnique({
      where: { id: input.id },
      select: { purchaseOrderId: true },
    });
    if (!found) throw new AppError("NOT_FOUND", appMessage("purchaseOrder.milestoneNotFound"));
    const po = await lockPurchaseOrder(tx, found.purchaseOrderId);
    const milestone = await tx.purchaseOrderMilestone.findUniqueOrThrow({
      where: { id: input.id },
      select: { percentage: true, notes: true, isConfirmed: true },
    });
    const confirming = input.confirmed === true && !milestone.isConfirmed;
    const notesChange = input.notes !== undefined && input.notes !== milestone.notes;
    if (!confirming && !notesChange) return;
    if (actor.kind !== "system") {
      const changed = [...(notesChange ? ["notes"] : []), ...(confirming ? ["confirmed"] : [])];
      assertLimitedUpdate(actor.role, "purchaseOrder.recordMilestone", changed);
    }
    assertPurchaseOrderAction(
      factsOf(po),
      confirming ? "confirmMilestone" : "recordMilestone",
      purchaseOrderActorOf(actor),
    );
    await tx.purchaseOrderMilestone.update({
      where: { id: input.id },
      data: {
        ...(notesChange ? { notes: input.notes } : {}),
        ...(confirming
          ? { isConfirmed: true, confirmedAt: new Date(), confirmedById: personIdOf(actor) }
          : {}),
      },
      select: { id: true },
    });
    await recordPurchaseOrderEvent(
      tx,
      actor,
      po.id,
      confirming ? "confirmMilestone" : "updateMilestone",
      { milestoneId: input.id, notes: milestone.notes, confirmed: milestone.isConfirmed },
      {
        milestoneId: input.id,
        milestone: milestone.percentage,
        ...(notesChange ? { notes: input.notes } : {}),
        confirmed: milestone.isConfirmed || confirming,
      },
    );
    if (confirming) {
      await followMilestone(tx, actor, po, { percentage: milestone.percentage, isConfirmed: true });
    }
  });
  return db.purchaseOrderMilestone.findUniqueOrThrow({
    where: { id: idSchema.parse(input.id) },
    select: milestoneSelect,
  });
}
