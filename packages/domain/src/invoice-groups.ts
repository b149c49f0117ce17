import { AppError } from "./errors.ts";
import { appMessage, listParam, termParam } from "./messages.ts";
import { toDecimal, ZERO, type Decimal, type DecimalInput } from "./money.ts";
import { can, type Permission } from "./permissions.ts";
import type { Role } from "./roles.ts";
import type { SalesDocumentStatus, SalesDocumentType } from "./sales-documents.ts";
import { defineStateMachine, type StateMachine } from "./state-machine.ts";
import { invoiceOpenAmount } from "./settlement.ts";
import { LINE_ORDERS, type LineOrder } from "./line-order.ts";

/**
 * Invoice groups (seed 004 §3; docs/domain-model.md §1 InvoiceGroup and §5.10): one statement
 * that bundles issued invoices of one customer and currency (periodic, consolidated invoicing).
 * The member invoices stay the tax documents and carry the payments; the group is numbered in
 * the SR range when issued, and its paid state follows its invoices.
 */

// ---------------------------------------------------------------- names (the Prisma enum)

export const INVOICE_GROUP_STATUSES = ["draft", "issued", "paid", "cancelled"] as const;
export type InvoiceGroupStatus = (typeof INVOICE_GROUP_STATUSES)[number];

// ---------------------------------------------------------------- the status machine

/** Moves a person makes. */
export const INVOICE_GROUP_ACTIONS = ["issue", "cancel"] as const;
export type InvoiceGroupAction = (typeof INVOICE_GROUP_ACTIONS)[number];

export const INVOICE_GROUP_ACTION_RULES: Readonly<
  Record<
    InvoiceGroupAction,
    { from: readonly InvoiceGroupStatus[]; to: InvoiceGroupStatus; permission: Permission }
  >
> = {
  /** Takes the SR number; the group then holds its invoices as they are (GoBD). */
  issue: { from: ["draft"], to: "issued", permission: "invoiceGroup.write" },
  /**
   * Withdraws the statement. A paid group is not cancelled: its invoices are paid, and the
   * statement is history. The invoices themselves stay as they are and may join another group.
   */
  cancel: { from: ["issued"], to: "cancelled", permission: "invoiceGroup.write" },
};

/**
 * Moves nobody asks for: the group follows its invoices (`invoiceGroupPaidStateOf`). A payment
 * taken back (or a refund that reopens an invoice) moves a paid group back to issued.
 */
export const INVOICE_GROUP_DERIVED_MOVES: ReadonlyArray<{
  from: InvoiceGroupStatus;
  to: InvoiceGroupStatus;
  cause: string;
}> = [
  { from: "issued", to: "paid", cause: "every invoice of the group is settled" },
  { from: "paid", to: "issued", cause: "an invoice of the group is open again" },
];

/**
 * The group status machine: `INVOICE_GROUP_MACHINE.assertMove(from, to)` before every stored
 * status change. Its SQL twin is `invoice_group_status_move_allowed` (migration
 * 20261207200000_invoice_groups); an integration test holds them equal.
 */
export const INVOICE_GROUP_MACHINE: StateMachine<InvoiceGroupStatus> = defineStateMachine(
  "invoice group",
  Object.fromEntries(
    INVOICE_GROUP_STATUSES.map((from) => [
      from,
      INVOICE_GROUP_STATUSES.filter(
        (to) =>
          INVOICE_GROUP_ACTIONS.some(
            (action) =>
              INVOICE_GROUP_ACTION_RULES[action].from.includes(from) &&
              INVOICE_GROUP_ACTION_RULES[action].to === to,
          ) || INVOICE_GROUP_DERIVED_MOVES.some((move) => move.from === from && move.to === to),
      ),
    ]),
  ) as Record<InvoiceGroupStatus, InvoiceGroupStatus[]>,
  { record: termParam("documentType", "invoice_group"), status: "invoiceGroupStatus" },
);

// ---------------------------------------------------------------- membership

/**
 * Invoices that may join a group: issued (numbered and handed out) and still owed or paid. A
 * draft or pending invoice is not a tax document yet; a cancelled or refunded one is owed by
 * nobody, so a statement listing it would ask for money that is not due.
 */
