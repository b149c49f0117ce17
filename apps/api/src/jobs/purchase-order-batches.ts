import { DEFAULT_JOB_OPTIONS, purchaseOrderBatchJobId, QUEUES } from "@ledgerline/domain";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";

const queue = QUEUES.purchaseOrderBatches;

/** What the API needs of the `purchase-order-batches` queue: adding a job. */
export type PurchaseOrderBatchQueue = Pick<Queue, "add">;

/**
 * The API's producer of the `purchase-order-batches` queue (the worker runs the batches), made
 * once by app.ts and handed to every request as `ctx.purchaseOrderBatchJobs`, as the record PDF
 * producer is (jobs/record-pdfs.ts). It shares the API's Redis connection, which fails fast: a
 * producer must not hang a request.
 */
export function createPurchaseOrderBatchQueue(
  redis: Redis,
  prefix: string,
): PurchaseOrderBatchQueue & Queue {
  return new Queue(queue.name, {
    connection: redis,
    prefix,
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS },
  });
}

/**
 * Hands a stored batch to the worker. The job id is the batch's (`purchaseOrderBatchJobId`), so
 * asking twice makes one job. The batch is stored before, so a failed enqueue leaves it for the
 * worker's resume at start.
 */
export async function enqueuePurchaseOrderBatch(
  jobs: PurchaseOrderBatchQueue,
  batchId: string,
): Promise<void> {
  await jobs.add(
    queue.jobs.processBatch.name,
    { batchId },
    { jobId: purchaseOrderBatchJobId(batchId) },
  );
}
