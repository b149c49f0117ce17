import { englishOf } from "./messages.ts";
import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { can } from "./permissions.ts";
import {
  assertPurchaseOrderAction,
  autoApprovalThresholdOf,
  decideBatchItem,
  disbursementTotalProblem,
  milestoneProblem,
  PURCHASE_ORDER_ACTION_RULES,
  PURCHASE_ORDER_ACTIONS,
  PURCHASE_ORDER_MACHINE,
  PURCHASE_ORDER_STATUSES,
  purchaseOrderAllowedActions,
  qualifiesForAutoApproval,
  type PurchaseOrderFacts,
  type PurchaseOrderStatus,
} from "./purchase-orders.ts";
import { ROLES } from "./roles.ts";
import {
  addDisbursementInputSchema,
  recordMilestoneInputSchema,
} from "./schemas/purchase-orders.ts";

/** Seed 004 §4's moves, plus ours: Completed → Disputed and Pending → Expired (docs/domain-model.md §5.9). */
const EXPECTED_MOVES: Record<PurchaseOrderStatus, PurchaseOrderStatus[]> = {
  pending: ["accepted", "declined", "cancelled", "expired"],
  accepted: ["in_progress", "cancelled"],
  declined: [],
  in_progress: ["completed"],
  completed: ["approved", "disputed"],
  approved: ["paid"],
  paid: [],
  cancelled: [],
  expired: [],
  disputed: ["approved", "cancelled"],
};

const po = (values: Partial<PurchaseOrderFacts> = {}): PurchaseOrderFacts => ({
  status: "pending",
  isInternal: false,
  amount: "100.00",
  disbursementTotal: "0.00",
  projectManagerId: null,
  archivedAt: null,
  deletedAt: null,
  ...values,
});

const errorOf = (run: () => unknown): AppError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("the purchase-order status machine", () => {
  // Every (from, to) pair: the allowed ones pass, every other is refused naming the allowed ones.
  for (const from of PURCHASE_ORDER_STATUSES) {
    for (const to of PURCHASE_ORDER_STATUSES) {
      if (from === to) continue;
      const allowed = EXPECTED_MOVES[from].includes(to);
      it(`${from} → ${to} is ${allowed ? "allowed" : "refused"}`, () => {
        if (allowed) {
          expect(() => PURCHASE_ORDER_MACHINE.assertMove(from, to)).not.toThrow();
          return;
        }
        const error = errorOf(() => PURCHASE_ORDER_MACHINE.assertMove(from, to));
        expect(error.code).toBe("INVALID_TRANSITION");
        expect(error.details).toEqual({ status: from, from, to, allowed: EXPECTED_MOVES[from] });
        const named = EXPECTED_MOVES[from].length > 0 ? EXPECTED_MOVES[from].join(", ") : "none";
        expect(error.message).toContain(named);
      });
    }
  }
});

describe("purchase-order actions in every status", () => {
  for (const action of PURCHASE_ORDER_ACTIONS) {
    for (const status of PURCHASE_ORDER_STATUSES) {
      const rule = PURCHASE_ORDER_ACTION_RULES[action];
      const allowed = rule.from.includes(status);
      it(`${action} from ${status}: ${allowed ? "allowed" : "refused"}`, () => {
        const facts = po({ status });
        const system = { personId: null };
        if (allowed) {
          expect(() => assertPurchaseOrderAction(facts, action, system)).not.toThrow();
          expect(PURCHASE_ORDER_MACHINE.canMove(status, rule.to)).toBe(true);
          return;
        }
        const error = errorOf(() => assertPurchaseOrderAction(facts, action, system));
        expect(error.code).toBe("INVALID_TRANSITION");
        const allowedNow = PURCHASE_ORDER_ACTIONS.filter((a) =>
          PURCHASE_ORDER_ACTION_RULES[a].from.includes(status),
        );
        expect(error.details).toMatchObject({ status, action, allowed: allowedNow });
      });
    }
  }
});

