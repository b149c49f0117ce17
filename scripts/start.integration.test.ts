import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  commandLineOf,
  descendantsOf,
  freePort,
  isGone,
  jsonLines,
  sleep,
  waitFor,
} from "./lib/process-testing.ts";

/**
 * `pnpm start` as an operator and a service manager use it: the real command, against a test
 * database and a private queue prefix on a free port. One SIGTERM to the process pnpm is, or
 * Ctrl+C to the terminal's process group, stops every process it started, and the worker
 * drains once; a worker or API killed with SIGKILL comes back while the rest keeps serving.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const redisUrl = inject("redisUrl");
let database: TestDatabase;
let redis: Redis;
const webDist = mkdtempSync(join(tmpdir(), "ledgerline-start-web-"));
const storage = mkdtempSync(join(tmpdir(), "ledgerline-start-files-"));
const prefixes: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ prefix: "start", adminUrl: inject("databaseAdminUrl") });
  redis = new Redis(redisUrl);
});
afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis?.quit();
  await database?.drop();
  rmSync(webDist, { recursive: true, force: true });
  rmSync(storage, { recursive: true, force: true });
});

interface Started {
  pnpm: ChildProcess;
  url: string;
  prefix: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `pnpm start` in a process group of its own, as a terminal runs it in the foreground group
 * (so a test can send that group a SIGINT, as Ctrl+C does). Resolves once the API is ready
 * and the worker has reported its schedules.
 */
async function startSystem(): Promise<Started> {
  const port = await freePort();
  const prefix = `start-${randomBytes(4).toString("hex")}`;
  prefixes.push(prefix);
  const url = `http://127.0.0.1:${port}`;
  const pnpm = spawn("pnpm", ["start"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      // One URL is the owner's: start migrates with it and connects the apps as ledgerline_app.
      DATABASE_URL: database.ownerUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      WEB_DIST_DIR: webDist,
      STORAGE_DIR: storage,
      LOG_LEVEL: "info",
      NODE_ENV: "test",
    },
  });
  let output = "";
  pnpm.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  pnpm.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // "close", not "exit": the output's last lines (the drains) may still be in the pipe.
    pnpm.once("close", (code, signal) => resolve({ code, signal })),
  );
  try {
    await waitFor(
      "the system to be ready",
      async () => {
        if (pnpm.exitCode !== null) throw new Error(`pnpm start exited:\n${output}`);
        const response = await fetch(`${url}/ready`).catch(() => null);
        const body = (await response?.json().catch(() => null)) as { status?: string } | null;
        return body?.status === "ready";
      },
      90_000,
      250,
    );
  } catch (error) {
    stopGroup(pnpm);
    throw error;
  }
  return { pnpm, url, prefix, output: () => output, exited };
}

function stopGroup(pnpm: ChildProcess) {
  try {
    process.kill(-pnpm.pid!, "SIGKILL");
  } catch {
    // already gone
  }
}

/** The pid in the worker's heartbeat (packages/domain's workerHeartbeatKey and schema). */
async function workerPid(prefix: string): Promise<number | undefined> {
  const raw = await redis.get(`${prefix}:worker:heartbeat`);
  return raw ? (JSON.parse(raw) as { pid: number }).pid : undefined;
}

const apiPid = (pnpm: ChildProcess) =>
  descendantsOf(pnpm.pid!).find((pid) => commandLineOf(pid).includes("apps/api/src/main.ts"));

/** The worker's log lines of one process. */
const workerLines = (output: string, pid: number) =>
  jsonLines(output).filter((line) => line.service === "worker" && line.pid === pid);

