import { createDb, enforceApplicationRole } from "@ledgerline/db";
import { Redis } from "ioredis";
import { createApiServer } from "./app.ts";
import { loadEnv } from "./env.ts";
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

const server = createApiServer({ env, db, redis, log });
server.listen(env.PORT, env.HOST, () => {
  log.info({ url: `http://${env.HOST}:${env.PORT}`, publicUrl: env.PUBLIC_URL }, "api listening");
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) process.exit(1);
  stopping = true;
  log.info({ signal }, "api stopping: finishing open requests");
  const forced = setTimeout(() => process.exit(1), 15_000);
  forced.unref();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await Promise.allSettled([db.$disconnect(), redis.quit()]);
  log.info("api stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
