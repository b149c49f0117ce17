import { createDb, LEDGERLINE_SQLSTATE, type Db } from "@ledgerline/db";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import {
  COLUMNS_CHANGEABLE_AFTER_ISSUE,
  ISSUED_DOCUMENT_SQL,
  isIssuedDocument,
  SALES_DOCUMENT_STATUSES,
  SALES_DOCUMENT_TYPES,
  statusMoveKeys,
  STATUS_MACHINES,
} from "@ledgerline/domain";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemActor } from "../actor.ts";
import { createCustomer } from "../customers/customers.ts";
import { createPayment } from "../payments/payments.ts";
import { companyToday, loadSalesSettings } from "./company-context.ts";
import { cancelWithDocumentReturningId } from "./correct-invoice.ts";
import { createSalesDocument } from "./create-sales-document.ts";
import { assignDocumentNumber, inIssuingTransaction } from "./issue-document.ts";
import { cancelSalesDocument, issueSalesDocument, submitSalesDocument } from "./status-actions.ts";

/**
 * Issued documents are immutable in the database (GoBD; migration
 * 20261203110100_issued_documents_immutable), for the application's role that every test here
 * connects as, and the rule's TypeScript twins in packages/domain say the same as its SQL.
 */
const actor = systemActor("immutability test");
let database: TestDatabase;
let db: Db;
let customerId: string;
let contactId: string;

beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "immutable",
    adminUrl: inject("databaseAdminUrl"),
  });
  db = createDb({ url: database.url, maxConnections: 4 });
  const customer = await createCustomer(db, actor, {
    name: "Unveränderlich GmbH",
    contacts: [{ name: "Frau Beispiel" }],
  });
  customerId = customer.id;
  contactId = customer.contacts[0]!.id;
  // Sales orders from 1,000.00 need approval; the small documents below do not.
  await db.companySettings.upsert({
    where: { id: 1 },
    create: {
      legalName: "Test GmbH",
      invoiceApprovalPolicy: "threshold",
      invoiceApprovalThreshold: "1000.00",
    },
    update: { invoiceApprovalPolicy: "threshold", invoiceApprovalThreshold: "1000.00" },
  });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const LINE = { description: "Beratung", quantity: "2", unitPrice: "85.00", taxRate: "19" };

const draft = async (type: "invoice" | "sales_order" | "quote" = "invoice", quantity = "2") =>
  (
    await createSalesDocument(db, actor, {
      type,
      customerId,
      contactId,
      lines: [{ ...LINE, quantity }],
    })
  ).id;

const issued = async (type: "invoice" | "sales_order" | "quote" = "invoice") =>
  issueSalesDocument(db, actor, { id: await draft(type) });

/** Runs statements as the application's role on one connection (a transaction when asked). */
async function asApplication<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: database.url });
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** How PostgreSQL refused a statement: its SQLSTATE, message and the trigger's DETAIL. */
interface Refusal {
  code: string;
  message: string;
  detail: { number?: string; operation?: string; columns?: string[] | null } | null;
}

async function refusalOf(client: pg.Client, sql: string, values: unknown[] = []): Promise<Refusal> {
  await client.query("SAVEPOINT attempt");
  try {
    await client.query(sql, values);
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT attempt");
    const { code, message, detail } = error as { code: string; message: string; detail?: string };
    return { code, message, detail: detail?.startsWith("{") ? JSON.parse(detail) : null };
  }
  throw new Error(`Expected the database to refuse: ${sql}`);
}

/** Refused as the application's role; nothing is kept either way (rolled back). */
const refusedToApplication = (sql: string, values: unknown[] = []) =>
  asApplication(async (client) => {
    await client.query("BEGIN");
    try {
      return await refusalOf(client, sql, values);
    } finally {
      await client.query("ROLLBACK");
    }
  });