describe("who may do what (seed 004 Permissions)", () => {
  it("gives admin and finance everything, team leads no deleting and no paying", () => {
    for (const role of ["admin", "finance"] as const) {
      for (const permission of [
        "purchaseOrder.read",
        "purchaseOrder.write",
        "purchaseOrder.approve",
        "purchaseOrder.delete",
        "purchaseOrder.recordMilestone",
      ] as const)
        expect(can(role, permission)).toBe(true);
    }
    expect(can("team_lead", "purchaseOrder.write")).toBe(true);
    expect(can("team_lead", "purchaseOrder.approve")).toBe(true);
    expect(can("team_lead", "purchaseOrder.delete")).toBe(false);
    expect(can("team_member", "purchaseOrder.write")).toBe(false);
    expect(can("team_member", "purchaseOrder.read")).toBe(true);
  });

  it("offers a team lead approve but not delete, and finance both", () => {
    const completed = po({ status: "completed" });
    const lead = purchaseOrderAllowedActions(completed, { role: "team_lead", personId: "u" });
    expect(lead).toContain("approve");
    expect(lead).toContain("dispute");
    expect(purchaseOrderAllowedActions(po(), { role: "team_lead", personId: "u" })).not.toContain(
      "delete",
    );
    expect(purchaseOrderAllowedActions(po(), { role: "finance", personId: "u" })).toContain(
      "delete",
    );
    const approved = po({ status: "approved" });
    expect(
      purchaseOrderAllowedActions(approved, { role: "team_lead", personId: "u" }),
    ).not.toContain("markPaid");
    expect(purchaseOrderAllowedActions(approved, { role: "finance", personId: "u" })).toContain(
      "markPaid",
    );
  });

  it("lets a team member only record and confirm milestones on a PO they manage", () => {
    const managed = po({ status: "in_progress", projectManagerId: "member" });
    expect(
      purchaseOrderAllowedActions(managed, { role: "team_member", personId: "member" }),
    ).toEqual(["recordMilestone", "confirmMilestone"]);
    expect(
      purchaseOrderAllowedActions(managed, { role: "team_member", personId: "other" }),
    ).toEqual([]);
    const error = errorOf(() =>
      assertPurchaseOrderAction(managed, "recordMilestone", {
        role: "team_member",
        personId: "other",
      }),
    );
    expect(error.code).toBe("FORBIDDEN");
    for (const role of ROLES) {
      const actions = purchaseOrderAllowedActions(po({ status: "completed" }), {
        role,
        personId: "x",
      });
      expect(actions.includes("approve")).toBe(can(role, "purchaseOrder.approve"));
    }
  });

  it("offers only restoring on an archived or deleted PO, and never paying an internal one", () => {
    const finance = { role: "finance" as const, personId: "f" };
    expect(
      purchaseOrderAllowedActions(po({ status: "paid", archivedAt: new Date() }), finance),
    ).toEqual(["restore"]);
    expect(
      purchaseOrderAllowedActions(po({ status: "cancelled", deletedAt: new Date() }), finance),
    ).toEqual(["restoreDeleted"]);
    const archived = errorOf(() =>
      assertPurchaseOrderAction(
        po({ status: "completed", archivedAt: new Date() }),
        "approve",
        finance,
      ),
    );
    expect(archived.code).toBe("CONFLICT");
    expect(
      purchaseOrderAllowedActions(po({ status: "approved", isInternal: true }), finance),
    ).not.toContain("markPaid");
  });
});

describe("milestones", () => {
  it("accepts 1 to 100 and refuses 0 and 101", () => {
    const base = { purchaseOrderId: "7f1d3f1e-3c1a-4d8e-9a55-3a6b2f0e4c11" };
    for (const percentage of [1, 25, 50, 75, 100, 37])
      expect(recordMilestoneInputSchema.safeParse({ ...base, percentage }).success).toBe(true);
    for (const percentage of [0, 101, -5, 12.5])
      expect(recordMilestoneInputSchema.safeParse({ ...base, percentage }).success).toBe(false);
  });

  it("never decrease", () => {
    expect(milestoneProblem(25, [])).toBeNull();
    expect(milestoneProblem(50, [25])).toBeNull();
    expect(englishOf(milestoneProblem(25, [25])!)).toMatch(/never decrease/);
    expect(englishOf(milestoneProblem(40, [25, 50])!)).toMatch(/already at 50 %/);
  });
});

