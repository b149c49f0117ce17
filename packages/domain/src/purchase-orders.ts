import { AppError } from "./errors.ts";
import { appMessage, listParam, termParam, type AppMessage } from "./messages.ts";
import { toDecimal, ZERO, type Decimal, type DecimalInput } from "./money.ts";
import { can, type Permission } from "./permissions.ts";
import type { Role } from "./roles.ts";
import type { IsoDate } from "./calendar-date.ts";
import { defineStateMachine, type StateMachine } from "./state-machine.ts";

/**
 * Purchase orders (procure-to-pay, seed 004 §4-§6; docs/domain-model.md §5.9): what we order from
 * suppliers for a project. A PO has no draft: it is numbered (BE range) when created and moves
 * only through the named actions below or the derived moves (milestones, the sweep, the
 * auto-approval). Both together form the status machine, so any other move is refused with an
 * error that names the allowed ones.
 */

// ---------------------------------------------------------------- names (the Prisma enums)

export const PURCHASE_ORDER_STATUSES = [
  "pending",
  "accepted",
  "declined",
  "in_progress",
  "completed",
  "approved",
  "paid",
  "cancelled",
  "expired",
  "disputed",
] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

/** Seed 004 `po_type`: Translation, DTP, Disbursement. */
export const PURCHASE_ORDER_TYPES = ["translation", "dtp", "disbursement"] as const;
export type PurchaseOrderType = (typeof PURCHASE_ORDER_TYPES)[number];

/** Seed 004 disbursement `item_type`: "DTP and others". */
export const DISBURSEMENT_ITEM_TYPES = ["dtp", "other"] as const;
export type DisbursementItemType = (typeof DISBURSEMENT_ITEM_TYPES)[number];

/** Statuses nothing moves a PO out of. */
export const FINAL_PURCHASE_ORDER_STATUSES = [
  "declined",
  "cancelled",
  "expired",
  "paid",
] as const satisfies PurchaseOrderStatus[];

export const isFinalPurchaseOrderStatus = (status: PurchaseOrderStatus): boolean =>
  (FINAL_PURCHASE_ORDER_STATUSES as readonly string[]).includes(status);

// ---------------------------------------------------------------- actions (moves a person makes)

export const PURCHASE_ORDER_ACTIONS = [
  "accept",
  "decline",
  "start",
  "complete",
  "dispute",
  "approve",
  "markPaid",
  "cancel",
] as const;
export type PurchaseOrderAction = (typeof PURCHASE_ORDER_ACTIONS)[number];

export interface PurchaseOrderActionRule {
  readonly from: readonly PurchaseOrderStatus[];
  readonly to: PurchaseOrderStatus;
  readonly permissions: readonly Permission[];
  /** Whether the person must say why (kept as `statusReason` and in the audit event). */
  readonly reason: "required" | "optional" | "none";
}

const WRITE: readonly Permission[] = ["purchaseOrder.write"];
const APPROVE: readonly Permission[] = ["purchaseOrder.approve"];

/**
 * Seed 004: Pending → Accepted → In Progress → Completed → Approved → Paid; Pending → Declined;
 * Pending and Accepted → Cancelled; Disputed → Approved or Cancelled. Ours: a completed PO is
 * disputed by whoever may approve it (the work is not what was ordered), with a reason.
 */
export const PURCHASE_ORDER_ACTION_RULES: Readonly<
  Record<PurchaseOrderAction, PurchaseOrderActionRule>
> = {
  accept: { from: ["pending"], to: "accepted", permissions: WRITE, reason: "none" },
  decline: { from: ["pending"], to: "declined", permissions: WRITE, reason: "required" },
  start: { from: ["accepted"], to: "in_progress", permissions: WRITE, reason: "none" },
  complete: { from: ["in_progress"], to: "completed", permissions: WRITE, reason: "none" },
  dispute: { from: ["completed"], to: "disputed", permissions: APPROVE, reason: "required" },
  approve: {
    from: ["completed", "disputed"],
    to: "approved",
    permissions: APPROVE,
    reason: "none",
  },
  markPaid: { from: ["approved"], to: "paid", permissions: ["payment.write"], reason: "none" },
  cancel: {
    from: ["pending", "accepted", "disputed"],
    to: "cancelled",
    permissions: WRITE,
    reason: "required",
  },
};