export const INVOICE_GROUP_ELIGIBLE_STATUSES = [
  "sent",
  "partial",
  "overdue",
  "paid",
] as const satisfies SalesDocumentStatus[];

/** What the membership rule needs to know of an invoice. */
export interface InvoiceGroupCandidate {
  type: SalesDocumentType;
  status: SalesDocumentStatus;
  customerId: string;
  currency: string;
  /** The group it is in now, if any. */
  groupId: string | null;
}

/**
 * Why an invoice may not join a group, or null when it may. Same customer and currency as the
 * group, an issued invoice (INVOICE_GROUP_ELIGIBLE_STATUSES), in no other group. The database
 * holds the same (trigger `invoice_group_invoices_check_insert`, and the invoice as primary key
 * of the membership table).
 */
export function invoiceGroupMembershipProblem(
  group: { id: string; customerId: string; currency: string },
  invoice: InvoiceGroupCandidate,
) {
  if (invoice.type !== "invoice") return appMessage("invoiceGroup.notAnInvoice");
  if (invoice.groupId === group.id) return appMessage("invoiceGroup.alreadyInThisGroup");
  if (invoice.groupId !== null) return appMessage("invoiceGroup.inAnotherGroup");
  if (!(INVOICE_GROUP_ELIGIBLE_STATUSES as readonly string[]).includes(invoice.status))
    return appMessage("invoiceGroup.invoiceNotIssued", {
      status: termParam("salesStatus", invoice.status),
    });
  if (invoice.customerId !== group.customerId) return appMessage("invoiceGroup.otherCustomer");
  if (invoice.currency !== group.currency)
    return appMessage("invoiceGroup.otherCurrency", { currency: group.currency });
  return null;
}

// ---------------------------------------------------------------- paid state

/** Invoice statuses in which nothing more is asked of the customer and something was paid. */
const SETTLED_BY_PAYMENT: readonly SalesDocumentStatus[] = ["paid", "refunded"];

/**
 * Whether an issued group is paid: every invoice settled by payment (paid, or paid and then
 * refunded) or cancelled, and at least one settled by payment. A cancelled invoice is owed by
 * nobody, so it does not keep the group open; a group whose invoices were all cancelled was
 * never paid, and stays issued until a person cancels it. An invoice credited in full is
 * settled as its own status says (the settlement moves it). Its SQL twin is
 * `invoice_group_is_paid` (migration 20261207200000_invoice_groups).
 */
export function invoiceGroupIsPaid(invoiceStatuses: readonly SalesDocumentStatus[]): boolean {
  if (!invoiceStatuses.some((status) => SETTLED_BY_PAYMENT.includes(status))) return false;
  return invoiceStatuses.every(
    (status) => SETTLED_BY_PAYMENT.includes(status) || status === "cancelled",
  );
}

/** The status an issued or paid group has with these invoices (others are left as they are). */
export function invoiceGroupStatusFollowing(
  status: InvoiceGroupStatus,
  invoiceStatuses: readonly SalesDocumentStatus[],
): InvoiceGroupStatus {
  if (status !== "issued" && status !== "paid") return status;
  return invoiceGroupIsPaid(invoiceStatuses) ? "paid" : "issued";
}

// ---------------------------------------------------------------- totals

export interface InvoiceGroupTotal {
  currency: string;
  invoiceCount: number;
  netAmount: Decimal;
  taxAmount: Decimal;
  total: Decimal;
  paidAmount: Decimal;
  /** Taken off by the invoices' issued credit notes. */
  creditedAmount: Decimal;
  /** What is still owed: the invoices' `invoiceOpenAmount` (credit notes and payments off, never below 0 each, 0 when cancelled). */
  openAmount: Decimal;
}

/**
 * The group's totals per currency: the sums of its invoices, never stored apart. A group has one
 * currency, so this is one row (none while empty); it is per currency so a statement never adds
 * amounts of two currencies, should that rule ever loosen.
 */
