import { createDb, LEDGERLINE_SQLSTATE, type Db } from "@ledgerline/db";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import { AppError, type Role } from "@ledgerline/domain";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemActor, type Actor } from "../actor.ts";
import { createCustomer } from "../customers/customers.ts";
import { createPayment, deletePayment, updatePayment } from "../payments/payments.ts";
import { createUser } from "../users/users.ts";
import { companyToday } from "./company-context.ts";
import { createCreditNote, refundInvoice } from "./correct-invoice.ts";
import { createSalesDocument } from "./create-sales-document.ts";
import {
  archiveSalesDocument,
  deleteSalesDocument,
  restoreDeletedSalesDocument,
  restoreSalesDocument,
} from "./delete-sales-document.ts";
import { updateSalesDocumentNotes } from "./edit-sales-document.ts";
import { listSalesDocuments, salesDocumentSelectionTotals } from "./list-sales-documents.ts";
import { getSalesDocument } from "./read-sales-document.ts";
import { salesDocumentStatistics } from "./sales-document-statistics.ts";
import { approveSalesDocument, issueSalesDocument, submitSalesDocument } from "./status-actions.ts";
import { updateCompanySettings } from "../settings/company-settings.ts";

/**
 * Seed 004's lifecycle beyond the status machine (§5.6, §5.10, §5.12): soft delete and its
 * restore, archive of any document that is not a draft, and the refund that takes a paid invoice
 * to refunded, with exact sums, against the real database and its GoBD triggers.
 */
const system = systemActor("lifecycle test");
let database: TestDatabase;
let db: Db;
let customerId: string;
const people = {} as Record<Role, Actor>;

beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "lifecycle",
    adminUrl: inject("databaseAdminUrl"),
  });
  db = createDb({ url: database.url, maxConnections: 4 });
  await db.companySettings.upsert({
    where: { id: 1 },
    create: { legalName: "Lebenszyklus GmbH" },
    update: {},
  });
  for (const role of ["admin", "finance", "team_lead", "team_member"] as const) {
    const user = await createUser(db, system, {
      email: `${role}@lifecycle.test`,
      name: `Person ${role}`,
      role,
      password: "correct horse battery staple",
    });
    people[role] = { kind: "user", userId: user.id, role, name: user.name };
  }
  customerId = (await createCustomer(db, system, { name: "Lebenszyklus Kunde AG" })).id;
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** 2 × 85.00 at 19 % = 202.30; 1 × 40.00 at 7 % = 42.80. */
const CONSULTING = { description: "Beratung", quantity: "2", unitPrice: "85.00", taxRate: "19" };
const BOOKS = { description: "Fachbuch", quantity: "1", unitPrice: "40.00", taxRate: "7" };

const draftInvoice = async (lines: object[] = [CONSULTING]) =>
  (await createSalesDocument(db, system, { type: "invoice", customerId, lines: lines as never }))
    .id;
const issuedInvoice = async (lines?: object[]) =>
  (await issueSalesDocument(db, system, { id: await draftInvoice(lines) })).id;
const pay = (salesDocumentId: string, amount: string) =>
  createPayment(db, people.finance, {
    salesDocumentId,
    amount,
    paymentDate: companyToday(),
    method: "bank_transfer",
  });

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("Expected an AppError.");
}

const listedIds = async (input: object, actor: Actor = people.finance) =>
  (await listSalesDocuments(db, { type: "invoice", pageSize: 100, ...input }, actor)).items.map(
    (item) => item.id,
  );

const countOf = async (input: object) =>
  (await salesDocumentSelectionTotals(db, { type: "invoice", ...input }, people.finance)).reduce(
    (sum, row) => sum + row.count,
    0,
  );

