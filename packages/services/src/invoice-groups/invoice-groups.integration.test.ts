import { createDb, LEDGERLINE_SQLSTATE, type Db } from "@ledgerline/db";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import {
  AppError,
  INVOICE_GROUP_MACHINE,
  INVOICE_GROUP_STATUSES,
  invoiceGroupIsPaid,
  type SalesDocumentStatus,
} from "@ledgerline/domain";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemActor, type Actor } from "../actor.ts";
import { createCustomer, deleteCustomer } from "../customers/customers.ts";
import { createPayment, deletePayment } from "../payments/payments.ts";
import { companyToday } from "../sales-documents/company-context.ts";
import { cancelWithDocument, createCreditNote } from "../sales-documents/correct-invoice.ts";
import { createSalesDocument } from "../sales-documents/create-sales-document.ts";
import { listSalesDocuments } from "../sales-documents/list-sales-documents.ts";
import { getSalesDocument } from "../sales-documents/read-sales-document.ts";
import { issueSalesDocument } from "../sales-documents/status-actions.ts";
import {
  addInvoiceToGroup,
  createInvoiceGroup,
  deleteInvoiceGroup,
  getInvoiceGroup,
  listEligibleInvoices,
  listInvoiceGroups,
  removeInvoiceFromGroup,
  restoreDeletedInvoiceGroup,
  setInvoiceGroupArchived,
  transitionInvoiceGroup,
  updateInvoiceGroup,
} from "./index.ts";

/**
 * Invoice groups against the real database, as the application's role: the membership rules
 * (refused with nothing written), the lock once issued (in the use cases and in the database),
 * the gapless SR numbers, the totals as the sums of the invoices, the paid state following the
 * invoices, and the SQL twins of the domain's rules.
 */
const actor = systemActor("invoice group test");
const teamLead: Actor = {
  kind: "user",
  userId: "00000000-0000-4000-8000-000000000001",
  role: "team_lead",
  name: "Lead",
};
let database: TestDatabase;
let db: Db;
let customerId: string;
let otherCustomerId: string;

