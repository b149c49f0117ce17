import { randomUUID } from "node:crypto";
import { createDb, Prisma, type Db } from "@ledgerline/db";
import { createTestDatabase, seededRandom, type TestDatabase } from "@ledgerline/db/testing";
import {
  addDays,
  Decimal,
  isAwaitingApproval,
  isExpiredPurchaseOrder,
  isOpenCommitment,
  payableTotalOf,
  PURCHASE_ORDER_STATUSES,
  purchaseOrderAllowedActions,
  ZERO,
  type IsoDate,
  type PurchaseOrderStatus,
} from "@ledgerline/domain";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemActor } from "../actor.ts";
import { createCustomer } from "../customers/customers.ts";
import { createProject } from "../projects/projects.ts";
import { companyToday } from "../sales-documents/company-context.ts";
import { createSupplier } from "../suppliers/suppliers.ts";
import { expirePurchaseOrders } from "./expire-purchase-orders.ts";
import { listPurchaseOrders, purchaseOrderCommitments } from "./list-purchase-orders.ts";
import * as readModel from "./purchase-order-read-model.ts";
import { waitingForApprovalOf } from "./waiting-for-approval.ts";

/**
 * The contract of the purchase-order read model: its SQL fragments and the domain functions they
 * mirror give the same answers on the same POs. A few hundred POs are generated (a fixed seed,
 * so a failure repeats): every status, due dates around today (today, yesterday and tomorrow
 * among them) or none, amounts and disbursements with zeros, internal, archived and deleted
 * ones, three currencies. Both sides then judge each PO, and the reads built from the fragments
 * (the list's approval filters, the open commitments, the due-date sweep) are held to the
 * domain's answers too.
 */
const actor = systemActor("purchase-order contract test");
let database: TestDatabase;
let db: Db;
let today: IsoDate;

interface GeneratedOrder {
  id: string;
  status: PurchaseOrderStatus;
  currency: string;
  amount: Decimal;
  disbursementTotal: Decimal;
  dueDate: IsoDate | null;
  isInternal: boolean;
  archived: boolean;
  deleted: boolean;
}

const orders: GeneratedOrder[] = [];

function generate() {
  const random = seededRandom(20261210);
  const cents = (to: number) => new Decimal(random.int(0, to * 100)).dividedBy(100);
  const currencies = ["EUR", "CHF", "USD"] as const;
  for (let index = 0; index < 300; index += 1) {
    // Every status often enough, and the due-date edges for each pending one.
    const status = PURCHASE_ORDER_STATUSES[index % PURCHASE_ORDER_STATUSES.length]!;
    const edge = index % 7;
    const dueDate =
      edge === 0
        ? today
        : edge === 1
          ? addDays(today, -1)
          : edge === 2
            ? addDays(today, 1)
            : edge === 3
              ? null
              : addDays(today, random.int(-60, 60));
    orders.push({
      id: randomUUID(),
      status,
      currency: random.pick(currencies),
      amount: random.chance(0.15) ? ZERO : cents(5000),
      disbursementTotal: random.chance(0.5) ? ZERO : cents(800),
      dueDate,
      // Internal work is never paid (a check of the table).
      isInternal: status !== "paid" && random.chance(0.25),
      archived: random.chance(0.1),
      deleted: random.chance(0.1),
    });
  }
}

beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "po_read_model",
    adminUrl: inject("databaseAdminUrl"),
  });
  db = createDb({ url: database.url, maxConnections: 4 });
  today = companyToday();
  const customer = await createCustomer(db, actor, { name: "Vertrag & Probe GmbH" });
  const project = await createProject(db, actor, { name: "Probe", customerId: customer.id });
  const supplier = await createSupplier(db, actor, { name: "Probe Supplier" });
  generate();
  for (const po of orders) {
    const settled = po.status === "approved" || po.status === "paid";
    await db.$executeRaw`
      INSERT INTO purchase_orders
        (id, status, project_id, supplier_id, amount, disbursement_total, currency, due_date,
         is_internal, approved_at, paid_date, archived_at, deleted_at, updated_at)
      VALUES (${po.id}::uuid, ${po.status}::purchase_order_status, ${project.id}::uuid,
              ${supplier.id}::uuid, ${po.amount.toFixed(2)}::numeric,
              ${po.disbursementTotal.toFixed(2)}::numeric, ${po.currency}, ${po.dueDate}::date,
              ${po.isInternal}, ${settled ? new Date() : null}::timestamptz,
              ${po.status === "paid" ? today : null}::date,
              ${po.archived ? new Date() : null}::timestamptz,
              ${po.deleted ? new Date() : null}::timestamptz, now())`;
  }
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** Each fragment evaluated on every generated PO. */
async function fragmentsOnEveryOrder() {
  const rows = await db.$queryRaw<
    Array<{
      id: string;
      payableTotal: string;
      awaitingApproval: boolean;
      openCommitment: boolean;
      expired: boolean;
      waitingForSystem: boolean;
    }>
  >`
    SELECT po.id::text AS id, ${readModel.PAYABLE_TOTAL_SQL}::text AS "payableTotal",
           ${readModel.AWAITING_APPROVAL_SQL} AS "awaitingApproval",
           ${readModel.OPEN_COMMITMENT_SQL} AS "openCommitment",
           coalesce(${readModel.expiredPurchaseOrderSql(today)}, false) AS "expired",
           coalesce(${waitingForApprovalOf(actor)}, false) AS "waitingForSystem"
    FROM purchase_orders po`;
  return new Map(rows.map((row) => [row.id, row]));
}

