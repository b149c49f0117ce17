/**
 * The project's migrate command: `prisma migrate deploy` where Prisma's native schema engine
 * exists, and otherwise a built-in migrator that behaves the same way on PostgreSQL.
 *
 * The built-in path mirrors Prisma's schema engine (prisma-engines, `apply_migrations.rs`,
 * `sql_migration_persistence.rs`, `flavour/postgres.rs`, `checksum.rs`): the same
 * `_prisma_migrations` table and rows, the same advisory lock key, the same checksum. A database
 * migrated by one path can therefore be migrated further by the other. It differs on purpose in
 * one point: each migration and its `_prisma_migrations` row commit in one transaction, so a
 * failed migration leaves nothing behind (Prisma records the failure and needs
 * `prisma migrate resolve`; here the database is simply as before and the fixed file can run).
 */
import { execFile, spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { constants as fsConstants } from "node:fs";
import { access, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";

/** The migrations Prisma's layout keeps beside schema.prisma. */
export const defaultMigrationsDirectory = fileURLToPath(
  new URL("../prisma/migrations", import.meta.url),
);

const packageRoot = fileURLToPath(new URL("..", import.meta.url));
const schemaPath = join(packageRoot, "prisma", "schema.prisma");

/**
 * Prisma Migrate's advisory lock key on PostgreSQL ("a unique number we chose to identify
 * Migrate"). Using the same key makes the built-in migrator and `prisma migrate deploy` exclude
 * each other, not only two built-in runs.
 */
export const migrationLockKey = 72707369;

/**
 * How long a second starter waits for the first to finish migrating. Prisma gives up after 10
 * seconds; migrations that rewrite a large table take longer than that, and a starter that gives
 * up while another is still working would only fail a deploy that is about to succeed.
 */
const lockWaitMilliseconds = 5 * 60 * 1000;

/** Prisma's own definition of the table (`create_migrations_table` for PostgreSQL). */
const createMigrationsTableSql = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export interface MigrateOptions {
  /** PostgreSQL connection URL of the database to migrate. */
  url: string;
  /** Folder in Prisma's layout (`<timestamp>_<name>/migration.sql`); defaults to this package's. */
  migrationsDir?: string;
  /** Receives one human-readable line per step; silent when absent. */
  log?: (line: string) => void;
  /**
   * `"auto"` (default) runs `prisma migrate deploy` when a native schema engine is available and
   * the built-in migrator otherwise; `"never"` always uses the built-in migrator.
   */
  usePrismaEngine?: "auto" | "never";
  /**
   * The environment the Prisma CLI would run with. Its `PRISMA_SCHEMA_ENGINE_BINARY` is where the
   * CLI looks for the engine first, so the detection looks there too, and the CLI child process
   * gets exactly this environment. Callers pass the process environment (this package's code never reads
   * it itself); without it only node_modules is searched and the child inherits the parent's.
   */
  environment?: Readonly<Record<string, string | undefined>>;
}

export interface MigrateResult {
  /** Names of the migration folders applied by this run, in the order they were applied. */
  applied: string[];
  /** Which path applied them. */
  mode: "prisma" | "builtin";
}

/**
 * Brings a database up to date with the migration folders: every folder not yet recorded in
 * `_prisma_migrations` is applied, in name order.
 *
 * Refuses (throws an Error naming the migration) when an applied migration's file has changed
 * since, when a recorded migration failed and was never resolved, or when a migration fails.
 * Safe to call from several processes at once: a PostgreSQL advisory lock makes them take turns.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const migrationsDirectory = options.migrationsDir ?? defaultMigrationsDirectory;

  if ((options.usePrismaEngine ?? "auto") === "auto") {
    const schemaEngine = await findSchemaEngine({
      configuredBinary: options.environment?.PRISMA_SCHEMA_ENGINE_BINARY,
    });
    if (schemaEngine) {
      log(`Prisma schema engine found at ${schemaEngine}: running prisma migrate deploy`);
      const applied = await migrateWithPrisma({
        url: options.url,
        migrationsDirectory,
        log,
        environment: options.environment,
      });
      return { applied, mode: "prisma" };
    }
    log("No Prisma schema engine on this machine: using the built-in migrator");
  }

  const applied = await migrateBuiltIn({ url: options.url, migrationsDirectory, log });
  return { applied, mode: "builtin" };
}

/**
 * Prisma's checksum of a migration script: SHA-256 of its bytes as 64 lowercase hex digits.
 */
export function computeMigrationChecksum(script: string | Uint8Array): string {
  return createHash("sha256").update(script).digest("hex");
}

/**
 * Whether a script matches a recorded checksum, with the tolerance Prisma has
 * (`script_matches_checksum`): line endings converted by git (CRLF and LF) do not count as a
 * change, and checksums written by old Prisma versions without zero padding still match.
 */
export function scriptMatchesChecksum(script: Buffer, recordedChecksum: string): boolean {
  const text = script.toString("utf8");
  const candidates = [
    script,
    Buffer.from(text.replaceAll("\r\n", "\n"), "utf8"),
    Buffer.from(text.replaceAll("\n", "\r\n"), "utf8"),
  ];
  return candidates.some((candidate) => {
    const digest = createHash("sha256").update(candidate).digest();
    const formatted =
      recordedChecksum.length !== 0 && recordedChecksum.length !== 64
        ? // Prisma issue prisma-engines#1887: each byte written without its leading zero.
          Array.from(digest, (byte) => byte.toString(16)).join("")
        : digest.toString("hex");
    return formatted === recordedChecksum;
  });
}

export interface FindSchemaEngineOptions {
  /** The value of PRISMA_SCHEMA_ENGINE_BINARY, if the environment has one. */
  configuredBinary?: string | undefined;
}

/**
 * The path of a working native Prisma schema engine, or undefined when there is none.
 *
 * Looks where the Prisma CLI looks: PRISMA_SCHEMA_ENGINE_BINARY first (and only there when it is
 * set, because the CLI would use it regardless), then `schema-engine-<platform>` in
 * @prisma/engines, the prisma package and their node_modules. A candidate counts only when it
 * answers `--version` like a schema engine: `prisma generate` is commonly pointed at any
 * existing file (for example node) to skip the download, and that must not count.
 */
export async function findSchemaEngine(
  options: FindSchemaEngineOptions = {},
): Promise<string | undefined> {
  if (options.configuredBinary) {
    return (await answersLikeSchemaEngine(options.configuredBinary))
      ? options.configuredBinary
      : undefined;
  }
  for (const candidate of await listSchemaEngineCandidates()) {
    if (await answersLikeSchemaEngine(candidate)) return candidate;
  }
  return undefined;
}

async function listSchemaEngineCandidates(): Promise<string[]> {
  const require = createRequire(import.meta.url);
  const directories: string[] = [];
  let prismaPackageJson: string | undefined;
  try {
    prismaPackageJson = require.resolve("prisma/package.json");
  } catch {
    return [];
  }
  const prismaDirectory = dirname(prismaPackageJson);
  try {
    const enginesPackageJson = createRequire(prismaPackageJson).resolve(
      "@prisma/engines/package.json",
    );
    directories.push(dirname(enginesPackageJson));
  } catch {
    // No @prisma/engines next to prisma: only the prisma package's own folders remain.
  }
  directories.push(prismaDirectory, dirname(prismaDirectory), join(prismaDirectory, "runtime"));

  const candidates: string[] = [];
  for (const directory of directories) {
    let names: string[];
    try {
      names = await readdir(directory);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (/^schema-engine-[\w.-]+$/.test(name) && !/\.(sha256|gz|sig)$/.test(name)) {
        candidates.push(join(directory, name));
      }
    }
  }
  return candidates;
}

async function answersLikeSchemaEngine(binary: string): Promise<boolean> {
  try {
    await access(binary, fsConstants.X_OK);
  } catch {
    return false;
  }
  return new Promise((resolve) => {
    execFile(binary, ["--version"], { timeout: 10_000 }, (error, stdout) => {
      // The engine prints "schema-engine-cli <commit hash>".
      resolve(!error && /^schema-engine/.test(String(stdout).trim()));
    });
  });
}

interface MigrationFolder {
  name: string;
  script: Buffer;
}

async function readMigrationFolders(migrationsDirectory: string): Promise<MigrationFolder[]> {
  let entries;
  try {
    entries = await readdir(migrationsDirectory, { withFileTypes: true });
  } catch (error) {
    throw new Error(`Cannot read the migrations folder ${migrationsDirectory}`, { cause: error });
  }
  await checkMigrationLockProvider(migrationsDirectory);

  // Plain code-unit order, like Prisma: folder names start with a UTC timestamp.
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));

  const folders: MigrationFolder[] = [];
  for (const name of names) {
    const scriptPath = join(migrationsDirectory, name, "migration.sql");
    let script: Buffer;
    try {
      script = await readFile(scriptPath);
    } catch (error) {
      throw new Error(`Migration ${name} has no readable migration.sql (${scriptPath})`, {
        cause: error,
      });
    }
    folders.push({ name, script });
  }
  return folders;
}

