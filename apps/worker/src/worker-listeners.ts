import { UnrecoverableError, type Queue, type Worker } from "bullmq";
import type { Logger } from "./logger.ts";

/**
 * Logs what BullMQ reports outside a processor's own flow (the langfuse worker manager's
 * pattern). An `error` listener is mandatory: without one an EventEmitter error crashes the
 * process.
 */
export function attachWorkerListeners(worker: Worker, logger: Logger): void {
  const queue = worker.name;
  worker.on("failed", (job, error) => {
    if (!job) {
      logger.error({ queue, err: error }, "job failed (already removed)");
      return;
    }
    const attempts = job.opts.attempts ?? 1;
    const final =
      error instanceof UnrecoverableError ||
      error.name === "UnrecoverableError" ||
      job.attemptsMade >= attempts;
    const fields = {
      queue,
      jobId: job.id,
      jobName: job.name,
      attemptsMade: job.attemptsMade,
      attempts,
      err: error,
    };
    if (final) logger.error(fields, "job failed for good");
    else logger.warn(fields, "job failed, will retry");
  });
  worker.on("error", (error) => {
    logger.error({ queue, err: error }, "worker error");
  });
  worker.on("stalled", (jobId) => {
    // A stalled job was active in a worker that stopped renewing its lock (crash, blocked
    // event loop); BullMQ moved it back to wait. The job must be idempotent to survive this.
    logger.warn({ queue, jobId }, "job stalled and was moved back to wait");
  });
}

export function attachQueueListeners(queue: Queue, logger: Logger): void {
  queue.on("error", (error) => {
    logger.error({ queue: queue.name, err: error }, "queue error");
  });
}