/** How actions are named in messages; screens translate the action ids themselves. */
export const PURCHASE_ORDER_ACTION_LABELS: Record<PurchaseOrderAction, string> = {
  accept: "accept",
  decline: "decline",
  start: "start",
  complete: "complete",
  dispute: "dispute",
  approve: "approve",
  markPaid: "mark as paid",
  cancel: "cancel",
};

export interface PurchaseOrderDerivedMove {
  readonly from: readonly PurchaseOrderStatus[];
  readonly to: PurchaseOrderStatus;
  readonly cause: string;
}

/** Moves no person asks for directly. */
export const PURCHASE_ORDER_DERIVED_MOVES: readonly PurchaseOrderDerivedMove[] = [
  { from: ["pending"], to: "expired", cause: "due date passed without acceptance (sweep)" },
  { from: ["accepted"], to: "in_progress", cause: "the first milestone recorded" },
  { from: ["in_progress"], to: "completed", cause: "the 100 % milestone confirmed" },
  {
    from: ["completed"],
    to: "approved",
    cause: "payable total at or under the currency's auto-approval threshold",
  },
];

export interface PurchaseOrderMove {
  readonly from: PurchaseOrderStatus;
  readonly to: PurchaseOrderStatus;
  readonly by: PurchaseOrderAction | "derived";
}

/** Every status move, one row per (from, to, by): the rows the machine is built from. */
export function purchaseOrderMoves(): PurchaseOrderMove[] {
  const byAction = PURCHASE_ORDER_ACTIONS.flatMap((action) => {
    const rule = PURCHASE_ORDER_ACTION_RULES[action];
    return rule.from.map((from) => ({ from, to: rule.to, by: action }));
  });
  const derived = PURCHASE_ORDER_DERIVED_MOVES.flatMap((move) =>
    move.from.map((from) => ({ from, to: move.to, by: "derived" as const })),
  );
  return [...byAction, ...derived];
}

/**
 * The PO status machine: `PURCHASE_ORDER_MACHINE.assertMove(from, to)` before every stored status
 * change. Its SQL twin is `purchase_order_status_move_allowed` (migration
 * 20261205140000_purchase_orders); an integration test holds them equal.
 */
export const PURCHASE_ORDER_MACHINE: StateMachine<PurchaseOrderStatus> = defineStateMachine(
  "purchase order",
  Object.fromEntries(
    PURCHASE_ORDER_STATUSES.map((from) => [
      from,
      PURCHASE_ORDER_STATUSES.filter((to) =>
        purchaseOrderMoves().some((move) => move.from === from && move.to === to),
      ),
    ]),
  ) as Record<PurchaseOrderStatus, PurchaseOrderStatus[]>,
  { record: termParam("documentType", "purchase_order"), status: "purchaseOrderStatus" },
);

// ---------------------------------------------------------------- status sets the reads need

/**
 * Waiting for approval: the statuses `approve` moves from (completed, or disputed). Taken from
 * the action rule, so the lists, the inbox and the open commitments count what approve accepts.
 * Its SQL twin is `AWAITING_APPROVAL_SQL` (purchase-order-read-model.ts).
 */
export const AWAITING_APPROVAL_STATUSES: readonly PurchaseOrderStatus[] =
  PURCHASE_ORDER_ACTION_RULES.approve.from;

export const isAwaitingApproval = (po: { status: PurchaseOrderStatus }): boolean =>
  AWAITING_APPROVAL_STATUSES.includes(po.status);

/**
 * An open commitment (the purchasing overview): what we still owe a supplier, an approved PO
 * that `markPaid` will pay. An internal PO is never paid (`purchaseOrderAllowedActions`), so it
 * is no commitment. Its SQL twin is `OPEN_COMMITMENT_SQL`.
 */
export const isOpenCommitment = (po: {
  status: PurchaseOrderStatus;
  isInternal: boolean;
}): boolean => PURCHASE_ORDER_ACTION_RULES.markPaid.from.includes(po.status) && !po.isInternal;

/**
 * §5.9: a pending PO the supplier did not accept by its due date expires the day after it (the
 * due-date sweep stores `expired`). Its SQL twin is `expiredPurchaseOrderSql`.
 */
