import { workerHeartbeatKey } from "@ledgerline/domain";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./testing/api-harness.ts";

interface Check {
  ok: boolean;
  detail?: string;
}
interface Readiness {
  status: string;
  checks: { database: Check; redis: Check; worker: Check };
}

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe("health and readiness", () => {
  it("is alive and ready when PostgreSQL and Redis answer, and reports the worker", async () => {
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(200);

    const before = (await (await fetch(`${api.url}/ready`)).json()) as Readiness;
    expect(before.status).toBe("ready");
    expect(before.checks.database.ok).toBe(true);
    expect(before.checks.redis.ok).toBe(true);
    expect(before.checks.worker.ok).toBe(false);

    const redis = new Redis(api.env.REDIS_URL);
    const heartbeat = {
      pid: 1,
      hostname: "test",
      startedAt: new Date().toISOString(),
      at: new Date().toISOString(),
      queues: ["maintenance"],
      active: 0,
      processed: 3,
      failed: 0,
    };
    await redis.set(workerHeartbeatKey(api.env.QUEUE_PREFIX), JSON.stringify(heartbeat), "EX", 20);
    const after = (await (await fetch(`${api.url}/ready`)).json()) as Readiness;
    expect(after.checks.worker.ok).toBe(true);
    await redis.del(workerHeartbeatKey(api.env.QUEUE_PREFIX));
    await redis.quit();
  });

  it("answers unknown paths with 404 and sets security headers", async () => {
    const response = await fetch(`${api.url}/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});
