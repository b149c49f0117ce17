import { AppError } from "./errors.ts";
import { appMessage, englishOf, listParam, termParam, type AppMessage } from "./messages.ts";
import { toDecimal, type DecimalInput } from "./money.ts";
import type { DocumentNumberType } from "./numbering.ts";
import { can, type Permission } from "./permissions.ts";
import type { Role } from "./roles.ts";
import { defineStateMachine, type StateMachine } from "./state-machine.ts";

/**
 * Sales documents: their types, statuses and lifecycle (docs/domain-model.md §5). A person moves
 * a document only through a named action (`ACTIONS`); payments, credit notes and the nightly
 * sweep move it through derived moves (`DERIVED_MOVES`, computed in settlement.ts). Both kinds
 * together form each type's status machine (`STATUS_MACHINES`), so any move outside the tables
 * is refused with an error that names the allowed ones.
 */

// ---------------------------------------------------------------- names (the Prisma enums)

export const SALES_DOCUMENT_TYPES = [
  "quote",
  "order_confirmation",
  "sales_order",
  "pro_forma",
  "invoice",
  "credit_note",
  "cancellation",
] as const;
export type SalesDocumentType = (typeof SALES_DOCUMENT_TYPES)[number];

export const SALES_DOCUMENT_STATUSES = [
  "draft",
  "pending",
  "sent",
  "partial",
  "paid",
  "overdue",
  "cancelled",
  "refunded",
  "accepted",
  "declined",
  "expired",
  "transformed",
] as const;
export type SalesDocumentStatus = (typeof SALES_DOCUMENT_STATUSES)[number];

