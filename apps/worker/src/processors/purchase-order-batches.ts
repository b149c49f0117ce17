import { QUEUES } from "@ledgerline/domain";
import { processPurchaseOrderBatch } from "@ledgerline/services";
import { parsePayload, unknownJob } from "./parse-payload.ts";
import type { QueueProcessor } from "./types.ts";

const queue = QUEUES.purchaseOrderBatches;

/**
 * Runs a stored batch of purchase-order approvals or deletions (`processPurchaseOrderBatch`).
 * Each chunk commits the POs' changes together with their outcomes, so a retry, or the same job
 * picked up again after the worker was killed (BullMQ's stalled-job check), continues with the
 * POs that have no outcome yet: each is approved exactly once. Progress (n of N) is reported to
 * BullMQ as well as stored on the batch, which the API reads.
 */
export const purchaseOrderBatchesProcessor: QueueProcessor = {
  // One batch at a time per worker: batches lock POs in chunks, and parallel ones would only wait.
  concurrency: 1,
  // A killed worker's batch is picked up again within about 15 s, not BullMQ's default 60 s.
  lockDuration: 10_000,
  stalledInterval: 5_000,
  async process(job, { db, logger }) {
    if (job.name !== queue.jobs.processBatch.name) throw unknownJob(queue.name, job);
    const { batchId } = parsePayload(queue.jobs.processBatch.payload, job);
    const result = await processPurchaseOrderBatch(db, batchId, {
      // The stored `processed` count is what the screen follows; BullMQ's copy is a courtesy. A
      // Redis that restarted mid-batch has lost this job, and updating its progress then fails:
      // the batch carries on rather than stopping half done.
      onProgress: async (progress) => {
        try {
          await job.updateProgress(progress);
        } catch (error) {
          logger.warn({ err: error, batchId }, "could not report the batch's progress to Redis");
        }
      },
    });
    logger.info({ batchId, ...result }, "purchase-order batch done");
    return result;
  },
};