/** Sends requests one after another until stopped; collects every failure. */
function requestLoop(url: string) {
  let running = true;
  let sent = 0;
  const failures: string[] = [];
  const done = (async () => {
    while (running) {
      for (const path of ["/ready", "/trpc/auth.me"]) {
        sent += 1;
        try {
          const response = await fetch(`${url}${path}`);
          await response.arrayBuffer();
          if (response.status !== 200) failures.push(`${path}: ${response.status}`);
        } catch (error) {
          failures.push(`${path}: ${(error as Error).cause ?? String(error)}`);
        }
      }
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return { sent, failures };
    },
  };
}

/** Waits for pnpm to exit, then for every process that ran below it to be gone. */
async function expectAllGone(started: Started, descendants: number[], timeoutMs: number) {
  const since = Date.now();
  const exit = await Promise.race([
    started.exited,
    sleep(timeoutMs).then(() => ({ code: null, signal: null, timedOut: true })),
  ]);
  await waitFor(
    "every process below pnpm start to be gone",
    () => descendants.every(isGone),
    Math.max(1_000, timeoutMs - (Date.now() - since)),
  ).catch(() => undefined);
  const left = descendants
    .filter((pid) => !isGone(pid))
    .map((pid) => `${pid} ${commandLineOf(pid)}`);
  if (left.length > 0) stopGroup(started.pnpm);
  expect(left).toEqual([]);
  return { exit, tookMs: Date.now() - since };
}

describe("pnpm start", () => {
  it("stops everything on one SIGTERM to the process pnpm is; the worker drains once", async () => {
    const started = await startSystem();
    try {
      const worker = (await workerPid(started.prefix))!;
      const descendants = descendantsOf(started.pnpm.pid!);
      // pnpm, start.ts, the API and the worker (tsx's esbuild helpers when they run).
      expect(descendants.length).toBeGreaterThanOrEqual(3);
      started.pnpm.kill("SIGTERM");
      const { exit, tookMs } = await expectAllGone(started, descendants, 20_000);
      console.log(`everything stopped ${tookMs} ms after one SIGTERM`);
      expect(exit).toMatchObject({ code: 0 });
      const messages = workerLines(started.output(), worker).map((line) => line.msg);
      expect(messages.filter((msg) => String(msg).startsWith("shutting down"))).toHaveLength(1);
      expect(messages).not.toContain(
        "second shutdown request: exiting now, active jobs will be retried",
      );
      expect(messages).toContain("shutdown complete");
      expect(started.output()).toContain("api stopped");
    } finally {
      stopGroup(started.pnpm);
    }
  }, 180_000);

  it("keeps the API answering while a killed worker is restarted, and restarts a killed API", async () => {
    const started = await startSystem();
    try {
      const firstWorker = (await workerPid(started.prefix))!;
      const loop = requestLoop(started.url);
      await sleep(500);
      const killedAt = Date.now();
      process.kill(firstWorker, "SIGKILL");
      const secondWorker = await waitFor(
        "a new worker's heartbeat",
        async () => {
          const pid = await workerPid(started.prefix);
          return pid !== undefined && pid !== firstWorker ? pid : undefined;
        },
        20_000,
      );
      const workerBackAfterMs = Date.now() - killedAt;
      await sleep(500);
      const { sent, failures } = await loop.stop();
      expect(failures).toEqual([]);
      expect(sent).toBeGreaterThan(20);
      expect(started.output()).toMatch(
        /\[start\] the worker stopped \(killed by SIGKILL\) after [\d.]+ s; restarting it in 1 s \(restart 1\)/,
      );
      expect(workerLines(started.output(), secondWorker).map((line) => line.msg)).toContain(
        "worker started",
      );
      console.log(
        `worker back (new heartbeat) ${workerBackAfterMs} ms after SIGKILL; ${sent} requests meanwhile, ${failures.length} failed`,
      );

      // The API, killed the same way, comes back too (the worker keeps running meanwhile).
      const firstApi = apiPid(started.pnpm)!;
      process.kill(firstApi, "SIGKILL");
      const apiKilledAt = Date.now();
      await waitFor(
        "the API to answer again",
        async () => {
          const pid = apiPid(started.pnpm);
          if (pid === undefined || pid === firstApi) return false;
          return (await fetch(`${started.url}/ready`).catch(() => null))?.status === 200;
        },
        20_000,
      );
      console.log(`API back ${Date.now() - apiKilledAt} ms after SIGKILL`);
      expect(started.output()).toMatch(
        /\[start\] the API stopped \(killed by SIGKILL\) after [\d.]+ s; restarting it in 1 s \(restart 1\)/,
      );
      expect(await workerPid(started.prefix)).toBe(secondWorker);

      // One SIGTERM to the process pnpm is (what a service manager sends) stops everything.
      const descendants = descendantsOf(started.pnpm.pid!);
      started.pnpm.kill("SIGTERM");
      const { exit, tookMs } = await expectAllGone(started, descendants, 20_000);
      console.log(`everything stopped ${tookMs} ms after one SIGTERM`);
      expect(exit).toMatchObject({ code: 0 });
      const messages = workerLines(started.output(), secondWorker).map((line) => line.msg);
      expect(messages.filter((msg) => String(msg).startsWith("shutting down"))).toHaveLength(1);
      expect(messages).not.toContain(
        "second shutdown request: exiting now, active jobs will be retried",
      );
      expect(messages).toContain("shutdown complete");
      expect(started.output()).toContain("api stopped");
    } finally {
      stopGroup(started.pnpm);
    }
  }, 180_000);

  it("stops everything on Ctrl+C (SIGINT to the whole process group); the worker drains once", async () => {
    const started = await startSystem();
    try {
      const worker = (await workerPid(started.prefix))!;
      const descendants = descendantsOf(started.pnpm.pid!);
      // (tsx's esbuild service processes, when running, are among the descendants too.)
      process.kill(-started.pnpm.pid!, "SIGINT");
      const { tookMs } = await expectAllGone(started, descendants, 20_000);
      console.log(`everything stopped ${tookMs} ms after Ctrl+C`);
      const shuttingDown = workerLines(started.output(), worker).filter((line) =>
        String(line.msg).startsWith("shutting down"),
      );
      // One request, and it came from pnpm start, not from the terminal.
      expect(shuttingDown.map((line) => line.reason)).toEqual(["SIGTERM"]);
      expect(started.output()).not.toContain("second shutdown request");
      expect(workerLines(started.output(), worker).map((line) => line.msg)).toContain(
        "shutdown complete",
      );
    } finally {
      stopGroup(started.pnpm);
    }
  }, 180_000);

  it("leaves nothing running when pnpm start itself is killed with SIGKILL", async () => {
    const started = await startSystem();
    try {
      const worker = (await workerPid(started.prefix))!;
      const descendants = descendantsOf(started.pnpm.pid!);
      const supervisor = descendants.find((pid) =>
        commandLineOf(pid).includes("scripts/start.ts"),
      )!;
      process.kill(supervisor, "SIGKILL");
      await expectAllGone(started, descendants, 20_000);
      const messages = workerLines(started.output(), worker);
      expect(messages.find((line) => String(line.msg).startsWith("shutting down"))).toMatchObject({
        reason: "the supervising pnpm start is gone",
      });
    } finally {
      stopGroup(started.pnpm);
    }
  }, 180_000);
});