export const PAYMENT_METHODS = [
  "cash",
  "bank_transfer",
  "credit_card",
  "debit_card",
  "paypal",
  "sepa",
  "other",
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const LINE_ITEM_TYPES = ["language_pair", "additional_item", "other"] as const;
export type LineItemType = (typeof LINE_ITEM_TYPES)[number];

export const INVOICE_KINDS = ["tax_invoice", "deposit"] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/** The statuses each type can be in (§5); the database enforces the same lists with a check. */
export const STATUSES_BY_TYPE = {
  quote: ["draft", "sent", "accepted", "declined", "expired"],
  order_confirmation: ["draft", "sent", "cancelled"],
  sales_order: ["draft", "pending", "sent", "cancelled", "transformed"],
  pro_forma: ["draft", "pending", "sent", "cancelled", "transformed"],
  invoice: ["draft", "pending", "sent", "partial", "paid", "overdue", "cancelled", "refunded"],
  credit_note: ["draft", "pending", "sent", "partial", "paid"],
  cancellation: ["sent"],
} as const satisfies Record<SalesDocumentType, readonly SalesDocumentStatus[]>;
export type StatusOf<T extends SalesDocumentType> = (typeof STATUSES_BY_TYPE)[T][number];

/** How a type is named in messages ("Cannot approve this credit note ..."). */
export const SALES_DOCUMENT_TYPE_LABELS: Record<SalesDocumentType, string> = {
  quote: "quote",
  order_confirmation: "order confirmation",
  sales_order: "sales order",
  pro_forma: "pro forma",
  invoice: "invoice",
  credit_note: "credit note",
  cancellation: "cancellation",
};

/** "an invoice", "a quote": the type as a sentence names it. */
export function typeWithArticle(type: SalesDocumentType): string {
  const label = SALES_DOCUMENT_TYPE_LABELS[type];
  return `${/^[aeiou]/.test(label) ? "an" : "a"} ${label}`;
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const isSalesDocumentType = (value: unknown): value is SalesDocumentType =>
  typeof value === "string" && (SALES_DOCUMENT_TYPES as readonly string[]).includes(value);

export const isStatusOfType = (type: SalesDocumentType, status: string): boolean =>
  (STATUSES_BY_TYPE[type] as readonly string[]).includes(status);

/** Types that take payments: invoices (money received) and credit notes (refunds paid out). */
export const PAYABLE_TYPES = ["invoice", "credit_note"] as const satisfies SalesDocumentType[];
export const isPayableType = (type: SalesDocumentType): boolean =>
  (PAYABLE_TYPES as readonly SalesDocumentType[]).includes(type);

/** Types under the four-eyes threshold (§5.1). */
export const APPROVAL_TYPES = [
  "invoice",
  "credit_note",
  "sales_order",
  "pro_forma",
] as const satisfies SalesDocumentType[];
export const isApprovalType = (type: SalesDocumentType): boolean =>
  (APPROVAL_TYPES as readonly SalesDocumentType[]).includes(type);

/** Credit notes and cancellations: their lines carry negative quantities (§3). */
export const CORRECTION_TYPES = [
  "credit_note",
  "cancellation",
] as const satisfies SalesDocumentType[];
export const isCorrectionType = (type: SalesDocumentType): boolean =>
  (CORRECTION_TYPES as readonly SalesDocumentType[]).includes(type);

/** Issued means numbered: neither a draft nor waiting for approval. */
export const isIssuedStatus = (status: SalesDocumentStatus): boolean =>
  status !== "draft" && status !== "pending";

/** Each type has its own number range (§4); the scope names equal the type names. */
export function numberTypeOf(type: SalesDocumentType): DocumentNumberType {
  const scopes = {
    quote: "quote",
    order_confirmation: "order_confirmation",
    sales_order: "sales_order",
    pro_forma: "pro_forma",
    invoice: "invoice",
    credit_note: "credit_note",
    cancellation: "cancellation",
  } as const satisfies Record<SalesDocumentType, DocumentNumberType>;
  return scopes[type];
}

/**
 * Any document that is not a draft may be archived (§5.10, seed 004: archive and restore for
 * any document that is not a draft); a draft is deleted instead.
 */
export const isArchivable = (_type: SalesDocumentType, status: SalesDocumentStatus): boolean =>
  status !== "draft";

// ---------------------------------------------------------------- fields and drafts per type

/**
 * The dates a type has (§1 SalesDocument): a due date on invoices, sales orders and pro forma;
 * a valid-until date on quotes; a service period on invoices and their credit notes. Drafts of
 * other types are refused a due or valid-until date (`draftIssuesForType`); issuing sets the
 * defaults only where the type has the date; forms show only these fields.
 */
export const DATE_FIELDS_BY_TYPE = {
  quote: { dueDate: false, validUntil: true, servicePeriod: false },
  order_confirmation: { dueDate: false, validUntil: false, servicePeriod: false },
  sales_order: { dueDate: true, validUntil: false, servicePeriod: false },
  pro_forma: { dueDate: true, validUntil: false, servicePeriod: false },
  invoice: { dueDate: true, validUntil: false, servicePeriod: true },
  credit_note: { dueDate: false, validUntil: false, servicePeriod: true },
  cancellation: { dueDate: false, validUntil: false, servicePeriod: false },
} as const satisfies Record<
  SalesDocumentType,
  { dueDate: boolean; validUntil: boolean; servicePeriod: boolean }
>;

export const dateFieldsOf = (type: SalesDocumentType) => DATE_FIELDS_BY_TYPE[type];

/**
 * The permission that drafts of a type are written with (created, changed, listed for bulk
 * moves): credit notes are corrections (`salesDocument.correct`), everything else
 * `salesDocument.write`.
 */
export const draftPermissionOf = (type: SalesDocumentType): Permission =>
  type === "credit_note" ? "salesDocument.correct" : "salesDocument.write";

/** What a person may do with a document besides moving its status. */
export type DocumentRecordAction = "edit" | "archive" | "restore" | "restoreDeleted";

/**
 * Edit (a draft, with its type's draft permission), archive (any document that is not a draft,
 * §5.10) and restore (an archived one), with `salesDocument.write`; a soft-deleted document
 * allows nothing but `restoreDeleted`, with `salesDocument.delete`. The system may do all.
 */
export function recordActionsOf(
  document: {
    type: SalesDocumentType;
    status: SalesDocumentStatus;
    archivedAt: unknown;
    deletedAt?: unknown;
  },
  role?: Role,
): DocumentRecordAction[] {
  const may = (permission: Permission) => role === undefined || can(role, permission);
  if (document.deletedAt) return may("salesDocument.delete") ? ["restoreDeleted"] : [];
  const actions: DocumentRecordAction[] = [];
  if (document.status === "draft" && may(draftPermissionOf(document.type))) actions.push("edit");
  if (may("salesDocument.write")) {
    if (document.archivedAt) actions.push("restore");
    else if (isArchivable(document.type, document.status)) actions.push("archive");
  }
  return actions;
}

// ---------------------------------------------------------------- actions (moves a person makes)

export const SALES_DOCUMENT_ACTIONS = [
  "issue",
  "submit",
  "approve",
  "return",
  "withdraw",
  "accept",
  "decline",
  "cancel",
  "transform",
  "convertToOrderConfirmation",
  "convertToInvoice",
  "createCreditNote",
  "cancelWithDocument",
  "refund",
  "delete",
] as const;
export type SalesDocumentAction = (typeof SALES_DOCUMENT_ACTIONS)[number];

/** How actions are named in messages; screens translate the action ids themselves. */
export const SALES_DOCUMENT_ACTION_LABELS: Record<SalesDocumentAction, string> = {
  issue: "issue",
  submit: "submit",
  approve: "approve",
  return: "return",
  withdraw: "withdraw",
  accept: "accept",
  decline: "decline",
  cancel: "cancel",
  transform: "transform",
  convertToOrderConfirmation: "convert to order confirmation",
  convertToInvoice: "convert to invoice",
  createCreditNote: "create credit note",
  cancelWithDocument: "cancel (with a cancellation document)",
  refund: "refund",
  delete: "delete",
};

/** "Cannot <phrase> while ...": the action said with the document in its place. */
function actionPhrase(action: SalesDocumentAction, document: string): string {
  switch (action) {
    case "convertToOrderConfirmation":
      return `convert ${document} to an order confirmation`;
    case "convertToInvoice":
      return `convert ${document} to an invoice`;
    case "createCreditNote":
      return `create a credit note for ${document}`;
    case "cancelWithDocument":
      return `cancel ${document}`;
    case "refund":
      return `refund ${document}`;
    default:
      return `${SALES_DOCUMENT_ACTION_LABELS[action]} ${document}`;
  }
}

export interface ActionRule<S extends SalesDocumentStatus = SalesDocumentStatus> {
  /** Statuses the action may start from. */
  readonly from: readonly S[];
  /**
   * Status afterwards; "unchanged" leaves it as it is, "deleted" removes a draft and hides
   * (soft-deletes) any other document (§5.10).
   */
  readonly to: S | "unchanged" | "deleted";
  /** Every one of these is needed. */
  readonly permissions: readonly Permission[];
  /** Whether the person must give a reason (stored or kept in the audit event). */
  readonly reason: "required" | "optional" | "none";
  /** The document the action creates (conversions). */
  readonly creates?: SalesDocumentType;
  /** After the move the settlement status is derived at once (issuing a payable document). */
  readonly thenDerive?: boolean;
}

type ActionTable = {
  readonly [T in SalesDocumentType]: Readonly<
    Partial<Record<SalesDocumentAction, ActionRule<StatusOf<T>>>>
  >;
};

const WRITE: readonly Permission[] = ["salesDocument.write"];
const APPROVE: readonly Permission[] = ["salesDocument.approve"];
const DELETE: readonly Permission[] = ["salesDocument.delete"];
const CORRECT: readonly Permission[] = ["salesDocument.correct"];

/** Sales orders and pro forma share one machine (§5.5). */
const salesOrderActions = {
  issue: { from: ["draft"], to: "sent", permissions: WRITE, reason: "none" },
  submit: { from: ["draft"], to: "pending", permissions: WRITE, reason: "none" },
  approve: { from: ["pending"], to: "sent", permissions: APPROVE, reason: "none" },
  return: { from: ["pending"], to: "draft", permissions: APPROVE, reason: "required" },
  withdraw: { from: ["pending"], to: "draft", permissions: WRITE, reason: "none" },
  cancel: {
    from: ["draft", "pending", "sent"],
    to: "cancelled",
    permissions: ["salesOrder.cancel"],
    reason: "required",
  },
  transform: {
    from: ["sent"],
    to: "transformed",
    permissions: ["salesOrder.transform"],
    reason: "none",
    creates: "invoice",
  },
  delete: {
    from: STATUSES_BY_TYPE.sales_order,
    to: "deleted",
    permissions: DELETE,
    reason: "none",
  },
} as const satisfies Partial<Record<SalesDocumentAction, ActionRule<StatusOf<"sales_order">>>>;

/** Every move a person makes, per type: §5.3-5.8 and the conversions of §5.11. */
export const ACTIONS: ActionTable = {
  quote: {
    issue: { from: ["draft"], to: "sent", permissions: WRITE, reason: "none" },
    // "late acceptance" from expired is the same action.
    accept: { from: ["sent", "expired"], to: "accepted", permissions: WRITE, reason: "none" },
    decline: { from: ["sent"], to: "declined", permissions: WRITE, reason: "optional" },
    convertToOrderConfirmation: {
      from: ["sent", "accepted", "expired"],
      to: "accepted",
      permissions: WRITE,
      reason: "none",
      creates: "order_confirmation",
    },
    convertToInvoice: {
      from: ["sent", "accepted", "expired"],
      to: "accepted",
      permissions: WRITE,
      reason: "none",
      creates: "invoice",
    },
    delete: { from: STATUSES_BY_TYPE.quote, to: "deleted", permissions: DELETE, reason: "none" },
  },
  order_confirmation: {
    issue: { from: ["draft"], to: "sent", permissions: WRITE, reason: "none" },
    // Refused by the service while an invoice converted from it is not cancelled (§5.4).
    cancel: { from: ["sent"], to: "cancelled", permissions: WRITE, reason: "required" },
    convertToInvoice: {
      from: ["sent"],
      to: "sent",
      permissions: WRITE,
      reason: "none",
      creates: "invoice",
    },
    delete: {
      from: STATUSES_BY_TYPE.order_confirmation,
      to: "deleted",
      permissions: DELETE,
      reason: "none",
    },
  },
  sales_order: salesOrderActions,
  pro_forma: salesOrderActions,
  invoice: {
    issue: { from: ["draft"], to: "sent", permissions: WRITE, reason: "none", thenDerive: true },
    submit: { from: ["draft"], to: "pending", permissions: WRITE, reason: "none" },
    approve: {
      from: ["pending"],
      to: "sent",
      permissions: APPROVE,
      reason: "none",
      thenDerive: true,
    },
    return: { from: ["pending"], to: "draft", permissions: APPROVE, reason: "required" },
    withdraw: { from: ["pending"], to: "draft", permissions: WRITE, reason: "none" },
    // The invoice's status is re-derived when the credit note is issued, not when it is drafted.
    createCreditNote: {
      from: ["sent", "partial", "overdue", "paid"],
      to: "unchanged",
      permissions: CORRECT,
      reason: "optional",
      creates: "credit_note",
    },
    // Only with nothing paid and no credit note issued: the service checks both (§5.6, §5.8).
    cancelWithDocument: {
      from: ["sent", "overdue"],
      to: "cancelled",
      permissions: CORRECT,
      reason: "required",
      creates: "cancellation",
    },
    // Credits what is not credited yet and pays the money back in one go (§5.6): refunded.
    refund: {
      from: ["paid"],
      to: "refunded",
      permissions: ["salesDocument.correct", "payment.write"],
      reason: "optional",
      creates: "credit_note",
    },
    delete: { from: STATUSES_BY_TYPE.invoice, to: "deleted", permissions: DELETE, reason: "none" },
  },
  credit_note: {
    issue: { from: ["draft"], to: "sent", permissions: CORRECT, reason: "none", thenDerive: true },
    submit: { from: ["draft"], to: "pending", permissions: CORRECT, reason: "none" },
    approve: {
      from: ["pending"],
      to: "sent",
      permissions: ["salesDocument.approve", "salesDocument.correct"],
      reason: "none",
      thenDerive: true,
    },
    return: { from: ["pending"], to: "draft", permissions: CORRECT, reason: "required" },
    withdraw: { from: ["pending"], to: "draft", permissions: CORRECT, reason: "none" },
    delete: {
      from: STATUSES_BY_TYPE.credit_note,
      to: "deleted",
      permissions: ["salesDocument.correct", "salesDocument.delete"],
      reason: "none",
    },
  },
  // Created and issued at once by the invoice's cancelWithDocument; nothing moves it afterwards.
  cancellation: {
    delete: {
      from: STATUSES_BY_TYPE.cancellation,
      to: "deleted",
      permissions: DELETE,
      reason: "none",
    },
  },
};

/** The rule for an action on a type, or undefined when the type has no such action. */
export const actionRuleOf = (
  type: SalesDocumentType,
  action: SalesDocumentAction,
): ActionRule | undefined =>
  (ACTIONS[type] as Partial<Record<SalesDocumentAction, ActionRule>>)[action];

const rulesOf = (type: SalesDocumentType): [SalesDocumentAction, ActionRule][] =>
  SALES_DOCUMENT_ACTIONS.flatMap((action) => {
    const rule = actionRuleOf(type, action);
    return rule ? [[action, rule] as [SalesDocumentAction, ActionRule]] : [];
  });

// ---------------------------------------------------------------- derived moves and the machines

export interface DerivedMove<S extends SalesDocumentStatus = SalesDocumentStatus> {
  readonly from: readonly S[];
  readonly to: S;
  /** What causes it, as §5 says. */
  readonly cause: string;
}

/** Moves no person asks for: made by the settlement function (5.2) or the nightly sweep. */
export const DERIVED_MOVES: {
  readonly [T in SalesDocumentType]: readonly DerivedMove<StatusOf<T>>[];
} = {
  quote: [{ from: ["sent"], to: "expired", cause: "validUntil before today (sweep)" }],
  order_confirmation: [],
  sales_order: [],
  pro_forma: [],
  invoice: [
    { from: ["sent"], to: "partial", cause: "payment recorded, not fully paid, not past due" },
    {
      from: ["sent", "partial", "overdue"],
      to: "paid",
      cause: "payments and credit notes cover the total",
    },
    {
      from: ["sent", "partial"],
      to: "overdue",
      cause: "due date passed with something outstanding",
    },
    { from: ["partial"], to: "sent", cause: "all payments deleted" },
    { from: ["paid"], to: "sent", cause: "payment reduced or deleted" },
    { from: ["paid"], to: "partial", cause: "payment reduced or deleted" },
    { from: ["paid"], to: "overdue", cause: "payment reduced or deleted" },
    { from: ["paid"], to: "refunded", cause: "fully credited and every refund paid out" },
    {
      from: ["sent", "overdue", "paid"],
      to: "cancelled",
      cause: "fully credited while nothing is paid",
    },
  ],
  credit_note: [
    { from: ["sent"], to: "partial", cause: "refund partly paid out" },
    { from: ["sent", "partial"], to: "paid", cause: "the invoice's refund due is 0" },
    { from: ["partial", "paid"], to: "sent", cause: "refund payments deleted" },
    { from: ["paid"], to: "partial", cause: "refund due grows again" },
  ],
  cancellation: [],
};

export interface StatusMove {
  readonly from: SalesDocumentStatus;
  readonly to: SalesDocumentStatus;
  /** The action that makes the move, or "derived". */
  readonly by: SalesDocumentAction | "derived";
}

/** Every status move of a type, one row per (from, to, by); the rows the machine is built from. */
export function statusMovesOf(type: SalesDocumentType): StatusMove[] {
  const byAction = rulesOf(type).flatMap(([action, rule]) => {
    const to = rule.to;
    if (to === "unchanged" || to === "deleted") return [];
    return rule.from.map((from) => ({ from, to, by: action }));
  });
  const derived = (DERIVED_MOVES[type] as readonly DerivedMove[]).flatMap((move) =>
    move.from.map((from) => ({ from, to: move.to, by: "derived" as const })),
  );
  return [...byAction, ...derived];
}

function machineOf(type: SalesDocumentType): StateMachine<SalesDocumentStatus> {
  const statuses = STATUSES_BY_TYPE[type] as readonly SalesDocumentStatus[];
  const moves = statusMovesOf(type);
  const table = Object.fromEntries(
    statuses.map((from) => [
      from,
      // In the type's status order, each target once, so messages read the same every time.
      statuses.filter((to) => moves.some((move) => move.from === from && move.to === to)),
    ]),
  ) as Record<SalesDocumentStatus, SalesDocumentStatus[]>;
  return defineStateMachine(SALES_DOCUMENT_TYPE_LABELS[type], table, {
    record: termParam("documentType", type),
    status: "salesStatus",
  });
}

/**
 * One status machine per type, person-made and derived moves together. Use it for every stored
 * status change: `STATUS_MACHINES.invoice.assertMove(current, next)` when `next !== current`.
 */
export const STATUS_MACHINES: Readonly<
  Record<SalesDocumentType, StateMachine<SalesDocumentStatus>>
> = Object.fromEntries(SALES_DOCUMENT_TYPES.map((type) => [type, machineOf(type)])) as Record<
  SalesDocumentType,
  StateMachine<SalesDocumentStatus>
>;

// ---------------------------------------------------------------- asking what is allowed

const labelOf = (type: SalesDocumentType) => SALES_DOCUMENT_TYPE_LABELS[type];
const listOf = (items: readonly string[]) => (items.length > 0 ? items.join(", ") : "none");

export interface ActionsInStatusOptions {
  /**
   * Whether this document needs four-eyes approval (`requiresApproval`). When given, `issue` or
   * `submit` is left out, whichever does not apply; when omitted, both are offered.
   */
  approvalRequired?: boolean;
}

/**
 * The actions the status table allows in this status, in a fixed order; with a role, only those
 * the role has every permission for. What a person may do with a stored document is
 * `allowedActions`, which adds the rules that depend on the document itself.
 */
export function actionsInStatus(
  type: SalesDocumentType,
  status: SalesDocumentStatus,
  role?: Role,
  options: ActionsInStatusOptions = {},
): SalesDocumentAction[] {
  return rulesOf(type)
    .filter(([, rule]) => (rule.from as readonly string[]).includes(status))
    .filter(([, rule]) => role === undefined || rule.permissions.every((p) => can(role, p)))
    .filter(([action]) => {
      if (options.approvalRequired === undefined || !isApprovalType(type)) return true;
      if (action === "issue") return !options.approvalRequired;
      if (action === "submit") return options.approvalRequired;
      return true;
    })
    .map(([action]) => action);
}

/** What the rules for the next action need to know of a document. */
export interface ActionDocument {
  type: SalesDocumentType;
  status: SalesDocumentStatus;
  total: DecimalInput;
  /** Payments on the document (on a credit note: refunds paid out on it). */
  paidAmount: DecimalInput;
  /** Who submitted it for approval; null when nobody did (or they no longer exist). */
  submittedById: string | null;
  /** The documents made from it: an invoice's credit notes, an order confirmation's invoices. */
  followUps: readonly {
    type: SalesDocumentType;
    status: SalesDocumentStatus;
    total: DecimalInput;
  }[];
  /** The document it was made from (a credit note's invoice), if any. */
  source: { type: SalesDocumentType; status: SalesDocumentStatus } | null;
  /** Whether its customer is archived (archived customers get no new business issued). */
  customerArchived: boolean;
  /** Soft-deleted (§5.10): nothing is allowed but restoring it (`recordActionsOf`). */
  deleted?: boolean;
}

/** The company settings the rules read. */
export interface ActionSettings {
  invoiceApprovalThreshold: DecimalInput | null;
}

/** Who asks: the role they act with (none for the system, which may do everything) and who they are. */
export interface ActionActor {
  role?: Role;
  /** The person (an API token's owner); null for the system. */
  personId: string | null;
  /**
   * Whether they are the only active person who may approve (§5.1, a one-person company): then
   * they approve their own submission, audited as a self-approval.
   */
  soleApprover?: boolean;
}

/**
 * Whether `actor` may approve `document` now: the one home of the approve decision, which
 * `allowedActions` offers and the approval inbox lists (its SQL twin is `approvableSql` in
 * packages/services/src/approvals/approval-inbox.ts). Pending, not deleted; the role holds the
 * rule's permissions (a credit note's approval is a correction too, `salesDocument.correct`);
 * never new business for an archived customer; four-eyes: not the submitter, unless they are the
 * only person who may approve at all (a one-person company, §5.1); a credit note only while its
 * invoice is still open to correction (§5.7).
 */
export function mayApprove(
  document: Pick<
    ActionDocument,
    "type" | "status" | "submittedById" | "source" | "customerArchived" | "deleted"
  >,
  actor: ActionActor,
): boolean {
  const { type, status } = document;
  if (document.deleted) return false;
  if (!actionsInStatus(type, status, actor.role).includes("approve")) return false;
  if (document.customerArchived && !isCorrectionType(type)) return false;
  const isSubmitter =
    actor.personId !== null &&
    document.submittedById !== null &&
    document.submittedById === actor.personId;
  if (isSubmitter && actor.soleApprover !== true) return false;
  if (type === "credit_note") return creditNoteMayBeIssued(document.source);
  return true;
}

/**
 * The invoice statuses in which it is still open to correction (`createCreditNote` moves from
 * them): a credit note of it is drafted, issued and approved only then (§5.7).
 */
export const CREDITABLE_INVOICE_STATUSES: readonly SalesDocumentStatus[] =
  actionRuleOf("invoice", "createCreditNote")?.from ?? [];

const creditNoteMayBeIssued = (invoice: { status: SalesDocumentStatus } | null): boolean =>
  invoice !== null && CREDITABLE_INVOICE_STATUSES.includes(invoice.status);

/**
 * The one answer to "what may this person do with this document now" (§5): the status table
 * and the role's permissions (`actionsInStatus`), the approval route the company's threshold
 * calls for, four-eyes (the submitter withdraws; someone else approves or returns), and the
 * rules that look at the document's family: an invoice is cancelled with a document only while
 * nothing is paid and no credit note went past draft (§5.8); a credit note is drafted only while
 * some of the invoice is not credited yet, and issued only while its invoice is still open to
 * correction (§5.7); an order confirmation is cancelled only while no invoice made from it is
 * live (§5.4); a quote converts to one order confirmation, and is invoiced directly or through
 * it, and an order gets no new invoice while one made from it is a draft or pending (§5.4a); an
 * archived customer's documents are neither issued nor converted (§1). The use cases
 * refuse exactly what this leaves out (contract test: apps/api/src/allowed-actions.integration.test.ts);
 * the read model returns it and screens show exactly these.
 */
export function allowedActions(
  document: ActionDocument,
  settings: ActionSettings,
  actor: ActionActor,
): SalesDocumentAction[] {
  const { type, status } = document;
  const approvalRequired = requiresApproval({
    type,
    total: document.total,
    threshold: settings.invoiceApprovalThreshold,
  });
  const isSubmitter =
    actor.personId !== null &&
    document.submittedById !== null &&
    document.submittedById === actor.personId;
  const creditNotes = document.followUps.filter((followUp) => followUp.type === "credit_note");
  // Issuing, converting or transforming is new business; corrections of it stay possible.
  const issuesNewBusiness = (action: SalesDocumentAction) =>
    !isCorrectionType(type) &&
    (action === "issue" ||
      action === "approve" ||
      action === "transform" ||
      action === "convertToOrderConfirmation" ||
      action === "convertToInvoice");
  if (document.deleted) return [];
  return actionsInStatus(type, status, actor.role, { approvalRequired }).filter((action) => {
    if (document.customerArchived && issuesNewBusiness(action)) return false;
    // A refund pays back money received; an invoice paid by nothing (a zero total) has none.
    if (action === "refund") return toDecimal(document.paidAmount).greaterThan(0);
    if (action === "approve") return mayApprove(document, actor);
    if (status === "pending") {
      if (action === "return") return !isSubmitter;
      if (action === "withdraw") return isSubmitter;
    }
    if (type === "invoice" && action === "cancelWithDocument") {
      const corrected = creditNotes.some((note) => note.status !== "draft");
      return !toDecimal(document.paidAmount).greaterThan(0) && !corrected;
    }
    if (type === "invoice" && action === "createCreditNote") {
      const credited = creditNotes.reduce((sum, note) => sum.minus(note.total), toDecimal(0));
      return credited.lessThan(toDecimal(document.total));
    }
    if (type === "credit_note" && action === "issue") return creditNoteMayBeIssued(document.source);
    // An order is invoiced once (§5.4a): one live order confirmation per quote, a quote is
    // invoiced directly or through it, and one invoice in progress (draft, pending) at a time.
    const live = (followUpType: SalesDocumentType) =>
      document.followUps.some((f) => f.type === followUpType && f.status !== "cancelled");
    const invoiceInProgress = document.followUps.some(
      (f) => f.type === "invoice" && (f.status === "draft" || f.status === "pending"),
    );
    if (type === "quote" && action === "convertToOrderConfirmation") {
      return !live("order_confirmation") && !live("invoice");
    }
    if (type === "quote" && action === "convertToInvoice") {
      return !live("order_confirmation") && !invoiceInProgress;
    }
    if (type === "order_confirmation" && action === "convertToInvoice") return !invoiceInProgress;
    if (type === "order_confirmation" && action === "cancel") {
      return !document.followUps.some(
        (followUp) => followUp.type === "invoice" && followUp.status !== "cancelled",
      );
    }
    return true;
  });
}

/**
 * Refuses an action the status does not allow, naming the actions that are allowed now:
 * `Cannot approve this invoice while it is "draft". Allowed now: issue, submit, delete.`
 * Permissions are not checked here (the procedure does that); returns the action's rule.
 */
export function assertActionAllowed(
  type: SalesDocumentType,
  status: SalesDocumentStatus,
  action: SalesDocumentAction,
): ActionRule {
  const rule = actionRuleOf(type, action);
  if (rule && (rule.from as readonly string[]).includes(status)) return rule;
  const allowed = actionsInStatus(type, status);
  throw new AppError(
    "INVALID_TRANSITION",
    appMessage(allowed.length > 0 ? "document.actionNotAllowed" : "document.noActionNow", {
      action: termParam("salesAction", action),
      type: termParam("documentType", type),
      status: termParam("salesStatus", status),
      allowed: listParam(allowed.map((a) => termParam("salesAction", a))),
    }),
    {
      english:
        `Cannot ${actionPhrase(action, `this ${labelOf(type)}`)} while it is "${status}". ` +
        `Allowed now: ${listOf(allowed.map((a) => SALES_DOCUMENT_ACTION_LABELS[a]))}.`,
      details: { type, status, action, allowed },
    },
  );
}

/**
 * Issue and submit are the two ways out of a draft for the four-eyes types (§5.1): at or above
 * the threshold the draft must be submitted, below it it is issued directly.
 */
export function assertApprovalRoute(options: {
  type: SalesDocumentType;
  action: SalesDocumentAction;
  approvalRequired: boolean;
}): void {
  const { type, action, approvalRequired } = options;
  if (!isApprovalType(type)) return;
  if (action === "issue" && approvalRequired) {
    throw new AppError(
      "INVALID_TRANSITION",
      appMessage("document.needsApproval", { type: termParam("documentType", type) }),
      {
        english: `This ${labelOf(type)} needs approval: its total is at or above the approval threshold. Submit it instead.`,
        details: { type, status: "draft", action, allowed: ["submit"] },
      },
    );
  }
  if (action === "submit" && !approvalRequired) {
    throw new AppError(
      "INVALID_TRANSITION",
      appMessage("document.needsNoApproval", { type: termParam("documentType", type) }),
      {
        english: `This ${labelOf(type)} needs no approval: its total is below the approval threshold. Issue it directly.`,
        details: { type, status: "draft", action, allowed: ["issue"] },
      },
    );
  }
}

// ---------------------------------------------------------------- four-eyes

/**
 * The company's approval policy for the four-eyes types (§5.1, seed 004 Pending): every
 * document needs approval (`always`), those at or above an amount (`threshold`), or none
 * (`never`). It is mapped onto the one threshold the rules compare with
 * (`effectiveApprovalThreshold`): always = 0, never = none.
 */
export const INVOICE_APPROVAL_POLICIES = ["always", "threshold", "never"] as const;
export type InvoiceApprovalPolicy = (typeof INVOICE_APPROVAL_POLICIES)[number];

/** The threshold `requiresApproval` compares with under a policy (null: approval is off). */
export function effectiveApprovalThreshold(
  policy: InvoiceApprovalPolicy,
  amount: DecimalInput | null | undefined,
): DecimalInput | null {
  if (policy === "always") return "0";
  if (policy === "never") return null;
  return amount ?? null;
}

/** The policy an old threshold meant (the migration's rule): none = never, 0 = always. */
export function approvalPolicyOfThreshold(
  threshold: DecimalInput | null | undefined,
): InvoiceApprovalPolicy {
  if (threshold === null || threshold === undefined) return "never";
  return toDecimal(threshold).isZero() ? "always" : "threshold";
}

/**
 * §5.1: for the four-eyes types, when a threshold is set and `abs(total) >= threshold`, the draft
 * needs approval. A null threshold turns approval off; 0 requires it for every document. Credit
 * notes have negative totals, hence the absolute value. No currency conversion takes place.
 */
export function requiresApproval(options: {
  type: SalesDocumentType;
  total: DecimalInput;
  threshold: DecimalInput | null | undefined;
}): boolean {
  const { type, total, threshold } = options;
  if (!isApprovalType(type) || threshold === null || threshold === undefined) return false;
  return toDecimal(total).abs().greaterThanOrEqualTo(toDecimal(threshold));
}

/**
 * Nobody approves their own submission, also not through an API token (it counts as the user
 * who created it). A submission whose submitter no longer exists (null) may be approved.
 */
export function assertFourEyes(options: {
  submittedById: string | null | undefined;
  approverId: string;
}): void {
  if (options.submittedById != null && options.submittedById === options.approverId) {
    throw new AppError("FORBIDDEN", appMessage("document.ownSubmission"), {
      details: { approverId: options.approverId },
    });
  }
}

// ---------------------------------------------------------------- seed status updates

/** Statuses only the system sets; asking for one is refused with the reason. */
export const DERIVED_STATUSES = [
  "partial",
  "paid",
  "overdue",
  "refunded",
  "expired",
] as const satisfies SalesDocumentStatus[];

/** Conversions also reach a status, but a status request never creates a document for it. */
const CONVERSIONS: readonly SalesDocumentAction[] = [
  "convertToOrderConfirmation",
  "convertToInvoice",
  "createCreditNote",
  // Refunded is derived from the refund paid out; the refund action records it (§5.6).
  "refund",
];

function derivedStatusMessage(
  type: SalesDocumentType,
  status: SalesDocumentStatus,
): { message: AppMessage; english: string } {
  const subject = sentence(typeWithArticle(type));
  const params = {
    type: termParam("documentType", type),
    status: termParam("salesStatus", status),
  };
  switch (status) {
    case "overdue":
      return {
        message: appMessage("document.derivedOverdue", params),
        english: `${subject} becomes "overdue" when its due date passes with an amount still open; that status is set by the system.`,
      };
    case "expired":
      return {
        message: appMessage("document.derivedExpired", params),
        english: `${subject} becomes "expired" when its valid-until date passes; that status is set by the system.`,
      };
    case "refunded":
      return {
        message: appMessage("document.derivedRefunded", params),
        english: `${subject} becomes "refunded" when what was paid on it is paid back in full: use Refund on the paid invoice instead.`,
      };
    default:
      return type === "credit_note"
        ? {
            message: appMessage("document.derivedByRefund", params),
            english: `${subject} becomes "${status}" as its refund is paid out: record a payment on it instead.`,
          }
        : {
            message: appMessage("document.derivedByPayments", params),
            english: `${subject} becomes "${status}" from its payments and credit notes: record a payment instead.`,
          };
  }
}

/** Statuses a person can ask for from this status (seed 000 PATCH status, bulk update). */
export function requestableStatuses(
  type: SalesDocumentType,
  status: SalesDocumentStatus,
): SalesDocumentStatus[] {
  const targets = rulesOf(type)
    .filter(([action]) => !CONVERSIONS.includes(action))
    .filter(([, rule]) => (rule.from as readonly string[]).includes(status))
    .map(([, rule]) => rule.to)
    .filter((to): to is SalesDocumentStatus => to !== "unchanged" && to !== "deleted");
  return (STATUSES_BY_TYPE[type] as readonly SalesDocumentStatus[]).filter(
    (candidate) => candidate !== status && targets.includes(candidate),
  );
}

/**
 * Routes a seed status write (seed 000 `PATCH /{id}/status` and bulk update, seed 004 `PUT`
 * with a status) to the action that makes that move; the caller then runs that action with its
 * permission. `pending -> draft` is `withdraw` for the submitter and `return` for anyone else.
 * Refused: a status the type does not have, the status it already has, a derived status
 * ("record a payment" / "set by the system"), and any other move not in the tables.
 */
export function resolveStatusRequest(
  type: SalesDocumentType,
  currentStatus: SalesDocumentStatus,
  requestedStatus: SalesDocumentStatus,
  options: { isSubmitter?: boolean } = {},
): SalesDocumentAction {
  const label = labelOf(type);
  const details = { type, status: currentStatus, from: currentStatus, to: requestedStatus };
  if (!isStatusOfType(type, requestedStatus)) {
    throw new AppError(
      "INVALID_TRANSITION",
      appMessage("document.neverStatus", {
        type: termParam("documentType", type),
        status: termParam("salesStatus", requestedStatus),
        statuses: listParam(STATUSES_BY_TYPE[type].map((s) => termParam("salesStatus", s))),
      }),
      {
        english: `${sentence(typeWithArticle(type))} is never "${requestedStatus}". Its statuses are: ${STATUSES_BY_TYPE[type].join(", ")}.`,
        details: { ...details, allowed: requestableStatuses(type, currentStatus) },
      },
    );
  }
  if (requestedStatus === currentStatus) {
    throw new AppError(
      "INVALID_TRANSITION",
      appMessage("document.alreadyStatus", {
        type: termParam("documentType", type),
        status: termParam("salesStatus", currentStatus),
      }),
      {
        english: `This ${label} is already "${currentStatus}".`,
        details: { ...details, allowed: requestableStatuses(type, currentStatus) },
      },
    );
  }
  if ((DERIVED_STATUSES as readonly string[]).includes(requestedStatus)) {
    const { message, english } = derivedStatusMessage(type, requestedStatus);
    throw new AppError("INVALID_TRANSITION", message, {
      english,
      details: { ...details, derived: true, allowed: requestableStatuses(type, currentStatus) },
    });
  }
  const candidates = rulesOf(type)
    .filter(([action]) => !CONVERSIONS.includes(action))
    .filter(
      ([, rule]) =>
        (rule.from as readonly string[]).includes(currentStatus) && rule.to === requestedStatus,
    )
    .map(([action]) => action);
  if (candidates.includes("withdraw") && candidates.includes("return")) {
    return options.isSubmitter ? "withdraw" : "return";
  }
  const [action] = candidates;
  if (action) return action;
  const allowed = requestableStatuses(type, currentStatus);
  throw new AppError(
    "INVALID_TRANSITION",
    appMessage(allowed.length > 0 ? "document.cannotMove" : "document.cannotMoveByHand", {
      type: termParam("documentType", type),
      from: termParam("salesStatus", currentStatus),
      to: termParam("salesStatus", requestedStatus),
      allowed: listParam(allowed.map((s) => termParam("salesStatus", s))),
    }),
    {
      english:
        allowed.length > 0
          ? `Cannot move this ${label} from "${currentStatus}" to "${requestedStatus}". From "${currentStatus}" it can be moved to: ${allowed.join(", ")}.`
          : `Cannot move this ${label} from "${currentStatus}" to "${requestedStatus}". No status can be set by hand from "${currentStatus}".`,
      details: { ...details, allowed },
    },
  );
}

// ---------------------------------------------------------------- edit and delete

/** Only drafts change (§5.6: after issue, notes only, through annotate; §5.12). */
export function assertEditable(type: SalesDocumentType, status: SalesDocumentStatus): void {
  if (status === "draft") return;
  const label = labelOf(type);
  const hint = appMessage(
    status === "pending"
      ? "document.hintReturnToDraft"
      : type === "invoice"
        ? "document.hintCorrectInvoice"
        : "document.hintNotesOnly",
  );
  throw new AppError(
    "INVALID_TRANSITION",
    appMessage("document.onlyDraftsChange", {
      type: termParam("documentType", type),
      status: termParam("salesStatus", status),
      hint: { message: hint },
    }),
    {
      english: `Only drafts can be changed; this ${label} is "${status}". ${englishOf(hint)}`,
      details: { type, status, allowed: actionsInStatus(type, status) },
    },
  );
}

/**
 * Seed 000 and 004 `DELETE` (§5.10): a draft was never issued and is removed for good; any
 * other document is soft-deleted (hidden until restored, kept forever, its number stays used).
 */
export const resolveDeleteRequest = (
  _type: SalesDocumentType,
  status: SalesDocumentStatus,
): "delete" | "softDelete" => (status === "draft" ? "delete" : "softDelete");
