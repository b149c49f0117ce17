import { createDb, type Db } from "@ledgerline/db";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import type { Role } from "@ledgerline/domain";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "../actor.ts";
import { createCustomer } from "../customers/customers.ts";
import { createProject } from "../projects/projects.ts";
import { createSupplier } from "../suppliers/suppliers.ts";
import { addDisbursementItem } from "./disbursements.ts";
import { listPurchaseOrders } from "./list-purchase-orders.ts";
import { recordPurchaseOrderMilestone } from "./milestones.ts";
import { transitionPurchaseOrder } from "./purchase-order-actions.ts";
import { getPurchaseOrder } from "./read-purchase-order.ts";
import { createPurchaseOrder } from "./write-purchase-order.ts";

/**
 * The PO detail is read in one statement (every statement costs a round trip and the client's
 * overhead, more than its SQL on the bench machine), the list in two run at once (the page and
 * the count). Counted here by PostgreSQL itself (`log_statement=all`, sent to the client); the
 * detail is checked against what Prisma's own relation reads return for the same PO.
 */
let database: TestDatabase;
let db: Db;
let counting: Db;
let statements: string[] | undefined;
const origin = { ipAddress: "192.0.2.7" };

let lead: Actor;
let finance: Actor;
let managedId: string;
let unmanagedId: string;

async function person(role: Role, name: string): Promise<Actor> {
  const user = await db.user.create({
    data: { email: `${role}@read-po.test`, name, role, passwordHash: "not used" },
  });
  return { kind: "user", userId: user.id, role, name };
}

/** What `run` sends to PostgreSQL, statement by statement. */
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  await run(); // the connection open and the statements prepared, as on a running server
  statements = [];
  await run();
  const seen = statements;
  statements = undefined;
  return seen;
}

beforeAll(async () => {
  database = await createTestDatabase({ adminUrl: inject("databaseAdminUrl") });
  db = createDb({ url: database.url });
  // log_statement needs a superuser: the database's owner (the admin URL's user) is one.
  const url = new URL(database.ownerUrl);
  url.searchParams.set("options", "-c log_statement=all -c client_min_messages=log");
  counting = createDb({
    url: url.toString(),
    maxConnections: 1,
    onNotice: (message) => {
      if (/^(statement|execute [^:]*):/.test(message)) statements?.push(message);
    },
  });

  lead = await person("team_lead", "Lea Lead");
  finance = await person("finance", "Fin Ance");
  const manager = await person("team_member", "Max Manager");
  const customer = await createCustomer(db, lead, { name: "Auftraggeber AG" });
  const project = await createProject(db, lead, {
    name: "Handbuch DE>EN",
    customerId: customer.id,
    managerId: manager.kind === "user" ? manager.userId : null,
  });
  const bare = await createProject(db, lead, { name: "Ohne Leitung", customerId: customer.id });
  const supplier = await createSupplier(db, lead, {
    name: "Übersetzerin Ute",
    defaultCurrency: "EUR",
  });

  const managed = await createPurchaseOrder(db, lead, {
    projectId: project.id,
    supplierId: supplier.id,
    amount: "800.00",
    dueDate: "2099-01-31",
    notes: "Kapitel 1-4",
    targetLanguage: "en",
  });
  managedId = managed.id;
  for (const action of ["accept", "start"] as const)
    await transitionPurchaseOrder(db, lead, { id: managedId, action });
  await recordPurchaseOrderMilestone(
    db,
    lead,
    { purchaseOrderId: managedId, percentage: 25 },
    origin,
  );
  await recordPurchaseOrderMilestone(
    db,
    lead,
    { purchaseOrderId: managedId, percentage: 50, notes: "Hälfte", confirmed: true },
    origin,
  );
  // Added out of item-type order: the read sorts them.
  await addDisbursementItem(db, lead, {
    purchaseOrderId: managedId,
    itemType: "other",
    itemTypeInfo: "Terminologie",
    units: 2,
    ratePerUnit: "12.5",
    totalCost: "25.00",
  });
  await addDisbursementItem(db, lead, {
    purchaseOrderId: managedId,
    itemType: "dtp",
    itemTypeInfo: "Layout, 12 Seiten",
    units: 12,
    ratePerUnit: "15",
    totalCost: "180.00",
  });
  await recordPurchaseOrderMilestone(
    db,
    lead,
    { purchaseOrderId: managedId, percentage: 100, confirmed: true },
    origin,
  );
  await transitionPurchaseOrder(db, finance, {
    id: managedId,
    action: "dispute",
    reason: "Kapitel 3 fehlt",
  });
  await transitionPurchaseOrder(db, finance, { id: managedId, action: "approve" });

  const unmanaged = await createPurchaseOrder(db, lead, {
    projectId: bare.id,
    supplierId: supplier.id,
    amount: "120.00",
  });
  unmanagedId = unmanaged.id;
}, 60_000);