describe("soft delete", () => {
  it("hides an issued invoice from lists, counts and sums, keeps it with its number, and restores it; both audited", async () => {
    const id = await issuedInvoice();
    const before = await getSalesDocument(db, people.finance, id);
    expect(before.allowedActions).toContain("delete");
    const counted = await countOf({});
    const statistics = await salesDocumentStatistics(db, { type: "invoice" });

    await expect(deleteSalesDocument(db, people.finance, id)).resolves.toEqual({
      id,
      softDeleted: true,
    });
    const stored = await db.salesDocument.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({
      number: before.number,
      status: "sent",
      total: before.total,
      deletedById: people.finance.kind === "user" ? people.finance.userId : null,
    });
    expect(stored.deletedAt).toBeInstanceOf(Date);

    // Lists: gone by default (rows, counts from the kept totals, sums), there under "only".
    expect(await listedIds({})).not.toContain(id);
    expect(await listedIds({ deleted: "only" })).toEqual([id]);
    expect(await countOf({})).toBe(counted - 1);
    expect(await countOf({ deleted: "only" })).toBe(1);
    // A filter the kept totals cannot answer reads the documents: the same rule.
    expect(await countOf({ customerId })).toBe(counted - 1);
    expect(await countOf({ customerId, deleted: "only" })).toBe(1);
    // Statistics keep the tax truth: an issued invoice counts whether hidden or not.
    expect(await salesDocumentStatistics(db, { type: "invoice" })).toEqual(statistics);

    // By id: admin and finance see it with who deleted it; it allows nothing but restoring.
    const read = await getSalesDocument(db, people.admin, id);
    expect(read).toMatchObject({
      deletedBy: { name: "Person finance" },
      allowedActions: [],
      recordActions: ["restoreDeleted"],
    });
    // Those who may not delete neither find it nor list the deleted ones.
    expect((await errorOf(getSalesDocument(db, people.team_member, id))).code).toBe("NOT_FOUND");
    expect(
      (await errorOf(listSalesDocuments(db, { deleted: "only" }, people.team_member))).code,
    ).toBe("FORBIDDEN");
    // Changing it is refused until it is restored.
    expect((await errorOf(pay(id, "1.00"))).code).toBe("CONFLICT");
    expect(
      (await errorOf(updateSalesDocumentNotes(db, people.finance, { id, notes: "x" }))).code,
    ).toBe("CONFLICT");
    expect((await errorOf(archiveSalesDocument(db, people.finance, id))).code).toBe("CONFLICT");
    // Deleting again changes nothing.
    await deleteSalesDocument(db, people.finance, id);
    expect((await db.salesDocument.findUniqueOrThrow({ where: { id } })).deletedAt).toEqual(
      stored.deletedAt,
    );

    const restored = await restoreDeletedSalesDocument(db, people.finance, id);
    expect(restored).toMatchObject({ deletedAt: null, deletedBy: null, status: "sent" });
    expect(restored.allowedActions).toContain("delete");
    expect(await listedIds({})).toContain(id);
    expect(await countOf({})).toBe(counted);
    expect(await countOf({ deleted: "only" })).toBe(0);

    const events = await db.auditEvent.findMany({
      where: {
        entityType: "salesDocument",
        entityId: id,
        action: { in: ["softDelete", "restoreDeleted"] },
      },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    });
    expect(events.map((event) => event.action)).toEqual(["softDelete", "restoreDeleted"]);
  });

  it("removes a never-issued draft for good", async () => {
    const id = await draftInvoice();
    await expect(deleteSalesDocument(db, people.finance, id)).resolves.toEqual({
      id,
      softDeleted: false,
    });
    expect(await db.salesDocument.findUnique({ where: { id } })).toBeNull();
  });

  it("is refused to whoever may not delete", async () => {
    const id = await issuedInvoice();
    expect((await errorOf(deleteSalesDocument(db, people.team_member, id))).code).toBe("FORBIDDEN");
    expect((await errorOf(restoreDeletedSalesDocument(db, people.team_member, id))).code).toBe(
      "FORBIDDEN",
    );
    expect((await db.salesDocument.findUniqueOrThrow({ where: { id } })).deletedAt).toBeNull();
  });

  it("is what the GoBD trigger lets change on an issued document, and nothing more", async () => {
    const id = await issuedInvoice();
    const client = new pg.Client({ connectionString: database.url });
    client.on("error", () => {});
    await client.connect();
    try {
      await client.query(
        `UPDATE sales_documents SET deleted_at = now(), deleted_by_id = NULL WHERE id = $1`,
        [id],
      );
      await client.query(`UPDATE sales_documents SET deleted_at = NULL WHERE id = $1`, [id]);
      const refusal = await client
        .query(`UPDATE sales_documents SET deleted_at = now(), total = total + 1 WHERE id = $1`, [
          id,
        ])
        .then(
          () => null,
          (error: { code: string; detail?: string }) => ({
            code: error.code,
            columns: JSON.parse(error.detail ?? "{}").columns,
          }),
        );
      expect(refusal).toEqual({
        code: LEDGERLINE_SQLSTATE.issuedDocumentChange,
        columns: ["total"],
      });
      const deletion = await client.query(`DELETE FROM sales_documents WHERE id = $1`, [id]).then(
        () => null,
        (error: { code: string }) => error.code,
      );
      expect(deletion).toBe(LEDGERLINE_SQLSTATE.issuedDocumentChange);
    } finally {
      await client.end();
    }
    expect(await db.salesDocument.findUniqueOrThrow({ where: { id } })).toMatchObject({
      deletedAt: null,
      total: expect.anything(),
    });
  });
});

