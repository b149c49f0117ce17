import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  auditEventHash,
  GENESIS_HASH,
  HASHED_AUDIT_EVENT_COLUMNS,
  verifyAuditChain,
  type HashedAuditEvent,
} from "./audit-chain.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

/**
 * The hash chain over the audit trail (migration 20261203110300_audit_event_hash_chain): the
 * database links every event at commit, and the verifier finds what the owner changed past the
 * append-only triggers.
 */
const adminUrl = inject("databaseAdminUrl");
const databases: TestDatabase[] = [];
afterAll(() => Promise.all(databases.map((database) => database.drop())));

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({ adminUrl, prefix: "ledgerline_chain" });
  databases.push(database);
  return database;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const insertEvent = (client: pg.Client, fields: Partial<Record<string, unknown>> = {}) =>
  client.query(
    `INSERT INTO audit_events (action, entity_type, entity_id, before, after)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb) RETURNING id::text AS id`,
    [
      fields.action ?? "update",
      fields.entityType ?? "customer",
      fields.entityId ?? "c-1",
      fields.before === undefined ? null : JSON.stringify(fields.before),
      fields.after === undefined ? JSON.stringify({ name: "Kunde" }) : JSON.stringify(fields.after),
    ],
  );

/** As only a superuser can: one statement past every trigger. */
const tamper = (database: TestDatabase, sql: string) =>
  withClient(database.ownerUrl, async (client) => {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(sql);
    await client.query("COMMIT");
  });

/** Ten events from five transactions at once, one of which rolls back. */
async function writeEvents(database: TestDatabase) {
  await Promise.all(
    [0, 1, 2, 3, 4].map((writer) =>
      withClient(database.url, async (client) => {
        await client.query("BEGIN");
        await insertEvent(client, { entityId: `c-${writer}`, after: { writer, step: 1 } });
        await insertEvent(client, { entityId: `c-${writer}`, after: { writer, step: 2 } });
        await client.query(writer === 4 ? "ROLLBACK" : "COMMIT");
      }),
    ),
  );
  await withClient(database.url, async (client) => {
    await insertEvent(client, { action: "create", before: null, after: { name: 'Ä\nß 😀 "x"' } });
    await insertEvent(client, { action: "delete", before: { name: "weg" }, after: null });
  });
}

