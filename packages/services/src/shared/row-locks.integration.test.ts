import { createDb, type Db } from "@ledgerline/db";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemActor } from "../actor.ts";
import { createCustomer } from "../customers/customers.ts";
import { lockRowForUpdate } from "./row-locks.ts";

/**
 * The lock an update holds on a record must not stop other transactions from referring to the
 * record: their foreign-key checks run at commit, under the commit-time lock, and a record
 * being edited that blocked them deadlocked both (issuing an invoice while its customer was
 * edited answered 500).
 */
let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "row_locks",
    adminUrl: inject("databaseAdminUrl"),
  });
  db = createDb({ url: database.url, maxConnections: 4 });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("lockRowForUpdate", () => {
  it("serialises two updates of a record but lets a foreign-key check on it through", async () => {
    const customer = await createCustomer(db, systemActor("test"), { name: "Gesperrt GmbH" });
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await db.$transaction(async (tx) => {
        await lockRowForUpdate(tx, "customers", customer.id);
        await other.query("SET lock_timeout = '2s'");
        // What the numbering's foreign-key check takes: passes while the record is locked.
        await expect(
          other.query("SELECT 1 FROM customers WHERE id = $1 FOR KEY SHARE", [customer.id]),
        ).resolves.toMatchObject({ rowCount: 1 });
        // A second update of the same record waits (here: gives up after the timeout).
        await expect(
          other.query("SELECT 1 FROM customers WHERE id = $1 FOR NO KEY UPDATE", [customer.id]),
        ).rejects.toThrow(/lock timeout/);
      });
    } finally {
      await other.end();
    }
  });
});