describe("archive", () => {
  it("archives any document that is not a draft and restores it; a draft is deleted instead", async () => {
    const id = await issuedInvoice();
    expect((await getSalesDocument(db, people.team_lead, id)).recordActions).toContain("archive");
    const archived = await archiveSalesDocument(db, people.team_lead, id);
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(archived.status).toBe("sent");
    expect(await listedIds({})).not.toContain(id);
    expect(await listedIds({ archived: "archived" })).toContain(id);
    const restored = await restoreSalesDocument(db, people.team_lead, id);
    expect(restored.archivedAt).toBeNull();
    expect(
      (
        await db.auditEvent.findMany({
          where: {
            entityType: "salesDocument",
            entityId: id,
            action: { in: ["archive", "restore"] },
          },
          orderBy: { id: "asc" },
        })
      ).map((event) => event.action),
    ).toEqual(["archive", "restore"]);

    const draft = await draftInvoice();
    const refusal = await errorOf(archiveSalesDocument(db, people.team_lead, draft));
    expect(refusal.code).toBe("INVALID_TRANSITION");
    expect(refusal.details).toMatchObject({ allowed: ["delete"] });
  });
});

describe("refund", () => {
  it("takes a paid invoice to refunded: a full credit note and the refund payment of what was paid", async () => {
    const id = await issuedInvoice([CONSULTING, BOOKS]);
    await pay(id, "100.00");
    await pay(id, "145.10");
    const paid = await getSalesDocument(db, people.finance, id);
    expect(paid).toMatchObject({ status: "paid", total: expect.anything() });
    expect(paid.total.toFixed(2)).toBe("245.10");
    expect(paid.allowedActions).toContain("refund");

    const refunded = await refundInvoice(db, people.finance, {
      id,
      method: "bank_transfer",
      reference: "Rückzahlung 4711",
      reason: "Projekt abgesagt",
    });
    expect(refunded.status).toBe("refunded");
    expect(refunded.allowedActions).toEqual(["delete"]);
    const [creditNote] = refunded.followUps.filter((followUp) => followUp.type === "credit_note");
    expect(creditNote).toMatchObject({ status: "paid", number: expect.stringMatching(/^GS-/) });
    expect(creditNote!.total.toFixed(2)).toBe("-245.10");
    const note = await getSalesDocument(db, people.finance, creditNote!.id);
    expect(note.lineItems.map((line) => [line.quantity.toFixed(3), line.total.toFixed(2)])).toEqual(
      [
        ["-2.000", "-202.30"],
        ["-1.000", "-42.80"],
      ],
    );
    expect(note.payments.map((payment) => [payment.amount.toFixed(2), payment.method])).toEqual([
      ["245.10", "bank_transfer"],
    ]);
    expect(note.payments[0]!.reference).toBe("Rückzahlung 4711");
    const event = await db.auditEvent.findFirstOrThrow({
      where: { entityType: "salesDocument", entityId: id, action: "refund" },
    });
    expect(event.after).toMatchObject({
      status: "refunded",
      creditedAmount: "245.10",
      refundedAmount: "245.10",
      reason: "Projekt abgesagt",
    });
    // Nothing leaves refunded: no second refund, and its payments and refunds stay as they are.
    expect((await errorOf(refundInvoice(db, people.finance, { id, method: "cash" }))).code).toBe(
      "INVALID_TRANSITION",
    );
    const refusal = await errorOf(deletePayment(db, people.finance, note.payments[0]!.id));
    expect(refusal.code).toBe("INVALID_TRANSITION");
    expect(refusal.appMessage.key).toBe("payment.invoiceRefunded");
    const invoicePayment = await db.payment.findFirstOrThrow({ where: { salesDocumentId: id } });
    expect(
      (
        await errorOf(
          updatePayment(db, people.finance, { id: invoicePayment.id, values: { amount: "1.00" } }),
        )
      ).code,
    ).toBe("INVALID_TRANSITION");
    expect((await getSalesDocument(db, people.finance, id)).status).toBe("refunded");
  });

  it("credits only what is not credited yet and pays back everything still due", async () => {
    const id = await issuedInvoice([CONSULTING, BOOKS]);
    await pay(id, "245.10");
    // The books were credited (42.80) and 20.00 of that paid back already.
    const invoiceLines = (await getSalesDocument(db, people.finance, id)).lineItems;
    const first = await createCreditNote(db, people.finance, {
      invoiceId: id,
      lines: [{ sourceLineItemId: invoiceLines[1]!.id, quantity: "1" }],
      goodwillLines: [],
    });
    await issueSalesDocument(db, people.finance, { id: first.id });
    await pay(first.id, "20.00");
    expect((await getSalesDocument(db, people.finance, id)).status).toBe("paid");

    const refunded = await refundInvoice(db, people.admin, { id, method: "cash" });
    expect(refunded.status).toBe("refunded");
    const notes = refunded.followUps.filter((followUp) => followUp.type === "credit_note");
    expect(notes.map((note) => note.total.toFixed(2))).toEqual(["-42.80", "-202.30"]);
    const second = await getSalesDocument(db, people.finance, notes[1]!.id);
    expect(second.lineItems.map((line) => line.description)).toEqual(["Beratung"]);
    // 245.10 paid, 20.00 already paid back: 225.10 goes back now.
    expect(second.payments.map((payment) => payment.amount.toFixed(2))).toEqual(["225.10"]);
    const refundedSum = await db.payment.aggregate({
      where: { salesDocumentId: { in: notes.map((note) => note.id) } },
      _sum: { amount: true },
    });
    expect(refundedSum._sum.amount!.toFixed(2)).toBe("245.10");
  });

  it("is refused on an invoice that is not paid, and to whoever may not correct and pay", async () => {
    const id = await issuedInvoice();
    const refusal = await errorOf(refundInvoice(db, people.finance, { id, method: "cash" }));
    expect(refusal.code).toBe("INVALID_TRANSITION");
    expect(refusal.details).toMatchObject({ status: "sent", action: "refund" });
    await pay(id, "202.30");
    expect((await errorOf(refundInvoice(db, people.team_lead, { id, method: "cash" }))).code).toBe(
      "FORBIDDEN",
    );
    const after = await getSalesDocument(db, people.finance, id);
    expect(after.status).toBe("paid");
    expect(after.followUps).toEqual([]);
  });
});