describe("an issued document, as the application's role", () => {
  it("keeps its number, dates and customer, also when the totals stay consistent", async () => {
    const document = await issued();
    const other = await createCustomer(db, actor, { name: "Jemand anderes AG" });
    const attempts: Array<[string, unknown[], string[]]> = [
      [
        `UPDATE sales_documents SET number = 'RE-1999-0001' WHERE id = $1`,
        [document.id],
        ["number"],
      ],
      [
        `UPDATE sales_documents SET issued_date = issued_date - 1 WHERE id = $1`,
        [document.id],
        ["issued_date"],
      ],
      [
        `UPDATE sales_documents SET customer_id = $2, customer_name = 'Jemand anderes AG',
                billing_address = '{"name": "Jemand anderes AG"}' WHERE id = $1`,
        [document.id, other.id],
        ["billing_address", "customer_id", "customer_name"],
      ],
    ];
    for (const [sql, values, columns] of attempts) {
      expect(await refusedToApplication(sql, values)).toMatchObject({
        code: LEDGERLINE_SQLSTATE.issuedDocumentChange,
        message: expect.stringContaining(`Issued document ${document.number} cannot be changed`),
        detail: { number: document.number, operation: "UPDATE", columns },
      });
    }
    const stored = await db.salesDocument.findUniqueOrThrow({ where: { id: document.id } });
    expect([stored.number, stored.customerId, stored.customerName]).toEqual([
      document.number,
      document.customerId,
      document.customerName,
    ]);
  });

  it("keeps its lines: a line's amount, a new line and a deleted line are refused", async () => {
    const document = await issued();
    const consistentChange = await refusedToApplication(
      `UPDATE line_items SET quantity = 3, subtotal = 255.00, subtotal_after_discount = 255.00,
              tax_amount = 48.45, total = 303.45
        WHERE sales_document_id = $1`,
      [document.id],
    );
    const added = await refusedToApplication(
      `INSERT INTO line_items (sales_document_id, position, description, quantity, unit_price,
              tax_rate, subtotal, discount_amount, subtotal_after_discount, tax_amount, total)
       VALUES ($1, 2, 'Nachtrag', 1, 0, 0, 0, 0, 0, 0, 0)`,
      [document.id],
    );
    const deleted = await refusedToApplication(
      `DELETE FROM line_items WHERE sales_document_id = $1`,
      [document.id],
    );
    expect(
      [consistentChange, added, deleted].map((refusal) => [
        refusal.code,
        refusal.detail?.operation,
      ]),
    ).toEqual([
      [LEDGERLINE_SQLSTATE.issuedDocumentChange, "UPDATE of line items"],
      [LEDGERLINE_SQLSTATE.issuedDocumentChange, "INSERT of line items"],
      [LEDGERLINE_SQLSTATE.issuedDocumentChange, "DELETE of line items"],
    ]);
    // A line moved from a draft onto the issued document is an insert into it.
    const other = await draft();
    expect(
      await refusedToApplication(
        `UPDATE line_items SET sales_document_id = $1, position = 9 WHERE sales_document_id = $2`,
        [document.id, other],
      ),
    ).toMatchObject({ code: LEDGERLINE_SQLSTATE.issuedDocumentChange });
    expect(await db.lineItem.count({ where: { salesDocumentId: document.id } })).toBe(1);
  });

  it("is never deleted, while a draft still is", async () => {
    const document = await issued();
    expect(
      await refusedToApplication(`DELETE FROM sales_documents WHERE id = $1`, [document.id]),
    ).toMatchObject({
      code: LEDGERLINE_SQLSTATE.issuedDocumentChange,
      detail: { number: document.number, operation: "DELETE" },
    });
    const unnumbered = await draft();
    await asApplication((client) =>
      client.query(`DELETE FROM sales_documents WHERE id = $1`, [unnumbered]),
    );
    expect(await db.salesDocument.count({ where: { id: { in: [document.id, unnumbered] } } })).toBe(
      1,
    );
  });

  it("lets exactly the columns of COLUMNS_CHANGEABLE_AFTER_ISSUE change, and every other column not", async () => {
    const document = await issued();
    const columns = await asApplication(async (client) => {
      const { rows } = await client.query<{ name: string; type: string; udt: string }>(
        `SELECT column_name AS name, data_type AS type, udt_name AS udt
           FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'sales_documents'
          ORDER BY ordinal_position`,
      );
      return rows;
    });
    const changed = (column: { name: string; type: string; udt: string }): string => {
      const name = `"${column.name}"`;
      switch (column.type) {
        case "text":
          return `coalesce(${name}, '') || 'x'`;
        case "character":
          return `CASE WHEN ${name} = 'ZZZ' THEN 'YYY' ELSE 'ZZZ' END`;
        case "date":
          return `coalesce(${name}, DATE '2000-01-01') + 1`;
        case "timestamp with time zone":
          return `coalesce(${name}, now()) + interval '1 day'`;
        case "numeric":
          return `coalesce(${name}, 0) + 1`;
        case "integer":
          return `coalesce(${name}, 0) + 1`;
        case "uuid":
          return "gen_random_uuid()";
        case "jsonb":
          return `coalesce(${name}, '{}') || '{"changed": true}'`;
        case "USER-DEFINED":
          return `(SELECT e.enumlabel::${column.udt} FROM pg_enum e
                    WHERE e.enumtypid = '${column.udt}'::regtype
                      AND e.enumlabel <> coalesce(${name}::text, '')
                    ORDER BY e.enumsortorder LIMIT 1)`;
        default:
          throw new Error(`No change written for ${column.name} (${column.type}): add one here.`);
      }
    };
    const changeable = Object.keys(COLUMNS_CHANGEABLE_AFTER_ISSUE);
    const frozen = columns.filter((column) => !changeable.includes(column.name));
    expect(frozen.map((column) => column.name)).toContain("terms");
    const refusedColumns = await asApplication(async (client) => {
      await client.query("BEGIN");
      const refused: string[] = [];
      for (const column of frozen) {
        const refusal = await refusalOf(
          client,
          `UPDATE sales_documents SET "${column.name}" = ${changed(column)} WHERE id = $1`,
          [document.id],
        );
        if (refusal.code === LEDGERLINE_SQLSTATE.issuedDocumentChange)
          refused.push(...(refusal.detail?.columns ?? []));
      }
      await client.query("ROLLBACK");
      return refused;
    });
    expect(refusedColumns).toEqual(frozen.map((column) => column.name));

    // The free ones, in one statement, by the application.
    await asApplication((client) =>
      client.query(
        `UPDATE sales_documents SET notes = 'intern', paid_amount = 10, archived_at = now(),
                updated_at = now() WHERE id = $1`,
        [document.id],
      ),
    );
    expect(await db.salesDocument.findUniqueOrThrow({ where: { id: document.id } })).toMatchObject({
      notes: "intern",
      archivedAt: expect.any(Date),
    });
  });

  it("moves its status only along its status machine, names a cancel reason once with the move to cancelled, and loses its contact only to null", async () => {
    const document = await issued("sales_order");
    const refusals = [
      await refusedToApplication(`UPDATE sales_documents SET status = 'draft' WHERE id = $1`, [
        document.id,
      ]),
      await refusedToApplication(`UPDATE sales_documents SET cancel_reason = 'x' WHERE id = $1`, [
        document.id,
      ]),
      await refusedToApplication(
        `UPDATE sales_documents SET contact_id = gen_random_uuid() WHERE id = $1`,
        [document.id],
      ),
    ];
    expect(refusals.map((refusal) => refusal.detail?.columns)).toEqual([
      ["status"],
      ["cancel_reason"],
      ["contact_id"],
    ]);
    await asApplication(async (client) => {
      await client.query(`UPDATE sales_documents SET contact_id = NULL WHERE id = $1`, [
        document.id,
      ]);
      await client.query(
        `UPDATE sales_documents SET status = 'cancelled', cancel_reason = 'Kunde sagt ab' WHERE id = $1`,
        [document.id],
      );
      await client.query("BEGIN");
      expect(
        await refusalOf(
          client,
          `UPDATE sales_documents SET cancel_reason = 'anders' WHERE id = $1`,
          [document.id],
        ),
      ).toMatchObject({ detail: { columns: ["cancel_reason"] } });
      await client.query("ROLLBACK");
    });
    expect(await db.salesDocument.findUniqueOrThrow({ where: { id: document.id } })).toMatchObject({
      status: "cancelled",
      cancelReason: "Kunde sagt ab",
      contactId: null,
    });
  });

  it("is changed as the product changes it: payments, a cancellation document", async () => {
    const invoice = await issued();
    const paid = await createPayment(db, actor, {
      salesDocumentId: invoice.id,
      amount: "202.30",
      paymentDate: companyToday(),
      method: "bank_transfer",
    });
    expect(paid.document).toMatchObject({ status: "paid" });
    const open = await issued();
    const cancellationId = await cancelWithDocumentReturningId(db, actor, {
      id: open.id,
      reason: "Doppelt",
    });
    const [cancelled, cancellation] = await Promise.all([
      db.salesDocument.findUniqueOrThrow({ where: { id: open.id } }),
      db.salesDocument.findUniqueOrThrow({ where: { id: cancellationId } }),
    ]);
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "Doppelt" });
    expect(cancellation.number).toMatch(/^ST-/);
  });
});