/** Prisma refuses to apply migrations written for another database; so does this. */
async function checkMigrationLockProvider(migrationsDirectory: string): Promise<void> {
  let lockFile: string;
  try {
    lockFile = await readFile(join(migrationsDirectory, "migration_lock.toml"), "utf8");
  } catch {
    return;
  }
  const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(lockFile)?.[1];
  if (provider !== undefined && provider !== "postgresql") {
    throw new Error(
      `migration_lock.toml says these migrations are for "${provider}", not "postgresql"`,
    );
  }
}

interface MigrationRecord {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
}

interface BuiltInOptions {
  url: string;
  migrationsDirectory: string;
  log: (line: string) => void;
}

async function migrateBuiltIn({
  url,
  migrationsDirectory,
  log,
}: BuiltInOptions): Promise<string[]> {
  const folders = await readMigrationFolders(migrationsDirectory);
  const client = connectClient(url);
  await client.connect();
  try {
    await acquireMigrationLock(client, log);
    try {
      await ensureMigrationsTable(client, log);
      const records = await selectMigrationRecords(client);

      refuseFailedMigrations(records);
      const pending = selectPendingMigrations(folders, records, log);
      if (pending.length === 0) {
        log("No pending migrations");
        return [];
      }
      const applied: string[] = [];
      for (const folder of pending) {
        await applyMigration(client, folder, log);
        applied.push(folder.name);
      }
      log(`Applied ${applied.length} migration(s)`);
      return applied;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [migrationLockKey]);
    }
  } finally {
    await client.end();
  }
}