export const isExpiredPurchaseOrder = (po: {
  status: PurchaseOrderStatus;
  dueDate: IsoDate | null;
  today: IsoDate;
}): boolean => po.status === "pending" && po.dueDate !== null && po.dueDate < po.today;

// ---------------------------------------------------------------- money

/**
 * How the PO amount relates to its disbursements (docs/domain-model.md §3): `amount` is the
 * agreed fee for the work; disbursement items are costs on top of it, each `units × rate`. What
 * we owe the supplier, approve and pay is `amount + sum(totalCost)`. The database keeps
 * `disbursement_total` equal to the sum of the items (a trigger) and refuses item changes once
 * a PO is approved, so an approved total never moves.
 */
export const payableTotalOf = (po: {
  amount: DecimalInput;
  disbursementTotal: DecimalInput;
}): Decimal => toDecimal(po.amount).plus(toDecimal(po.disbursementTotal));

/** units × rate, exactly (a disbursement item's total cost must equal it; the form shows it live). */
export const disbursementTotalOf = (units: number, ratePerUnit: DecimalInput): Decimal =>
  toDecimal(ratePerUnit).times(units);

/**
 * `total_cost = no_of_units × rate_per_unit`, exactly: a product with fractions of a cent cannot
 * be a total cost, and a given total that differs is refused, never corrected. The database
 * holds the same with a check (`disbursement_items_total_cost`).
 * @returns null when they agree, else the message for the `totalCost` field.
 */
export function disbursementTotalProblem(item: {
  units: number;
  ratePerUnit: DecimalInput;
  totalCost: DecimalInput;
}): string | null {
  const product = disbursementTotalOf(item.units, item.ratePerUnit);
  if (product.decimalPlaces() > 2) {
    return `${item.units} × ${toDecimal(item.ratePerUnit).toString()} = ${product.toString()} is not a whole cent amount; adjust the rate.`;
  }
  if (!product.equals(toDecimal(item.totalCost))) {
    return `The total cost must be units × rate = ${product.toFixed(2)}, not ${toDecimal(item.totalCost).toFixed(2)}.`;
  }
  return null;
}

/**
 * The auto-approval threshold for a currency (company settings): the per-currency map first;
 * else the single threshold, which is in the company's default currency. Null: none, every PO in
 * this currency is approved by a person. Amounts are never converted between currencies.
 */
export function autoApprovalThresholdOf(
  settings: PurchaseOrderSettings,
  currency: string,
): Decimal | null {
  const own = settings.purchaseOrderAutoApprovalThresholds[currency];
  if (own !== undefined && own !== null) return toDecimal(own);
  if (currency === settings.defaultCurrency && settings.purchaseOrderAutoApprovalThreshold !== null)
    return toDecimal(settings.purchaseOrderAutoApprovalThreshold);
  return null;
}

/** The company settings the PO rules read. */
export interface PurchaseOrderSettings {
  defaultCurrency: string;
  purchaseOrderAutoApprovalThreshold: DecimalInput | null;
  purchaseOrderAutoApprovalThresholds: Readonly<Record<string, DecimalInput | null | undefined>>;
}

/**
 * A completed PO is approved automatically when its payable total is at or under its currency's
 * threshold (seed 004 "auto-approval thresholds"). A disputed PO never is (it left `completed`),
 * and a PO with nothing payable (total 0) waits for a person.
 */
export function qualifiesForAutoApproval(
  po: {
    status: PurchaseOrderStatus;
    currency: string;
    amount: DecimalInput;
    disbursementTotal: DecimalInput;
  },
  settings: PurchaseOrderSettings,
): boolean {
  if (po.status !== "completed") return false;
  const threshold = autoApprovalThresholdOf(settings, po.currency);
  if (threshold === null) return false;
  const total = payableTotalOf(po);
  return total.greaterThan(ZERO) && total.lessThanOrEqualTo(threshold);
}

// ---------------------------------------------------------------- milestones

export const MILESTONE_MIN = 1;
export const MILESTONE_MAX = 100;
/** The percentages most POs use (seed 004); any whole number 1-100 is accepted. */
export const COMMON_MILESTONES = [25, 50, 75, 100] as const;

