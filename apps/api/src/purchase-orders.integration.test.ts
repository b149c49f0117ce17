import { randomUUID } from "node:crypto";
import {
  PURCHASE_ORDER_MACHINE,
  PURCHASE_ORDER_STATUSES,
  ROLES,
  type Role,
} from "@ledgerline/domain";
import { companyToday, sweepDueDates } from "@ledgerline/services";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  errorOf,
  outcomeOf,
  startTestApi,
  type ApiClient,
  type TestApi,
} from "./testing/api-harness.ts";

/**
 * Purchase orders through the API as the roles use them (seed 004 §4-§6, issue 10): the
 * lifecycle with milestones and approval, auto-approval per currency, bad input with nothing
 * written, filters and enrichment, soft delete, batches, and the database twins of the rules.
 */

let api: TestApi;
const clients = {} as Record<Role, ApiClient>;
let projectId: string;
let projectNumber: number;
let memberProjectId: string;
let supplierId: string;
let otherSupplierId: string;

type CreateInput = Parameters<ApiClient["purchaseOrders"]["create"]["mutate"]>[0];

const create = (values: Partial<CreateInput> = {}, client: ApiClient = clients.team_lead) =>
  client.purchaseOrders.create.mutate({
    projectId,
    supplierId,
    amount: "800.00",
    ...values,
  });

const counts = async () => ({
  purchaseOrders: await api.db.purchaseOrder.count(),
  milestones: await api.db.purchaseOrderMilestone.count(),
  disbursements: await api.db.disbursementItem.count(),
  events: await api.db.auditEvent.count({ where: { entityType: "purchaseOrder" } }),
});

/** A PO moved to `completed` through accept, milestones 25/50/100 (confirmed). */
async function completed(values: Partial<CreateInput> = {}) {
  const po = await create(values);
  const lead = clients.team_lead;
  await lead.purchaseOrders.transition.mutate({ id: po.id, action: "accept" });
  for (const percentage of [25, 50])
    await lead.purchaseOrders.milestones.record.mutate({ purchaseOrderId: po.id, percentage });
  await lead.purchaseOrders.milestones.record.mutate({
    purchaseOrderId: po.id,
    percentage: 100,
    confirmed: true,
  });
  return lead.purchaseOrders.get.query({ id: po.id });
}

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ROLES) clients[role] = await api.signInAs(role);
  const customer = await clients.finance.customers.create.mutate({ name: "Auftraggeber AG" });
  const project = await clients.finance.projects.create.mutate({
    name: "Handbuch DE>EN",
    customerId: customer.id,
  });
  projectId = project.id;
  projectNumber = project.number;
  const memberProject = await clients.finance.projects.create.mutate({
    name: "Managed by a member",
    customerId: customer.id,
    managerId: api.users.team_member.id,
  });
  memberProjectId = memberProject.id;
  supplierId = (
    await clients.finance.suppliers.create.mutate({
      name: "Übersetzerin Ada",
      defaultCurrency: "EUR",
    })
  ).id;
  otherSupplierId = (
    await clients.finance.suppliers.create.mutate({ name: "Agency Ltd", defaultCurrency: "GBP" })
  ).id;
  await clients.admin.settings.update.mutate({ legalName: "Ledgerline Test GmbH" });
}, 60_000);
afterAll(() => api?.close());

