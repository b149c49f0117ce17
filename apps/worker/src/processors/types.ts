import type { Db } from "@ledgerline/db";
import type { FileStore } from "@ledgerline/services";
import type { Job } from "bullmq";
import type { Logger } from "../logger.ts";
import type { PdfRenderer } from "../pdf/pdf-renderer.ts";

/** What every processor receives besides the job: the worker's shared clients. */
export interface ProcessorContext {
  db: Db;
  /** A child logger already bound to the queue, job id and job name. */
  logger: Logger;
  /** The file store shared with the API (STORAGE_DIR). */
  files: FileStore;
  /** The worker's one Chromium (started at the first render). */
  pdf: PdfRenderer;
}

/**
 * The processor of one queue. It validates the payload on receipt (see `parsePayload`) and
 * throws BullMQ's `UnrecoverableError` for input that can never succeed, so it is not retried.
 */
export interface QueueProcessor {
  process(job: Job, context: ProcessorContext): Promise<unknown>;
  /** Jobs run in parallel per worker process for this queue; defaults to WORKER_CONCURRENCY. */
  concurrency?: number;
  /** BullMQ's lock on a running job (ms); a job whose lock lapses counts as stalled. */
  lockDuration?: number;
  /** How often (ms) the worker looks for stalled jobs to take over. */
  stalledInterval?: number;
}

/** Queue name → processor. The worker starts one BullMQ `Worker` per entry. */
export type ProcessorRegistry = Readonly<Record<string, QueueProcessor>>;
