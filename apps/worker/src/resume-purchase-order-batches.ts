import type { Db } from "@ledgerline/db";
import { purchaseOrderBatchJobId, QUEUES } from "@ledgerline/domain";
import { unfinishedPurchaseOrderBatches } from "@ledgerline/services";
import type { Queue } from "bullmq";
import type { Logger } from "./logger.ts";

const queue = QUEUES.purchaseOrderBatches;

/**
 * Gives every unfinished purchase-order batch its job again when Redis no longer has it.
 *
 * A batch lives in PostgreSQL (its items say what is left to do); its job lives only in Redis,
 * which keeps nothing on disk on our machines. A Redis restart or flush, or an API whose enqueue
 * failed after it stored the batch, leaves a batch nobody runs. The worker calls this at start
 * and on every heartbeat (with `ensureSchedules`). The job id is the batch's
 * (`purchaseOrderBatchJobId`), so a job that still exists (waiting, running, or failed and kept
 * for a person to look at) is left alone, two workers doing this at once add one job, and the
 * job continues with the items that have no outcome: each PO is still approved exactly once.
 * Batches younger than a minute are skipped (`unfinishedPurchaseOrderBatches`): the API may still
 * be running a small one inline or enqueuing a big one. Returns the ids queued again.
 */
export async function resumePurchaseOrderBatches(
  db: Db,
  batchQueue: Queue,
  logger: Logger,
): Promise<string[]> {
  const requeued: string[] = [];
  for (const batchId of await unfinishedPurchaseOrderBatches(db)) {
    const jobId = purchaseOrderBatchJobId(batchId);
    if (await batchQueue.getJob(jobId)) continue;
    await batchQueue.add(queue.jobs.processBatch.name, { batchId }, { jobId });
    requeued.push(batchId);
  }
  if (requeued.length > 0) {
    logger.warn(
      { batchIds: requeued },
      "purchase-order batches without a job in Redis (restarted or flushed?): queued them again",
    );
  }
  return requeued;
}
