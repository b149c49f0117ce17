import type { Db } from "@ledgerline/db";
import { QUEUES, type MaintenanceJobName } from "@ledgerline/domain";
import { sweepDueDates } from "@ledgerline/services";
import type { Job } from "bullmq";
import { parsePayload, unknownJob } from "./parse-payload.ts";
import type { ProcessorContext, QueueProcessor } from "./types.ts";

const queue = QUEUES.maintenance;

/** Sign-in attempts are kept this long unless the job says otherwise (30 days). */
export const DEFAULT_ATTEMPT_RETENTION_HOURS = 24 * 30;

export interface PurgeExpiredSessionsOptions {
  db: Pick<Db, "session" | "signInAttempt">;
  /** Sign-in attempts older than this are deleted. */
  attemptRetentionHours?: number | undefined;
  /** The reference time; tests pass their own. */
  now?: Date;
}

export interface PurgeExpiredSessionsResult {
  sessionsDeleted: number;
  signInAttemptsDeleted: number;
  attemptsBefore: string;
}

/**
 * Deletes sessions whose expiry has passed and sign-in attempts older than the retention.
 * Idempotent by nature: a second run (a retry, an overlapping schedule) finds nothing to delete.
 */
export async function purgeExpiredSessions({
  db,
  attemptRetentionHours = DEFAULT_ATTEMPT_RETENTION_HOURS,
  now = new Date(),
}: PurgeExpiredSessionsOptions): Promise<PurgeExpiredSessionsResult> {
  const attemptsBefore = new Date(now.getTime() - attemptRetentionHours * 3_600_000);
  const [sessions, attempts] = await Promise.all([
    db.session.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.signInAttempt.deleteMany({ where: { attemptedAt: { lt: attemptsBefore } } }),
  ]);
  return {
    sessionsDeleted: sessions.count,
    signInAttemptsDeleted: attempts.count,
    attemptsBefore: attemptsBefore.toISOString(),
  };
}

type JobHandler = (job: Job, context: ProcessorContext) => Promise<unknown>;

/** One handler per job of the queue: a job added to `QUEUES.maintenance` fails typecheck here. */
const handlers: Record<MaintenanceJobName, JobHandler> = {
  [queue.jobs.purgeExpiredSessions.name]: async (job, { db, logger }) => {
    const payload = parsePayload(queue.jobs.purgeExpiredSessions.payload, job);
    const result = await purgeExpiredSessions({
      db,
      attemptRetentionHours: payload.attemptRetentionHours,
    });
    logger.info(result, "purged expired sessions and old sign-in attempts");
    return result;
  },
  [queue.jobs.sweepDueDates.name]: async (job, { db, logger }) => {
    const payload = parsePayload(queue.jobs.sweepDueDates.payload, job);
    const result = await sweepDueDates(db, { today: payload.today });
    logger.info(result, "stored overdue invoices and expired quotes");
    return result;
  },
};

function isMaintenanceJobName(name: string): name is MaintenanceJobName {
  return Object.hasOwn(handlers, name);
}

/** Processor of the `maintenance` queue: housekeeping that is safe to run at any time. */
export const maintenanceProcessor: QueueProcessor = {
  concurrency: 1,
  async process(job, context) {
    if (!isMaintenanceJobName(job.name)) throw unknownJob(queue.name, job);
    return handlers[job.name](job, context);
  },
};