describe("creating purchase orders", () => {
  it("refuses a team member and writes nothing", async () => {
    const before = await counts();
    expect(await outcomeOf(create({}, clients.team_member))).toBe("FORBIDDEN");
    expect(await counts()).toEqual(before);
  });

  it("numbers each PO in the BE range without gaps, also after a refused one", async () => {
    const year = companyToday().slice(0, 4);
    const first = await create({ targetLanguage: "en-GB", notes: "Handbook, 40 pages" });
    expect(first.number).toMatch(new RegExp(`^BE-${year}-\\d{4}$`));
    expect(first).toMatchObject({
      status: "pending",
      currency: "EUR",
      type: "translation",
      project: { id: projectId, number: projectNumber, name: "Handbuch DE>EN" },
      supplier: { id: supplierId, name: "Übersetzerin Ada" },
    });
    // A refused create (due before order) takes no number.
    expect(
      await outcomeOf(
        create({ orderDate: new Date("2026-06-10T10:00:00Z"), dueDate: "2026-06-01" }),
      ),
    ).toBe("BAD_REQUEST");
    const second = await create({ supplierId: otherSupplierId });
    expect(second.currency).toBe("GBP");
    const sequence = (number: string | null) => Number(number!.split("-")[2]);
    expect(sequence(second.number)).toBe(sequence(first.number) + 1);
  });

  it("refuses an unknown currency, a negative amount and a status other than pending, writing nothing", async () => {
    const before = await counts();
    const currency = await errorOf(create({ currency: "XYZ" }));
    expect(currency.data?.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(currency.data)).toContain("currency");
    expect(await outcomeOf(create({ amount: "-1.00" }))).toBe("BAD_REQUEST");
    expect(await outcomeOf(create({ status: "approved" } as unknown as Partial<CreateInput>))).toBe(
      "BAD_REQUEST",
    );
    expect(await counts()).toEqual(before);
  });
});

describe("the lifecycle", () => {
  it("runs Pending → Accepted → In Progress → Completed → Approved → Paid with the roles of seed 004", async () => {
    const po = await completed();
    expect(po.status).toBe("completed");
    expect(po.milestones.map((m) => m.percentage)).toEqual([25, 50, 100]);
    expect(po.progress).toBe(100);
    expect(po.allowedActions).toContain("approve");
    expect(po.milestones[0]!.remoteIp).toBe("127.0.0.1");
    // Team members read but do not approve; team leads approve but do not pay.
    expect(await outcomeOf(clients.team_member.purchaseOrders.approve.mutate({ id: po.id }))).toBe(
      "FORBIDDEN",
    );
    const approved = await clients.finance.purchaseOrders.approve.mutate({ id: po.id });
    expect(approved).toMatchObject({ status: "approved", isAutoApproved: false });
    expect(approved.approvedBy?.id).toBe(api.users.finance.id);
    expect(
      await outcomeOf(
        clients.team_lead.purchaseOrders.transition.mutate({ id: po.id, action: "markPaid" }),
      ),
    ).toBe("FORBIDDEN");
    const paid = await clients.finance.purchaseOrders.transition.mutate({
      id: po.id,
      action: "markPaid",
      paymentReference: "SEPA 4711",
    });
    expect(paid).toMatchObject({ status: "paid", paidDate: companyToday() });
    expect(paid.history.map((entry) => entry.action)).toEqual([
      "create",
      "accept",
      "recordMilestone",
      "start",
      "recordMilestone",
      "recordMilestone",
      "complete",
      "approve",
      "markPaid",
    ]);
  });

  it("refuses a move the machine does not allow, naming the allowed ones", async () => {
    const po = await create();
    const error = await errorOf(
      clients.finance.purchaseOrders.transition.mutate({ id: po.id, action: "complete" }),
    );
    expect(error.data?.code).toBe("UNPROCESSABLE_CONTENT");
    expect(error.message).toMatch(/Allowed now: accept, decline, cancel/);
    // Seed 004's error name, with the current status and the allowed moves.
    expect(error.data).toMatchObject({
      name: "InvalidStatusTransitionError",
      details: { status: "pending", action: "complete" },
    });
    expect((error.data?.details as { allowed: string[] }).allowed).toEqual(
      expect.arrayContaining(["accept", "decline", "cancel"]),
    );
    const stored = await api.db.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } });
    expect(stored.status).toBe("pending");
    expect(
      await outcomeOf(
        clients.finance.purchaseOrders.transition.mutate({ id: po.id, action: "cancel" }),
      ),
    ).toBe("BAD_REQUEST");
  });

  it("disputes a completed PO, then approves or cancels it", async () => {
    const po = await completed();
    const disputed = await clients.team_lead.purchaseOrders.transition.mutate({
      id: po.id,
      action: "dispute",
      reason: "Chapter 3 missing",
    });
    expect(disputed).toMatchObject({ status: "disputed", statusReason: "Chapter 3 missing" });
    const cancelled = await clients.team_lead.purchaseOrders.transition.mutate({
      id: po.id,
      action: "cancel",
      reason: "Not delivered",
    });
    expect(cancelled.status).toBe("cancelled");
  });

  it("approves automatically at or under the currency's threshold and says so in the history", async () => {
    await clients.admin.settings.update.mutate({
      purchaseOrderAutoApprovalThresholds: { EUR: "500.00" },
    });
    try {
      const small = await completed({ amount: "450.00" });
      expect(small).toMatchObject({ status: "approved", isAutoApproved: true, approvedBy: null });
      const event = small.history.find((entry) => entry.action === "autoApprove");
      expect(event?.after).toMatchObject({
        automatic: true,
        threshold: "500.00",
        payableTotal: "450.00",
      });
      const large = await completed({ amount: "501.00" });
      expect(large.status).toBe("completed");
      // Another currency has no threshold: a person approves.
      const pounds = await completed({ amount: "10.00", supplierId: otherSupplierId });
      expect(pounds.status).toBe("completed");
    } finally {
      await clients.admin.settings.update.mutate({ purchaseOrderAutoApprovalThresholds: {} });
    }
  });
});

