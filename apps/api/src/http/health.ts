import type { IncomingMessage, ServerResponse } from "node:http";
import {
  workerHeartbeatKey,
  workerHeartbeatSchema,
  type WorkerHeartbeat,
} from "@ledgerline/domain";
import type { Redis } from "ioredis";
import type { ApiDependencies } from "../trpc/context.ts";

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

/**
 * `/health`: the process is alive (for restarts). `/ready`: it can serve (for load balancers):
 * PostgreSQL and Redis answer. The worker's heartbeat is reported but does not fail readiness,
 * because the API serves people fine while a worker restarts.
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
    const [database, redis, worker] = await Promise.all([
      timed(async () => {
        await deps.db.$queryRaw`SELECT 1`;
        return undefined;
      }),
      timed(async () => {
        await deps.redis.ping();
        return undefined;
      }),
      timed(async () => {
        const heartbeat = await readWorkerHeartbeat(deps.redis, deps.env.QUEUE_PREFIX);
        if (!heartbeat) throw new Error("no heartbeat in the last 20 seconds");
        return `pid ${heartbeat.pid}, last seen ${heartbeat.at}`;
      }),
    ]);
    const ready = database.ok && redis.ok;
    sendJson(res, ready ? 200 : 503, {
      status: ready ? "ready" : "not ready",
      checks: { database, redis, worker },
    });
    return true;
  }
  return false;
}
