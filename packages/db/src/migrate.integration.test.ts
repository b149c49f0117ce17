import { cp, mkdtemp, readFile, readdir, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import {
  computeMigrationChecksum,
  defaultMigrationsDirectory,
  findSchemaEngine,
  migrate,
} from "./migrate.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

const adminUrl = inject("databaseAdminUrl");

const databases: TestDatabase[] = [];
const temporaryFolders: string[] = [];

async function emptyDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({
    adminUrl,
    prefix: "ledgerline_migrate",
    skipMigrations: true,
  });
  databases.push(database);
  return database;
}

async function copyOfMigrations(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "ledgerline-migrations-"));
  temporaryFolders.push(folder);
  await cp(defaultMigrationsDirectory, folder, { recursive: true });
  return folder;
}

async function query<Row extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Only a stand-in engine exists on machines without Prisma's download: it answers `--version`
 * like the real one, records how it was called, and fails, as anything beyond that must.
 */
async function createStandInEngine(): Promise<{ fakeEngine: string; calls: string }> {
  const folder = await mkdtemp(join(tmpdir(), "ledgerline-engine-"));
  temporaryFolders.push(folder);
  const calls = join(folder, "calls.txt");
  const fakeEngine = join(folder, "schema-engine-fake");
  await writeFile(
    fakeEngine,
    `#!/bin/sh
if [ "$1" = "--version" ]; then echo "schema-engine-cli 0000000000000000000000000000000000000000"; exit 0; fi
echo "$*" >> "${calls}"
echo "stand-in engine" >&2
exit 1
`,
    { mode: 0o755 },
  );
  return { fakeEngine, calls };
}

let migrationNames: string[];