/** Milestones are recorded while the work runs. */
export const MILESTONE_STATUSES = [
  "accepted",
  "in_progress",
] as const satisfies PurchaseOrderStatus[];

/**
 * Milestones never decrease: a new one must be above every milestone the PO already has.
 * @returns null when it may be recorded, else the message for the `percentage` field.
 */
export function milestoneProblem(
  percentage: number,
  existing: readonly number[],
): AppMessage | null {
  if (!Number.isInteger(percentage) || percentage < MILESTONE_MIN || percentage > MILESTONE_MAX)
    return appMessage("purchaseOrder.milestoneRange", { min: MILESTONE_MIN, max: MILESTONE_MAX });
  const highest = existing.length > 0 ? Math.max(...existing) : 0;
  if (percentage <= highest) return appMessage("purchaseOrder.milestoneDecreases", { highest });
  return null;
}

// ---------------------------------------------------------------- records

/** Statuses whose disbursement items may change: before approval, while the PO is live. */
export const DISBURSEMENT_STATUSES = [
  "pending",
  "accepted",
  "in_progress",
  "completed",
  "disputed",
] as const satisfies PurchaseOrderStatus[];

/** A PO is archived once nothing more happens to it. */
export const ARCHIVABLE_PURCHASE_ORDER_STATUSES = FINAL_PURCHASE_ORDER_STATUSES;

/**
 * Seed 004's soft delete: a PO that never became an obligation (pending, declined, cancelled,
 * expired). A pending one is cancelled with it, so the supplier's offer ends. The number stays
 * used; the PO is hidden from lists and restorable by whoever may delete.
 */
export const DELETABLE_PURCHASE_ORDER_STATUSES = [
  "pending",
  "declined",
  "cancelled",
  "expired",
] as const satisfies PurchaseOrderStatus[];

/**
 * Which fields may change in which status (docs/domain-model.md §5.9): what was ordered from whom
 * only while pending; the fee until the work is judged; notes, dates and the manager until the
 * PO is approved.
 */
export const PURCHASE_ORDER_FIELD_STATUSES = {
  projectId: ["pending"],
  supplierId: ["pending"],
  currency: ["pending"],
  type: ["pending"],
  isInternal: ["pending", "accepted", "in_progress"],
  amount: ["pending", "accepted", "in_progress", "disputed"],
  orderDate: ["pending"],
  dueDate: ["pending", "accepted", "in_progress", "completed", "disputed"],
  notes: ["pending", "accepted", "in_progress", "completed", "disputed"],
  targetLanguage: ["pending", "accepted", "in_progress", "completed", "disputed"],
  projectManagerId: ["pending", "accepted", "in_progress", "completed", "disputed"],
} as const satisfies Record<string, readonly PurchaseOrderStatus[]>;
export type PurchaseOrderField = keyof typeof PURCHASE_ORDER_FIELD_STATUSES;

export const isFieldEditable = (field: PurchaseOrderField, status: PurchaseOrderStatus): boolean =>
  (PURCHASE_ORDER_FIELD_STATUSES[field] as readonly string[]).includes(status);

// ---------------------------------------------------------------- what a person may do

/** Everything a person can do with a PO besides its field values. */
export const PURCHASE_ORDER_RECORD_ACTIONS = [
  "edit",
  "recordMilestone",
  "confirmMilestone",
  "editDisbursements",
  "deleteDisbursement",
  "archive",
  "restore",
  "delete",
  "restoreDeleted",
] as const;
export type PurchaseOrderRecordAction = (typeof PURCHASE_ORDER_RECORD_ACTIONS)[number];

export type PurchaseOrderAllowedAction = PurchaseOrderAction | PurchaseOrderRecordAction;

/** What the rules need to know of a PO. */
export interface PurchaseOrderFacts {
  status: PurchaseOrderStatus;
  isInternal: boolean;
  amount: DecimalInput;
  disbursementTotal: DecimalInput;
  projectManagerId: string | null;
  archivedAt: unknown;
  deletedAt: unknown;
}

/** Who asks: the role (none for the system, which may do everything) and who they are. */
export interface PurchaseOrderActor {
  role?: Role;
  personId: string | null;
}