describe("disbursements: total cost = units × rate", () => {
  it("accepts the exact product and refuses anything else, never rounding", () => {
    expect(
      disbursementTotalProblem({ units: 3, ratePerUnit: "12.5", totalCost: "37.50" }),
    ).toBeNull();
    expect(disbursementTotalProblem({ units: 3, ratePerUnit: "12.5", totalCost: "37.49" })).toMatch(
      /must be units × rate = 37.50/,
    );
    expect(
      disbursementTotalProblem({ units: 3, ratePerUnit: "0.3333", totalCost: "1.00" }),
    ).toMatch(/not a whole cent/);
    const parsed = addDisbursementInputSchema.safeParse({
      purchaseOrderId: "7f1d3f1e-3c1a-4d8e-9a55-3a6b2f0e4c11",
      itemType: "dtp",
      itemTypeInfo: "Layout, 12 pages",
      units: 12,
      ratePerUnit: "15",
      totalCost: "170.00",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["totalCost"]);
  });
});

describe("auto-approval per currency", () => {
  const settings = {
    defaultCurrency: "EUR",
    purchaseOrderAutoApprovalThreshold: "500.00",
    purchaseOrderAutoApprovalThresholds: { USD: "300.00" },
  };

  it("reads the currency's own threshold, else the single one for the company's currency", () => {
    expect(autoApprovalThresholdOf(settings, "USD")?.toFixed(2)).toBe("300.00");
    expect(autoApprovalThresholdOf(settings, "EUR")?.toFixed(2)).toBe("500.00");
    expect(autoApprovalThresholdOf(settings, "CHF")).toBeNull();
  });

  it("approves a completed PO at or under the threshold, counting its disbursements", () => {
    const completed = (amount: string, disbursementTotal = "0", currency = "EUR") => ({
      status: "completed" as const,
      currency,
      amount,
      disbursementTotal,
    });
    expect(qualifiesForAutoApproval(completed("500.00"), settings)).toBe(true);
    expect(qualifiesForAutoApproval(completed("450.00", "50.01"), settings)).toBe(false);
    expect(qualifiesForAutoApproval(completed("300.00", "0", "USD"), settings)).toBe(true);
    expect(qualifiesForAutoApproval(completed("10.00", "0", "CHF"), settings)).toBe(false);
    expect(qualifiesForAutoApproval({ ...completed("10.00"), status: "disputed" }, settings)).toBe(
      false,
    );
    expect(qualifiesForAutoApproval(completed("0.00"), settings)).toBe(false);
  });
});

describe("batch decisions", () => {
  const finance = { role: "finance" as const, personId: "f" };
  it("approves, skips what is done and refuses the rest with the single call's error", () => {
    expect(decideBatchItem("approve", po({ status: "completed" }), finance).outcome).toBe(
      "approved",
    );
    expect(decideBatchItem("approve", po({ status: "approved" }), finance)).toEqual({
      outcome: "skipped",
      message: "Already approved.",
    });
    const refused = decideBatchItem("approve", po({ status: "pending" }), finance);
    expect(refused.outcome).toBe("refused");
    expect(refused.message).toMatch(/Cannot approve this purchase order while it is "pending"/);
    expect(decideBatchItem("approve", null, finance).outcome).toBe("refused");
    expect(
      decideBatchItem("delete", po({ status: "cancelled", deletedAt: new Date() }), finance)
        .outcome,
    ).toBe("skipped");
    expect(
      decideBatchItem("approve", po({ status: "completed" }), {
        role: "team_member",
        personId: "m",
      }).outcome,
    ).toBe("refused");
  });
});
