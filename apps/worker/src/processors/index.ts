import { QUEUES, type QueueName } from "@ledgerline/domain";
import type { WorkerEnv } from "../env.ts";
import { documentsProcessor } from "./documents.ts";
import { maintenanceProcessor } from "./maintenance.ts";
import { purchaseOrderBatchesProcessor } from "./purchase-order-batches.ts";
import type { QueueProcessor } from "./types.ts";

export type { ProcessorContext, ProcessorRegistry, QueueProcessor } from "./types.ts";

/**
 * Every queue the worker consumes. Adding a queue: declare it in `QUEUES`
 * (packages/domain/src/jobs.ts), write `processors/<queue>.ts`, add one line here.
 * `satisfies` makes a queue declared in `QUEUES` without a processor a type error.
 */
export const processorsFor = (env: Pick<WorkerEnv, "PDF_PAGES">) =>
  ({
    [QUEUES.maintenance.name]: maintenanceProcessor,
    [QUEUES.recordPdfs.name]: documentsProcessor(env.PDF_PAGES),
    [QUEUES.purchaseOrderBatches.name]: purchaseOrderBatchesProcessor,
  }) as const satisfies Record<QueueName, QueueProcessor>;
