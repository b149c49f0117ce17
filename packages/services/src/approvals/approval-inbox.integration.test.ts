import { createDb, type Db } from "@ledgerline/db";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import type { Role } from "@ledgerline/domain";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemActor, type Actor } from "../actor.ts";
import { createCustomer } from "../customers/customers.ts";
import { createProject } from "../projects/projects.ts";
import { createCreditNote } from "../sales-documents/correct-invoice.ts";
import { createSalesDocument } from "../sales-documents/create-sales-document.ts";
import { getSalesDocument } from "../sales-documents/read-sales-document.ts";
import {
  approveSalesDocument,
  returnSalesDocumentToDraft,
  submitSalesDocument,
} from "../sales-documents/status-actions.ts";
import { createSupplier } from "../suppliers/suppliers.ts";
import { listPurchaseOrders } from "../purchase-orders/list-purchase-orders.ts";
import { createUser } from "../users/users.ts";
import { approvalInbox } from "./approval-inbox.ts";

/**
 * The approval inbox per role (docs/domain-model.md §5.9): admin and finance see every waiting
 * PO, a team lead those of POs and projects they manage, a team member nothing; invoices pending
 * approval appear for exactly those whose allowed actions offer them approve: never for the
 * person who submitted them unless they are the only approver, and a credit note only for
 * someone who may also correct.
 */
const system = systemActor("inbox test");
let database: TestDatabase;
let db: Db;
let owner: pg.Client;
const actors = {} as Record<Role, Actor>;
const otherLead = {} as { actor: Actor };
const orders = {} as Record<string, string>;
const invoices = {} as Record<string, string>;
const customerId = { value: "" };

async function person(role: Role, name: string): Promise<Actor> {
  const user = await createUser(db, system, {
    email: `${name.toLowerCase().replace(/\s+/g, ".")}@inbox.test`,
    name,
    role,
    password: "correct horse battery staple",
  });
  return { kind: "user", userId: user.id, role, name };
}

const idOf = (actor: Actor) => (actor.kind === "system" ? null : actor.userId);

