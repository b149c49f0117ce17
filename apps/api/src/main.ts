/**
 * The API process: `pnpm --filter @ledgerline/api start`, or started (and restarted) by
 * `pnpm start`. Stops gracefully on SIGTERM / SIGINT, and when the `pnpm start` that started it
 * is gone.
 */
import { createDb, enforceApplicationRole } from "@ledgerline/db";
import { Redis } from "ioredis";
import { createApiServer } from "./app.ts";
import { loadEnv } from "./env.ts";
import { gracefulStop } from "./http/graceful-stop.ts";
import { createLogger } from "./logger.ts";

const env = loadEnv();
const log = createLogger(env.LOG_LEVEL, "api");
// Never as a role that could switch off the database's protections (packages/db/README.md "Roles").
const production = env.NODE_ENV === "production";
if (!(await enforceApplicationRole({ url: env.DATABASE_URL, production, log }))) process.exit(1);
const db = createDb({ url: env.DATABASE_URL, maxConnections: 20 });
// The API only produces and reads: fail fast instead of queueing commands while Redis is away.
const redis = new Redis(env.REDIS_URL, {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  lazyConnect: false,
});
redis.on("error", (error) => log.warn({ err: error }, "redis connection problem"));

/** Set when a stop begins; until then undefined. */
let stoppingSince: number | undefined;
const server = createApiServer({
  env,
  db,
  redis,
  log,
  draining: () => stoppingSince !== undefined,
});
const stop = gracefulStop(server);
server.listen(env.PORT, env.HOST, () => {
  log.info({ url: `http://${env.HOST}:${env.PORT}`, publicUrl: env.PUBLIC_URL }, "api listening");
});

/**
 * A terminal's Ctrl+C or a service manager may deliver the same stop twice within moments
 * (to the process group, and through `pnpm start`): that is one request. A signal that comes
 * later means "now": the remaining connections are cut.
 */
const REPEATED_SIGNAL_GRACE_MS = 1_000;

async function shutdown(reason: string) {
  if (stoppingSince !== undefined) {
    if (Date.now() - stoppingSince < REPEATED_SIGNAL_GRACE_MS) return;
    log.warn({ reason }, "second stop request: cutting the open requests and exiting now");
    server.closeAllConnections();
    process.exit(1);
  }
  stoppingSince = Date.now();
  log.info(
    { reason, timeoutMs: env.SHUTDOWN_TIMEOUT_MS },
    "api stopping: refusing new connections, finishing the requests in flight",
  );
  const outcome = await stop.drain(env.SHUTDOWN_TIMEOUT_MS);
  if (outcome === "timed out")
    log.error(
      { timeoutMs: env.SHUTDOWN_TIMEOUT_MS },
      "requests still open at the timeout were cut",
    );
  await Promise.allSettled([db.$disconnect(), redis.quit()]);
  log.info({ durationMs: Date.now() - stoppingSince }, "api stopped");
  process.exit(outcome === "drained" ? 0 : 1);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
// Started by `pnpm start` with an IPC channel: when that process dies (even by SIGKILL) the
// channel closes, and this process stops instead of running on unsupervised.
if (process.channel) {
  process.channel.unref();
  process.on("disconnect", () => void shutdown("the supervising pnpm start is gone"));
}
