import {
  DEFAULT_JOB_OPTIONS,
  QUEUES,
  type QueueName,
  type WorkerScheduleCheck,
} from "@ledgerline/domain";
import type { Queue } from "bullmq";
import type { z } from "zod";
import type { Logger } from "./logger.ts";

/** A recurring job, registered at boot with BullMQ's `upsertJobScheduler`. */
export interface ScheduleDefinition {
  /**
   * Deterministic scheduler id: upserting the same id updates the one scheduler instead of
   * adding a second. No ':' (BullMQ builds its Redis keys with it). Renaming an id leaves the
   * old scheduler in Redis: remove it with `queue.removeJobScheduler(oldId)`.
   */
  id: string;
  queue: QueueName;
  /** Interval in milliseconds. */
  every: number;
  job: { name: string; data: Record<string, unknown> };
}

const purge = QUEUES.maintenance.jobs.purgeExpiredSessions;
const sweep = QUEUES.maintenance.jobs.sweepDueDates;

export const SCHEDULES = [
  {
    id: "maintenance-purge-expired-sessions",
    queue: QUEUES.maintenance.name,
    every: purge.every,
    job: { name: purge.name, data: {} satisfies z.input<typeof purge.payload> },
  },
  {
    id: "maintenance-sweep-due-dates",
    queue: QUEUES.maintenance.name,
    every: sweep.every,
    job: { name: sweep.name, data: {} satisfies z.input<typeof sweep.payload> },
  },
] as const satisfies readonly ScheduleDefinition[];

const schedulerIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Creates or updates every schedule. Idempotent: any number of workers may run this at boot
 * and there is still one scheduler per id (the integration test starts two workers).
 */
export async function registerSchedules(
  getQueue: (name: QueueName) => Queue,
  logger: Logger,
  schedules: readonly ScheduleDefinition[] = SCHEDULES,
): Promise<void> {
  for (const schedule of schedules) {
    if (!schedulerIdPattern.test(schedule.id)) {
      throw new Error(`Scheduler id "${schedule.id}" must match ${schedulerIdPattern}`);
    }
    await getQueue(schedule.queue).upsertJobScheduler(
      schedule.id,
      { every: schedule.every },
      { name: schedule.job.name, data: schedule.job.data, opts: { ...DEFAULT_JOB_OPTIONS } },
    );
    logger.info(
      {
        schedulerId: schedule.id,
        queue: schedule.queue,
        jobName: schedule.job.name,
        everyMs: schedule.every,
      },
      "job scheduler registered",
    );
  }
}

/** The ids of `schedules` that have no job scheduler in Redis. */
async function findMissingSchedules(
  getQueue: (name: QueueName) => Queue,
  schedules: readonly ScheduleDefinition[],
): Promise<ScheduleDefinition[]> {
  const found = await Promise.all(
    schedules.map((schedule) => getQueue(schedule.queue).getJobScheduler(schedule.id)),
  );
  return schedules.filter((_, index) => found[index] === undefined || found[index] === null);
}

/**
 * Checks that every schedule has its job scheduler in Redis and re-creates the missing ones.
 * Redis keeps nothing on disk on our machines, so a Redis restart (or a flush) silently drops
 * every scheduler while the worker itself reconnects and carries on: without this the hourly
 * jobs would never run again. Only missing schedulers are upserted, so a check every few
 * seconds never touches the next run of one that exists. Returns what it found afterwards,
 * for the heartbeat (and so the API's readiness).
 */
export async function ensureSchedules(
  getQueue: (name: QueueName) => Queue,
  logger: Logger,
  schedules: readonly ScheduleDefinition[] = SCHEDULES,
): Promise<WorkerScheduleCheck> {
  const missing = await findMissingSchedules(getQueue, schedules);
  if (missing.length > 0) {
    logger.warn(
      { missing: missing.map((schedule) => schedule.id) },
      "job schedulers missing in Redis (restarted or flushed?): re-creating them",
    );
    await registerSchedules(getQueue, logger, missing);
  }
  const stillMissing = missing.length > 0 ? await findMissingSchedules(getQueue, missing) : [];
  const missingIds = new Set(stillMissing.map((schedule) => schedule.id));
  return {
    present: schedules.map((schedule) => schedule.id).filter((id) => !missingIds.has(id)),
    missing: [...missingIds],
    checkedAt: new Date().toISOString(),
  };
}
