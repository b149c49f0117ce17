import type { Db, Tx } from "@ledgerline/db";
import {
  AppError,
  assertCan,
  byIdInputSchema,
  decideBatchItem,
  INLINE_BATCH_LIMIT,
  PURCHASE_ORDER_MACHINE,
  batchApprovePurchaseOrdersInputSchema,
  type BatchOperation,
  type BatchOutcome,
  type ByIdInput,
  type BatchApprovePurchaseOrdersInput,
  lowerRole,
  type Role,
  appMessage,
} from "@ledgerline/domain";
import { systemActor, type Actor } from "../actor.ts";
import { auditActorIds, auditJsonText } from "../audit/record-audit-event.ts";
import { personIdOf } from "../sales-documents/company-context.ts";
import { deleteLockedPurchaseOrder } from "./purchase-order-actions.ts";
import {
  factsOf,
  PURCHASE_ORDER_ENTITY,
  purchaseOrderActorOf,
  purchaseOrderRecordSelect,
} from "./purchase-order-records.ts";

/**
 * Batch approve and batch delete (seed 004 `POST /purchase-orders/batch-approve|batch-delete`).
 *
 * A batch is stored first: one row per id in `purchase_order_batch_items`. Each PO is then
 * decided on its locked row (`decideBatchItem`: approved / deleted, skipped with the reason, or
 * refused with the error a single call would give), and its outcome is written in the same
 * transaction as the change itself. So a worker killed mid-batch loses only an uncommitted chunk,
 * and the restarted job continues with the items that have no outcome: every PO is approved
 * exactly once, and approving an approved PO again is "skipped" (idempotent).
 *
 * Up to INLINE_BATCH_LIMIT ids run inside the request; more run as a worker job (queue
 * `purchase-order-batches`, job id `po-batch-<batch id>`), whose progress (n of N) is the
 * batch's `processed` count, read through `getPurchaseOrderBatch`.
 */

/** POs decided per transaction: big enough to be fast, small enough to lose little on a crash. */
export const BATCH_CHUNK_SIZE = 250;

const PERMISSION_OF: Record<BatchOperation, "purchaseOrder.approve" | "purchaseOrder.delete"> = {
  approve: "purchaseOrder.approve",
  delete: "purchaseOrder.delete",
};

/** Stores a batch and its items; the caller runs it inline or enqueues it. */
export async function createPurchaseOrderBatch(
  db: Db,
  actor: Actor,
  operation: BatchOperation,
  rawInput: BatchApprovePurchaseOrdersInput,
): Promise<{ id: string; total: number; inline: boolean }> {
  const { ids } = batchApprovePurchaseOrdersInputSchema.parse(rawInput);
  if (actor.kind !== "system") assertCan(actor.role, PERMISSION_OF[operation]);
  const id = await db.$transaction(async (tx) => {
    const batch = await tx.purchaseOrderBatch.create({
      data: {
        operation,
        requestedById: personIdOf(actor),
        requestedRole: actor.kind === "system" ? "admin" : actor.role,
        apiTokenId: actor.kind === "apiToken" ? actor.apiTokenId : null,
        total: ids.length,
      },
      select: { id: true },
    });
    // An id that names no PO stays an item: it is refused with its own result.
    await tx.$executeRaw`
      INSERT INTO purchase_order_batch_items (batch_id, position, purchase_order_id)
      SELECT ${batch.id}::uuid, ordinality::int, po_id
      FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS item(po_id, ordinality)`;
    return batch.id;
  });
  return { id, total: ids.length, inline: ids.length <= INLINE_BATCH_LIMIT };
}

/** The actor a batch acts as: who asked, with the role they asked with. */
async function actorOfBatch(
  tx: Tx | Db,
  batch: { requestedById: string | null; requestedRole: Role; apiTokenId: string | null },
): Promise<Actor> {
  if (!batch.requestedById) return systemActor("purchase-order batch");
  const user = await tx.user.findUnique({
    where: { id: batch.requestedById },
    select: { name: true, role: true, active: true },
  });
  if (!user?.active) {
    throw new AppError("FORBIDDEN", appMessage("batch.starterInactive"));
  }
  // Never more than the person may do today (a role lowered meanwhile counts).
  const role = lowerRole(batch.requestedRole, user.role);
  return batch.apiTokenId
    ? {
        kind: "apiToken",
        apiTokenId: batch.apiTokenId,
        apiTokenName: "",
        userId: batch.requestedById,
        role,
        name: user.name,
      }
    : { kind: "user", userId: batch.requestedById, role, name: user.name };
}