describe("milestones", () => {
  it("refuses 0, 101 and a decrease, writing nothing", async () => {
    const po = await create();
    await clients.team_lead.purchaseOrders.transition.mutate({ id: po.id, action: "accept" });
    await clients.team_lead.purchaseOrders.milestones.record.mutate({
      purchaseOrderId: po.id,
      percentage: 50,
    });
    const before = await counts();
    for (const percentage of [0, 101, 50, 40]) {
      const error = await errorOf(
        clients.team_lead.purchaseOrders.milestones.record.mutate({
          purchaseOrderId: po.id,
          percentage,
        }),
      );
      expect(error.data?.code).toBe("BAD_REQUEST");
    }
    expect(await counts()).toEqual(before);
    const listed = await clients.team_member.purchaseOrders.milestones.list.query({
      purchaseOrderId: po.id,
    });
    expect(listed.map((m) => m.percentage)).toEqual([50]);
  });

  it("lets a team member confirm milestones on a PO they manage, not on others", async () => {
    const managed = await create({ projectId: memberProjectId });
    expect(managed.projectManager?.id).toBe(api.users.team_member.id);
    const other = await create();
    for (const po of [managed, other])
      await clients.team_lead.purchaseOrders.transition.mutate({ id: po.id, action: "accept" });
    const member = clients.team_member;
    expect(
      await outcomeOf(
        member.purchaseOrders.milestones.record.mutate({
          purchaseOrderId: other.id,
          percentage: 25,
        }),
      ),
    ).toBe("FORBIDDEN");
    const milestone = await member.purchaseOrders.milestones.record.mutate({
      purchaseOrderId: managed.id,
      percentage: 100,
      notes: "Delivered",
    });
    expect(milestone.isConfirmed).toBe(false);
    const confirmed = await member.purchaseOrders.milestones.update.mutate({
      id: milestone.id,
      confirmed: true,
    });
    expect(confirmed).toMatchObject({
      isConfirmed: true,
      confirmedBy: { id: api.users.team_member.id },
    });
    expect((await member.purchaseOrders.get.query({ id: managed.id })).status).toBe("completed");
    // A team member changes nothing else.
    expect(
      await outcomeOf(
        member.purchaseOrders.update.mutate({ id: managed.id, values: { notes: "x" } }),
      ),
    ).toBe("FORBIDDEN");
  });
});