/**
 * The one answer to "what may this person do with this PO now": the status table, the role's
 * permissions, and the rules of the PO itself: a deleted PO can only be restored, an archived one
 * only restored from the archive; an internal PO (work done in-house) is never paid; nothing is
 * approved with a payable total of 0. A team member (`purchaseOrder.recordMilestone` without
 * `purchaseOrder.write`) records and confirms milestones only on a PO they manage. The use cases
 * refuse exactly what this leaves out; the API returns it and screens offer exactly it.
 */
export function purchaseOrderAllowedActions(
  po: PurchaseOrderFacts,
  actor: PurchaseOrderActor,
): PurchaseOrderAllowedAction[] {
  const may = (permission: Permission) => actor.role === undefined || can(actor.role, permission);
  if (po.deletedAt) return may("purchaseOrder.delete") ? ["restoreDeleted"] : [];
  if (po.archivedAt) return may("purchaseOrder.write") ? ["restore"] : [];
  const actions: PurchaseOrderAllowedAction[] = [];
  for (const action of PURCHASE_ORDER_ACTIONS) {
    const rule = PURCHASE_ORDER_ACTION_RULES[action];
    if (!rule.from.includes(po.status)) continue;
    if (!rule.permissions.every(may)) continue;
    if (action === "markPaid" && po.isInternal) continue;
    if (action === "approve" && !payableTotalOf(po).greaterThan(ZERO)) continue;
    actions.push(action);
  }
  const editable = (Object.keys(PURCHASE_ORDER_FIELD_STATUSES) as PurchaseOrderField[]).some(
    (field) => isFieldEditable(field, po.status),
  );
  if (editable && may("purchaseOrder.write")) actions.push("edit");
  const managesIt = actor.personId !== null && po.projectManagerId === actor.personId;
  const mayMilestones =
    may("purchaseOrder.write") || (may("purchaseOrder.recordMilestone") && managesIt);
  if (mayMilestones && (MILESTONE_STATUSES as readonly string[]).includes(po.status)) {
    actions.push("recordMilestone");
  }
  if (mayMilestones && po.status === "in_progress") actions.push("confirmMilestone");
  if ((DISBURSEMENT_STATUSES as readonly string[]).includes(po.status)) {
    if (may("purchaseOrder.write")) actions.push("editDisbursements");
    if (may("purchaseOrder.delete")) actions.push("deleteDisbursement");
  }
  if (
    may("purchaseOrder.write") &&
    (ARCHIVABLE_PURCHASE_ORDER_STATUSES as readonly string[]).includes(po.status)
  )
    actions.push("archive");
  if (
    may("purchaseOrder.delete") &&
    (DELETABLE_PURCHASE_ORDER_STATUSES as readonly string[]).includes(po.status)
  )
    actions.push("delete");
  return actions;
}

/**
 * Refuses an action the PO does not allow now. A move the status does not allow is an
 * `INVALID_TRANSITION` naming the allowed moves; an archived or deleted PO is a `CONFLICT` that
 * says to restore it first; a role without the permission is `FORBIDDEN`.
 */
export function assertPurchaseOrderAction(
  po: PurchaseOrderFacts,
  action: PurchaseOrderAllowedAction,
  actor: PurchaseOrderActor,
): void {
  if (po.deletedAt && action !== "restoreDeleted") {
    throw new AppError("CONFLICT", appMessage("purchaseOrder.deleted"), { details: { action } });
  }
  if (po.archivedAt && action !== "restore") {
    throw new AppError("CONFLICT", appMessage("purchaseOrder.archived"), { details: { action } });
  }
  const allowed = purchaseOrderAllowedActions(po, actor);
  if (allowed.includes(action)) return;
  const forAnyone = purchaseOrderAllowedActions(po, { role: undefined, personId: actor.personId });
  if (forAnyone.includes(action)) {
    const milestone = action === "recordMilestone" || action === "confirmMilestone";
    throw new AppError(
      "FORBIDDEN",
      appMessage(milestone ? "purchaseOrder.roleMayNotUnlessManager" : "purchaseOrder.roleMayNot", {
        role: termParam("role", actor.role ?? "system"),
        action: termParam("purchaseOrderAction", action),
      }),
      {
        english:
          `Your role (${actor.role ?? "system"}) may not ${labelOfAction(action)} this purchase order` +
          (milestone ? " unless you are its project manager." : "."),
        details: { action },
      },
    );
  }
  const moves = forAnyone.filter((a): a is PurchaseOrderAction =>
    (PURCHASE_ORDER_ACTIONS as readonly string[]).includes(a),
  );
  throw new AppError(
    "INVALID_TRANSITION",
    appMessage(moves.length > 0 ? "purchaseOrder.actionNotAllowed" : "purchaseOrder.noActionNow", {
      action: termParam("purchaseOrderAction", action),
      status: termParam("purchaseOrderStatus", po.status),
      allowed: listParam(moves.map((a) => termParam("purchaseOrderAction", a))),
    }),
    {
      english:
        `Cannot ${labelOfAction(action)} this purchase order while it is "${po.status}". ` +
        `Allowed now: ${moves.length > 0 ? moves.map((a) => PURCHASE_ORDER_ACTION_LABELS[a]).join(", ") : "none"}.`,
      details: { status: po.status, action, allowed: moves },
    },
  );
}