const facts = (po: GeneratedOrder) => ({
  ...po,
  projectManagerId: null,
  archivedAt: po.archived ? new Date() : null,
  deletedAt: po.deleted ? new Date() : null,
});

describe("the purchase-order read model and the domain", () => {
  it("generates a varied set", () => {
    const seen = new Set(orders.map((po) => po.status));
    expect([...seen].sort()).toEqual([...PURCHASE_ORDER_STATUSES].sort());
    const pending = orders.filter((po) => po.status === "pending");
    for (const dueDate of [today, addDays(today, -1), addDays(today, 1), null]) {
      expect(pending.some((po) => po.dueDate === dueDate)).toBe(true);
    }
    expect(orders.some((po) => isAwaitingApproval(po) && payableTotalOf(po).isZero())).toBe(true);
    expect(orders.some((po) => po.status === "approved" && po.isInternal)).toBe(true);
    expect(orders.filter(isOpenCommitment).length).toBeGreaterThan(5);
  });

  it("every fragment agrees with its domain function on every PO", async () => {
    const sql = await fragmentsOnEveryOrder();
    expect(sql.size).toBe(orders.length);
    for (const po of orders) {
      const row = sql.get(po.id)!;
      const label = `${po.status} ${po.dueDate ?? "no due date"} ${po.amount}+${po.disbursementTotal}`;
      expect(row.payableTotal, `payableTotalOf: ${label}`).toBe(payableTotalOf(po).toFixed(2));
      expect(row.awaitingApproval, `isAwaitingApproval: ${label}`).toBe(isAwaitingApproval(po));
      expect(row.openCommitment, `isOpenCommitment: ${label}`).toBe(isOpenCommitment(po));
      expect(row.expired, `isExpiredPurchaseOrder: ${label}`).toBe(
        isExpiredPurchaseOrder({ ...po, today }),
      );
      // What waits for approval is what may be approved now (archived, deleted and a payable
      // total of 0 included): the inbox's set for whoever sees every PO.
      expect(row.waitingForSystem, `waiting for approval: ${label}`).toBe(
        purchaseOrderAllowedActions(facts(po), { personId: null }).includes("approve"),
      );
    }
  });

  it("the list's approval filter: exactly the live POs the domain says await approval", async () => {
    const listed = await listPurchaseOrders(db, actor, {
      approval: "awaiting",
      archived: "all",
      pageSize: 500,
    });
    expect(listed.items.map((row) => row.id).sort()).toEqual(
      orders
        .filter((po) => !po.deleted && isAwaitingApproval(po))
        .map((po) => po.id)
        .sort(),
    );
    for (const row of listed.items) {
      const po = orders.find((order) => order.id === row.id)!;
      expect(row.payableTotal.toFixed(2)).toBe(payableTotalOf(po).toFixed(2));
    }
  });

  it("the open commitments: the domain's counts and sums per currency", async () => {
    const commitments = await purchaseOrderCommitments(db, {});
    const live = orders.filter((po) => !po.deleted && !po.isInternal);
    const expected = ["CHF", "EUR", "USD"].map((currency) => {
      const open = live.filter((po) => po.currency === currency && isOpenCommitment(po));
      const awaiting = live.filter((po) => po.currency === currency && isAwaitingApproval(po));
      const sum = (set: GeneratedOrder[]) =>
        set.reduce((total, po) => total.plus(payableTotalOf(po)), ZERO).toFixed(2);
      return {
        currency,
        count: open.length,
        openAmount: sum(open),
        awaitingCount: awaiting.length,
        awaitingAmount: sum(awaiting),
      };
    });
    expect(
      commitments.map((row) => ({
        ...row,
        openAmount: row.openAmount.toFixed(2),
        awaitingAmount: row.awaitingAmount.toFixed(2),
      })),
    ).toEqual(expected);
  });

  // Last: it changes what it judges.
  it("the due-date sweep expires exactly the live POs the domain says have expired", async () => {
    const expected = orders.filter(
      (po) => !po.deleted && !po.archived && isExpiredPurchaseOrder({ ...po, today }),
    );
    expect(expected.length).toBeGreaterThan(3);
    expect(await expirePurchaseOrders(db, today)).toBe(expected.length);
    const expired = await db.$queryRaw<Array<{ id: string }>>(
      Prisma.sql`SELECT id::text AS id FROM purchase_orders WHERE status = 'expired'`,
    );
    const before = orders.filter((po) => po.status === "expired").map((po) => po.id);
    expect(expired.map((row) => row.id).sort()).toEqual(
      [...before, ...expected.map((po) => po.id)].sort(),
    );
    expect(await expirePurchaseOrders(db, today)).toBe(0);
  });
});