beforeAll(async () => {
  database = await createTestDatabase({ prefix: "groups", adminUrl: inject("databaseAdminUrl") });
  db = createDb({ url: database.url, maxConnections: 4 });
  await db.companySettings.upsert({
    where: { id: 1 },
    create: { legalName: "Test GmbH" },
    update: {},
  });
  customerId = (await createCustomer(db, actor, { name: "Sammel GmbH" })).id;
  otherCustomerId = (await createCustomer(db, actor, { name: "Andere AG" })).id;
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const draftInvoice = async (
  unitPrice: string,
  options: { customer?: string; currency?: string } = {},
) =>
  createSalesDocument(db, actor, {
    type: "invoice",
    customerId: options.customer ?? customerId,
    currency: options.currency ?? "EUR",
    lines: [{ description: "Übersetzung", quantity: "1", unitPrice, taxRate: "19" }],
  });

const issuedInvoice = async (
  unitPrice: string,
  options: { customer?: string; currency?: string } = {},
) => issueSalesDocument(db, actor, { id: (await draftInvoice(unitPrice, options)).id });

const newGroup = (currency = "EUR") =>
  createInvoiceGroup(db, actor, { customerId, currency, invoiceDate: "2026-12-01" });

/** What the tables hold now: refusals must leave all of it as it was. */
async function snapshot() {
  const [row] = await db.$queryRaw<[{ groups: string; members: string; audit: number }]>`
    SELECT (SELECT coalesce(string_agg(to_jsonb(g)::text, ',' ORDER BY g.id), '') FROM invoice_groups g) AS groups,
           (SELECT coalesce(string_agg(to_jsonb(m)::text, ',' ORDER BY m.invoice_id), '') FROM invoice_group_invoices m) AS members,
           (SELECT count(*)::int FROM audit_events) AS audit`;
  return row;
}

async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("an invoice group of three invoices", () => {
  it("sums its invoices per currency, numbers itself SR when issued and is paid when they are", async () => {
    const invoices = [
      await issuedInvoice("100.00"),
      await issuedInvoice("250.50"),
      await issuedInvoice("49.99"),
    ];
    const group = await newGroup();
    expect(group).toMatchObject({ status: "draft", number: null, totals: [] });
    for (const invoice of invoices)
      await addInvoiceToGroup(db, actor, { id: group.id, invoiceId: invoice.id });
    const filled = await getInvoiceGroup(db, actor, group.id);
    expect(filled.invoices.map((invoice) => invoice.id)).toEqual(
      invoices.map((invoice) => invoice.id),
    );
    // Seed 004's group filter on the invoice list finds the same three.
    const members = await listSalesDocuments(db, { invoiceGroupId: group.id });
    expect(members.items.map((row) => row.id).sort()).toEqual(
      invoices.map((invoice) => invoice.id).sort(),
    );
    // 400.49 net, 19 % tax per invoice rounded per invoice: 19.00 + 47.60 + 9.50 = 76.10.
    expect(filled.totals).toHaveLength(1);
    expect(filled.totals[0]!.currency).toBe("EUR");
    expect(filled.totals[0]!.netAmount.toFixed(2)).toBe("400.49");
    expect(filled.totals[0]!.total.toFixed(2)).toBe(
      invoices.reduce((sum, invoice) => sum + Number(invoice.total), 0).toFixed(2),
    );
    expect(filled.totals[0]!.total.toFixed(2)).toBe("476.59");
    expect(filled.allowedActions).toEqual([
      "issue",
      "edit",
      "addInvoice",
      "removeInvoice",
      "delete",
    ]);

    const issued = await transitionInvoiceGroup(db, actor, { id: group.id, action: "issue" });
    expect(issued.status).toBe("issued");
    expect(issued.number).toMatch(/^SR-2026-\d{4}$/);
    expect(issued.allowedActions).toEqual(["cancel", "archive", "delete"]);

    // The list sums the same invoices the detail does.
    const listed = await listInvoiceGroups(db, actor, { customerId, status: "issued" });
    const row = listed.items.find((item) => item.id === group.id)!;
    expect(row).toMatchObject({ invoiceCount: 3, number: issued.number });
    expect(row.total.toFixed(2)).toBe("476.59");
    expect(row.openAmount.toFixed(2)).toBe("476.59");

    for (const [index, invoice] of invoices.entries()) {
      await createPayment(db, actor, {
        salesDocumentId: invoice.id,
        amount: invoice.total.toString(),
        paymentDate: companyToday(),
        method: "bank_transfer",
      });
      const now = await getInvoiceGroup(db, actor, group.id);
      expect(now.status).toBe(index === invoices.length - 1 ? "paid" : "issued");
    }
    const paid = await getInvoiceGroup(db, actor, group.id);
    expect(paid.totals[0]!.openAmount.toFixed(2)).toBe("0.00");
    expect(paid.totals[0]!.paidAmount.toFixed(2)).toBe("476.59");
  });

  it("is paid when issued with paid invoices, and issued again when a payment is deleted", async () => {
    const invoice = await issuedInvoice("10.00");
    const payment = await createPayment(db, actor, {
      salesDocumentId: invoice.id,
      amount: invoice.total.toString(),
      paymentDate: companyToday(),
      method: "bank_transfer",
    });
    const group = await newGroup();
    await addInvoiceToGroup(db, actor, { id: group.id, invoiceId: invoice.id });
    const issued = await transitionInvoiceGroup(db, actor, { id: group.id, action: "issue" });
    expect(issued).toMatchObject({ status: "paid", allowedActions: ["archive", "delete"] });
    // The invoice names the group it is in (seed 004 `invoice_groupid`).
    expect((await getSalesDocument(db, actor, invoice.id)).invoiceGroup).toEqual({
      id: group.id,
      number: issued.number,
      status: "paid",
    });
    await deletePayment(db, actor, payment.payment.id);
    expect((await getInvoiceGroup(db, actor, group.id)).status).toBe("issued");
  });

  it("owes what its invoices owe: an issued credit note lowers the open amount, in the detail and the list", async () => {
    // 119.00 gross; a credit note of 35.70 (30.00 net) is issued, 50.00 is paid: 33.30 open.
    const invoice = await issuedInvoice("100.00");
    const note = await createCreditNote(db, actor, {
      invoiceId: invoice.id,
      lines: [{ sourceLineItemId: invoice.lineItems[0]!.id, quantity: "0.3" }],
      goodwillLines: [],
      reason: "Teilgutschrift",
    });
    await issueSalesDocument(db, actor, { id: note.id });
    await createPayment(db, actor, {
      salesDocumentId: invoice.id,
      amount: "50.00",
      paymentDate: companyToday(),
      method: "bank_transfer",
    });
    const group = await newGroup();
    await addInvoiceToGroup(db, actor, { id: group.id, invoiceId: invoice.id });
    const detail = await getInvoiceGroup(db, actor, group.id);
    const outstanding = (await getSalesDocument(db, actor, invoice.id)).outstandingAmount!;
    expect(outstanding.toFixed(2)).toBe("33.30");
    expect(detail.invoices[0]!.creditedAmount.toFixed(2)).toBe("35.70");
    expect(detail.totals[0]).toMatchObject({ currency: "EUR", invoiceCount: 1 });
    expect(detail.totals[0]!.creditedAmount.toFixed(2)).toBe("35.70");
    expect(detail.totals[0]!.openAmount.toFixed(2)).toBe("33.30");
    const listed = await listInvoiceGroups(db, actor, { customerId, pageSize: 100 });
    const row = listed.items.find((item) => item.id === group.id)!;
    expect(row.openAmount.toFixed(2)).toBe("33.30");
  });

  it("is not issued while it holds an invoice cancelled since it was added, naming it", async () => {
    const invoice = await issuedInvoice("15.00");
    const group = await newGroup();
    await addInvoiceToGroup(db, actor, { id: group.id, invoiceId: invoice.id });
    await cancelWithDocument(db, actor, { id: invoice.id, reason: "Doppelt" });
    const before = await snapshot();
    const error = await refusal(
      transitionInvoiceGroup(db, actor, { id: group.id, action: "issue" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.appMessage).toMatchObject({
      key: "invoiceGroup.memberNoLongerEligible",
      params: { number: invoice.number },
    });
    expect(await snapshot()).toEqual(before);
    // The way out: remove it from the draft.
    await removeInvoiceFromGroup(db, actor, { id: group.id, invoiceId: invoice.id });
  });

  it("takes SR numbers gaplessly: a refused issue takes none", async () => {
    const empty = await newGroup();
    const refused = await refusal(
      transitionInvoiceGroup(db, actor, { id: empty.id, action: "issue" }),
    );
    expect(refused.code).toBe("CONFLICT");
    const first = await newGroup();
    await addInvoiceToGroup(db, actor, {
      id: first.id,
      invoiceId: (await issuedInvoice("10.00")).id,
    });
    const second = await newGroup();
    await addInvoiceToGroup(db, actor, {
      id: second.id,
      invoiceId: (await issuedInvoice("10.00")).id,
    });
    const a = await transitionInvoiceGroup(db, actor, { id: first.id, action: "issue" });
    const b = await transitionInvoiceGroup(db, actor, { id: second.id, action: "issue" });
    const sequence = (number: string | null) => Number(number!.split("-")[2]);
    expect(sequence(b.number)).toBe(sequence(a.number) + 1);
  });
});

describe("bad input is refused with nothing written", () => {
  it("an invoice added to two groups", async () => {
    const invoice = await issuedInvoice("80.00");
    const one = await newGroup();
    const two = await newGroup();
    await addInvoiceToGroup(db, actor, { id: one.id, invoiceId: invoice.id });
    const before = await snapshot();
    const error = await refusal(
      addInvoiceToGroup(db, actor, { id: two.id, invoiceId: invoice.id }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.appMessage.key).toBe("invoiceGroup.inAnotherGroup");
    expect(error.fieldErrors).toHaveProperty("invoiceId");
    expect(await snapshot()).toEqual(before);
    // Not in the picker of the other group either.
    expect((await listEligibleInvoices(db, { id: two.id })).map((row) => row.id)).not.toContain(
      invoice.id,
    );
  });

  it("an invoice of another customer, another currency, or not issued", async () => {
    const group = await newGroup();
    const cases = [
      [await issuedInvoice("10.00", { customer: otherCustomerId }), "invoiceGroup.otherCustomer"],
      [await issuedInvoice("10.00", { currency: "CHF" }), "invoiceGroup.otherCurrency"],
      [await draftInvoice("10.00"), "invoiceGroup.invoiceNotIssued"],
    ] as const;
    const eligible = (await listEligibleInvoices(db, { id: group.id })).map((row) => row.id);
    for (const [invoice, key] of cases) {
      const before = await snapshot();
      const error = await refusal(
        addInvoiceToGroup(db, actor, { id: group.id, invoiceId: invoice.id }),
      );
      expect({ key: error.appMessage.key, code: error.code }).toEqual({ key, code: "BAD_REQUEST" });
      expect(await snapshot()).toEqual(before);
      expect(eligible).not.toContain(invoice.id);
    }
  });

  it("editing, filling or emptying an issued group", async () => {
    const invoice = await issuedInvoice("30.00");
    const group = await newGroup();
    await addInvoiceToGroup(db, actor, { id: group.id, invoiceId: invoice.id });
    await transitionInvoiceGroup(db, actor, { id: group.id, action: "issue" });
    const extra = await issuedInvoice("5.00");
    const before = await snapshot();
    const attempts = [
      () => updateInvoiceGroup(db, actor, { id: group.id, values: { notes: "changed" } }),
      () => addInvoiceToGroup(db, actor, { id: group.id, invoiceId: extra.id }),
      () => removeInvoiceFromGroup(db, actor, { id: group.id, invoiceId: invoice.id }),
    ];
    for (const attempt of attempts) {
      const error = await refusal(attempt());
      expect(error.code).toBe("CONFLICT");
      expect(error.appMessage.key).toBe("invoiceGroup.notDraft");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a customer or currency change while the group holds invoices", async () => {
    const group = await newGroup();
    await addInvoiceToGroup(db, actor, {
      id: group.id,
      invoiceId: (await issuedInvoice("7.00")).id,
    });
    const before = await snapshot();
    const error = await refusal(
      updateInvoiceGroup(db, actor, { id: group.id, values: { currency: "CHF" } }),
    );
    expect(error.fieldErrors).toHaveProperty("currency");
    expect(await snapshot()).toEqual(before);
    // Other fields of a draft do change, audited.
    const updated = await updateInvoiceGroup(db, actor, {
      id: group.id,
      values: { notes: "Dezember", lineOrder: "language", includeWordRates: true },
    });
    expect(updated).toMatchObject({
      notes: "Dezember",
      lineOrder: "language",
      includeWordRates: true,
    });
    expect((await snapshot()).audit).toBe(before.audit + 1);
  });

  it("a team lead deletes nothing; a draft is deleted by finance and frees its invoices", async () => {
    const invoice = await issuedInvoice("12.00");
    const group = await newGroup();
    await addInvoiceToGroup(db, actor, { id: group.id, invoiceId: invoice.id });
    const before = await snapshot();
    expect((await refusal(deleteInvoiceGroup(db, teamLead, group.id))).code).toBe("FORBIDDEN");
    expect(await snapshot()).toEqual(before);
    expect(await deleteInvoiceGroup(db, actor, group.id)).toEqual({ id: group.id, removed: true });
    // Physically: the row is gone, and the audit event keeps what it held.
    expect(await db.invoiceGroup.count({ where: { id: group.id } })).toBe(0);
    const [event] = await db.auditEvent.findMany({
      where: { entityId: group.id, action: "delete" },
      select: { before: true, after: true },
    });
    expect(event).toMatchObject({ before: { invoiceIds: [invoice.id] }, after: null });
    const again = await newGroup();
    await addInvoiceToGroup(db, actor, { id: again.id, invoiceId: invoice.id });
  });
});

describe("archive, soft delete and restore (issue 11)", () => {
  // Real people: their ids are written (deleted_by_id, the audit trail's actor).
  let finance: Actor;
  let lead: Actor;
  beforeAll(async () => {
    const person = async (role: "finance" | "team_lead") => {
      const user = await db.user.create({
        data: { email: `${role}@groups.test`, name: role, role, passwordHash: "x" },
        select: { id: true },
      });
      return { kind: "user", userId: user.id, role, name: role } satisfies Actor;
    };
    finance = await person("finance");
    lead = await person("team_lead");
  });
  const issuedGroup = async () => {
    const invoice = await issuedInvoice("21.00");
    const group = await newGroup();
    await addInvoiceToGroup(db, actor, { id: group.id, invoiceId: invoice.id });
    const issued = await transitionInvoiceGroup(db, actor, { id: group.id, action: "issue" });
    return { invoice, issued };
  };
  const auditOf = (id: string) =>
    db.auditEvent.findMany({
      where: { entityId: id },
      orderBy: { id: "asc" },
      select: { action: true, before: true, after: true },
    });
  const listedIds = async (
    who: Actor,
    filters: { archived?: "active" | "archived" | "all"; deleted?: "hidden" | "only" },
  ) =>
    (await listInvoiceGroups(db, who, { customerId, pageSize: 100, ...filters })).items.map(
      (row) => row.id,
    );

  it("soft-deletes an issued group: kept with its number and invoices, hidden, restored by finance", async () => {
    const { invoice, issued } = await issuedGroup();
    const before = await snapshot();
    // A team lead deletes nothing, and neither sees nor restores the deleted ones.
    expect((await refusal(deleteInvoiceGroup(db, teamLead, issued.id))).code).toBe("FORBIDDEN");
    expect(await snapshot()).toEqual(before);

    expect(await deleteInvoiceGroup(db, finance, issued.id)).toEqual({
      id: issued.id,
      removed: false,
    });
    const deleted = await getInvoiceGroup(db, finance, issued.id);
    expect(deleted).toMatchObject({ number: issued.number, status: "issued" });
    expect(deleted.deletedAt).toBeInstanceOf(Date);
    expect(deleted.invoices.map((row) => row.id)).toEqual([invoice.id]);
    expect(deleted.allowedActions).toEqual(["restoreDeleted"]);
    expect(
      (
        await db.invoiceGroup.findUniqueOrThrow({
          where: { id: issued.id },
          select: { deletedById: true },
        })
      ).deletedById,
    ).toBe(finance.kind === "user" ? finance.userId : null);
    // For a team lead (who deletes nothing, so restores nothing) a deleted group is gone.
    expect((await refusal(getInvoiceGroup(db, teamLead, issued.id))).code).toBe("NOT_FOUND");
    // Its invoice stays in it: no other group takes it.
    const other = await newGroup();
    expect(
      (await refusal(addInvoiceToGroup(db, actor, { id: other.id, invoiceId: invoice.id })))
        .appMessage.key,
    ).toBe("invoiceGroup.inAnotherGroup");
    // Hidden from the list, found in the deleted view (admin and finance only).
    expect(await listedIds(finance, {})).not.toContain(issued.id);
    expect(await listedIds(finance, { archived: "all" })).not.toContain(issued.id);
    expect(await listedIds(finance, { deleted: "only" })).toEqual([issued.id]);
    expect((await refusal(listInvoiceGroups(db, teamLead, { deleted: "only" }))).code).toBe(
      "FORBIDDEN",
    );
    // A deleted group does nothing but come back.
    const locked = await refusal(
      transitionInvoiceGroup(db, finance, { id: issued.id, action: "cancel" }),
    );
    expect(locked.appMessage.key).toBe("invoiceGroup.deleted");
    expect((await refusal(restoreDeletedInvoiceGroup(db, teamLead, issued.id))).code).toBe(
      "FORBIDDEN",
    );
    // Deleting twice is refused, changing nothing.
    const once = await snapshot();
    expect((await refusal(deleteInvoiceGroup(db, finance, issued.id))).appMessage.key).toBe(
      "invoiceGroup.deleted",
    );
    expect(await snapshot()).toEqual(once);

    const restored = await restoreDeletedInvoiceGroup(db, finance, issued.id);
    expect(restored).toMatchObject({ number: issued.number, status: "issued", deletedAt: null });
    expect(restored.allowedActions).toEqual(["cancel", "archive", "delete"]);
    expect(await listedIds(finance, {})).toContain(issued.id);
    expect(
      (await auditOf(issued.id)).filter((event) => event.action !== "create").map((e) => e.action),
    ).toEqual(["addInvoice", "issue", "delete", "restoreDeleted"]);
    const row = await db.invoiceGroup.findUniqueOrThrow({
      where: { id: issued.id },
      select: { deletedById: true },
    });
    expect(row.deletedById).toBeNull();
    const deleteEvent = (await auditOf(issued.id)).find((event) => event.action === "delete");
    expect(deleteEvent?.before).toEqual({ deletedAt: null });
  });

  it("archives any group but a draft with the write permission, and restores it", async () => {
    const { issued } = await issuedGroup();
    const draft = await newGroup();
    const refused = await refusal(setInvoiceGroupArchived(db, lead, draft.id, true));
    expect(refused.appMessage.key).toBe("invoiceGroup.draftNotArchived");
    const teamMember: Actor = { ...teamLead, role: "team_member" };
    expect((await refusal(setInvoiceGroupArchived(db, teamMember, issued.id, true))).code).toBe(
      "FORBIDDEN",
    );

    const archived = await setInvoiceGroupArchived(db, lead, issued.id, true);
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(archived.allowedActions).toEqual(["restore"]);
    expect(await listedIds(lead, {})).not.toContain(issued.id);
    expect(await listedIds(lead, { archived: "archived" })).toEqual([issued.id]);
    expect(await listedIds(lead, { archived: "all" })).toContain(issued.id);
    expect((await refusal(deleteInvoiceGroup(db, finance, issued.id))).appMessage.key).toBe(
      "invoiceGroup.archived",
    );

    const restored = await setInvoiceGroupArchived(db, lead, issued.id, false);
    expect(restored.archivedAt).toBeNull();
    expect(await listedIds(lead, {})).toContain(issued.id);
    const events = (await auditOf(issued.id)).filter((e) =>
      ["archive", "restore"].includes(e.action),
    );
    expect(events.map((event) => event.action)).toEqual(["archive", "restore"]);
    expect(events[1]).toMatchObject({ after: { archivedAt: null } });
  });

  it("the paid state still follows the invoices of an archived or deleted group", async () => {
    const { invoice, issued } = await issuedGroup();
    await deleteInvoiceGroup(db, finance, issued.id);
    await createPayment(db, actor, {
      salesDocumentId: invoice.id,
      amount: invoice.total.toString(),
      paymentDate: companyToday(),
      method: "bank_transfer",
    });
    const paid = await getInvoiceGroup(db, finance, issued.id);
    expect(paid).toMatchObject({ status: "paid", number: issued.number });
    expect(paid.deletedAt).toBeInstanceOf(Date);
  });
});

describe("display options", () => {
  it("list each invoice's lines as entered, or in seed 004's language order", async () => {
    const line = (
      description: string,
      itemType: "language_pair" | "additional_item" | "other",
      sourceLanguage: string | null,
      targetLanguage: string | null,
    ) => ({
      description,
      quantity: "1",
      unitPrice: "0.12",
      taxRate: "19",
      itemType,
      sourceLanguage,
      targetLanguage,
    });
    const draft = await createSalesDocument(db, actor, {
      type: "invoice",
      customerId,
      currency: "EUR",
      lines: [
        line("en → fr", "language_pair", "en", "fr"),
        line("en → de", "language_pair", "en", "de"),
        line("Projektmanagement", "other", null, null),
        line("DTP de", "additional_item", "en", "de"),
      ],
    });
    const invoice = await issueSalesDocument(db, actor, { id: draft.id });
    const group = await newGroup();
    await addInvoiceToGroup(db, actor, { id: group.id, invoiceId: invoice.id });
    const linesOf = async () =>
      (await getInvoiceGroup(db, actor, group.id)).invoices[0]!.lines.map((l) => l.description);
    expect(await linesOf()).toEqual(["en → fr", "en → de", "Projektmanagement", "DTP de"]);
    await updateInvoiceGroup(db, actor, { id: group.id, values: { lineOrder: "language" } });
    // No target language first, then by item type (additional_item < language_pair), then languages.
    expect(await linesOf()).toEqual(["Projektmanagement", "DTP de", "en → de", "en → fr"]);
  });
});

describe("the customer of a group", () => {
  it("is not deleted while a group refers to it, even an empty draft: the refusal says why", async () => {
    const lonely = await createCustomer(db, actor, { name: "Nur Sammelrechnung KG" });
    await createInvoiceGroup(db, actor, {
      customerId: lonely.id,
      currency: "EUR",
      invoiceDate: "2026-12-01",
    });
    const error = await refusal(deleteCustomer(db, actor, lonely.id));
    expect(error.code).toBe("CONFLICT");
    expect(error.details).toEqual({ references: { "invoice groups": 1 } });
  });
});

describe("moves", () => {
  it("cancelling an issued group releases its invoices; a cancelled group moves nowhere", async () => {
    const invoice = await issuedInvoice("20.00");
    const group = await newGroup();
    await addInvoiceToGroup(db, actor, { id: group.id, invoiceId: invoice.id });
    await transitionInvoiceGroup(db, actor, { id: group.id, action: "issue" });
    const cancelled = await transitionInvoiceGroup(db, actor, {
      id: group.id,
      action: "cancel",
      reason: "Falscher Zeitraum",
    });
    expect(cancelled).toMatchObject({ status: "cancelled", invoices: [] });
    expect((await getSalesDocument(db, actor, invoice.id)).invoiceGroup).toBeNull();
    const error = await refusal(
      transitionInvoiceGroup(db, actor, { id: group.id, action: "issue" }),
    );
    expect(error.code).toBe("INVALID_TRANSITION");
    expect(error.details).toMatchObject({ from: "cancelled", to: "issued", allowed: [] });
    const next = await newGroup();
    await addInvoiceToGroup(db, actor, { id: next.id, invoiceId: invoice.id });
  });

  it("a draft cannot be cancelled: the refusal names the allowed move", async () => {
    const group = await newGroup();
    const error = await refusal(
      transitionInvoiceGroup(db, actor, { id: group.id, action: "cancel" }),
    );
    expect(error.code).toBe("INVALID_TRANSITION");
    expect(error.details).toMatchObject({ from: "draft", to: "cancelled", allowed: ["issued"] });
  });
});

describe("the database holds the same rules (as the application's role)", () => {
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
  const codeOf = (client: pg.Client, sql: string, values: unknown[]) =>
    client.query(sql, values).then(
      () => "accepted",
      (error: { code: string }) => error.code,
    );

  it("refuses changing, emptying and deleting an issued group, and a second group for an invoice", async () => {
    const invoice = await issuedInvoice("40.00");
    const group = await newGroup();
    await addInvoiceToGroup(db, actor, { id: group.id, invoiceId: invoice.id });
    await transitionInvoiceGroup(db, actor, { id: group.id, action: "issue" });
    const draft = await newGroup();
    const other = await issuedInvoice("1.00", { currency: "CHF" });
    await asApplication(async (client) => {
      const locked = LEDGERLINE_SQLSTATE.issuedDocumentChange;
      expect(
        await codeOf(client, "UPDATE invoice_groups SET notes = 'x' WHERE id = $1", [group.id]),
      ).toBe(locked);
      expect(
        await codeOf(client, "UPDATE invoice_groups SET number = 'SR-2026-9999' WHERE id = $1", [
          group.id,
        ]),
      ).toBe(locked);
      expect(
        await codeOf(client, "UPDATE invoice_groups SET status = 'draft' WHERE id = $1", [
          group.id,
        ]),
      ).toBe(locked);
      expect(
        await codeOf(client, "DELETE FROM invoice_group_invoices WHERE group_id = $1", [group.id]),
      ).toBe(locked);
      expect(await codeOf(client, "DELETE FROM invoice_groups WHERE id = $1", [group.id])).toBe(
        locked,
      );
      // Archiving and the soft delete change exactly their own columns; nothing else moves
      // along with them.
      for (const sql of [
        "UPDATE invoice_groups SET archived_at = now(), notes = 'x' WHERE id = $1",
        "UPDATE invoice_groups SET deleted_at = now(), due_date = '2027-01-01' WHERE id = $1",
        "UPDATE invoice_groups SET deleted_at = now(), number = NULL WHERE id = $1",
      ])
        expect(await codeOf(client, sql, [group.id])).toBe(locked);
      expect(
        await codeOf(client, "UPDATE invoice_groups SET archived_at = now() WHERE id = $1", [
          group.id,
        ]),
      ).toBe("accepted");
      expect(
        await codeOf(
          client,
          "UPDATE invoice_groups SET archived_at = NULL, deleted_at = now() WHERE id = $1",
          [group.id],
        ),
      ).toBe("accepted");
      expect(
        await codeOf(client, "UPDATE invoice_groups SET deleted_at = NULL WHERE id = $1", [
          group.id,
        ]),
      ).toBe("accepted");
      // A draft is deleted physically and never archived or soft-deleted.
      expect(
        await codeOf(client, "UPDATE invoice_groups SET deleted_at = now() WHERE id = $1", [
          draft.id,
        ]),
      ).toBe("23514");
      expect(
        await codeOf(
          client,
          "INSERT INTO invoice_group_invoices (invoice_id, group_id) VALUES ($1, $2)",
          [invoice.id, draft.id],
        ),
      ).toBe("23505");
      expect(
        await codeOf(
          client,
          "INSERT INTO invoice_group_invoices (invoice_id, group_id) VALUES ($1, $2)",
          [other.id, draft.id],
        ),
      ).toBe("23514");
    });
  });

  it("invoice_group_status_move_allowed is INVOICE_GROUP_MACHINE", async () => {
    const [row] = await db.$queryRaw<[{ moves: string[] }]>`
      SELECT coalesce(array_agg(f::text || '>' || t::text ORDER BY f, t), '{}') AS moves
      FROM unnest(enum_range(NULL::invoice_group_status)) f,
           unnest(enum_range(NULL::invoice_group_status)) t
      WHERE invoice_group_status_move_allowed(f, t)`;
    const expected = INVOICE_GROUP_STATUSES.flatMap((from) =>
      INVOICE_GROUP_STATUSES.filter((to) => INVOICE_GROUP_MACHINE.canMove(from, to)).map(
        (to) => `${from}>${to}`,
      ),
    );
    expect([...row.moves].sort()).toEqual([...expected].sort());
  });

  it("invoice_group_is_paid is invoiceGroupIsPaid", async () => {
    const combinations: SalesDocumentStatus[][] = [
      [],
      ["paid"],
      ["paid", "sent"],
      ["paid", "cancelled"],
      ["cancelled"],
      ["refunded", "paid"],
      ["partial", "paid"],
      ["overdue"],
      ["cancelled", "cancelled"],
    ];
    for (const statuses of combinations) {
      const [row] = await db.$queryRaw<[{ paid: boolean }]>`
        SELECT invoice_group_is_paid(${statuses}::sales_document_status[]) AS paid`;
      expect({ statuses, paid: row.paid }).toEqual({
        statuses,
        paid: invoiceGroupIsPaid(statuses),
      });
    }
  });
});
