import { randomBytes, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createDb, type Db } from "@ledgerline/db";
import { createTestDatabase } from "@ledgerline/db/testing";
import {
  DEFAULT_JOB_OPTIONS,
  QUEUES,
  workerHeartbeatSchema,
  WORKER_HEARTBEAT_TTL_SECONDS,
} from "@ledgerline/domain";
import { Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, inject } from "vitest";
import { loadEnv, type WorkerEnv } from "./env.ts";
import { SCHEDULES } from "./schedules.ts";
import { startWorker, type StartWorkerOptions, type WorkerHandle } from "./worker.ts";

/**
 * The real worker, in-process, against the real Redis and PostgreSQL. Every test gets its own
 * queue prefix (so it never meets a dev worker or another test) and the file its own database.
 */

const maintenance = QUEUES.maintenance;
const purge = maintenance.jobs.purgeExpiredSessions;
const HOUR = 3_600_000;
const logger = pino({ level: "silent" });

let database: { url: string; name: string; drop(): Promise<void> };
let db: Db;
let redis: Redis;
const prefixes: string[] = [];

let prefix: string;
let env: WorkerEnv;
const handles: WorkerHandle[] = [];
const closables: { close(): Promise<unknown> }[] = [];

const testEnv = {
  TEST_DATABASE_ADMIN_URL: inject("databaseAdminUrl"),
  REDIS_URL: inject("redisUrl"),
};

beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "worker",
    adminUrl: testEnv.TEST_DATABASE_ADMIN_URL,
  });
  db = createDb({ url: database.url, maxConnections: 2 });
  redis = new Redis(testEnv.REDIS_URL, { maxRetriesPerRequest: null });
});

beforeEach(() => {
  prefix = `ledgerline-test-${randomUUID().slice(0, 8)}`;
  prefixes.push(prefix);
  env = loadEnv({
    DATABASE_URL: database.url,
    REDIS_URL: testEnv.REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: "silent",
    NODE_ENV: "test",
  });
});

afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.close()));
  await Promise.all(closables.splice(0).map((closable) => closable.close()));
});