describe("disbursements", () => {
  it("keeps total = units × rate and the PO's payable total, refusing a mismatch with a field error", async () => {
    const po = await create({ amount: "1000.00", type: "dtp" });
    const lead = clients.team_lead;
    const before = await counts();
    const mismatch = await errorOf(
      lead.purchaseOrders.disbursements.add.mutate({
        purchaseOrderId: po.id,
        itemType: "dtp",
        itemTypeInfo: "Layout, 12 pages",
        units: 12,
        ratePerUnit: "15.00",
        totalCost: "170.00",
      }),
    );
    expect(mismatch.data?.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(mismatch.data)).toContain("totalCost");
    expect(await counts()).toEqual(before);

    await lead.purchaseOrders.disbursements.add.mutate({
      purchaseOrderId: po.id,
      itemType: "other",
      itemTypeInfo: "Courier",
      units: 1,
      ratePerUnit: "25.50",
      totalCost: "25.50",
    });
    const dtp = await lead.purchaseOrders.disbursements.add.mutate({
      purchaseOrderId: po.id,
      itemType: "dtp",
      itemTypeInfo: "Layout, 12 pages",
      units: 12,
      ratePerUnit: "15.00",
      totalCost: "180.00",
    });
    const read = await lead.purchaseOrders.get.query({ id: po.id });
    expect(read.disbursements.map((item) => item.itemType)).toEqual(["dtp", "other"]);
    expect(read.payableTotal.toFixed(2)).toBe("1205.50");
    expect(
      await outcomeOf(
        lead.purchaseOrders.disbursements.update.mutate({ id: dtp.id, values: { units: 10 } }),
      ),
    ).toBe("BAD_REQUEST");
    await lead.purchaseOrders.disbursements.update.mutate({
      id: dtp.id,
      values: { units: 10, totalCost: "150.00" },
    });
    expect((await lead.purchaseOrders.get.query({ id: po.id })).payableTotal.toFixed(2)).toBe(
      "1175.50",
    );
    // Team leads delete nothing; finance removes the item.
    expect(await outcomeOf(lead.purchaseOrders.disbursements.delete.mutate({ id: dtp.id }))).toBe(
      "FORBIDDEN",
    );
    await clients.finance.purchaseOrders.disbursements.delete.mutate({ id: dtp.id });
    expect((await lead.purchaseOrders.get.query({ id: po.id })).disbursementTotal.toFixed(2)).toBe(
      "25.50",
    );
  });

  it("refuses a disbursement change once the PO is approved, in the database too", async () => {
    const po = await completed({ amount: "100.00" });
    await clients.finance.purchaseOrders.approve.mutate({ id: po.id });
    expect(
      await outcomeOf(
        clients.finance.purchaseOrders.disbursements.add.mutate({
          purchaseOrderId: po.id,
          itemType: "other",
          itemTypeInfo: "Late fee",
          units: 1,
          ratePerUnit: "5",
          totalCost: "5.00",
        }),
      ),
    ).toBe("UNPROCESSABLE_CONTENT");
    const owner = new pg.Client({ connectionString: api.ownerUrl });
    await owner.connect();
    try {
      await expect(
        owner.query(
          `INSERT INTO disbursement_items (purchase_order_id, item_type, item_type_info, units, rate_per_unit, total_cost, updated_at)
           VALUES ($1, 'other', 'x', 1, 5, 5, now())`,
          [po.id],
        ),
      ).rejects.toMatchObject({ code: "LL003" });
      await expect(
        owner.query(`UPDATE purchase_orders SET amount = 1 WHERE id = $1`, [po.id]),
      ).rejects.toMatchObject({ code: "LL003" });
      await expect(
        owner.query(`DELETE FROM purchase_orders WHERE id = $1`, [po.id]),
      ).rejects.toMatchObject({
        code: "LL003",
      });
    } finally {
      await owner.end();
    }
  });
});

