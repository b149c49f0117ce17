import { DEFAULT_JOB_OPTIONS, purchaseOrderBatchJobId, QUEUES } from "@ledgerline/domain";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";

const queues = new WeakMap<Redis, Queue>();
const queue = QUEUES.purchaseOrderBatches;

/**
 * Hands a stored batch to the worker (queue `purchase-order-batches`). The job id is the batch's
 * (`purchaseOrderBatchJobId`), so asking twice makes one job. The API's Redis connection fails
 * fast (a producer must not hang a request); the batch is stored before, so a failed enqueue
 * leaves it for the worker's resume at start.
 */
export async function enqueuePurchaseOrderBatch(
  redis: Redis,
  prefix: string,
  batchId: string,
): Promise<void> {
  let producer = queues.get(redis);
  if (!producer) {
    producer = new Queue(queue.name, {
      connection: redis,
      prefix,
      defaultJobOptions: { ...DEFAULT_JOB_OPTIONS },
    });
    queues.set(redis, producer);
  }
  await producer.add(
    queue.jobs.processBatch.name,
    { batchId },
    { jobId: purchaseOrderBatchJobId(batchId) },
  );
}
