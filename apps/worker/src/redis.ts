import { Redis } from "ioredis";
import type { Logger } from "./logger.ts";

/**
 * The worker's Redis connection. BullMQ workers block on Redis and must never give up on a
 * command, hence `maxRetriesPerRequest: null` (BullMQ docs, "Going to production"). Queues,
 * workers and the heartbeat share it; each BullMQ worker duplicates it for its blocking reads.
 */
export function createRedisConnection(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    connectionName: "ledgerline-worker",
  });
  // Without a listener ioredis prints "Unhandled error event" for every failed reconnect.
  redis.on("error", (error: Error) => {
    logger.warn({ err: error }, "redis connection error");
  });
  return redis;
}

/** What a Redis answers to CONFIG GET, narrowed to what the eviction check needs. */
export interface ConfigReader {
  config(subcommand: "GET", parameter: string): Promise<unknown>;
}

export type EvictionPolicyCheck =
  | { status: "ok"; policy: "noeviction" }
  | { status: "unsafe"; policy: string }
  | { status: "unknown"; reason: string };

/**
 * Redis must not evict BullMQ's keys: with any other `maxmemory-policy` a full Redis silently
 * drops jobs. Managed Redis often refuses CONFIG; then the policy cannot be checked.
 */
export async function checkEvictionPolicy(redis: ConfigReader): Promise<EvictionPolicyCheck> {
  let reply: unknown;
  try {
    reply = await redis.config("GET", "maxmemory-policy");
  } catch (error) {
    return { status: "unknown", reason: error instanceof Error ? error.message : String(error) };
  }
  const policy = readConfigValue(reply, "maxmemory-policy");
  if (policy === undefined) {
    return { status: "unknown", reason: "CONFIG GET maxmemory-policy returned no value" };
  }
  return policy === "noeviction" ? { status: "ok", policy } : { status: "unsafe", policy };
}

/** CONFIG GET answers `[name, value]` (RESP2 / ioredis "legacy") or `{ name: value }` (RESP3). */
function readConfigValue(reply: unknown, name: string): string | undefined {
  if (Array.isArray(reply)) {
    const index = reply.findIndex((item) => String(item) === name);
    const value: unknown = index >= 0 ? reply[index + 1] : undefined;
    return value === undefined || value === null ? undefined : String(value);
  }
  if (reply instanceof Map) {
    const value: unknown = reply.get(name);
    return value === undefined || value === null ? undefined : String(value);
  }
  if (reply !== null && typeof reply === "object" && name in reply) {
    return String((reply as Record<string, unknown>)[name]);
  }
  return undefined;
}

/** Logs the result of {@link checkEvictionPolicy}: a warning unless the policy is noeviction. */
export async function warnUnlessNoEviction(
  redis: ConfigReader,
  logger: Logger,
): Promise<EvictionPolicyCheck> {
  const check = await checkEvictionPolicy(redis);
  if (check.status === "unsafe") {
    logger.warn(
      { maxmemoryPolicy: check.policy },
      'redis maxmemory-policy is not "noeviction": Redis may evict queued jobs when memory is full',
    );
  } else if (check.status === "unknown") {
    logger.warn(
      { reason: check.reason },
      'could not check redis maxmemory-policy (CONFIG GET refused?): make sure it is "noeviction"',
    );
  } else {
    logger.debug({ maxmemoryPolicy: check.policy }, "redis maxmemory-policy is noeviction");
  }
  return check;
}