describe("archive, soft delete and approving an archived PO", () => {
  it("refuses approving an archived PO and changes nothing", async () => {
    const po = await create();
    await clients.team_lead.purchaseOrders.transition.mutate({
      id: po.id,
      action: "decline",
      reason: "Busy",
    });
    await clients.team_lead.purchaseOrders.archive.mutate({ id: po.id });
    const before = await counts();
    const error = await errorOf(clients.finance.purchaseOrders.approve.mutate({ id: po.id }));
    expect(error.data?.code).toBe("CONFLICT");
    expect(error.message).toMatch(/archived/);
    expect(await counts()).toEqual(before);
    const listed = await clients.finance.purchaseOrders.list.query({ search: po.number! });
    expect(listed.total).toBe(0);
    const archived = await clients.finance.purchaseOrders.list.query({
      search: po.number!,
      archived: "archived",
    });
    expect(archived.total).toBe(1);
    await clients.team_lead.purchaseOrders.restore.mutate({ id: po.id });
  });

  it("soft-deletes a pending PO (cancelled, hidden), restorable by finance only", async () => {
    const po = await create();
    expect(await outcomeOf(clients.team_lead.purchaseOrders.delete.mutate({ id: po.id }))).toBe(
      "FORBIDDEN",
    );
    const deleted = await clients.finance.purchaseOrders.delete.mutate({ id: po.id });
    expect(deleted).toMatchObject({ status: "cancelled", allowedActions: ["restoreDeleted"] });
    expect(deleted.deletedAt).not.toBeNull();
    expect((await clients.finance.purchaseOrders.list.query({ search: po.number! })).total).toBe(0);
    expect(await outcomeOf(clients.team_lead.purchaseOrders.list.query({ deleted: "only" }))).toBe(
      "FORBIDDEN",
    );
    // Gone for those who may not restore it, by id too, and its PDF with it.
    expect(await outcomeOf(clients.team_lead.purchaseOrders.get.query({ id: po.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await outcomeOf(clients.team_lead.purchaseOrderPdfs.status.query({ id: po.id }))).toBe(
      "NOT_FOUND",
    );
    expect(
      (await clients.finance.purchaseOrders.get.query({ id: po.id })).deletedAt,
    ).not.toBeNull();
    expect(
      (await clients.finance.purchaseOrders.list.query({ search: po.number!, deleted: "only" }))
        .total,
    ).toBe(1);
    // Deleting twice changes nothing.
    await clients.finance.purchaseOrders.delete.mutate({ id: po.id });
    const restored = await clients.admin.purchaseOrders.restoreDeleted.mutate({ id: po.id });
    expect(restored.deletedAt).toBeNull();
    expect(await api.db.purchaseOrder.count({ where: { id: po.id } })).toBe(1);
  });
});

describe("the list", () => {
  it("filters by status, supplier, manager, dates, currency and approval state, enriched with the project", async () => {
    const pounds = await create({ supplierId: otherSupplierId, dueDate: "2030-01-15" });
    const byCurrency = await clients.team_member.purchaseOrders.list.query({ currency: "GBP" });
    expect(byCurrency.items.every((item) => item.currency === "GBP")).toBe(true);
    expect(byCurrency.items.map((item) => item.id)).toContain(pounds.id);
    const item = byCurrency.items.find((row) => row.id === pounds.id)!;
    expect(item).toMatchObject({
      projectNumber,
      projectName: "Handbuch DE>EN",
      supplierName: "Agency Ltd",
      status: "pending",
      dueDate: "2030-01-15",
    });
    const bySupplier = await clients.finance.purchaseOrders.list.query({
      supplierId: otherSupplierId,
    });
    expect(bySupplier.items.every((row) => row.supplierId === otherSupplierId)).toBe(true);
    const byDue = await clients.finance.purchaseOrders.list.query({
      dueDateFrom: "2030-01-01",
      dueDateTo: "2030-01-31",
    });
    expect(byDue.items.map((row) => row.id)).toEqual([pounds.id]);
    const today = companyToday();
    const byOrder = await clients.finance.purchaseOrders.list.query({
      orderDateFrom: today,
      orderDateTo: today,
      pageSize: 500,
    });
    expect(byOrder.items.map((row) => row.id)).toContain(pounds.id);
    const byManager = await clients.finance.purchaseOrders.list.query({
      projectManagerId: api.users.team_member.id,
    });
    expect(byManager.items.length).toBeGreaterThan(0);
    expect(byManager.items.every((row) => row.projectManagerId === api.users.team_member.id)).toBe(
      true,
    );
    const awaiting = await clients.finance.purchaseOrders.list.query({ approval: "awaiting" });
    expect(awaiting.items.every((row) => ["completed", "disputed"].includes(row.status))).toBe(
      true,
    );
    const statuses = await clients.finance.purchaseOrders.list.query({
      status: ["pending", "accepted"],
      sortBy: "number",
      sortDirection: "asc",
      pageSize: 3,
      page: 1,
    });
    expect(statuses.pageSize).toBe(3);
    expect(statuses.items.every((row) => ["pending", "accepted"].includes(row.status))).toBe(true);
    const numbers = statuses.items.map((row) => row.number!);
    expect([...numbers].sort()).toEqual(numbers);
  });

  it("sums open commitments (approved, not paid) per currency", async () => {
    const before = await clients.finance.purchaseOrders.commitments.query({});
    const po = await completed({ amount: "321.00" });
    await clients.finance.purchaseOrders.approve.mutate({ id: po.id });
    const after = await clients.finance.purchaseOrders.commitments.query({});
    const eur = (rows: typeof before) => rows.find((row) => row.currency === "EUR");
    expect(
      eur(after)!
        .openAmount.minus(eur(before)?.openAmount ?? 0)
        .toFixed(2),
    ).toBe("321.00");
  });
});

describe("batch approve and batch delete", () => {
  it("answers one result per id, and a second run changes nothing", async () => {
    const ready = [await completed(), await completed()];
    const pending = await create();
    const missing = randomUUID();
    const ids = [...ready.map((po) => po.id), pending.id, missing];
    const first = await clients.team_lead.purchaseOrders.batchApprove.mutate({ ids });
    expect(first).toMatchObject({ queued: false, done: true, total: 4, processed: 4 });
    expect(first.results.map((result) => result.outcome)).toEqual([
      "approved",
      "approved",
      "refused",
      "refused",
    ]);
    expect(first.results[2]!.message).toMatch(/while it is "pending"/);
    expect(first.results[3]!.message).toMatch(/does not exist/);
    const second = await clients.team_lead.purchaseOrders.batchApprove.mutate({ ids });
    expect(second.results.map((result) => result.outcome)).toEqual([
      "skipped",
      "skipped",
      "refused",
      "refused",
    ]);
    const approvals = await api.db.auditEvent.count({
      where: {
        entityType: "purchaseOrder",
        entityId: { in: ready.map((po) => po.id) },
        action: "approve",
      },
    });
    expect(approvals).toBe(2);
    const status = await clients.team_member.purchaseOrders.batchStatus.query({ id: first.id });
    expect(status.counts).toEqual({ approved: 2, deleted: 0, skipped: 0, refused: 2 });
  });

  it("deletes in a batch what may be deleted and refuses the rest", async () => {
    const pending = await create();
    const approved = await completed();
    await clients.finance.purchaseOrders.approve.mutate({ id: approved.id });
    expect(
      await outcomeOf(clients.team_lead.purchaseOrders.batchDelete.mutate({ ids: [pending.id] })),
    ).toBe("FORBIDDEN");
    const result = await clients.finance.purchaseOrders.batchDelete.mutate({
      ids: [pending.id, approved.id],
    });
    expect(result.results.map((r) => r.outcome)).toEqual(["deleted", "refused"]);
    expect(
      (await api.db.purchaseOrder.findUniqueOrThrow({ where: { id: pending.id } })).deletedAt,
    ).not.toBeNull();
  });
});

describe("the rules' twins in the database", () => {
  it("allows exactly the machine's status moves", async () => {
    const owner = new pg.Client({ connectionString: api.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ from: string; to: string; allowed: boolean }>(
        `SELECT f::text AS from, t::text AS to, purchase_order_status_move_allowed(f, t) AS allowed
         FROM unnest(enum_range(NULL::purchase_order_status)) f,
              unnest(enum_range(NULL::purchase_order_status)) t WHERE f <> t`,
      );
      expect(rows).toHaveLength(
        PURCHASE_ORDER_STATUSES.length * (PURCHASE_ORDER_STATUSES.length - 1),
      );
      for (const row of rows) {
        expect({
          ...row,
          allowed: PURCHASE_ORDER_MACHINE.canMove(row.from as never, row.to as never),
        }).toEqual(row);
      }
    } finally {
      await owner.end();
    }
  });

  it("expires a pending PO not accepted by its due date when the sweep runs", async () => {
    const po = await create({ orderDate: new Date("2026-01-05T09:00:00Z"), dueDate: "2026-01-10" });
    const result = await sweepDueDates(api.db, { today: "2026-01-11" });
    expect(result.expiredPurchaseOrders).toBeGreaterThanOrEqual(1);
    const expired = await clients.finance.purchaseOrders.get.query({ id: po.id });
    expect(expired.status).toBe("expired");
    expect(expired.history.at(-1)).toMatchObject({ action: "expire", actorName: null });
  });
});
