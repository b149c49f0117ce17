import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  freePort,
  jsonLines,
  startNodeProcess,
  startRedisServer,
  waitFor,
  type NodeProcess,
  type RedisServer,
} from "./lib/process-testing.ts";

/**
 * Redis restarts and keeps nothing (as on our machines): the job schedulers are gone while the
 * worker and the API reconnect by themselves. The worker must re-create the schedulers within
 * seconds, and the API's readiness must show the gap instead of saying "ready" throughout.
 * Runs its own redis-server on a free port: the shared one is never touched.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const prefix = `redis-restart-${randomBytes(4).toString("hex")}`;
const storage = mkdtempSync(join(tmpdir(), "ledgerline-redis-restart-"));
let database: TestDatabase;
let redisServer: RedisServer;
let worker: NodeProcess;
let api: NodeProcess;
let apiUrl: string;

interface Check {
  ok: boolean;
  detail?: string;
}
interface Readiness {
  httpStatus: number;
  status: string;
  checks: { redis: Check; worker: Check; schedules: Check };
}

async function readiness(): Promise<Readiness | null> {
  const response = await fetch(`${apiUrl}/ready`).catch(() => null);
  if (!response) return null;
  return {
    httpStatus: response.status,
    ...((await response.json()) as Omit<Readiness, "httpStatus">),
  };
}

async function heartbeat(): Promise<{ pid: number; processed: number } | null> {
  const redis = new Redis(redisServer.url, { lazyConnect: true, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    const raw = await redis.get(`${prefix}:worker:heartbeat`);
    return raw ? (JSON.parse(raw) as { pid: number; processed: number }) : null;
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}

beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "redis_restart",
    adminUrl: inject("databaseAdminUrl"),
  });
  redisServer = await startRedisServer(await freePort());
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: redisServer.url,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: "info",
    NODE_ENV: "test" as const,
  };
  worker = startNodeProcess(root, "apps/worker/src/main.ts", env);
  api = startNodeProcess(root, "apps/api/src/main.ts", {
    ...env,
    HOST: "127.0.0.1",
    PORT: String(port),
    PUBLIC_URL: apiUrl,
    STORAGE_DIR: storage,
  });
}, 120_000);

afterAll(async () => {
  await Promise.all([worker?.stop(), api?.stop()]);
  await redisServer?.kill();
  await database?.drop();
  rmSync(storage, { recursive: true, force: true });
});

describe("a Redis restart without persistence", () => {
  it("the worker re-creates the schedules within seconds, and readiness shows the gap", async () => {
    const before = await waitFor(
      "the system to be ready with its schedules",
      async () => {
        const ready = await readiness();
        return ready?.status === "ready" ? ready : undefined;
      },
      90_000,
      250,
    );
    expect(before.checks.schedules).toMatchObject({ ok: true });
    // The first runs of both schedules (they run once when created).
    await waitFor(
      "the first scheduled runs",
      async () => (await heartbeat())?.processed === 2,
      20_000,
    );

    // Hold the worker still, so the moment Redis is back but empty can be looked at.
    worker.child.kill("SIGSTOP");
    await redisServer.kill();
    const down = await readiness();
    expect(down).toMatchObject({
      httpStatus: 503,
      status: "not ready",
      checks: { redis: { ok: false } },
    });

    redisServer = await startRedisServer(redisServer.port);
    const probe = new Redis(redisServer.url);
    expect(await probe.keys(`${prefix}:*`)).toEqual([]); // nothing survived, schedulers included
    await probe.quit();

    const gap = await waitFor(
      "the API to reach the new Redis",
      async () => {
        const ready = await readiness();
        return ready?.httpStatus === 200 ? ready : undefined;
      },
      15_000,
    );
    expect(gap.status).toBe("degraded");
    expect(gap.checks.worker.ok).toBe(false);
    expect(gap.checks.schedules).toEqual({
      ok: false,
      detail: "no worker has checked them (no heartbeat)",
    });

    const resumedAt = Date.now();
    worker.child.kill("SIGCONT");
    const after = await waitFor(
      "the schedules to be back",
      async () => {
        const ready = await readiness();
        return ready?.status === "ready" ? ready : undefined;
      },
      15_000,
    );
    const backAfterMs = Date.now() - resumedAt;
    console.log(`schedules back and readiness "ready" ${backAfterMs} ms after the worker resumed`);
    expect(after.checks.schedules).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^2 present/),
    });
    expect(backAfterMs).toBeLessThan(10_000);

    // Re-created for real: both run once more, in the same worker process.
    await waitFor(
      "the re-created schedules to run",
      async () => (await heartbeat())?.processed === 4,
      20_000,
    );
    expect((await heartbeat())?.pid).toBe(worker.child.pid);
    const warnings = jsonLines(worker.output()).filter(
      (line) =>
        line.msg === "job schedulers missing in Redis (restarted or flushed?): re-creating them",
    );
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings[0]).toMatchObject({
      missing: ["maintenance-purge-expired-sessions", "maintenance-sweep-due-dates"],
    });
  }, 180_000);
});