export function invoiceGroupTotalsOf(
  invoices: ReadonlyArray<{
    currency: string;
    netAmount: DecimalInput;
    taxAmount: DecimalInput;
    total: DecimalInput;
    paidAmount: DecimalInput;
    /** `creditedAmountOf` the invoice: its issued credit notes reduce what is owed. */
    creditedAmount: DecimalInput;
    status: SalesDocumentStatus;
  }>,
): InvoiceGroupTotal[] {
  const byCurrency = new Map<string, InvoiceGroupTotal>();
  for (const invoice of invoices) {
    const sum = byCurrency.get(invoice.currency) ?? {
      currency: invoice.currency,
      invoiceCount: 0,
      netAmount: ZERO,
      taxAmount: ZERO,
      total: ZERO,
      paidAmount: ZERO,
      creditedAmount: ZERO,
      openAmount: ZERO,
    };
    const total = toDecimal(invoice.total);
    const paid = toDecimal(invoice.paidAmount);
    const open = invoiceOpenAmount({ ...invoice, total, paidAmount: paid });
    byCurrency.set(invoice.currency, {
      currency: invoice.currency,
      invoiceCount: sum.invoiceCount + 1,
      netAmount: sum.netAmount.plus(toDecimal(invoice.netAmount)),
      taxAmount: sum.taxAmount.plus(toDecimal(invoice.taxAmount)),
      total: sum.total.plus(total),
      paidAmount: sum.paidAmount.plus(paid),
      creditedAmount: sum.creditedAmount.plus(toDecimal(invoice.creditedAmount)),
      openAmount: sum.openAmount.plus(open),
    });
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

// ---------------------------------------------------------------- which fields change

/** The group's fields a rule holds fixed at times; every other field changes while it is edited. */
export const INVOICE_GROUP_PARTY_FIELDS = ["customerId", "currency"] as const;

/**
 * Whether a field of an editable group may change: the customer and currency are those of its
 * invoices, fixed while the group holds any (empty it first); everything else changes.
 */
export const isInvoiceGroupFieldEditable = (
  field: string,
  group: { invoiceCount: number },
): boolean =>
  !(INVOICE_GROUP_PARTY_FIELDS as readonly string[]).includes(field) || group.invoiceCount === 0;

// ---------------------------------------------------------------- what a person may do

export const INVOICE_GROUP_RECORD_ACTIONS = [
  "edit",
  "addInvoice",
  "removeInvoice",
  "archive",
  "restore",
  "delete",
  "restoreDeleted",
] as const;
export type InvoiceGroupRecordAction = (typeof INVOICE_GROUP_RECORD_ACTIONS)[number];
export type InvoiceGroupAllowedAction = InvoiceGroupAction | InvoiceGroupRecordAction;

export interface InvoiceGroupFacts {
  status: InvoiceGroupStatus;
  invoiceCount: number;
  /** Set while archived (out of the default list). */
  archivedAt: unknown;
  /** Set while soft-deleted (hidden from lists, kept with its number and invoices). */
  deletedAt: unknown;
}

/**
 * The one answer to "what may this person do with this group now". Only a draft is edited,
 * filled and emptied; issuing needs at least one invoice. Deleting needs `invoiceGroup.delete`
 * (admin and finance; team leads delete nothing, seed 004): a draft (no number yet) is removed
 * physically and releases its invoices, any other group is soft-deleted, kept forever with its
 * number and invoices (GoBD) and restorable (`restoreDeleted`, the same permission). Any group
 * but a draft is archived and restored with `invoiceGroup.write`. A deleted group can only be
 * restored, an archived one only restored from the archive (as purchase orders). The use cases
 * refuse exactly what this leaves out; screens offer exactly it.
 */
export function invoiceGroupAllowedActions(
  group: InvoiceGroupFacts,
  role: Role | undefined,
): InvoiceGroupAllowedAction[] {
  const may = (permission: Permission) => role === undefined || can(role, permission);
  if (group.deletedAt) return may("invoiceGroup.delete") ? ["restoreDeleted"] : [];
  if (group.archivedAt) return may("invoiceGroup.write") ? ["restore"] : [];
  const actions: InvoiceGroupAllowedAction[] = [];
  for (const action of INVOICE_GROUP_ACTIONS) {
    const rule = INVOICE_GROUP_ACTION_RULES[action];
    if (!rule.from.includes(group.status) || !may(rule.permission)) continue;
    if (action === "issue" && group.invoiceCount === 0) continue;
    actions.push(action);
  }
  if (group.status === "draft") {
    if (may("invoiceGroup.write")) actions.push("edit", "addInvoice");
    if (may("invoiceGroup.write") && group.invoiceCount > 0) actions.push("removeInvoice");
  } else if (may("invoiceGroup.write")) {
    actions.push("archive");
  }
  if (may("invoiceGroup.delete")) actions.push("delete");
  return actions;
}

/**
 * Seed 004 `DELETE /invoice-groups/{uuid}`: a draft has no number yet and is removed for good
 * (its invoices are free again); any other group is kept forever (GoBD) and soft-deleted.
 */
export const resolveInvoiceGroupDeleteRequest = (
  status: InvoiceGroupStatus,
): "delete" | "softDelete" => (status === "draft" ? "delete" : "softDelete");

/**
 * Refuses what the group does not allow now: a deleted or archived group is a `CONFLICT` that
 * says to restore it first; a role without the permission is `FORBIDDEN`; a status move the
 * machine refuses is `INVALID_TRANSITION` naming the allowed moves (the error
 * `InvalidStatusTransitionError` of seed 004); anything else a draft alone allows is a
 * `CONFLICT` saying the group is issued.
 */
export function assertInvoiceGroupAction(
  group: InvoiceGroupFacts,
  action: InvoiceGroupAllowedAction,
  role: Role | undefined,
): void {
  if (group.deletedAt && action !== "restoreDeleted") {
    throw new AppError("CONFLICT", appMessage("invoiceGroup.deleted"), { details: { action } });
  }
  if (group.archivedAt && action !== "restore") {
    throw new AppError("CONFLICT", appMessage("invoiceGroup.archived"), { details: { action } });
  }
  if (invoiceGroupAllowedActions(group, role).includes(action)) return;
  if (invoiceGroupAllowedActions(group, undefined).includes(action)) {
    throw new AppError(
      "FORBIDDEN",
      appMessage("invoiceGroup.roleMayNot", {
        role: termParam("role", role ?? "system"),
        action: termParam("invoiceGroupAction", action),
      }),
      { details: { action } },
    );
  }
  if (action === "removeInvoice" && group.status === "draft") {
    // An empty draft: nothing to remove, and it is not locked.
    throw new AppError("BAD_REQUEST", appMessage("invoiceGroup.invoiceNotInGroup"), {
      fieldErrors: { invoiceId: [appMessage("invoiceGroup.invoiceNotInGroup")] },
    });
  }
  if (action === "archive" && group.status === "draft") {
    throw new AppError("CONFLICT", appMessage("invoiceGroup.draftNotArchived"), {
      details: { action },
    });
  }
  if (action === "restore" || action === "restoreDeleted") {
    throw new AppError(
      "CONFLICT",
      appMessage(action === "restore" ? "invoiceGroup.notArchived" : "invoiceGroup.notDeleted"),
      { details: { action } },
    );
  }
  if (action === "issue" || action === "cancel") {
    const to = INVOICE_GROUP_ACTION_RULES[action].to;
    if (action === "issue" && group.status === "draft") {
      throw new AppError("CONFLICT", appMessage("invoiceGroup.empty"), { details: { action } });
    }
    INVOICE_GROUP_MACHINE.assertMove(group.status, to);
  }
  throw new AppError(
    "CONFLICT",
    appMessage("invoiceGroup.notDraft", {
      status: termParam("invoiceGroupStatus", group.status),
      allowed: listParam(
        INVOICE_GROUP_MACHINE.allowedFrom(group.status).map((status) =>
          termParam("invoiceGroupStatus", status),
        ),
      ),
    }),
    { details: { action, status: group.status } },
  );
}

// ---------------------------------------------------------------- display

/**
 * How a group's statement lists its invoices (seed 004 "display options"): the invoices at all,
 * their jobs' titles (the project name), the word rates of language-pair lines, and the order of
 * the lines: as entered, or by language (lines without a target language first, then by item
 * type, then source and target language: seed 004's sort rule). The orders are line-order.ts's,
 * the same for a group as for a sales document.
 */
export const INVOICE_GROUP_LINE_ORDERS = LINE_ORDERS;
export type InvoiceGroupLineOrder = LineOrder;
