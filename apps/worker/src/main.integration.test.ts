import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

/**
 * The worker process itself (`node --import tsx apps/worker/src/main.ts`), for what only a real
 * process shows: how it takes a signal.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const redisUrl = inject("redisUrl");
let database: TestDatabase;
const prefixes: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "worker_main",
    adminUrl: inject("databaseAdminUrl"),
  });
});
afterAll(async () => {
  const redis = new Redis(redisUrl);
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
  await database?.drop();
});

describe("the worker process", () => {
  it("a SIGTERM while it is still starting waits for the start, then drains and exits 0", async () => {
    const prefix = `worker-main-${randomUUID().slice(0, 8)}`;
    prefixes.push(prefix);
    const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
      cwd: root,
      env: {
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        LOG_LEVEL: "info",
        NODE_ENV: "test",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let signalled = false;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("close", (code, signal) => resolve({ code, signal })),
    );
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      // The schedules are registered while startWorker runs, before "worker started".
      if (!signalled && output.includes('"msg":"job scheduler registered"')) {
        signalled = true;
        child.kill("SIGTERM");
      }
    });

    expect(await exited).toEqual({ code: 0, signal: null });
    const messages = output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    const indexOf = (start: string) => messages.findIndex((msg) => msg.startsWith(start));
    // The stop was taken while starting, and the start finished before the drain.
    expect(indexOf("shutting down")).toBeGreaterThanOrEqual(0);
    expect(indexOf("shutting down")).toBeLessThan(indexOf("worker started"));
    expect(indexOf("worker closed")).toBeGreaterThan(indexOf("worker started"));
    expect(messages).toContain("shutdown complete");
  });
});