afterAll(async () => {
  await db?.$disconnect();
  await counting?.$disconnect();
  await database?.drop();
});

describe("the PO detail", () => {
  it("is one statement", async () => {
    expect(await statementsOf(() => getPurchaseOrder(counting, lead, managedId))).toHaveLength(1);
  });

  it("reads what Prisma's relation reads return", async () => {
    const detail = await getPurchaseOrder(db, lead, managedId);
    const person = { select: { id: true, name: true } } as const;
    const prisma = await db.purchaseOrder.findUniqueOrThrow({
      where: { id: managedId },
      include: {
        project: { select: { id: true, number: true, name: true } },
        supplier: { select: { id: true, name: true } },
        projectManager: person,
        approvedBy: person,
        createdBy: person,
        milestones: {
          include: { confirmedBy: person, recordedBy: person },
          orderBy: { percentage: "asc" },
        },
        disbursements: { orderBy: [{ itemType: "asc" }, { createdAt: "asc" }] },
      },
    });
    // Decimals compared as text: toMatchObject cannot walk decimal.js objects.
    expect(detail.amount.toString()).toBe("800");
    expect(detail.disbursementTotal.toString()).toBe("205");
    expect(detail.payableTotal.toString()).toBe("1005");
    expect(detail).toMatchObject({
      id: prisma.id,
      number: prisma.number,
      status: "approved",
      orderDate: prisma.orderDate,
      dueDate: "2099-01-31",
      paidDate: null,
      notes: "Kapitel 1-4",
      targetLanguage: "en",
      statusReason: prisma.statusReason,
      approvedAt: prisma.approvedAt,
      createdAt: prisma.createdAt,
      updatedAt: prisma.updatedAt,
      project: prisma.project,
      supplier: prisma.supplier,
      projectManager: prisma.projectManager,
      approvedBy: { id: finance.kind === "user" ? finance.userId : "", name: "Fin Ance" },
      createdBy: prisma.createdBy,
      progress: 100,
    });
    expect(detail.milestones).toEqual(
      prisma.milestones.map(({ confirmedById: _c, recordedById: _r, ...milestone }) => milestone),
    );
    expect(detail.milestones.map((milestone) => milestone.percentage)).toEqual([25, 50, 100]);
    expect(detail.milestones[0]).toMatchObject({ remoteIp: "192.0.2.7", confirmedBy: null });
    // As the API sends them (decimals as text): Prisma's Decimal is another decimal.js clone.
    const wire = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    expect(wire(detail.disbursements)).toEqual(wire(prisma.disbursements));
    expect(detail.disbursements.map((item) => item.itemType)).toEqual(["dtp", "other"]);
    expect(detail.history.map((entry) => [entry.action, entry.toStatus])).toEqual([
      ["create", "pending"],
      ["accept", "accepted"],
      ["start", "in_progress"],
      ["recordMilestone", null],
      ["recordMilestone", null],
      ["addDisbursement", null],
      ["addDisbursement", null],
      ["recordMilestone", null],
      ["complete", "completed"],
      ["dispute", "disputed"],
      ["approve", "approved"],
    ]);
    expect(detail.history[9]).toMatchObject({ actorName: "Fin Ance", reason: "Kapitel 3 fehlt" });
    expect(detail.history[0]!.occurredAt).toBeInstanceOf(Date);
    // What the caller may do next: finance pays it, the team lead can do nothing more.
    expect(detail.allowedActions).toEqual([]);
    expect((await getPurchaseOrder(db, finance, managedId)).allowedActions).toContain("markPaid");
  });

  it("reads a PO without manager, approver, milestones or disbursements", async () => {
    const detail = await getPurchaseOrder(db, lead, unmanagedId);
    expect(detail).toMatchObject({
      projectManager: null,
      approvedBy: null,
      milestones: [],
      disbursements: [],
      progress: 0,
      dueDate: null,
    });
  });

  it("says NOT_FOUND for an id that is no PO", async () => {
    await expect(
      getPurchaseOrder(db, lead, "7f1d3f1e-3c1a-4d8e-9a55-3a6b2f0e4c11"),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the PO list", () => {
  it("is two statements, run at once: the enriched page and the bounded count", async () => {
    const run = () => listPurchaseOrders(counting, lead, { pageSize: 1, sortBy: "amount" });
    expect(await statementsOf(run)).toHaveLength(2);
    const page = await listPurchaseOrders(db, lead, { pageSize: 1, sortBy: "amount" });
    expect(page).toMatchObject({ total: 2, totalIsExact: true });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ id: managedId, progress: 100 });
  });

  it("counts an empty page's matches", async () => {
    const page = await listPurchaseOrders(db, lead, { page: 5, pageSize: 1 });
    expect(page).toMatchObject({ total: 2, totalIsExact: true, items: [] });
  });
});
