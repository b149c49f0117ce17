import { hostname } from "node:os";
import {
  WORKER_HEARTBEAT_INTERVAL_MS,
  WORKER_HEARTBEAT_TTL_SECONDS,
  workerHeartbeatSchema,
  type WorkerHeartbeat,
  type WorkerScheduleCheck,
} from "@ledgerline/domain";
import type { Logger } from "./logger.ts";

export interface WorkerCounts {
  active: number;
  processed: number;
  failed: number;
}

/** The Redis commands the heartbeat uses (ioredis `Redis` satisfies it). */
export interface HeartbeatStore {
  set(key: string, value: string, mode: "EX", seconds: number): Promise<unknown>;
  del(key: string): Promise<number>;
}

export interface StartHeartbeatOptions {
  redis: HeartbeatStore;
  key: string;
  queues: readonly string[];
  counts: () => WorkerCounts;
  /** Run before each beat; its result goes into the heartbeat (see ensureSchedules). */
  checkSchedules?: () => Promise<WorkerScheduleCheck>;
  logger: Logger;
  intervalMs?: number;
  ttlSeconds?: number;
  startedAt?: Date;
}

export interface Heartbeat {
  /** Writes one heartbeat now. */
  beat(): Promise<void>;
  /** Stops beating and deletes the key, so the API sees the worker gone at once. */
  stop(): Promise<void>;
}

/**
 * Writes `key` every `intervalMs` with a TTL: the JSON of `workerHeartbeatSchema`, including
 * the result of `checkSchedules` when given. If the process dies without stopping it, the key
 * expires after the TTL. The first beat is written before this resolves.
 */
export async function startHeartbeat({
  redis,
  key,
  queues,
  counts,
  checkSchedules,
  logger,
  intervalMs = WORKER_HEARTBEAT_INTERVAL_MS,
  ttlSeconds = WORKER_HEARTBEAT_TTL_SECONDS,
  startedAt = new Date(),
}: StartHeartbeatOptions): Promise<Heartbeat> {
  if (ttlSeconds * 1000 <= intervalMs) {
    throw new Error("The heartbeat TTL must be longer than its interval, or the key flickers");
  }
  const identity = { pid: process.pid, hostname: hostname(), startedAt: startedAt.toISOString() };
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();

  const write = async (): Promise<void> => {
    const schedules = await checkSchedules?.();
    const payload: WorkerHeartbeat = workerHeartbeatSchema.parse({
      ...identity,
      at: new Date().toISOString(),
      queues: [...queues],
      ...counts(),
      ...(schedules ? { schedules } : {}),
    });
    await redis.set(key, JSON.stringify(payload), "EX", ttlSeconds);
  };

  const beat = (): Promise<void> => {
    // One write at a time, so a slow Redis cannot reorder beats (or resurrect a deleted key).
    inFlight = inFlight.then(async () => {
      if (stopped) return;
      try {
        await write();
      } catch (error) {
        logger.warn({ err: error, key }, "could not write the worker heartbeat");
      }
    });
    return inFlight;
  };

  await write();
  const timer = setInterval(() => void beat(), intervalMs);
  // The BullMQ workers keep the process alive; the heartbeat alone must not.
  timer.unref();

  return {
    beat,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await inFlight;
      await redis.del(key);
    },
  };
}
