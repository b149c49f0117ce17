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
  checks: { database: Check; redis: Check; worker: Check; schedules: Check };
}

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe("health and readiness", () => {
  it("is ready to serve when PostgreSQL and Redis answer; degraded without a worker", async () => {
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(200);

    // The API alone serves (tests, a deploy before the worker), but says what is missing.
    const alone = await fetch(`${api.url}/ready`);
    expect(alone.status).toBe(200);
    const before = (await alone.json()) as Readiness;
    expect(before.status).toBe("degraded");
    expect(before.checks.database.ok).toBe(true);
    expect(before.checks.redis.ok).toBe(true);
    expect(before.checks.worker.ok).toBe(false);
    expect(before.checks.schedules).toEqual({
      ok: false,
      detail: "no worker has checked them (no heartbeat)",
    });

    const redis = new Redis(api.env.REDIS_URL);
    const key = workerHeartbeatKey(api.env.QUEUE_PREFIX);
    const now = new Date().toISOString();
    const heartbeat = (schedules: { present: string[]; missing: string[] }) =>
      JSON.stringify({
        pid: 1,
        hostname: "test",
        startedAt: now,
        at: now,
        queues: ["maintenance"],
        active: 0,
        processed: 3,
        failed: 0,
        schedules: { ...schedules, checkedAt: now },
      });
    try {
      await redis.set(key, heartbeat({ present: ["a", "b"], missing: [] }), "EX", 20);
      const after = (await (await fetch(`${api.url}/ready`)).json()) as Readiness;
      expect(after.status).toBe("ready");
      expect(after.checks.worker.ok).toBe(true);
      expect(after.checks.schedules).toMatchObject({
        ok: true,
        detail: `2 present (checked at ${now})`,
      });

      // A worker that could not re-create a scheduler: degraded, and the check names it.
      await redis.set(key, heartbeat({ present: ["a"], missing: ["b"] }), "EX", 20);
      const missing = await fetch(`${api.url}/ready`);
      expect(missing.status).toBe(200);
      expect(await missing.json()).toMatchObject({
        status: "degraded",
        checks: {
          worker: { ok: true },
          schedules: { ok: false, detail: expect.stringContaining("missing in Redis: b") },
        },
      });
    } finally {
      await redis.del(key);
      await redis.quit();
    }
  });

  it("answers unknown paths with 404 and sets security headers", async () => {
    const response = await fetch(`${api.url}/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});