beforeAll(async () => {
  database = await createTestDatabase({ prefix: "inbox", adminUrl: inject("databaseAdminUrl") });
  db = createDb({ url: database.url, maxConnections: 3 });
  owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  actors.admin = await person("admin", "Ada Admin");
  actors.finance = await person("finance", "Fiona Finance");
  actors.team_lead = await person("team_lead", "Lea Lead");
  actors.team_member = await person("team_member", "Max Member");
  otherLead.actor = await person("team_lead", "Olaf Other");
  // Invoices of 1,000.00 and more need approval.
  await db.companySettings.upsert({
    where: { id: 1 },
    create: {
      legalName: "Inbox GmbH",
      invoiceApprovalPolicy: "threshold",
      invoiceApprovalThreshold: "1000.00",
    },
    update: { invoiceApprovalPolicy: "threshold", invoiceApprovalThreshold: "1000.00" },
  });
  const customer = await createCustomer(db, system, { name: "Inbox Kunde" });
  customerId.value = customer.id;
  const supplier = await createSupplier(db, system, { name: "Inbox Supplier" });
  const leadsProject = await createProject(db, system, {
    name: "Lea's project",
    customerId: customer.id,
    managerId: idOf(actors.team_lead),
  });
  const othersProject = await createProject(db, system, {
    name: "Olaf's project",
    customerId: customer.id,
    managerId: idOf(otherLead.actor),
  });
  const po = async (
    label: string,
    values: {
      projectId: string;
      managerId: string | null;
      status: string;
      amount?: string;
      dueDate?: string;
    },
  ) => {
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO purchase_orders
         (status, project_id, supplier_id, project_manager_id, amount, currency, due_date,
          approved_at, updated_at)
       VALUES ($1::purchase_order_status, $2, $3, $4, $5, 'EUR', $6::date,
               CASE WHEN $1 = 'approved' THEN now() END, now())
       RETURNING id`,
      [
        values.status,
        values.projectId,
        supplier.id,
        values.managerId,
        values.amount ?? "800.00",
        values.dueDate ?? null,
      ],
    );
    orders[label] = rows[0]!.id;
  };
  // Lea manages the PO itself, though it belongs to Olaf's project.
  await po("managedByLea", {
    projectId: othersProject.id,
    managerId: idOf(actors.team_lead),
    status: "completed",
  });
  // Lea manages the project; the PO has no project manager of its own.
  await po("onLeasProject", { projectId: leadsProject.id, managerId: null, status: "disputed" });
  await po("olafs", {
    projectId: othersProject.id,
    managerId: idOf(otherLead.actor),
    status: "completed",
    dueDate: "2026-12-24",
  });
  // Not waiting: not completed yet, already approved, nothing to pay.
  await po("pending", { projectId: leadsProject.id, managerId: null, status: "pending" });
  await po("approved", { projectId: leadsProject.id, managerId: null, status: "approved" });
  await po("nothingToPay", {
    projectId: leadsProject.id,
    managerId: null,
    status: "completed",
    amount: "0",
  });

  const submittedInvoice = async (label: string, by: Actor) => {
    const draft = await createSalesDocument(db, by, {
      type: "invoice",
      customerId: customer.id,
      lines: [{ description: "Übersetzung", quantity: "10", unitPrice: "150.00", taxRate: "19" }],
    });
    await submitSalesDocument(db, by, draft.id);
    invoices[label] = draft.id;
  };
  await submittedInvoice("byLea", actors.team_lead);
  await submittedInvoice("byFiona", actors.finance);
}, 60_000);

afterAll(async () => {
  await owner?.end();
  await db?.$disconnect();
  await database?.drop();
});

/**
 * The inbox's sales documents are exactly the pending ones whose `allowedActions` (the detail
 * read) offer `actor` approve: the SQL twin and `mayApprove` agree on every one.
 */
async function expectInboxIsWhatMayBeApproved(actor: Actor, listed: string[]) {
  const { rows } = await owner.query<{ id: string }>(
    `SELECT id::text AS id FROM sales_documents WHERE status = 'pending'`,
  );
  const approvable: string[] = [];
  for (const { id } of rows) {
    const document = await getSalesDocument(db, actor, id);
    if (document.allowedActions.includes("approve")) approvable.push(id);
  }
  expect(listed.sort()).toEqual(approvable.sort());
}

async function inboxOf(actor: Actor) {
  const inbox = await approvalInbox(db, actor);
  await expectInboxIsWhatMayBeApproved(
    actor,
    inbox.salesDocuments.items.map((row) => row.id),
  );
  const label = (ids: Record<string, string>, id: string) =>
    Object.entries(ids).find(([, known]) => known === id)?.[0] ?? id;
  // The inbox's "open the list" link: the list narrowed to exactly what the inbox shows.
  const list = await listPurchaseOrders(db, actor, { approval: "waitingForMe", pageSize: 100 });
  expect(list.items.map((row) => label(orders, row.id)).sort()).toEqual(
    inbox.purchaseOrders.items.map((row) => label(orders, row.id)).sort(),
  );
  expect(list.total).toBe(inbox.purchaseOrders.total);
  return {
    purchaseOrders: inbox.purchaseOrders.items.map((row) => label(orders, row.id)).sort(),
    purchaseOrderTotal: inbox.purchaseOrders.total,
    salesDocuments: inbox.salesDocuments.items.map((row) => label(invoices, row.id)).sort(),
    salesDocumentTotal: inbox.salesDocuments.total,
  };
}

describe("the approval inbox of the signed-in person", () => {
  it("admin: every waiting PO and every pending invoice", async () => {
    expect(await inboxOf(actors.admin)).toEqual({
      purchaseOrders: ["managedByLea", "olafs", "onLeasProject"],
      purchaseOrderTotal: 3,
      salesDocuments: ["byFiona", "byLea"],
      salesDocumentTotal: 2,
    });
  });

  it("finance: every waiting PO, and the pending invoices except the one they submitted", async () => {
    expect(await inboxOf(actors.finance)).toEqual({
      purchaseOrders: ["managedByLea", "olafs", "onLeasProject"],
      purchaseOrderTotal: 3,
      salesDocuments: ["byLea"],
      salesDocumentTotal: 1,
    });
  });

  it("team lead: the POs they manage or whose project they manage, and invoices not their own", async () => {
    expect(await inboxOf(actors.team_lead)).toEqual({
      purchaseOrders: ["managedByLea", "onLeasProject"],
      purchaseOrderTotal: 2,
      salesDocuments: ["byFiona"],
      salesDocumentTotal: 1,
    });
    // Olaf manages the project Lea's PO belongs to: it waits for both of them.
    expect(await inboxOf(otherLead.actor)).toEqual({
      purchaseOrders: ["managedByLea", "olafs"],
      purchaseOrderTotal: 2,
      salesDocuments: ["byFiona", "byLea"],
      salesDocumentTotal: 2,
    });
  });

  it("team member: nothing waits for someone who approves nothing", async () => {
    expect(await inboxOf(actors.team_member)).toEqual({
      purchaseOrders: [],
      purchaseOrderTotal: 0,
      salesDocuments: [],
      salesDocumentTotal: 0,
    });
  });

  it("a pending credit note waits only for those who may also correct (salesDocument.correct)", async () => {
    // An invoice Fiona submits and Ada approves; its full credit note, submitted by Fiona.
    const invoice = await createSalesDocument(db, actors.finance, {
      type: "invoice",
      customerId: customerId.value,
      lines: [{ description: "Lektorat", quantity: "10", unitPrice: "150.00", taxRate: "19" }],
    });
    await submitSalesDocument(db, actors.finance, invoice.id);
    await approveSalesDocument(db, actors.admin, invoice.id);
    const note = await createCreditNote(db, actors.finance, {
      invoiceId: invoice.id,
      lines: "all",
    });
    await submitSalesDocument(db, actors.finance, note.id);
    invoices.creditNote = note.id;
    try {
      expect((await inboxOf(actors.admin)).salesDocuments).toContain("creditNote");
      // Fiona submitted it: four-eyes.
      expect((await inboxOf(actors.finance)).salesDocuments).not.toContain("creditNote");
      // A team lead approves invoices but corrects nothing: the credit note is not theirs.
      const lead = await inboxOf(actors.team_lead);
      expect(lead.salesDocuments).toEqual(["byFiona"]);
      expect(lead.salesDocumentTotal).toBe(1);
      const asLead = await getSalesDocument(db, actors.team_lead, note.id);
      expect(asLead.allowedActions).not.toContain("approve");
    } finally {
      // Withdrawn again, so the tests after this one see the inbox without it.
      await returnSalesDocumentToDraft(db, actors.finance, { id: note.id });
      delete invoices.creditNote;
    }
  });

  it("the sole approver of a one-person company sees their own submission (§5.1)", async () => {
    const mine = await createSalesDocument(db, actors.admin, {
      type: "invoice",
      customerId: customerId.value,
      lines: [{ description: "Satz", quantity: "10", unitPrice: "150.00", taxRate: "19" }],
    });
    await submitSalesDocument(db, actors.admin, mine.id);
    invoices.byAda = mine.id;
    // While others may approve, four-eyes keeps it out of Ada's inbox.
    expect((await inboxOf(actors.admin)).salesDocuments).not.toContain("byAda");
    const others = [actors.finance, actors.team_lead, otherLead.actor].map(idOf);
    await owner.query(`UPDATE users SET active = false WHERE id = ANY ($1::uuid[])`, [others]);
    try {
      const detail = await getSalesDocument(db, actors.admin, mine.id);
      expect(detail.allowedActions).toContain("approve");
      expect(await inboxOf(actors.admin)).toMatchObject({
        salesDocuments: ["byAda", "byFiona", "byLea"],
        salesDocumentTotal: 3,
      });
    } finally {
      await owner.query(`UPDATE users SET active = true WHERE id = ANY ($1::uuid[])`, [others]);
    }
  });

  it("carries what the screen shows: numbers, names, the due day and the payable total", async () => {
    const inbox = await approvalInbox(db, actors.admin);
    const olafs = inbox.purchaseOrders.items.find((row) => row.id === orders.olafs);
    expect(olafs).toMatchObject({
      status: "completed",
      supplierName: "Inbox Supplier",
      projectName: "Olaf's project",
      payableTotal: "800.00",
      currency: "EUR",
      // A calendar day, as the PO list and detail return it (`withPurchaseOrderDates`).
      dueDate: "2026-12-24",
    });
    expect(olafs?.number).toMatch(/^BE-/);
    const byLea = inbox.salesDocuments.items.find((row) => row.id === invoices.byLea);
    expect(byLea).toMatchObject({
      type: "invoice",
      customerName: "Inbox Kunde",
      total: "1785.00",
      submittedByName: "Lea Lead",
    });
  });
});