function connectClient(url: string): pg.Client {
  const client = new pg.Client({ connectionString: url, application_name: "ledgerline-migrate" });
  // A lost connection also rejects the query in flight, which is where it is reported; without a
  // listener the same error would be thrown again as an uncaught event and end the process.
  client.on("error", () => {});
  return client;
}

async function acquireMigrationLock(client: pg.Client, log: (line: string) => void) {
  const { rows } = await client.query<{ locked: boolean }>(
    "SELECT pg_try_advisory_lock($1) AS locked",
    [migrationLockKey],
  );
  if (rows[0]?.locked) return;

  log("Another process is migrating this database: waiting for it to finish");
  // lock_timeout bounds the wait for the advisory lock; it is reset at once so that it does not
  // apply to the migrations' own statements.
  await client.query(`SET lock_timeout = ${lockWaitMilliseconds}`);
  try {
    await client.query("SELECT pg_advisory_lock($1)", [migrationLockKey]);
  } catch (error) {
    throw new Error(
      `Timed out after ${lockWaitMilliseconds / 1000} s waiting for the migration lock ` +
        `(pg_advisory_lock(${migrationLockKey})) held by another process`,
      { cause: error },
    );
  } finally {
    await client.query("RESET lock_timeout");
  }
}

/** Like Prisma's `initialize`: create the table on an empty database, refuse a non-empty one. */
async function ensureMigrationsTable(client: pg.Client, log: (line: string) => void) {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT c.relname AS table_name
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()`,
  );
  const tableNames = rows.map((row) => row.table_name);
  if (tableNames.includes("_prisma_migrations")) return;
  if (tableNames.length > 0) {
    throw new Error(
      `The database schema is not empty (${tableNames.slice(0, 5).join(", ")}` +
        `${tableNames.length > 5 ? ", ..." : ""}) and has no _prisma_migrations table. ` +
        "Baseline it first (see packages/db/README.md) instead of migrating over existing tables.",
    );
  }
  log("Creating _prisma_migrations");
  await client.query(createMigrationsTableSql);
}

async function selectMigrationRecords(client: pg.Client): Promise<MigrationRecord[]> {
  const { rows } = await client.query<MigrationRecord>(
    `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );
  return rows;
}