describe("approval policy (§5.1)", () => {
  const policy = (values: Parameters<typeof updateCompanySettings>[2]) =>
    updateCompanySettings(db, system, values);
  const small = async () =>
    (
      await createSalesDocument(db, people.finance, {
        type: "invoice",
        customerId,
        lines: [BOOKS] as never,
      })
    ).id;

  it("always: every document is submitted; never: issued directly; threshold: at or above the amount", async () => {
    await policy({ invoiceApprovalPolicy: "always" });
    expect((await getSalesDocument(db, people.finance, await small())).allowedActions).toEqual([
      "submit",
      "delete",
    ]);
    await policy({ invoiceApprovalPolicy: "threshold", invoiceApprovalThreshold: "42.80" });
    expect((await getSalesDocument(db, people.finance, await small())).allowedActions).toContain(
      "submit",
    );
    await policy({ invoiceApprovalThreshold: "42.81" });
    expect((await getSalesDocument(db, people.finance, await small())).allowedActions).toContain(
      "issue",
    );
    await policy({ invoiceApprovalPolicy: "never" });
    expect((await getSalesDocument(db, people.finance, await small())).allowedActions).toContain(
      "issue",
    );
    // The amount counts only under the threshold policy, which needs one.
    const refusal = await errorOf(
      policy({ invoiceApprovalPolicy: "threshold", invoiceApprovalThreshold: null }),
    );
    expect(refusal.fieldErrors).toHaveProperty("invoiceApprovalThreshold");
    // A threshold sent alone names its policy, as before: 0 = always, none = never.
    expect(await policy({ invoiceApprovalThreshold: "0" })).toMatchObject({
      invoiceApprovalPolicy: "always",
    });
    expect(await policy({ invoiceApprovalThreshold: null })).toMatchObject({
      invoiceApprovalPolicy: "never",
    });
  });

  it("lets the only person who may approve approve their own submission, audited as a self-approval", async () => {
    await policy({ invoiceApprovalPolicy: "always" });
    const id = await small();
    await submitSalesDocument(db, people.admin, id);
    // Others may approve: four-eyes holds.
    expect((await getSalesDocument(db, people.admin, id)).allowedActions).toEqual([
      "withdraw",
      "delete",
    ]);
    expect((await errorOf(approveSalesDocument(db, people.admin, id))).code).toBe("FORBIDDEN");
    // A one-person company: the others who may approve are gone (the admin stays, as the
    // database insists on one active administrator).
    const others = [people.finance, people.team_lead].map((person) =>
      person.kind === "user" ? person.userId : "",
    );
    await db.user.updateMany({ where: { id: { in: others } }, data: { active: false } });
    try {
      expect((await getSalesDocument(db, people.admin, id)).allowedActions).toEqual([
        "approve",
        "withdraw",
        "delete",
      ]);
      const approved = await approveSalesDocument(db, people.admin, id);
      expect(approved.status).toBe("sent");
      const event = await db.auditEvent.findFirstOrThrow({
        where: { entityType: "salesDocument", entityId: id, action: "approve" },
      });
      expect(event.after).toMatchObject({ selfApproval: true });
    } finally {
      await db.user.updateMany({ where: { id: { in: others } }, data: { active: true } });
      await policy({ invoiceApprovalPolicy: "never" });
    }
  });
});
