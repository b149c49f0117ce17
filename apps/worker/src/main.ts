/**
 * The worker process: `pnpm --filter @ledgerline/worker start`, or started (and restarted) by
 * `pnpm start`. Reads the environment, starts the worker (queues, schedules, heartbeat) and
 * stops it gracefully on SIGTERM / SIGINT, and when the `pnpm start` that started it is gone.
 */
import { enforceApplicationRole } from "@ledgerline/db";
import { getEnv, InvalidEnvError } from "./env.ts";
import { createLogger } from "./logger.ts";
import { installShutdownHandlers } from "./shutdown.ts";
import { startWorker } from "./worker.ts";

function readEnvOrExit(): ReturnType<typeof getEnv> {
  try {
    return getEnv();
  } catch (error) {
    if (error instanceof InvalidEnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const env = readEnvOrExit();
const logger = createLogger(env);
// Never as a role that could switch off the database's protections (packages/db/README.md "Roles").
const production = env.NODE_ENV === "production";
if (!(await enforceApplicationRole({ url: env.DATABASE_URL, production, log: logger })))
  process.exit(1);

// The handlers are in place before the worker starts: a stop that arrives while it starts (a
// service manager stopping it at once, pnpm start shutting down) waits for the start and then
// closes gracefully, instead of Node's default for SIGTERM, which ends the process on the spot.
const starting = startWorker(env, { logger });
const handlers = installShutdownHandlers({
  close: async () => (await starting).close(),
  logger,
  timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
});
// Started by `pnpm start` with an IPC channel: when that process dies (even by SIGKILL) the
// channel closes, and the worker stops instead of running on unsupervised.
if (process.channel) {
  process.channel.unref();
  process.on("disconnect", () => handlers.shutdown("the supervising pnpm start is gone"));
}
try {
  await starting;
} catch (error) {
  logger.fatal({ err: error }, "worker could not start");
  process.exit(1);
}