function refuseFailedMigrations(records: MigrationRecord[]) {
  const failed = records.filter((record) => !record.finished_at && !record.rolled_back_at);
  if (failed.length === 0) return;
  const details = failed
    .map((record) => {
      const logs = record.logs?.trim();
      return (
        `The \`${record.migration_name}\` migration started at ` +
        `${record.started_at.toISOString()} failed${logs ? ` with the following logs:\n${logs}` : ""}`
      );
    })
    .join("\n");
  throw new Error(
    `Migrations recorded as failed in _prisma_migrations; resolve them before migrating ` +
      `(prisma migrate resolve, or mark the row rolled back once the database is repaired):\n${details}`,
  );
}

function selectPendingMigrations(
  folders: MigrationFolder[],
  records: MigrationRecord[],
  log: (line: string) => void,
): MigrationFolder[] {
  // Rolled-back rows do not count as applied: Prisma applies such a migration again.
  const applied = records.filter((record) => !record.rolled_back_at);
  const foldersByName = new Map(folders.map((folder) => [folder.name, folder]));

  const changed: string[] = [];
  for (const record of applied) {
    const folder = foldersByName.get(record.migration_name);
    if (!folder) {
      // A newer release's migration, e.g. after rolling the code back: Prisma deploy carries on.
      log(`Migration ${record.migration_name} is applied but has no folder here`);
      continue;
    }
    if (!scriptMatchesChecksum(folder.script, record.checksum)) changed.push(record.migration_name);
  }
  if (changed.length > 0) {
    throw new Error(
      `Migration ${changed.join(", ")} was modified after it was applied: its migration.sql no ` +
        "longer matches the checksum recorded in _prisma_migrations. Restore the file and put " +
        "the change in a new migration.",
    );
  }

  const appliedNames = new Set(applied.map((record) => record.migration_name));
  return folders.filter((folder) => !appliedNames.has(folder.name));
}

/**
 * One transaction holds the script and its row, so either both exist or neither. The row is
 * written as Prisma writes it: started, one successful step, finished.
 */
