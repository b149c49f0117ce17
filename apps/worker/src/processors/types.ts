import type { Db } from "@ledgerline/db";
import type { Job } from "bullmq";
import type { Logger } from "../logger.ts";

/** What every processor receives besides the job: the worker's shared clients. */
export interface ProcessorContext {
  db: Db;
  /** A child logger already bound to the queue, job id and job name. */
  logger: Logger;
}

/**
 * The processor of one queue. It validates the payload on receipt (see `parsePayload`) and
 * throws BullMQ's `UnrecoverableError` for input that can never succeed, so it is not retried.
 */
export interface QueueProcessor {
  process(job: Job, context: ProcessorContext): Promise<unknown>;
  /** Jobs run in parallel per worker process for this queue; defaults to WORKER_CONCURRENCY. */
  concurrency?: number;
}

/** Queue name → processor. The worker starts one BullMQ `Worker` per entry. */
export type ProcessorRegistry = Readonly<Record<string, QueueProcessor>>;
