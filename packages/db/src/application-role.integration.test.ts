import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { APPLICATION_ROLE, checkDatabaseRole, enforceApplicationRole } from "./application-role.ts";
import { defaultMigrationsDirectory } from "./migrate.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

/**
 * The role the application connects as (migration 20261203110000_application_role): what it
 * may do, what it may not, and the startup check that tells the two kinds of role apart.
 */
const adminUrl = inject("databaseAdminUrl");
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ adminUrl, prefix: "ledgerline_roles" });
});
afterAll(() => database?.drop());

async function query<Row extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** The error a statement fails with, as `SQLSTATE message`. */
async function refusalOf(url: string, sql: string): Promise<string> {
  try {
    await query(url, sql);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return `${code} ${message}`;
  }
  throw new Error(`Expected "${sql}" to be refused`);
}

describe("the application's role", () => {
  it("is what createTestDatabase hands the tests, and the owner migrated", async () => {
    expect(new URL(database.url).username).toBe(APPLICATION_ROLE);
    expect(new URL(database.ownerUrl).username).toBe(new URL(adminUrl).username);
    const [row] = await query<{ current_user: string; owner: string }>(
      database.url,
      `SELECT current_user, pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = 'sales_documents'`,
    );
    expect(row).toEqual({ current_user: APPLICATION_ROLE, owner: new URL(adminUrl).username });
  });

  it("may read and write every table, only read and append to the audit trail, and truncate nothing", async () => {
    const rows = await query<{ table_name: string; privileges: string }>(
      database.ownerUrl,
      `SELECT c.relname AS table_name,
              concat_ws(',', ${[
                "SELECT",
                "INSERT",
                "UPDATE",
                "DELETE",
                "TRUNCATE",
                "REFERENCES",
                "TRIGGER",
              ]
                .map(
                  (privilege) =>
                    `CASE WHEN has_table_privilege($1, c.oid, '${privilege}') THEN '${privilege}' END`,
                )
                .join(", ")}) AS privileges
         FROM pg_class c
        WHERE c.relnamespace = current_schema()::text::regnamespace AND c.relkind IN ('r', 'p')
        ORDER BY c.relname`,
      [APPLICATION_ROLE],
    );
    const expected = (table: string) =>
      table === "audit_events"
        ? "SELECT,INSERT"
        : // Kept by the database itself (triggers running as the owner); the role only reads.
          ["audit_event_links", "sales_document_customer_names", "sales_document_totals"].includes(
              table,
            )
          ? "SELECT"
          : table === "_prisma_migrations"
            ? ""
            : // Purchase orders are soft-deleted, their milestones kept with them.
              table === "purchase_orders" || table === "purchase_order_milestones"
              ? "SELECT,INSERT,UPDATE"
              : "SELECT,INSERT,UPDATE,DELETE";
    // A table a later migration adds without granting shows up here by name.
    expect(rows.filter((row) => row.privileges !== expected(row.table_name))).toEqual([]);
    expect(rows.map((row) => row.table_name)).toContain("sales_documents");

    // Sequences: nextval() exactly where the role may insert rows (the chain's links it may not).
    const sequences = await query<{
      name: string;
      usage: boolean;
      insert: boolean;
      update: boolean;
    }>(
      database.ownerUrl,
      `SELECT s.relname AS name, has_sequence_privilege($1, s.oid, 'USAGE') AS usage,
              has_table_privilege($1, t.oid, 'INSERT') AS insert,
              has_sequence_privilege($1, s.oid, 'UPDATE') AS update
         FROM pg_class s
         JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
         JOIN pg_class t ON t.oid = d.refobjid AND t.relkind IN ('r', 'p')
        WHERE s.relnamespace = current_schema()::text::regnamespace AND s.relkind = 'S'`,
      [APPLICATION_ROLE],
    );
    expect(sequences.length).toBeGreaterThan(0);
    expect(sequences.filter((row) => row.usage !== row.insert || row.update)).toEqual([]);
  });

  it("can neither switch off triggers nor truncate, alter or drop", async () => {
    const refusals = [
      await refusalOf(database.url, "ALTER TABLE sales_documents DISABLE TRIGGER USER"),
      await refusalOf(
        database.url,
        "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only",
      ),
      await refusalOf(database.url, "SET session_replication_role = replica"),
      await refusalOf(database.url, "DROP TRIGGER audit_events_append_only ON audit_events"),
      await refusalOf(database.url, "TRUNCATE audit_events"),
      await refusalOf(database.url, "TRUNCATE sales_documents CASCADE"),
      await refusalOf(database.url, "TRUNCATE payments"),
      await refusalOf(database.url, "DROP TABLE payments"),
      await refusalOf(database.url, "UPDATE audit_events SET action = 'forged'"),
      await refusalOf(database.url, "DELETE FROM audit_events"),
      await refusalOf(database.url, "DELETE FROM _prisma_migrations"),
    ];
    expect(refusals).toEqual([
      "42501 must be owner of table sales_documents",
      "42501 must be owner of table audit_events",
      '42501 permission denied to set parameter "session_replication_role"',
      "42501 must be owner of relation audit_events",
      "42501 permission denied for table audit_events",
      "42501 permission denied for table sales_documents",
      "42501 permission denied for table payments",
      "42501 must be owner of table payments",
      "42501 permission denied for table audit_events",
      "42501 permission denied for table audit_events",
      "42501 permission denied for table _prisma_migrations",
    ]);
  });

  it("is created once for the whole server, however many databases migrate at the same moment", async () => {
    // The migration's own text, for a role of this test's own (a role is server-wide, and the
    // real one exists already): three databases run it at once, each in a transaction.
    const role = `ledgerline_app_race_${randomBytes(4).toString("hex")}`;
    const script = (
      await readFile(
        join(defaultMigrationsDirectory, "20261203110000_application_role", "migration.sql"),
        "utf8",
      )
    ).replaceAll(APPLICATION_ROLE, role);
    const racers = await Promise.all(
      [1, 2, 3].map(() => createTestDatabase({ adminUrl, prefix: "ledgerline_roles" })),
    );
    try {
      const clients = await Promise.all(
        racers.map(async (racer) => {
          const client = new pg.Client({ connectionString: racer.ownerUrl });
          await client.connect();
          await client.query("BEGIN");
          return client;
        }),
      );
      // One creates the role and holds it uncommitted until its migration commits; the others
      // wait for that commit and then find the role there: none fails.
      await Promise.all(
        clients.map(async (client) => {
          await client.query(script);
          await client.query("COMMIT");
          await client.end();
        }),
      );
      for (const racer of racers) {
        const [row] = await query<{ granted: boolean }>(
          racer.ownerUrl,
          "SELECT has_table_privilege($1, 'sales_documents', 'UPDATE') AS granted",
          [role],
        );
        expect(row?.granted).toBe(true);
      }
    } finally {
      for (const racer of racers) {
        await query(racer.ownerUrl, `DROP OWNED BY ${role}`).catch(() => {});
        await racer.drop();
      }
      await query(adminUrl, `DROP ROLE IF EXISTS ${role}`);
    }
  });
});

