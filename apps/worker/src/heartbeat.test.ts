import { workerHeartbeatSchema, WORKER_HEARTBEAT_TTL_SECONDS } from "@ledgerline/domain";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startHeartbeat, type HeartbeatStore } from "./heartbeat.ts";

const logger = pino({ level: "silent" });

function memoryStore() {
  const values = new Map<string, { value: string; ttl: number }>();
  const store: HeartbeatStore = {
    set: async (key, value, _mode, seconds) => {
      values.set(key, { value, ttl: seconds });
      return "OK";
    },
    del: async (key) => (values.delete(key) ? 1 : 0),
  };
  return { store, values };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("startHeartbeat", () => {
  it("writes a valid heartbeat with a TTL before it resolves, then on every interval", async () => {
    vi.useFakeTimers();
    const { store, values } = memoryStore();
    let processed = 0;
    const heartbeat = await startHeartbeat({
      redis: store,
      key: "p:worker:heartbeat",
      queues: ["maintenance"],
      counts: () => ({ active: 1, processed, failed: 2 }),
      logger,
      intervalMs: 1_000,
    });
    const first = values.get("p:worker:heartbeat");
    expect(first?.ttl).toBe(WORKER_HEARTBEAT_TTL_SECONDS);
    const parsed = workerHeartbeatSchema.parse(JSON.parse(first?.value ?? "null"));
    expect(parsed).toMatchObject({
      pid: process.pid,
      queues: ["maintenance"],
      active: 1,
      processed: 0,
      failed: 2,
    });

    processed = 5;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(JSON.parse(values.get("p:worker:heartbeat")?.value ?? "null")).toMatchObject({
      processed: 5,
    });

    await heartbeat.stop();
    expect(values.has("p:worker:heartbeat")).toBe(false);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(values.has("p:worker:heartbeat")).toBe(false);
  });

  it("carries what the schedule check found, checked again on every beat", async () => {
    vi.useFakeTimers();
    const { store, values } = memoryStore();
    const checks = [
      { present: ["a", "b"], missing: [], checkedAt: "2026-01-01T00:00:00.000Z" },
      { present: ["a"], missing: ["b"], checkedAt: "2026-01-01T00:00:01.000Z" },
    ];
    let beats = 0;
    const heartbeat = await startHeartbeat({
      redis: store,
      key: "s:worker:heartbeat",
      queues: ["maintenance"],
      counts: () => ({ active: 0, processed: 0, failed: 0 }),
      checkSchedules: async () => checks[Math.min(beats++, checks.length - 1)]!,
      logger,
      intervalMs: 1_000,
    });
    const read = () =>
      workerHeartbeatSchema.parse(JSON.parse(values.get("s:worker:heartbeat")!.value));
    expect(read().schedules).toEqual(checks[0]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(read().schedules).toEqual(checks[1]);
    await heartbeat.stop();
  });

  it("keeps beating when one write fails", async () => {
    vi.useFakeTimers();
    const { store, values } = memoryStore();
    let fail = false;
    const flaky: HeartbeatStore = {
      set: async (...args) => {
        if (fail) throw new Error("READONLY");
        return store.set(...args);
      },
      del: store.del,
    };
    const heartbeat = await startHeartbeat({
      redis: flaky,
      key: "k",
      queues: [],
      counts: () => ({ active: 0, processed: 0, failed: 0 }),
      logger,
      intervalMs: 1_000,
    });
    fail = true;
    values.clear();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(values.has("k")).toBe(false);
    fail = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(values.has("k")).toBe(true);
    await heartbeat.stop();
  });

  it("refuses a TTL that is not longer than the interval", async () => {
    const { store } = memoryStore();
    await expect(
      startHeartbeat({
        redis: store,
        key: "k",
        queues: [],
        counts: () => ({ active: 0, processed: 0, failed: 0 }),
        logger,
        intervalMs: 30_000,
        ttlSeconds: 30,
      }),
    ).rejects.toThrow(/TTL/);
  });
});