beforeAll(async () => {
  migrationNames = (await readdir(defaultMigrationsDirectory, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
});

afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
  await Promise.all(temporaryFolders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe("migrate (built-in path)", () => {
  it("applies every migration to an empty database and records Prisma's rows", async () => {
    const database = await emptyDatabase();
    const lines: string[] = [];

    const result = await migrate({
      url: database.ownerUrl,
      usePrismaEngine: "never",
      log: (line) => lines.push(line),
    });

    expect(result).toEqual({ applied: migrationNames, mode: "builtin" });
    expect(lines).toContain(`Applying migration ${migrationNames[0]}`);

    const tables = await query<{ table_name: string }>(
      database.ownerUrl,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(["_prisma_migrations", "users", "customers", "projects", "suppliers"]),
    );

    const rows = await query<{
      id: string;
      checksum: string;
      finished_at: Date | null;
      migration_name: string;
      logs: string | null;
      rolled_back_at: Date | null;
      started_at: Date;
      applied_steps_count: number;
    }>(database.ownerUrl, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const script = await readFile(
        join(defaultMigrationsDirectory, row.migration_name, "migration.sql"),
      );
      expect(row.checksum).toBe(computeMigrationChecksum(script));
      expect(row.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
  });

  it("creates _prisma_migrations exactly as Prisma defines it", async () => {
    const database = await emptyDatabase();
    await migrate({ url: database.ownerUrl, usePrismaEngine: "never" });

    const columns = await query<{
      column_name: string;
      data_type: string;
      character_maximum_length: number | null;
      is_nullable: string;
      column_default: string | null;
    }>(
      database.ownerUrl,
      `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = '_prisma_migrations'
        ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      {
        column_name: "id",
        data_type: "character varying",
        character_maximum_length: 36,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "checksum",
        data_type: "character varying",
        character_maximum_length: 64,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "finished_at",
        data_type: "timestamp with time zone",
        character_maximum_length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "migration_name",
        data_type: "character varying",
        character_maximum_length: 255,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "logs",
        data_type: "text",
        character_maximum_length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "rolled_back_at",
        data_type: "timestamp with time zone",
        character_maximum_length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "started_at",
        data_type: "timestamp with time zone",
        character_maximum_length: null,
        is_nullable: "NO",
        column_default: "now()",
      },
      {
        column_name: "applied_steps_count",
        data_type: "integer",
        character_maximum_length: null,
        is_nullable: "NO",
        column_default: "0",
      },
    ]);
    const primaryKey = await query<{ column_name: string }>(
      database.ownerUrl,
      `SELECT kcu.column_name FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
        WHERE tc.table_name = '_prisma_migrations' AND tc.constraint_type = 'PRIMARY KEY'`,
    );
    expect(primaryKey).toEqual([{ column_name: "id" }]);
  });

  it("applies nothing on a second run", async () => {
    const database = await emptyDatabase();
    await migrate({ url: database.ownerUrl, usePrismaEngine: "never" });

    const second = await migrate({ url: database.ownerUrl, usePrismaEngine: "never" });

    expect(second).toEqual({ applied: [], mode: "builtin" });
    const [count] = await query<{ count: string }>(
      database.ownerUrl,
      "SELECT count(*) FROM _prisma_migrations",
    );
    expect(Number(count?.count)).toBe(migrationNames.length);
  });

  it("refuses to run when an applied migration file was edited, naming it", async () => {
    const database = await emptyDatabase();
    const folder = await copyOfMigrations();
    await migrate({ url: database.ownerUrl, migrationsDir: folder, usePrismaEngine: "never" });
    const edited = migrationNames[0]!;
    const scriptPath = join(folder, edited, "migration.sql");
    await writeFile(
      scriptPath,
      `${await readFile(scriptPath, "utf8")}\n-- an innocent-looking edit\n`,
    );

    await expect(
      migrate({ url: database.ownerUrl, migrationsDir: folder, usePrismaEngine: "never" }),
    ).rejects.toThrow(new RegExp(`Migration ${edited} was modified after it was applied`));
  });

  it("does not count a line-ending conversion as an edit (as Prisma does not)", async () => {
    const database = await emptyDatabase();
    const folder = await copyOfMigrations();
    await migrate({ url: database.ownerUrl, migrationsDir: folder, usePrismaEngine: "never" });
    const scriptPath = join(folder, migrationNames[0]!, "migration.sql");
    await writeFile(scriptPath, (await readFile(scriptPath, "utf8")).replaceAll("\n", "\r\n"));

    await expect(
      migrate({ url: database.ownerUrl, migrationsDir: folder, usePrismaEngine: "never" }),
    ).resolves.toEqual({
      applied: [],
      mode: "builtin",
    });
  });

  it("applies a migration added later, and only that one", async () => {
    const database = await emptyDatabase();
    const folder = await copyOfMigrations();
    await migrate({ url: database.ownerUrl, migrationsDir: folder, usePrismaEngine: "never" });
    const added = "29991231000000_add_customer_reference";
    await mkdir(join(folder, added));
    await writeFile(
      join(folder, added, "migration.sql"),
      'ALTER TABLE "customers" ADD COLUMN "reference" TEXT;\nCREATE INDEX "customers_reference_idx" ON "customers"("reference");\n',
    );

    const result = await migrate({
      url: database.ownerUrl,
      migrationsDir: folder,
      usePrismaEngine: "never",
    });

    expect(result.applied).toEqual([added]);
    const columns = await query(
      database.ownerUrl,
      "SELECT 1 FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'reference'",
    );
    expect(columns).toHaveLength(1);
  });

  it("rolls a failing migration back entirely, records nothing, and names it with the line", async () => {
    const database = await emptyDatabase();
    const folder = await copyOfMigrations();
    await migrate({ url: database.ownerUrl, migrationsDir: folder, usePrismaEngine: "never" });
    const broken = "29991231000000_broken";
    await mkdir(join(folder, broken));
    await writeFile(
      join(folder, broken, "migration.sql"),
      'CREATE TABLE "half_done" ("id" INTEGER);\n\nUPDATE "half_done" SET "no_such_column" = 1;\n',
    );

    await expect(
      migrate({ url: database.ownerUrl, migrationsDir: folder, usePrismaEngine: "never" }),
    ).rejects.toThrow(
      /Migration 29991231000000_broken failed at line 3 of migration.sql: column "no_such_column" of relation "half_done" does not exist/,
    );

    expect(await query(database.ownerUrl, "SELECT to_regclass('half_done') AS t")).toEqual([
      { t: null },
    ]);
    expect(
      await query(database.ownerUrl, "SELECT 1 FROM _prisma_migrations WHERE migration_name = $1", [
        broken,
      ]),
    ).toHaveLength(0);

    // Nothing to resolve by hand: fixing the file is enough.
    await writeFile(
      join(folder, broken, "migration.sql"),
      'CREATE TABLE "half_done" ("id" INTEGER);\n',
    );
    await expect(
      migrate({ url: database.ownerUrl, migrationsDir: folder, usePrismaEngine: "never" }),
    ).resolves.toEqual({
      applied: [broken],
      mode: "builtin",
    });
  });

  it("refuses to run while a recorded migration failed (Prisma's P3009), naming it", async () => {
    const database = await emptyDatabase();
    await migrate({ url: database.ownerUrl, usePrismaEngine: "never" });
    await query(
      database.ownerUrl,
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at)
       VALUES ('00000000-0000-4000-8000-000000000000', repeat('0', 64), '20270101000000_half_applied', 'boom', now())`,
    );

    await expect(migrate({ url: database.ownerUrl, usePrismaEngine: "never" })).rejects.toThrow(
      /`20270101000000_half_applied` migration started at .* failed with the following logs:\nboom/,
    );
  });

  it("refuses a database that has tables but no migration history", async () => {
    const database = await emptyDatabase();
    await query(database.ownerUrl, "CREATE TABLE something_else (id integer)");

    await expect(migrate({ url: database.ownerUrl, usePrismaEngine: "never" })).rejects.toThrow(
      /schema is not empty \(something_else\) and has no _prisma_migrations table/,
    );
  });

  it("lets concurrent starters all succeed with each migration applied once", async () => {
    const database = await emptyDatabase();

    // Without the advisory lock these would race to create the same types and tables and fail.
    const results = await Promise.all(
      [1, 2, 3].map(() => migrate({ url: database.ownerUrl, usePrismaEngine: "never" })),
    );

    expect(results.map((result) => result.applied).flat()).toEqual(migrationNames);
    expect(results.filter((result) => result.applied.length === 0)).toHaveLength(2);
    const rows = await query<{ migration_name: string }>(
      database.ownerUrl,
      "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
  });
});

describe("migrate (auto)", () => {
  it("hands over to prisma migrate deploy, with this URL, when a schema engine answers", async () => {
    const database = await emptyDatabase();
    const { fakeEngine, calls } = await createStandInEngine();
    const lines: string[] = [];

    await expect(
      migrate({
        url: database.ownerUrl,
        log: (line) => lines.push(line),
        environment: { PRISMA_SCHEMA_ENGINE_BINARY: fakeEngine },
      }),
    ).rejects.toThrow(/prisma migrate deploy exited with code 1/);

    expect(lines).toContain(
      `Prisma schema engine found at ${fakeEngine}: running prisma migrate deploy`,
    );
    expect(lines.join("\n")).toContain(`PostgreSQL database "${database.name}"`);
    expect(await readFile(calls, "utf8")).toContain(database.name);
  });

  it("refuses an edited applied migration before handing over to Prisma", async () => {
    const database = await emptyDatabase();
    const folder = await copyOfMigrations();
    await migrate({ url: database.ownerUrl, migrationsDir: folder, usePrismaEngine: "never" });
    const scriptPath = join(folder, migrationNames[0]!, "migration.sql");
    await writeFile(scriptPath, `${await readFile(scriptPath, "utf8")}\n-- edited\n`);
    const { fakeEngine, calls } = await createStandInEngine();

    await expect(
      migrate({
        url: database.ownerUrl,
        migrationsDir: folder,
        environment: { PRISMA_SCHEMA_ENGINE_BINARY: fakeEngine },
      }),
    ).rejects.toThrow(
      new RegExp(`Migration ${migrationNames[0]} was modified after it was applied`),
    );
    await expect(readFile(calls, "utf8")).rejects.toThrow(/ENOENT/);
  });

  it("uses prisma migrate deploy exactly when a schema engine is available", async () => {
    const database = await emptyDatabase();
    const engine = await findSchemaEngine();

    const result = await migrate({ url: database.ownerUrl });

    expect(result.mode).toBe(engine ? "prisma" : "builtin");
    expect(result.applied).toEqual(migrationNames);
  });
});