function labelOfAction(action: PurchaseOrderAllowedAction): string {
  if ((PURCHASE_ORDER_ACTIONS as readonly string[]).includes(action))
    return PURCHASE_ORDER_ACTION_LABELS[action as PurchaseOrderAction];
  const labels: Record<PurchaseOrderRecordAction, string> = {
    edit: "edit",
    recordMilestone: "record a milestone on",
    confirmMilestone: "confirm a milestone of",
    editDisbursements: "change the disbursements of",
    deleteDisbursement: "delete a disbursement of",
    archive: "archive",
    restore: "restore",
    delete: "delete",
    restoreDeleted: "restore",
  };
  return labels[action as PurchaseOrderRecordAction];
}

// ---------------------------------------------------------------- batches

/** Up to this many ids a batch runs inside the request; more run as a worker job. */
export const INLINE_BATCH_LIMIT = 50;
/** The most ids one batch takes (INPUT_LIMITS.maxArrayLength allows exactly this many). */
export const MAX_BATCH_SIZE = 10_000;

export const BATCH_OPERATIONS = ["approve", "delete"] as const;
export type BatchOperation = (typeof BATCH_OPERATIONS)[number];

/** One result per id: done (approved or deleted), skipped (nothing to do) or refused (an error). */
export const BATCH_OUTCOMES = ["approved", "deleted", "skipped", "refused"] as const;
export type BatchOutcome = (typeof BATCH_OUTCOMES)[number];

/**
 * What a batch does with one PO, decided on the locked row: already in the target state is
 * "skipped" with the reason (so running a batch twice changes nothing); anything the PO does not
 * allow is "refused" with the error a single call would give.
 */
export function decideBatchItem(
  operation: BatchOperation,
  po: PurchaseOrderFacts | null,
  actor: PurchaseOrderActor,
): { outcome: BatchOutcome; message: string | null } {
  if (po === null) return { outcome: "refused", message: "This purchase order does not exist." };
  if (operation === "approve" && (po.status === "approved" || po.status === "paid")) {
    return { outcome: "skipped", message: `Already ${po.status}.` };
  }
  if (operation === "delete" && po.deletedAt) {
    return { outcome: "skipped", message: "Already deleted." };
  }
  try {
    assertPurchaseOrderAction(po, operation, actor);
  } catch (error) {
    if (error instanceof AppError) return { outcome: "refused", message: error.message };
    throw error;
  }
  return { outcome: operation === "approve" ? "approved" : "deleted", message: null };
}

/** Roles whose approval inbox holds every PO waiting for approval (docs/domain-model.md §5.9). */
const INBOX_SEES_EVERY_PURCHASE_ORDER: readonly Role[] = ["admin", "finance"];

/**
 * Which waiting POs (completed or disputed) a person's approval inbox holds: every one for admin
 * and finance (and the system); for a team lead those they are responsible for, as the PO's
 * project manager or the manager of its project; none for a role that approves no PO. The inbox
 * narrows what waits for someone; it never widens what they may approve.
 */
export function purchaseOrderInboxScope(role: Role | undefined): "all" | "managed" | "none" {
  if (role === undefined) return "all";
  if (!can(role, "purchaseOrder.approve")) return "none";
  return INBOX_SEES_EVERY_PURCHASE_ORDER.includes(role) ? "all" : "managed";
}
