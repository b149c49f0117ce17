import { randomUUID } from "node:crypto";
import type { StoredFileKind } from "@ledgerline/db";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import {
  BATCH_OPERATIONS,
  BATCH_OUTCOMES,
  DISBURSEMENT_ITEM_TYPES,
  EXPENSE_CATEGORIES,
  INVOICE_GROUP_STATUSES,
  INVOICE_KINDS,
  LINE_ITEM_TYPES,
  PAYMENT_METHODS,
  PROJECT_STATUSES,
  PURCHASE_ORDER_STATUSES,
  PURCHASE_ORDER_TYPES,
  ROLES,
  SALES_DOCUMENT_STATUSES,
  SALES_DOCUMENT_TYPES,
  STATUSES_BY_TYPE,
  SUPPLIER_KINDS,
} from "@ledgerline/domain";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

/**
 * The domain's lists that the database keeps too (enums and the statuses per type) are the
 * same lists: what a schema accepts, the database stores, and the other way round.
 */
let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase({ prefix: "lists", adminUrl: inject("databaseAdminUrl") });
  client = new pg.Client({ connectionString: database.url });
  client.on("error", () => {});
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await database?.drop();
});

const enumValues = async (type: string) =>
  (
    await client.query<{ value: string }>(`SELECT unnest(enum_range(NULL::${type}))::text AS value`)
  ).rows.map((row) => row.value);

describe("the domain's lists and the database's", () => {
  it("name the same values in the same order", async () => {
    expect(await enumValues("sales_document_type")).toEqual([...SALES_DOCUMENT_TYPES]);
    expect(await enumValues("sales_document_status")).toEqual([...SALES_DOCUMENT_STATUSES]);
    expect(await enumValues("payment_method")).toEqual([...PAYMENT_METHODS]);
    expect(await enumValues("line_item_type")).toEqual([...LINE_ITEM_TYPES]);
    expect(await enumValues("invoice_kind")).toEqual([...INVOICE_KINDS]);
    expect(await enumValues("expense_category")).toEqual([...EXPENSE_CATEGORIES]);
    expect(await enumValues("role")).toEqual([...ROLES]);
    expect(await enumValues("supplier_kind")).toEqual([...SUPPLIER_KINDS]);
    expect(await enumValues("project_status")).toEqual([...PROJECT_STATUSES]);
    expect(await enumValues("purchase_order_status")).toEqual([...PURCHASE_ORDER_STATUSES]);
    expect(await enumValues("purchase_order_type")).toEqual([...PURCHASE_ORDER_TYPES]);
    expect(await enumValues("disbursement_item_type")).toEqual([...DISBURSEMENT_ITEM_TYPES]);
    expect(await enumValues("purchase_order_batch_operation")).toEqual([...BATCH_OPERATIONS]);
    expect(await enumValues("purchase_order_batch_outcome")).toEqual([...BATCH_OUTCOMES]);
    expect(await enumValues("invoice_group_status")).toEqual([...INVOICE_GROUP_STATUSES]);
  });

  it("store the kinds of file the code writes, and no other", async () => {
    // The domain keeps no list of stored file kinds (each use case writes its own); the Record
    // makes the compiler hold this list equal to the Prisma type those writes are checked by.
    const kinds = {
      sales_document_pdf: true,
      purchase_order_pdf: true,
      invoice_group_pdf: true,
      expense_receipt: true,
      company_logo: true,
    } satisfies Record<StoredFileKind, true>;
    expect((await enumValues("stored_file_kind")).sort()).toEqual(Object.keys(kinds).sort());
  });

  it("store exactly the statuses each type has", async () => {
    const customerId = randomUUID();
    await client.query(
      `INSERT INTO customers (id, name, updated_at) VALUES ($1, 'Listen GmbH', now())`,
      [customerId],
    );
    const stored: string[] = [];
    await client.query("BEGIN");
    for (const type of SALES_DOCUMENT_TYPES) {
      for (const status of SALES_DOCUMENT_STATUSES) {
        await client.query("SAVEPOINT attempt");
        try {
          await client.query(
            `INSERT INTO sales_documents (type, status, currency, customer_id, customer_name,
                                          billing_address, updated_at)
             VALUES ($1, $2, 'EUR', $3, 'Listen GmbH', '{}', now())`,
            [type, status, customerId],
          );
          stored.push(`${type}:${status}`);
        } catch (error) {
          // 23514: check_violation (sales_documents_status_of_type); anything else is a failure.
          expect((error as { code?: string }).code, `${type} ${status}`).toBe("23514");
        }
        await client.query("ROLLBACK TO SAVEPOINT attempt");
      }
    }
    await client.query("ROLLBACK");
    const domain = Object.entries(STATUSES_BY_TYPE).flatMap(([type, statuses]) =>
      statuses.map((status) => `${type}:${status}`),
    );
    expect(stored.sort()).toEqual(domain.sort());
  });
});
