import type { IncomingMessage, ServerResponse } from "node:http";
import {
  workerHeartbeatKey,
  workerHeartbeatSchema,
  type WorkerHeartbeat,
} from "@ledgerline/domain";
import type { Redis } from "ioredis";
import type { ApiDependencies } from "../trpc/context.ts";
import { retryReadOnce } from "./database-outage.ts";

export async function readWorkerHeartbeat(
  redis: Redis,
  queuePrefix: string,
): Promise<WorkerHeartbeat | null> {
  const raw = await redis.get(workerHeartbeatKey(queuePrefix));
  if (!raw) return null;
  const parsed = workerHeartbeatSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

type Check = { ok: boolean; detail?: string; latencyMs?: number };

async function timed(check: () => Promise<string | undefined>): Promise<Check> {
  const started = performance.now();
  try {
    const detail = await check();
    return {
      ok: true,
      latencyMs: Math.round(performance.now() - started),
      ...(detail ? { detail } : {}),
    };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

const sendJson = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
};

/** The worker's own report: it checks the schedulers each beat and re-creates missing ones. */
function scheduleCheckOf(heartbeat: WorkerHeartbeat | null): Check {
  if (!heartbeat) return { ok: false, detail: "no worker has checked them (no heartbeat)" };
  const { schedules } = heartbeat;
  if (!schedules) return { ok: false, detail: "the worker does not report them" };
  if (schedules.missing.length > 0)
    return {
      ok: false,
      detail: `missing in Redis: ${schedules.missing.join(", ")} (checked at ${schedules.checkedAt})`,
    };
  return {
    ok: true,
    detail: `${schedules.present.length} present (checked at ${schedules.checkedAt})`,
  };
}

/**
 * `/health`: the process is alive (for restarts). `/ready`: whether this process should get
 * traffic, plus what a person watching the system needs to know:
 *
 * - 503 `"stopping"` once SIGTERM arrived (main.ts drains), so a load balancer stops sending;
 * - 503 `"not ready"` when PostgreSQL or Redis does not answer (the database check runs once
 *   more after a lost connection, as every read does);
 * - 200 `"degraded"` when the API can serve but background work is not in order: no live
 *   worker heartbeat, or the job schedulers are not all in Redis (as the worker last found
 *   them; after a Redis restart its heartbeat is gone until it has re-created them);
 * - 200 `"ready"` when everything is.
 *
 * Background work does not fail readiness on purpose: a load balancer acting on a 503 would
 * take every API process out of rotation, turning a late hourly job into a complete outage,
 * and the API runs alone (tests, a deploy before the worker) without being broken. Monitoring
 * reads `status` and `checks` for that.
 */
export async function handleHealth(
  deps: ApiDependencies,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const path = req.url?.split("?")[0];
  if (path === "/health") {
    sendJson(res, 200, { status: "ok", uptimeSeconds: Math.round(process.uptime()) });
    return true;
  }
  if (path === "/ready") {
    let heartbeat: WorkerHeartbeat | null = null;
    const [database, redis, worker] = await Promise.all([
      timed(async () => {
        await retryReadOnce(() => deps.db.$queryRaw`SELECT 1`);
        return undefined;
      }),
      timed(async () => {
        await deps.redis.ping();
        return undefined;
      }),
      timed(async () => {
        heartbeat = await readWorkerHeartbeat(deps.redis, deps.env.QUEUE_PREFIX);
        if (!heartbeat) throw new Error("no heartbeat in the last 20 seconds");
        return `pid ${heartbeat.pid}, last seen ${heartbeat.at}`;
      }),
    ]);
    const schedules = redis.ok
      ? scheduleCheckOf(heartbeat)
      : { ok: false, detail: "Redis does not answer" };
    const stopping = deps.draining?.() ?? false;
    const serving = database.ok && redis.ok && !stopping;
    const status = stopping
      ? "stopping"
      : !serving
        ? "not ready"
        : worker.ok && schedules.ok
          ? "ready"
          : "degraded";
    sendJson(res, serving ? 200 : 503, {
      status,
      checks: { database, redis, worker, schedules },
    });
    return true;
  }
  return false;
}