describe("the startup check of the API and the worker", () => {
  it("finds nothing to object to in the application's role, and names what the owner could do", async () => {
    expect(await checkDatabaseRole(database.url)).toEqual({
      role: APPLICATION_ROLE,
      problems: [],
    });
    const owner = await checkDatabaseRole(database.ownerUrl);
    expect(owner.role).toBe(new URL(adminUrl).username);
    expect(owner.problems).toEqual(expect.arrayContaining(["is a superuser"]));
    expect(owner.problems.find((problem) => problem.startsWith("owns tables"))).toBeDefined();
  });

  it("refuses the owner in production, warns elsewhere, and lets the application's role start", async () => {
    const said: string[] = [];
    const options = {
      log: {
        warn: (message: string) => said.push(`warn: ${message}`),
        fatal: (message: string) => said.push(`fatal: ${message}`),
      },
    };
    expect(
      await enforceApplicationRole({ url: database.ownerUrl, production: true, ...options }),
    ).toBe(false);
    expect(said.pop()).toMatch(
      /^fatal: DATABASE_URL connects as "\w+", which is a superuser, owns tables .*Refusing to start in production\.$/,
    );
    expect(
      await enforceApplicationRole({ url: database.ownerUrl, production: false, ...options }),
    ).toBe(true);
    expect(said.pop()).toMatch(/^warn: DATABASE_URL connects as "\w+", which is a superuser/);
    expect(await enforceApplicationRole({ url: database.url, production: true, ...options })).toBe(
      true,
    );
    expect(said).toEqual([]);
  });
});
