import { QUEUES, type QueueName } from "@ledgerline/domain";
import { maintenanceProcessor } from "./maintenance.ts";
import type { QueueProcessor } from "./types.ts";

export type { ProcessorContext, ProcessorRegistry, QueueProcessor } from "./types.ts";

/**
 * Every queue the worker consumes. Adding a queue: declare it in `QUEUES`
 * (packages/domain/src/jobs.ts), write `processors/<queue>.ts`, add one line here.
 * `satisfies` makes a queue declared in `QUEUES` without a processor a type error.
 */
export const processors = {
  [QUEUES.maintenance.name]: maintenanceProcessor,
} as const satisfies Record<QueueName, QueueProcessor>;