interface ChunkItem {
  position: number;
  purchaseOrderId: string;
}

/**
 * Decides and applies one chunk in one transaction. Approvals are written set-wise (one UPDATE,
 * one INSERT of audit events, one UPDATE of outcomes), so 10,000 POs take seconds; deletions go
 * through the single delete (they may cancel a pending PO first).
 */
async function processChunk(
  tx: Tx,
  batchId: string,
  operation: BatchOperation,
  actor: Actor,
  items: readonly ChunkItem[],
): Promise<number> {
  const ids = items.map((item) => item.purchaseOrderId);
  // Locked in id order, so two batches over the same POs cannot deadlock.
  await tx.$queryRaw`SELECT id FROM purchase_orders WHERE id = ANY (${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  const pos = await tx.purchaseOrder.findMany({
    where: { id: { in: ids } },
    select: purchaseOrderRecordSelect,
  });
  const byId = new Map(pos.map((po) => [po.id, po]));
  const poActor = purchaseOrderActorOf(actor);
  const outcomes: Array<{ position: number; outcome: BatchOutcome; message: string | null }> = [];
  const approve: string[] = [];
  for (const item of items) {
    const po = byId.get(item.purchaseOrderId) ?? null;
    const decision = decideBatchItem(operation, po ? factsOf(po) : null, poActor);
    if (decision.outcome === "approved") {
      PURCHASE_ORDER_MACHINE.assertMove(po!.status, "approved");
      approve.push(po!.id);
    }
    if (decision.outcome === "deleted") {
      try {
        await deleteLockedPurchaseOrder(tx, actor, po!);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        outcomes.push({ position: item.position, outcome: "refused", message: error.message });
        continue;
      }
    }
    outcomes.push({ position: item.position, ...decision });
  }
  if (approve.length > 0) {
    const approverId = personIdOf(actor);
    const { actorId, apiTokenId } = auditActorIds(actor);
    const approved = await tx.$queryRaw<Array<{ id: string; from: string }>>`
      UPDATE purchase_orders po
      SET status = 'approved', approved_by_id = ${approverId}::uuid, approved_at = now(),
          is_auto_approved = false, updated_at = now()
      FROM (SELECT id, status FROM purchase_orders WHERE id = ANY (${approve}::uuid[])) before
      WHERE po.id = before.id
      RETURNING po.id::text AS id, before.status::text AS "from"`;
    await tx.$executeRaw`
      INSERT INTO audit_events
        (occurred_at, actor_id, api_token_id, action, entity_type, entity_id, before, after)
      SELECT ${new Date()}::timestamptz, ${actorId}::uuid, ${apiTokenId}::uuid, 'approve',
             ${PURCHASE_ORDER_ENTITY}, a.id, jsonb_build_object('status', a.from_status),
             ${auditJsonText({ status: "approved", batchId })}::jsonb
      FROM unnest(${approved.map((row) => row.id)}::text[], ${approved.map((row) => row.from)}::text[])
           AS a(id, from_status)`;
  }
  await tx.$executeRaw`
    UPDATE purchase_order_batch_items i
    SET outcome = o.outcome::purchase_order_batch_outcome, message = o.message, processed_at = now()
    FROM unnest(${outcomes.map((o) => o.position)}::int[], ${outcomes.map((o) => o.outcome)}::text[],
                ${outcomes.map((o) => o.message)}::text[]) AS o(position, outcome, message)
    WHERE i.batch_id = ${batchId}::uuid AND i.position = o.position`;
  const [batch] = await tx.$queryRaw<Array<{ processed: number }>>`
    UPDATE purchase_order_batches SET processed = processed + ${outcomes.length}
    WHERE id = ${batchId}::uuid RETURNING processed`;
  return batch!.processed;
}

/**
 * Runs a stored batch to its end: chunk after chunk of the items without an outcome, each chunk
 * in its own transaction with its outcomes. Safe to run again at any point (a retry, a restarted
 * worker): finished items are never touched twice. `onProgress` hears n of N after each chunk.
 */
export async function processPurchaseOrderBatch(
  db: Db,
  batchId: string,
  options: {
    chunkSize?: number;
    onProgress?: (progress: { processed: number; total: number }) => Promise<void> | void;
  } = {},
): Promise<{ processed: number; total: number }> {
  const batch = await db.purchaseOrderBatch.findUnique({ where: { id: batchId } });
  if (!batch) throw new AppError("NOT_FOUND", appMessage("batch.notFound"));
  const chunkSize = options.chunkSize ?? BATCH_CHUNK_SIZE;
  const actor = await actorOfBatch(db, batch);
  let processed = batch.processed;
  for (;;) {
    const next = await db.$transaction(async (tx) => {
      // The batch row serialises two runners of the same batch (a stalled job picked up twice).
      await tx.$queryRaw`SELECT id FROM purchase_order_batches WHERE id = ${batchId}::uuid FOR UPDATE`;
      const items = await tx.$queryRaw<ChunkItem[]>`
        SELECT position, purchase_order_id::text AS "purchaseOrderId"
        FROM purchase_order_batch_items
        WHERE batch_id = ${batchId}::uuid AND outcome IS NULL
        ORDER BY position LIMIT ${chunkSize}`;
      if (items.length === 0) {
        await tx.$executeRaw`UPDATE purchase_order_batches SET finished_at = coalesce(finished_at, now())
          WHERE id = ${batchId}::uuid`;
        return null;
      }
      return processChunk(tx, batchId, batch.operation, actor, items);
    });
    if (next === null) break;
    processed = next;
    await options.onProgress?.({ processed, total: batch.total });
  }
  return { processed, total: batch.total };
}

/** How many results a batch status carries at most (the counts are always complete). */
export const MAX_BATCH_RESULTS = 1_000;

/**
 * `purchaseOrders.batchStatus`: n of N, counts per outcome, and the per-id results (PO number,
 * outcome, reason) in the order the ids were given, the first MAX_BATCH_RESULTS of them.
 */
export async function getPurchaseOrderBatch(db: Db, rawInput: ByIdInput) {
  const { id } = byIdInputSchema.parse(rawInput);
  const batch = await db.purchaseOrderBatch.findUnique({
    where: { id },
    select: {
      id: true,
      operation: true,
      total: true,
      processed: true,
      finishedAt: true,
      createdAt: true,
      requestedBy: { select: { id: true, name: true } },
    },
  });
  if (!batch) throw new AppError("NOT_FOUND", appMessage("batch.notFound"));
  const [counts, results] = await Promise.all([
    db.$queryRaw<Array<{ outcome: BatchOutcome; count: number }>>`
      SELECT outcome, count(*)::int AS count FROM purchase_order_batch_items
      WHERE batch_id = ${id}::uuid AND outcome IS NOT NULL GROUP BY outcome`,
    db.$queryRaw<
      Array<{
        purchaseOrderId: string;
        number: string | null;
        outcome: BatchOutcome | null;
        message: string | null;
      }>
    >`
      SELECT i.purchase_order_id::text AS "purchaseOrderId", po.number, i.outcome, i.message
      FROM purchase_order_batch_items i LEFT JOIN purchase_orders po ON po.id = i.purchase_order_id
      WHERE i.batch_id = ${id}::uuid
      ORDER BY i.position LIMIT ${MAX_BATCH_RESULTS}`,
  ]);
  const countOf = (outcome: BatchOutcome) =>
    counts.find((row) => row.outcome === outcome)?.count ?? 0;
  return {
    ...batch,
    done: batch.finishedAt !== null,
    counts: {
      approved: countOf("approved"),
      deleted: countOf("deleted"),
      skipped: countOf("skipped"),
      refused: countOf("refused"),
    },
    results,
    resultsTruncated: batch.total > MAX_BATCH_RESULTS,
  };
}

export type PurchaseOrderBatchStatus = Awaited<ReturnType<typeof getPurchaseOrderBatch>>;

/**
 * Starts a batch: stores it, then runs it here when it is small (the answer carries every
 * result) or hands it to `enqueue` (the worker's job; the answer says `queued` and the screen
 * follows `getPurchaseOrderBatch`).
 */
export async function runPurchaseOrderBatch(
  db: Db,
  actor: Actor,
  operation: BatchOperation,
  rawInput: BatchApprovePurchaseOrdersInput,
  enqueue: (batchId: string) => Promise<void>,
) {
  const batch = await createPurchaseOrderBatch(db, actor, operation, rawInput);
  if (batch.inline) {
    await processPurchaseOrderBatch(db, batch.id);
  } else {
    await enqueue(batch.id);
  }
  return { queued: !batch.inline, ...(await getPurchaseOrderBatch(db, { id: batch.id })) };
}

/** Unfinished batches older than a minute: the worker re-enqueues them after Redis lost its jobs. */
export async function unfinishedPurchaseOrderBatches(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT id::text AS id FROM purchase_order_batches
    WHERE finished_at IS NULL AND created_at < now() - interval '1 minute'
    ORDER BY created_at LIMIT 100`;
  return rows.map((row) => row.id);
}