describe("the audit trail and issued documents, as their owner", () => {
  it("refuse TRUNCATE, which fires no row trigger", async () => {
    await issued();
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    owner.on("error", () => {});
    await owner.connect();
    try {
      await owner.query("BEGIN");
      const refusals = [
        await refusalOf(owner, "TRUNCATE audit_events CASCADE"),
        await refusalOf(owner, "TRUNCATE sales_documents CASCADE"),
        await refusalOf(owner, "TRUNCATE line_items"),
      ];
      await owner.query("ROLLBACK");
      expect(
        refusals.map((refusal) => [refusal.code, refusal.message.replace(/RE-\S+/, "RE-…")]),
      ).toEqual([
        ["P0001", "audit_events is append-only: TRUNCATE is not allowed"],
        [
          LEDGERLINE_SQLSTATE.issuedDocumentChange,
          "Issued document RE-… cannot be changed (TRUNCATE of sales_documents)",
        ],
        [
          LEDGERLINE_SQLSTATE.issuedDocumentChange,
          "Issued document RE-… cannot be changed (TRUNCATE of line_items)",
        ],
      ]);
    } finally {
      await owner.end();
    }
    expect(await db.auditEvent.count()).toBeGreaterThan(0);
  });
});

describe("the SQL and its TypeScript twins in packages/domain", () => {
  it("sales_document_is_issued is isIssuedDocument, at every stage of a document's life", async () => {
    const body = await asApplication(async (client) => {
      const { rows } = await client.query<{ body: string }>(
        `SELECT prosrc AS body FROM pg_proc WHERE proname = 'sales_document_is_issued'`,
      );
      return rows[0]!.body.trim();
    });
    expect(body).toBe(ISSUED_DOCUMENT_SQL);

    const inSql = async (id: string, client: pg.Client | Db = db) => {
      const query = `SELECT number, sales_document_is_issued(d) AS issued FROM sales_documents d WHERE id = $1::uuid`;
      const [row] =
        client instanceof pg.Client
          ? (await client.query<{ number: string | null; issued: boolean }>(query, [id])).rows
          : await client.$queryRawUnsafe<Array<{ number: string | null; issued: boolean }>>(
              query,
              id,
            );
      return row!;
    };
    const stages: Record<string, string> = {
      draft: await draft(),
      pending: await draft("sales_order", "100"),
      issued: (await issued()).id,
      "cancelled before it was issued": await draft("sales_order"),
    };
    await submitSalesDocument(db, actor, stages.pending!);
    await cancelSalesDocument(db, actor, {
      id: stages["cancelled before it was issued"]!,
      reason: "Nie verschickt",
    });
    stages.cancellation = await cancelWithDocumentReturningId(db, actor, {
      id: (await issued()).id,
      reason: "Storno",
    });

    const seen: Record<string, [boolean, boolean]> = {};
    for (const [stage, id] of Object.entries(stages)) {
      const row = await inSql(id);
      seen[stage] = [row.issued, isIssuedDocument(row)];
    }
    // Inside the issuing transaction: status and dates written, the number still to come.
    const issuing = await draft();
    const settings = await loadSalesSettings(db);
    await expect(
      inIssuingTransaction(db, async (tx) => {
        await assignDocumentNumber(tx, actor, {
          document: { id: issuing, type: "invoice" },
          fields: {
            status: "sent",
            issuedDate: companyToday(),
            dueDate: null,
            validUntil: null,
            customerName: "Unveränderlich GmbH",
            billingAddress: {},
            customerVatId: null,
            approvedById: null,
          },
          personId: null,
          settings,
          action: "issue",
          before: { status: "draft" },
        });
        const [row] = await tx.$queryRawUnsafe<Array<{ number: string | null; issued: boolean }>>(
          `SELECT number, sales_document_is_issued(d) AS issued FROM sales_documents d WHERE id = $1::uuid`,
          issuing,
        );
        seen["while issuing, before the commit"] = [row!.issued, isIssuedDocument(row!)];
        throw new Error("stop before the commit");
      }),
    ).rejects.toThrow("stop before the commit");

    expect(seen).toEqual({
      draft: [false, false],
      pending: [false, false],
      issued: [true, true],
      "cancelled before it was issued": [false, false],
      cancellation: [true, true],
      "while issuing, before the commit": [false, false],
    });
  });

  it("sales_document_status_move_allowed is STATUS_MACHINES, move for move", async () => {
    const allowedInSql = await asApplication(async (client) => {
      const { rows } = await client.query<{ move: string }>(
        `SELECT t::text || ':' || f::text || '>' || s::text AS move
           FROM unnest(enum_range(NULL::sales_document_type)) t,
                unnest(enum_range(NULL::sales_document_status)) f,
                unnest(enum_range(NULL::sales_document_status)) s
          WHERE sales_document_status_move_allowed(t, f, s)`,
      );
      return rows.map((row) => row.move);
    });
    const allowedInTypeScript = SALES_DOCUMENT_TYPES.flatMap((type) =>
      SALES_DOCUMENT_STATUSES.flatMap((from) =>
        SALES_DOCUMENT_STATUSES.filter((to) => STATUS_MACHINES[type].canMove(from, to)).map(
          (to) => `${type}:${from}>${to}`,
        ),
      ),
    );
    expect(allowedInSql.sort()).toEqual(allowedInTypeScript.sort());
    expect(statusMoveKeys().sort()).toEqual(allowedInTypeScript.sort());
  });
});