afterAll(async () => {
  for (const used of prefixes) {
    const keys = await redis.keys(`${used}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis?.quit();
  await db?.$disconnect();
  await database?.drop();
});

async function start(options: StartWorkerOptions = {}): Promise<WorkerHandle> {
  const handle = await startWorker(env, { logger, ...options });
  handles.push(handle);
  return handle;
}

/** A producer and an event listener on the test's prefix, as the API would have. */
async function producer(name: string): Promise<{ queue: Queue; events: QueueEvents }> {
  const queue = new Queue(name, {
    connection: redis,
    prefix,
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS },
  });
  const events = new QueueEvents(name, { connection: redis, prefix });
  closables.push(events, queue);
  await events.waitUntilReady();
  return { queue, events };
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

describe("maintenance: purge-expired-sessions", () => {
  it("deletes exactly the expired sessions and the attempts older than the retention", async () => {
    const now = Date.now();
    const user = await db.user.create({
      data: {
        email: `purge-${randomUUID()}@example.test`,
        name: "Purge Test",
        role: "finance",
        passwordHash: "x",
      },
    });
    const session = (label: string, expiresInMs: number) => ({
      id: `${label}${randomBytes(32).toString("hex")}`.slice(0, 64),
      userId: user.id,
      expiresAt: new Date(now + expiresInMs),
    });
    const sessions = {
      expiredLongAgo: session("a", -30 * 24 * HOUR),
      expiredJustNow: session("b", -1_000),
      validForAnHour: session("c", HOUR),
      validForAMonth: session("d", 30 * 24 * HOUR),
    };
    await db.session.createMany({ data: Object.values(sessions) });

    const attempt = (email: string, ageMs: number) => ({
      email,
      ipAddress: "203.0.113.7",
      succeeded: false,
      attemptedAt: new Date(now - ageMs),
    });
    await db.signInAttempt.createMany({
      data: [
        attempt("old-31-days@example.test", 31 * 24 * HOUR),
        attempt("old-30-days-and-a-minute@example.test", 30 * 24 * HOUR + 60_000),
        attempt("recent-29-days@example.test", 29 * 24 * HOUR),
        attempt("recent-1-hour@example.test", HOUR),
        attempt("recent-now@example.test", 0),
      ],
    });

    // No schedules: the boot-time purge must not run before the job under test.
    await start({ schedules: false });
    const { queue, events } = await producer(maintenance.name);

    const first = await queue.add(purge.name, {});
    const firstResult: unknown = await first.waitUntilFinished(events, 15_000);
    expect(firstResult).toMatchObject({ sessionsDeleted: 2, signInAttemptsDeleted: 2 });

    const remainingSessions = await db.session.findMany({
      where: { userId: user.id },
      select: { id: true },
    });
    expect(remainingSessions.map((s) => s.id).sort()).toEqual(
      [sessions.validForAnHour.id, sessions.validForAMonth.id].sort(),
    );
    const remainingAttempts = await db.signInAttempt.findMany({ select: { email: true } });
    expect(remainingAttempts.map((a) => a.email).sort()).toEqual([
      "recent-1-hour@example.test",
      "recent-29-days@example.test",
      "recent-now@example.test",
    ]);

    // Idempotent: running again deletes nothing more.
    const again = await queue.add(purge.name, {});
    expect(await again.waitUntilFinished(events, 15_000)).toMatchObject({
      sessionsDeleted: 0,
      signInAttemptsDeleted: 0,
    });

    // The payload's retention is honoured: 2 hours removes the 29-day attempt, keeps the 1-hour one.
    const shorter = await queue.add(purge.name, { attemptRetentionHours: 2 });
    expect(await shorter.waitUntilFinished(events, 15_000)).toMatchObject({
      signInAttemptsDeleted: 1,
    });
    const left = await db.signInAttempt.findMany({ select: { email: true } });
    expect(left.map((a) => a.email).sort()).toEqual([
      "recent-1-hour@example.test",
      "recent-now@example.test",
    ]);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(2);
  });

  it("fails an invalid payload at once, without retries", async () => {
    const worker = await start({ schedules: false });
    const { queue, events } = await producer(maintenance.name);

    const job = await queue.add(purge.name, { attemptRetentionHours: "forever" });
    expect(job.opts.attempts).toBe(DEFAULT_JOB_OPTIONS.attempts);
    await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow(
      /Invalid payload.*attemptRetentionHours/,
    );

    const stored = await queue.getJob(job.id ?? "");
    expect(await stored?.getState()).toBe("failed");
    expect(stored?.attemptsMade).toBe(1);
    expect(await queue.getDelayedCount()).toBe(0); // no retry waiting for its backoff
    expect(worker.counts()).toMatchObject({ failed: 1, processed: 0, active: 0 });
  });
});

describe("heartbeat", () => {
  it("is written with a valid payload and a TTL while running, and deleted by close()", async () => {
    const worker = await start({ schedules: false });
    expect(worker.heartbeatKey).toBe(`${prefix}:worker:heartbeat`);

    const raw = await redis.get(worker.heartbeatKey);
    expect(raw).not.toBeNull();
    const heartbeat = workerHeartbeatSchema.parse(JSON.parse(raw ?? "null"));
    expect(heartbeat).toMatchObject({
      pid: process.pid,
      queues: Object.values(QUEUES).map((queue) => queue.name),
      active: 0,
      processed: 0,
      failed: 0,
    });
    expect(Date.now() - Date.parse(heartbeat.at)).toBeLessThan(10_000);
    const ttl = await redis.ttl(worker.heartbeatKey);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(WORKER_HEARTBEAT_TTL_SECONDS);

    // The default prefix's key (a dev worker's) is not touched by this worker.
    expect(worker.heartbeatKey).not.toBe("ledgerline:worker:heartbeat");

    await worker.close();
    expect(await redis.exists(worker.heartbeatKey)).toBe(0);
  });

  it("reports processed jobs on the next beat", async () => {
    const worker = await start({ schedules: false, heartbeatIntervalMs: 200 });
    const { queue, events } = await producer(maintenance.name);
    await (await queue.add(purge.name, {})).waitUntilFinished(events, 15_000);
    await sleep(400);
    const heartbeat = workerHeartbeatSchema.parse(
      JSON.parse((await redis.get(worker.heartbeatKey)) ?? "null"),
    );
    expect(heartbeat.processed).toBe(1);
  });
});

describe("close()", () => {
  it("takes no new jobs but lets the active one finish before it resolves", async () => {
    const queueName = `slow-${randomUUID().slice(0, 8)}`;
    const started = deferred();
    const timeline: string[] = [];
    const worker = await start({
      schedules: false,
      processors: {
        [queueName]: {
          concurrency: 1,
          async process(job) {
            timeline.push(`start ${job.name}`);
            started.resolve();
            await sleep(1_500);
            timeline.push(`finish ${job.name}`);
            return "done";
          },
        },
      },
    });
    const { queue } = await producer(queueName);

    const active = await queue.add("first", {});
    await started.promise;
    expect(worker.counts().active).toBe(1);

    const closing = worker.close().then(() => timeline.push("closed"));
    await sleep(100);
    const late = await queue.add("second", {}); // arrives while the worker is draining

    await closing;
    expect(timeline).toEqual(["start first", "finish first", "closed"]);
    expect(await (await queue.getJob(active.id ?? ""))?.getState()).toBe("completed");
    expect((await queue.getJob(active.id ?? ""))?.returnvalue).toBe("done");
    expect(await (await queue.getJob(late.id ?? ""))?.getState()).toBe("waiting");
  });

  it("closes once however often it is called: the same promise, one shutdown, nothing taken after", async () => {
    const lines: string[] = [];
    const recording = pino(
      { level: "info" },
      { write: (line: string) => void lines.push(JSON.parse(line).msg as string) },
    );
    const queueName = `idle-${randomUUID().slice(0, 8)}`;
    const processed: string[] = [];
    const worker = await start({
      schedules: false,
      logger: recording,
      processors: {
        [queueName]: {
          concurrency: 1,
          async process(job) {
            processed.push(job.name);
          },
        },
      },
    });
    const first = worker.close();
    const second = worker.close();
    expect(second).toBe(first);
    await Promise.all([first, second]);
    await expect(worker.close()).resolves.toBeUndefined();
    expect(lines.filter((line) => line.startsWith("worker closing"))).toHaveLength(1);
    expect(lines.filter((line) => line === "worker closed")).toHaveLength(1);
    expect(await redis.exists(worker.heartbeatKey)).toBe(0);

    const { queue } = await producer(queueName);
    const late = await queue.add("after close", {});
    await sleep(500);
    expect(await (await queue.getJob(late.id ?? ""))?.getState()).toBe("waiting");
    expect(processed).toEqual([]);
  });
});

describe("schedules", () => {
  it("registers the scheduler once, even when two workers start", async () => {
    const { queue } = await producer(maintenance.name);
    await start();
    await start();

    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(SCHEDULES.length);
    const purgeScheduler = schedulers.find(
      (scheduler) => scheduler.key === "maintenance-purge-expired-sessions",
    );
    expect(purgeScheduler).toMatchObject({ name: purge.name, every: purge.every });
    expect(purgeScheduler?.template?.opts).toMatchObject({
      attempts: DEFAULT_JOB_OPTIONS.attempts,
    });
    expect(schedulers.map((scheduler) => scheduler.key).sort()).toEqual(
      SCHEDULES.map((schedule) => schedule.id).sort(),
    );

    // Upserting again must not add a second run: once the boot-time runs have finished there is
    // exactly one completed run and one delayed next run per schedule, whichever worker took it.
    await expect.poll(() => queue.getCompletedCount(), { timeout: 15_000 }).toBe(SCHEDULES.length);
    await sleep(500);
    expect(await queue.getJobCounts("completed", "failed", "waiting", "active", "delayed")).toEqual(
      {
        completed: SCHEDULES.length,
        failed: 0,
        waiting: 0,
        active: 0,
        delayed: SCHEDULES.length,
      },
    );
    const delayed = await queue.getDelayed();
    expect(delayed.map((job) => job.repeatJobKey).sort()).toEqual(
      SCHEDULES.map((schedule) => schedule.id).sort(),
    );
    const [next] = delayed;
    expect(next?.timestamp).toBeDefined();
  });

  it("re-creates a scheduler that disappeared from Redis at the next beat, and reports it", async () => {
    const { queue } = await producer(maintenance.name);
    const worker = await start({ heartbeatIntervalMs: 200 });
    const heartbeat = async () =>
      workerHeartbeatSchema.parse(JSON.parse((await redis.get(worker.heartbeatKey)) ?? "null"));
    expect((await heartbeat()).schedules).toMatchObject({
      present: SCHEDULES.map((schedule) => schedule.id),
      missing: [],
    });

    const [lost] = SCHEDULES;
    await queue.removeJobScheduler(lost.id);
    expect(await queue.getJobScheduler(lost.id)).toBeUndefined();

    await expect
      .poll(() => queue.getJobScheduler(lost.id), { timeout: 5_000, interval: 50 })
      .toMatchObject({ key: lost.id, every: lost.every });
    await expect
      .poll(async () => (await heartbeat()).schedules?.present.length, { timeout: 5_000 })
      .toBe(SCHEDULES.length);
    expect((await queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort()).toEqual(
      SCHEDULES.map((schedule) => schedule.id).sort(),
    );
  });
});