async function applyMigration(
  client: pg.Client,
  folder: MigrationFolder,
  log: (line: string) => void,
) {
  log(`Applying migration ${folder.name}`);
  const script = folder.script.toString("utf8");
  await client.query("BEGIN");
  try {
    const id = randomUUID();
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name)
       VALUES ($1, $2, clock_timestamp(), $3)`,
      [id, computeMigrationChecksum(folder.script), folder.name],
    );
    try {
      // No parameters: node-postgres sends this as one simple query, which may hold many
      // statements (the extended protocol would accept only one).
      await client.query(script);
    } catch (error) {
      throw new Error(
        `Migration ${folder.name} failed${describeErrorPosition(script, error)}: ${errorMessage(error)}`,
        {
          cause: error,
        },
      );
    }
    await client.query(
      `UPDATE _prisma_migrations
          SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp()
        WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** " at line N" from PostgreSQL's 1-based character position, so the author can find it. */
function describeErrorPosition(script: string, error: unknown): string {
  const position = Number((error as { position?: string } | null)?.position);
  if (!Number.isInteger(position) || position < 1) return "";
  const line = Array.from(script)
    .slice(0, position - 1)
    .join("")
    .split("\n").length;
  return ` at line ${line} of migration.sql`;
}

interface PrismaOptions {
  url: string;
  migrationsDirectory: string;
  log: (line: string) => void;
  environment: Readonly<Record<string, string | undefined>> | undefined;
}

/**
 * Runs the Prisma CLI from node_modules. The connection URL and the migrations folder reach it
 * through a temporary prisma.config (readable by this user only) rather than DATABASE_URL and the
 * package's own config, so any folder can be deployed and the caller's environment stays as it
 * is. What was applied is read from `_prisma_migrations` before and after, rather than parsed
 * from the CLI's output.
 */
async function migrateWithPrisma({
  url,
  migrationsDirectory,
  log,
  environment,
}: PrismaOptions): Promise<string[]> {
  // `prisma migrate deploy` does not compare checksums of applied migrations; the project's
  // migrate command refuses an edited one on either path, so that check runs here first.
  const folders = await readMigrationFolders(migrationsDirectory);
  const records = await readMigrationRecords(url);
  refuseFailedMigrations(records);
  selectPendingMigrations(folders, records, log);
  const before = finishedMigrationNames(records);

  const require = createRequire(import.meta.url);
  const prismaCli = require.resolve("prisma/build/index.js");
  const prismaConfigModule = pathToFileURL(require.resolve("prisma/config")).href;

  const configDirectory = await mkdtemp(join(tmpdir(), "ledgerline-prisma-"));
  try {
    const configPath = join(configDirectory, "prisma.config.mjs");
    const config = {
      schema: schemaPath,
      migrations: { path: migrationsDirectory },
      datasource: { url },
    };
    await writeFile(
      configPath,
      `import { defineConfig } from ${JSON.stringify(prismaConfigModule)};\n` +
        `export default defineConfig(${JSON.stringify(config, null, 2)});\n`,
      { mode: 0o600 },
    );
    await runPrismaCli(prismaCli, ["migrate", "deploy", "--config", configPath], log, environment);
  } finally {
    await rm(configDirectory, { recursive: true, force: true });
  }

  const after = finishedMigrationNames(await readMigrationRecords(url));
  return after.filter((name) => !before.includes(name));
}

function runPrismaCli(
  prismaCli: string,
  args: string[],
  log: (line: string) => void,
  environment: Readonly<Record<string, string | undefined>> | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, ...args], {
      cwd: packageRoot,
      stdio: ["ignore", "pipe", "pipe"],
      ...(environment
        ? {
            env: {
              ...environment,
              PRISMA_HIDE_UPDATE_MESSAGE: "1",
              CHECKPOINT_DISABLE: "1",
            },
          }
        : {}),
    });
    const output: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line.trim() === "") continue;
        output.push(line);
        log(`prisma: ${line}`);
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `prisma migrate deploy exited with code ${code}:\n${output.slice(-20).join("\n")}`,
          ),
        );
    });
  });
}

/** The rows of `_prisma_migrations`, or none when the table does not exist yet. */
async function readMigrationRecords(url: string): Promise<MigrationRecord[]> {
  const client = connectClient(url);
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ exists: boolean }>(
      "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists",
    );
    if (!tables[0]?.exists) return [];
    return await selectMigrationRecords(client);
  } finally {
    await client.end();
  }
}

function finishedMigrationNames(records: MigrationRecord[]): string[] {
  return records
    .filter((record) => record.finished_at && !record.rolled_back_at)
    .map((record) => record.migration_name);
}
