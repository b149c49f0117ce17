import { hostname } from "node:os";
import { createDb, type Db } from "@ledgerline/db";
import { printablePageSharedCss } from "@ledgerline/documents";
import { createFileStore } from "@ledgerline/services";
import {
  DEFAULT_JOB_OPTIONS,
  QUEUES,
  workerHeartbeatKey,
  type QueueName,
  type WorkerScheduleCheck,
} from "@ledgerline/domain";
import { Queue, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { WorkerEnv } from "./env.ts";
import { startHeartbeat, type Heartbeat, type WorkerCounts } from "./heartbeat.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createPdfRenderer, type PdfRenderer } from "./pdf/pdf-renderer.ts";
import { processorsFor, type ProcessorRegistry } from "./processors/index.ts";
import { createRedisConnection, warnUnlessNoEviction } from "./redis.ts";
import { resumePurchaseOrderBatches } from "./resume-purchase-order-batches.ts";
import {
  ensureSchedules,
  registerSchedules,
  SCHEDULES,
  type ScheduleDefinition,
} from "./schedules.ts";
import { attachQueueListeners, attachWorkerListeners } from "./worker-listeners.ts";

export type { WorkerEnv } from "./env.ts";
export type { WorkerCounts } from "./heartbeat.ts";
export type { ProcessorContext, ProcessorRegistry, QueueProcessor } from "./processors/index.ts";
export type { ScheduleDefinition } from "./schedules.ts";

export interface StartWorkerOptions {
  /** Defaults to a pino logger at LOG_LEVEL. */
  logger?: Logger;
  /** Queue name → processor; defaults to the registry in processors/index.ts. */
  processors?: ProcessorRegistry;
  /** Schedules to upsert at boot; `false` registers none. Defaults to `SCHEDULES`. */
  schedules?: readonly ScheduleDefinition[] | false;
  /** Defaults to WORKER_HEARTBEAT_INTERVAL_MS from packages/domain. */
  heartbeatIntervalMs?: number;
}

export interface WorkerHandle {
  /** The Redis key the heartbeat is written to (depends on QUEUE_PREFIX). */
  readonly heartbeatKey: string;
  /** The queues this process consumes. */
  readonly queueNames: readonly string[];
  /** Jobs running now, and jobs completed and failed since start (what the heartbeat reports). */
  counts(): WorkerCounts;
  /**
   * Graceful stop: takes no new jobs, waits for active ones, stops the heartbeat and deletes
   * its key, then closes queues, Redis and the database. Safe to call more than once; rejects
   * (after closing everything it could) if a step failed.
   */
  close(): Promise<void>;
}

/**
 * Starts the worker in this process: connects to Redis and PostgreSQL, warns unless Redis is
 * `noeviction`, upserts the schedules, starts one BullMQ worker per registered queue and the
 * heartbeat. Each beat, and every reconnect to Redis, re-creates schedules Redis lost and queues
 * again the purchase-order batches whose jobs it lost. `main.ts` runs it with the process
 * environment; integration tests run it with their own database and queue prefix.
 */
export async function startWorker(
  env: WorkerEnv,
  options: StartWorkerOptions = {},
): Promise<WorkerHandle> {
  const logger = options.logger ?? createLogger(env);
  const registry = options.processors ?? processorsFor(env);
  const schedules = options.schedules === false ? [] : (options.schedules ?? SCHEDULES);
  const prefix = env.QUEUE_PREFIX;
  const heartbeatKey = workerHeartbeatKey(prefix);
  const queueNames = Object.keys(registry);
  const counts: WorkerCounts = { active: 0, processed: 0, failed: 0 };

  const redis = createRedisConnection(env.REDIS_URL, logger);
  // Enough connections for every queue's parallel jobs, plus one for housekeeping.
  const maxConnections = Math.min(
    1 +
      Object.values(registry).reduce(
        (sum, p) => sum + (p.concurrency ?? env.WORKER_CONCURRENCY),
        0,
      ),
    20,
  );
  const db = createDb({ url: env.DATABASE_URL, maxConnections });
  const files = createFileStore(env.STORAGE_DIR);
  // Chromium starts at the first render, not here: a worker that prints nothing costs nothing.
  const pdf = createPdfRenderer({
    executablePath: env.CHROMIUM_PATH,
    sharedCss: printablePageSharedCss(),
    pages: env.PDF_PAGES,
    recycleAfter: env.PDF_RECYCLE_AFTER,
    renderTimeoutMs: env.PDF_RENDER_TIMEOUT_MS,
    logger,
  });
  const queues = new Map<string, Queue>();
  const workers = new Map<string, Worker>();
  let heartbeat: Heartbeat | undefined;

  const getQueue = (name: string): Queue => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: redis,
        prefix,
        defaultJobOptions: { ...DEFAULT_JOB_OPTIONS },
      });
      attachQueueListeners(queue, logger);
      queues.set(name, queue);
    }
    return queue;
  };

  // Batches are stored in PostgreSQL, their jobs only in Redis: a batch whose job Redis lost is
  // queued again at start (the first beat) and on every beat after.
  const resumesBatches = QUEUES.purchaseOrderBatches.name in registry;
  const resumeBatches = async (): Promise<void> => {
    if (!resumesBatches) return;
    try {
      await resumePurchaseOrderBatches(db, getQueue(QUEUES.purchaseOrderBatches.name), logger);
    } catch (error) {
      logger.warn({ err: error }, "could not check the unfinished purchase-order batches");
    }
  };

  const checkSchedules = async (): Promise<WorkerScheduleCheck> => {
    await resumeBatches();
    try {
      return await ensureSchedules((name: QueueName) => getQueue(name), logger, schedules);
    } catch (error) {
      logger.warn({ err: error }, "could not check the job schedulers");
      return {
        present: [],
        missing: schedules.map((schedule) => schedule.id),
        checkedAt: new Date().toISOString(),
      };
    }
  };
  // ioredis reconnects by itself and says "ready" again; a Redis that restarted has lost the
  // schedulers, so check them (and tell the API) at once instead of at the next beat.
  const onRedisReady = (): void => {
    logger.info("redis connection is ready again: checking the job schedulers");
    void heartbeat?.beat();
  };

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    redis.off("ready", onRedisReady);
    closing ??= closeAll({ workers, heartbeat, queues, redis, db, pdf, logger });
    return closing;
  };

  try {
    await warnUnlessNoEviction(redis, logger);
    await registerSchedules((name: QueueName) => getQueue(name), logger, schedules);

    for (const [queueName, processor] of Object.entries(registry)) {
      const concurrency = processor.concurrency ?? env.WORKER_CONCURRENCY;
      const run = async (job: Job): Promise<unknown> => {
        const jobLogger = logger.child({ queue: queueName, jobId: job.id, jobName: job.name });
        const startedAt = performance.now();
        counts.active += 1;
        try {
          const result = await processor.process(job, { db, files, pdf, logger: jobLogger });
          counts.processed += 1;
          jobLogger.debug(
            { durationMs: Math.round(performance.now() - startedAt) },
            "job completed",
          );
          return result;
        } catch (error) {
          counts.failed += 1;
          throw error;
        } finally {
          counts.active -= 1;
        }
      };
      const worker = new Worker(queueName, run, {
        connection: redis,
        prefix,
        concurrency,
        name: `${hostname()}-${process.pid}`,
        ...(processor.lockDuration === undefined ? {} : { lockDuration: processor.lockDuration }),
        ...(processor.stalledInterval === undefined
          ? {}
          : { stalledInterval: processor.stalledInterval }),
      });
      attachWorkerListeners(worker, logger);
      workers.set(queueName, worker);
      await worker.waitUntilReady();
    }

    heartbeat = await startHeartbeat({
      redis,
      key: heartbeatKey,
      queues: queueNames,
      counts: () => ({ ...counts }),
      checkSchedules,
      logger,
      ...(options.heartbeatIntervalMs === undefined
        ? {}
        : { intervalMs: options.heartbeatIntervalMs }),
    });
    redis.on("ready", onRedisReady);
  } catch (error) {
    logger.error({ err: error }, "worker failed to start; closing what was opened");
    await close().catch(() => undefined);
    throw error;
  }

  logger.info(
    { queues: queueNames, prefix, heartbeatKey, concurrency: env.WORKER_CONCURRENCY },
    "worker started",
  );
  return {
    heartbeatKey,
    queueNames,
    counts: () => ({ ...counts }),
    close,
  };
}