describe("the audit trail's hash chain", () => {
  it("links every committed event once, in commit order, and the verifier finds it intact", async () => {
    const database = await freshDatabase();
    await writeEvents(database);
    const report = await verifyAuditChain(database.url);
    expect(report).toMatchObject({ links: 10, problems: [] });
    const links = await withClient(database.url, async (client) => {
      const { rows } = await client.query<{ previous_hash: string; hash: string; event: string }>(
        `SELECT previous_hash, hash, audit_event_id::text AS event FROM audit_event_links ORDER BY position`,
      );
      return rows;
    });
    expect(links[0]!.previous_hash).toBe(GENESIS_HASH);
    links.slice(1).forEach((link, index) => expect(link.previous_hash).toBe(links[index]!.hash));
    expect(report.head).toBe(links.at(-1)!.hash);
    // A transaction's two events are linked one after the other: commits take turns.
    expect(new Set(links.map((link) => link.event)).size).toBe(10);
  });

  it("hashes in TypeScript exactly what the database hashes", async () => {
    const database = await freshDatabase();
    await writeEvents(database);
    const rows = await withClient(database.url, async (client) => {
      const { rows } = await client.query<
        HashedAuditEvent & { previousHash: string; hash: string; sqlHash: string }
      >(
        `SELECT ${HASHED_AUDIT_EVENT_COLUMNS}, l.previous_hash AS "previousHash", l.hash,
                audit_event_hash('0123abc', e) AS "sqlHash"
           FROM audit_events e JOIN audit_event_links l ON l.audit_event_id = e.id ORDER BY e.id`,
      );
      return rows;
    });
    expect(rows.map((row) => row.after)).toContain('{"name": "Ä\\nß 😀 \\"x\\""}');
    for (const row of rows) {
      expect(auditEventHash(row.previousHash, row)).toBe(row.hash);
      expect(auditEventHash("0123abc", row)).toBe(row.sqlHash);
    }
  });

  it("names an event the owner changed, removed or slipped in past the triggers", async () => {
    const database = await freshDatabase();
    await writeEvents(database);
    const ids = await withClient(database.url, async (client) =>
      (
        await client.query<{ id: string }>("SELECT id::text AS id FROM audit_events ORDER BY id")
      ).rows.map((row) => row.id),
    );
    await tamper(
      database,
      `UPDATE audit_events SET after = '{"name": "Gefälscht"}' WHERE id = ${ids[3]}`,
    );
    await tamper(
      database,
      `DELETE FROM audit_event_links WHERE audit_event_id = ${ids[6]};
                            DELETE FROM audit_events WHERE id = ${ids[6]}`,
    );
    await tamper(
      database,
      `INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('forged', 'customer', 'c-9')`,
    );
    const report = await verifyAuditChain(database.url);
    // Links are in commit order, not id order: the problems come in the chain's order.
    expect(report.problems).toHaveLength(3);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`\\(audit event ${ids[3]}\\): the audit event differs from what was linked`),
        ),
        expect.stringMatching(
          /: its previous hash is not the hash of the link before it: a link was removed or reordered$/,
        ),
        expect.stringMatching(
          /^1 audit event\(s\) without a link, written past the chain's trigger: \d+$/,
        ),
      ]),
    );
  });

  it("is written by the database alone: the application may read the links, never write them", async () => {
    const database = await freshDatabase();
    await writeEvents(database);
    const refusals = await withClient(database.url, async (client) => {
      const attempts = [
        `INSERT INTO audit_event_links (audit_event_id, previous_hash, hash) VALUES (1, '${GENESIS_HASH}', '${GENESIS_HASH}')`,
        "UPDATE audit_event_links SET hash = previous_hash",
        "DELETE FROM audit_event_links",
        "TRUNCATE audit_event_links",
      ];
      const messages: string[] = [];
      for (const sql of attempts) {
        messages.push(
          await client.query(sql).then(
            () => "done",
            (error: Error) => error.message,
          ),
        );
      }
      await client.query("SELECT count(*) FROM audit_event_links");
      return messages;
    });
    expect(refusals).toEqual(Array(4).fill("permission denied for table audit_event_links"));
    const ownerRefusals = await withClient(database.ownerUrl, async (client) => {
      const messages: string[] = [];
      for (const sql of ["DELETE FROM audit_event_links", "TRUNCATE audit_event_links"]) {
        messages.push(
          await client.query(sql).then(
            () => "done",
            (error: Error) => error.message,
          ),
        );
      }
      return messages;
    });
    expect(ownerRefusals).toEqual([
      "audit_events is append-only: DELETE is not allowed",
      "audit_events is append-only: TRUNCATE is not allowed",
    ]);
  });

  it("pnpm audit:verify says so, and fails on a changed trail", async () => {
    const database = await freshDatabase();
    await writeEvents(database);
    const script = fileURLToPath(new URL("../scripts/verify-audit.ts", import.meta.url));
    const run = () =>
      new Promise<{ code: number; output: string }>((resolve) => {
        execFile(
          process.execPath,
          ["--import", "tsx", script],
          {
            env: { PATH: "", DATABASE_OWNER_URL: database.ownerUrl },
            cwd: fileURLToPath(new URL("..", import.meta.url)),
          },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
        );
      });
    const intact = await run();
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.output).toMatch(
      /^The audit trail is intact: 10 events linked, head [0-9a-f]{64}\.$/m,
    );
    await tamper(
      database,
      `UPDATE audit_events SET action = 'forged' WHERE id = (SELECT min(id) FROM audit_events)`,
    );
    const changed = await run();
    expect(changed.code).toBe(1);
    expect(changed.output).toContain("the audit event differs from what was linked");
  });
});