interface Closables {
  workers: ReadonlyMap<string, Worker>;
  heartbeat: Heartbeat | undefined;
  queues: ReadonlyMap<string, Queue>;
  redis: Redis;
  db: Db;
  pdf: PdfRenderer;
  logger: Logger;
}

/** The shutdown order: stop work first, then what the work needed. Every step runs. */
async function closeAll({
  workers,
  heartbeat,
  queues,
  redis,
  db,
  pdf,
  logger,
}: Closables): Promise<void> {
  const errors: unknown[] = [];
  const step = async (name: string, action: () => Promise<unknown>): Promise<void> => {
    try {
      await action();
    } catch (error) {
      errors.push(error);
      logger.error({ err: error, step: name }, "error while closing the worker");
    }
  };

  logger.info("worker closing: taking no new jobs, waiting for active ones");
  // Worker.close() stops fetching and resolves once the active jobs have finished.
  await step("workers", () => Promise.all([...workers.values()].map((worker) => worker.close())));
  await step("heartbeat", async () => heartbeat?.stop());
  await step("chromium", () => pdf.close());
  await step("queues", () => Promise.all([...queues.values()].map((queue) => queue.close())));
  await step("redis", async () => {
    try {
      await redis.quit();
    } catch {
      redis.disconnect();
    }
  });
  await step("database", () => db.$disconnect());

  if (errors.length > 0) throw new AggregateError(errors, "the worker did not close cleanly");
  logger.info("worker closed");
}
