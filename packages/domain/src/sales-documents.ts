import { AppError } from "./errors.ts";
import {
  appMessage,
  englishOf,
  listParam,
  moneyParam,
  termParam,
  type AppMessage,
  type AppMessageParam,
} from "./messages.ts";
import { toDecimal, type DecimalInput } from "./money.ts";
import type { DocumentNumberType } from "./numbering.ts";
import { assertCan, can, type Permission } from "./permissions.ts";
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

/** The types an e-invoice is written for: EN 16931 knows invoices and credit notes. */
export const E_INVOICE_TYPES = [
  "invoice",
  "credit_note",
  "cancellation",
] as const satisfies SalesDocumentType[];

/** Whether a document has e-invoices (XRechnung, ZUGFeRD): an issued one of `E_INVOICE_TYPES`. */
export const hasEInvoice = (type: SalesDocumentType, status: SalesDocumentStatus): boolean =>
  (E_INVOICE_TYPES as readonly SalesDocumentType[]).includes(type) && isIssuedStatus(status);

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
export type DocumentRecordAction = "edit" | "annotate" | "archive" | "restore" | "restoreDeleted";

/** The permission each record action needs on a document of `type`. */
export const recordActionPermissionOf = (
  type: SalesDocumentType,
  action: DocumentRecordAction,
): Permission => {
  switch (action) {
    case "edit":
      return draftPermissionOf(type);
    case "annotate":
      return "salesDocument.annotate";
    case "restoreDeleted":
      return "salesDocument.delete";
    default:
      return "salesDocument.write";
  }
};

/** The document as the record actions look at it. */
export interface RecordActionDocument {
  type: SalesDocumentType;
  status: SalesDocumentStatus;
  archivedAt: unknown;
  deletedAt?: unknown;
}

/** Whether the document's state allows a record action, permissions aside. */
function recordActionFits(document: RecordActionDocument, action: DocumentRecordAction): boolean {
  if (document.deletedAt) return action === "restoreDeleted";
  switch (action) {
    case "edit":
      return document.status === "draft";
    // The internal notes change in any status (§5.12); terms are checked by the use case.
    case "annotate":
      return true;
    case "archive":
      return !document.archivedAt && isArchivable(document.type, document.status);
    case "restore":
      return Boolean(document.archivedAt);
    case "restoreDeleted":
      return false;
  }
}

const RECORD_ACTIONS: readonly DocumentRecordAction[] = [
  "edit",
  "annotate",
  "archive",
  "restore",
  "restoreDeleted",
];

/**
 * Edit (a draft, with its type's draft permission), annotate (the internal notes, any status,
 * `salesDocument.annotate`), archive (any document that is not a draft, §5.10) and restore (an
 * archived one), with `salesDocument.write`; a soft-deleted document allows nothing but
 * `restoreDeleted`, with `salesDocument.delete`. The system may do all.
 */
export function recordActionsOf(
  document: RecordActionDocument,
  role?: Role,
): DocumentRecordAction[] {
  return RECORD_ACTIONS.filter(
    (action) =>
      recordActionFits(document, action) &&
      (role === undefined || can(role, recordActionPermissionOf(document.type, action))),
  );
}

/**
 * Refuses a record action `recordActionsOf` leaves out: the role without the permission is
 * `FORBIDDEN` (checked first, whatever the document's state), a deleted document `CONFLICT`
 * (restore it first), a draft archived `INVALID_TRANSITION` (delete it instead). Archiving an
 * archived document, or restoring one that is not archived or deleted, is no refusal: the use
 * case changes nothing (`isRecordActionDone`).
 */
export function assertSalesDocumentRecordAction(
  document: RecordActionDocument,
  role: Role | undefined,
  action: DocumentRecordAction,
): void {
  if (role !== undefined) assertCan(role, recordActionPermissionOf(document.type, action));
  if (recordActionFits(document, action) || isRecordActionDone(document, action)) return;
  if (document.deletedAt) {
    throw new AppError("CONFLICT", appMessage("document.deleted"), { details: { allowed: [] } });
  }
  if (action === "archive") {
    throw new AppError("INVALID_TRANSITION", appMessage("document.draftNotArchived"), {
      details: { type: document.type, status: document.status, allowed: ["delete"] },
    });
  }
  assertEditable(document.type, document.status);
}

/** Archive, restore and restoreDeleted are idempotent: done already, they change nothing. */
export function isRecordActionDone(
  document: RecordActionDocument,
  action: DocumentRecordAction,
): boolean {
  if (action === "archive") return Boolean(document.archivedAt) && !document.deletedAt;
  if (action === "restore") return !document.archivedAt && !document.deletedAt;
  if (action === "restoreDeleted") return !document.deletedAt;
  return false;
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

/** A document made from another one, as the rules for the next action look at it. */
export interface ActionFollowUp {
  type: SalesDocumentType;
  status: SalesDocumentStatus;
  total: DecimalInput;
  /** Named in refusals when given. */
  id?: string;
  number?: string | null;
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
  followUps: readonly ActionFollowUp[];
  /** The document it was made from (a credit note's invoice), if any. */
  source: { type: SalesDocumentType; status: SalesDocumentStatus } | null;
  /** Whether its customer is archived (archived customers get no new business issued). */
  customerArchived: boolean;
  /** Soft-deleted (§5.10): nothing is allowed but restoring it (`recordActionsOf`). */
  deleted?: boolean;
  /** Named in refusals when given: the document's currency and its customer's name. */
  currency?: string;
  customerName?: string;
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

/** Whether the person asking submitted the document (an API token counts as its owner). */
export const isSubmitterOf = (
  document: { submittedById: string | null },
  actor: { personId: string | null },
): boolean =>
  actor.personId !== null &&
  document.submittedById !== null &&
  document.submittedById === actor.personId;

/**
 * Four-eyes (§5.1) has one exception: the only person who may approve at all approves their own
 * submission (a one-person company), audited as a self-approval.
 */
export const selfApprovalAllowed = (
  document: { submittedById: string | null },
  actor: ActionActor,
): boolean => isSubmitterOf(document, actor) && actor.soleApprover === true;

/** Pending back to draft: the submitter withdraws it; anyone else returns it (§5.1). */
export const backToDraftActionOf = (
  document: { submittedById: string | null },
  actor: { personId: string | null },
): "withdraw" | "return" => (isSubmitterOf(document, actor) ? "withdraw" : "return");

/** Issuing, converting or transforming is new business (§1). */
export const NEW_BUSINESS_ACTIONS = [
  "issue",
  "approve",
  "transform",
  "convertToOrderConfirmation",
  "convertToInvoice",
] as const satisfies SalesDocumentAction[];

/**
 * An archived customer gets no new business: no new document, no draft moved towards issue, no
 * conversion (§1); corrections (credit notes, cancellations) of earlier business stay possible.
 */
export const customerRefusesNewBusiness = (
  type: SalesDocumentType,
  customerArchived: boolean,
): boolean => customerArchived && !isCorrectionType(type);

/** The refusal of new business for an archived customer, on the customer field. */
export const archivedCustomerError = (name: string): AppError =>
  new AppError("BAD_REQUEST", appMessage("customer.archived", { name }), {
    fieldErrors: { customerId: [appMessage("customer.archived", { name })] },
  });

/** Refuses new business of `type` for an archived customer (`customerRefusesNewBusiness`). */
export function assertCustomerTakesNewBusiness(
  type: SalesDocumentType,
  customer: { name: string; archivedAt: unknown },
): void {
  if (customerRefusesNewBusiness(type, Boolean(customer.archivedAt))) {
    throw archivedCustomerError(customer.name);
  }
}

/** A draft or pending invoice: the order waits for it before it is invoiced again (§5.4a). */
export const isInvoiceInProgress = (status: SalesDocumentStatus): boolean =>
  status === "draft" || status === "pending";

/** A follow-up of a quote, as the conversion rules look at it. */
export interface QuoteFollowUp {
  id?: string;
  type: SalesDocumentType;
  number?: string | null;
  status: SalesDocumentStatus;
}

const isLive = (followUp: { status: SalesDocumentStatus }) => followUp.status !== "cancelled";

/** A document named in a message: its number, or "without a number yet" for a draft. */
const unnumberedParam = (number: string | null | undefined): AppMessageParam =>
  number ? number : { message: appMessage("order.unnumbered") };

/**
 * A quote becomes one order confirmation, or is invoiced directly, not both (§5.3): converting
 * it to an order confirmation is refused while one made from it is not cancelled, or while it is
 * invoiced directly; converting it to an invoice is refused while it has a live order
 * confirmation (invoice that one instead). Null when allowed, else the refusal.
 */
export function quoteConversionRefusal(
  to: "order_confirmation" | "invoice",
  followUps: readonly QuoteFollowUp[],
): AppError | null {
  const confirmation = followUps.find(
    (followUp) => followUp.type === "order_confirmation" && isLive(followUp),
  );
  if (confirmation) {
    const params = {
      name: unnumberedParam(confirmation.number),
      status: termParam("salesStatus", confirmation.status),
    };
    const details = { orderConfirmationId: confirmation.id, status: confirmation.status };
    return to === "order_confirmation"
      ? new AppError("CONFLICT", appMessage("quote.alreadyConfirmed", params), { details })
      : new AppError("CONFLICT", appMessage("quote.invoiceTheConfirmation", params), { details });
  }
  const invoice = followUps.find((followUp) => followUp.type === "invoice" && isLive(followUp));
  if (to === "order_confirmation" && invoice) {
    return new AppError(
      "CONFLICT",
      appMessage("quote.invoicedDirectly", {
        name: unnumberedParam(invoice.number),
        status: termParam("salesStatus", invoice.status),
      }),
      { details: { invoiceId: invoice.id, status: invoice.status } },
    );
  }
  return null;
}

/** The status table's actions in this status but `refused` (what the document may do instead). */
const allowedBesides = (document: ActionDocument, refused: SalesDocumentAction) =>
  actionsInStatus(document.type, document.status).filter((action) => action !== refused);

/**
 * The invoice statuses in which it is still open to correction (`createCreditNote` moves from
 * them): a credit note of it is drafted, issued and approved only then (§5.7).
 */
export const CREDITABLE_INVOICE_STATUSES: readonly SalesDocumentStatus[] =
  actionRuleOf("invoice", "createCreditNote")?.from ?? [];

const creditNoteMayBeIssued = (invoice: { status: SalesDocumentStatus } | null): boolean =>
  invoice !== null && CREDITABLE_INVOICE_STATUSES.includes(invoice.status);

/** What the approve decision reads of a document (the inbox has no more than this). */
export type ApprovalDocument = Pick<
  ActionDocument,
  "type" | "status" | "submittedById" | "source" | "customerArchived" | "deleted" | "customerName"
>;

/** `INVALID_TRANSITION` for an action the status has but this document's rules leave out now. */
function notNowError(
  type: SalesDocumentType,
  status: SalesDocumentStatus,
  action: SalesDocumentAction,
): AppError {
  return notAllowedError(
    type,
    status,
    action,
    actionsInStatus(type, status).filter((a) => a !== action),
  );
}

/**
 * `INVALID_TRANSITION` for `action` now, naming the actions that are `allowed` instead; with
 * `phrased`, its English says the action in words (the status table's refusal, seed 000's wording).
 */
function notAllowedError(
  type: SalesDocumentType,
  status: SalesDocumentStatus,
  action: SalesDocumentAction,
  allowed: SalesDocumentAction[],
  phrased = false,
): AppError {
  return new AppError(
    "INVALID_TRANSITION",
    appMessage(allowed.length > 0 ? "document.actionNotAllowed" : "document.noActionNow", {
      action: termParam("salesAction", action),
      type: termParam("documentType", type),
      status: termParam("salesStatus", status),
      allowed: listParam(allowed.map((a) => termParam("salesAction", a))),
    }),
    {
      ...(phrased && {
        english:
          `Cannot ${actionPhrase(action, `this ${labelOf(type)}`)} while it is "${status}". ` +
          `Allowed now: ${listOf(allowed.map((a) => SALES_DOCUMENT_ACTION_LABELS[a]))}.`,
      }),
      details: { type, status, action, allowed },
    },
  );
}

/**
 * The approve rules beyond the status table and the role: four-eyes (not the submitter, unless
 * they are the only person who may approve at all, §5.1), never new business for an archived
 * customer, a credit note only while its invoice is still open to correction (§5.7). Null when
 * they allow it, else the refusal.
 */
function approveRefusal(document: ApprovalDocument, actor: ActionActor): (() => AppError) | null {
  const { type, status } = document;
  if (isSubmitterOf(document, actor) && !selfApprovalAllowed(document, actor)) {
    return () =>
      new AppError("FORBIDDEN", appMessage("document.ownSubmission"), {
        details: { approverId: actor.personId },
      });
  }
  if (customerRefusesNewBusiness(type, document.customerArchived)) {
    return () => archivedCustomerError(document.customerName ?? "");
  }
  if (type === "credit_note" && !creditNoteMayBeIssued(document.source)) {
    return () => notNowError(type, status, "approve");
  }
  return null;
}

/**
 * Whether `actor` may approve `document` now: the one home of the approve decision, which
 * `allowedActions` offers, `assertSalesDocumentAction` refuses by and the approval inbox lists
 * (its SQL twin is `approvableSql` in packages/services/src/approvals/approval-inbox.ts).
 * Pending, not deleted; the role holds the rule's permissions (a credit note's approval is a
 * correction too, `salesDocument.correct`); then `approveRefusal`'s rules.
 */
export function mayApprove(document: ApprovalDocument, actor: ActionActor): boolean {
  if (document.deleted) return false;
  if (!actionsInStatus(document.type, document.status, actor.role).includes("approve")) {
    return false;
  }
  return approveRefusal(document, actor) === null;
}

/**
 * The rules of the document itself (beyond the status table, the role and the approval route):
 * null when they allow `action`, else the refusal (built only when thrown, since a generic one
 * names what `allowedActions` allows). `allowedActions` and `assertSalesDocumentAction` both ask
 * this one function.
 */
function documentRuleRefusal(
  document: ActionDocument,
  actor: ActionActor,
  action: SalesDocumentAction,
): (() => AppError) | null {
  const { type, status } = document;
  const notNow = () => () => notNowError(type, status, action);
  const creditNotes = document.followUps.filter((followUp) => followUp.type === "credit_note");
  if (action === "approve") return approveRefusal(document, actor);
  if (status === "pending") {
    if (action === "return" || action === "withdraw") {
      if (backToDraftActionOf(document, actor) !== action) return notNow();
    }
  }
  if (
    (NEW_BUSINESS_ACTIONS as readonly SalesDocumentAction[]).includes(action) &&
    customerRefusesNewBusiness(type, document.customerArchived)
  ) {
    return () => archivedCustomerError(document.customerName ?? "");
  }
  // A refund pays back money received; an invoice paid by nothing (a zero total) has none.
  if (action === "refund" && !toDecimal(document.paidAmount).greaterThan(0)) {
    return () =>
      new AppError("INVALID_TRANSITION", appMessage("document.nothingToRefund"), {
        details: { type, status, allowed: [] },
      });
  }
  // §5.8: cancelled with a document only while nothing is paid and no credit note went past draft.
  if (type === "invoice" && action === "cancelWithDocument") {
    const paid = toDecimal(document.paidAmount);
    if (paid.greaterThan(0)) {
      return () =>
        new AppError(
          "INVALID_TRANSITION",
          appMessage("document.paidCannotCancel", {
            paid: moneyParam(paid, document.currency ?? "EUR"),
          }),
          {
            details: {
              paidAmount: paid.toFixed(2),
              status,
              allowed: allowedBesides(document, action),
            },
          },
        );
    }
    const corrected = creditNotes.find((note) => note.status !== "draft");
    if (corrected) {
      const creditNote = { number: corrected.number ?? null, status: corrected.status };
      return () =>
        new AppError(
          "INVALID_TRANSITION",
          appMessage("document.creditedCannotCancel", {
            creditNote: creditNote.number ?? termParam("salesStatus", creditNote.status),
          }),
          {
            english: `This invoice already has a credit note (${creditNote.number ?? creditNote.status}), so it cannot be cancelled. Correct it with another credit note instead.`,
            details: { creditNote, status, allowed: allowedBesides(document, action) },
          },
        );
    }
  }
  // §5.7: a credit note is drafted only while some of the invoice is not credited yet.
  if (type === "invoice" && action === "createCreditNote") {
    const credited = creditNotes.reduce((sum, note) => sum.minus(note.total), toDecimal(0));
    if (!credited.lessThan(toDecimal(document.total))) {
      const message = appMessage("document.creditedInFull");
      return () =>
        new AppError("BAD_REQUEST", message, {
          fieldErrors: { lines: [message] },
          details: { type, status, allowed: allowedBesides(document, action) },
        });
    }
  }
  // ... and issued (or approved, `approveRefusal`) only while its invoice is still open to correction.
  if (type === "credit_note" && action === "issue" && !creditNoteMayBeIssued(document.source)) {
    return notNow();
  }
  // An order is invoiced once (§5.4a): one live order confirmation per quote, a quote is
  // invoiced directly or through it, and one invoice in progress (draft, pending) at a time.
  const invoiceInProgress = document.followUps.some(
    (f) => f.type === "invoice" && isInvoiceInProgress(f.status),
  );
  if (
    type === "quote" &&
    (action === "convertToOrderConfirmation" || action === "convertToInvoice")
  ) {
    const refusal = quoteConversionRefusal(
      action === "convertToOrderConfirmation" ? "order_confirmation" : "invoice",
      document.followUps,
    );
    if (refusal) return () => refusal;
  }
  if (
    (type === "quote" || type === "order_confirmation") &&
    action === "convertToInvoice" &&
    invoiceInProgress
  ) {
    return notNow();
  }
  // §5.4: an order confirmation is cancelled only while no invoice made from it is live.
  if (type === "order_confirmation" && action === "cancel") {
    const live = document.followUps.find((f) => f.type === "invoice" && isLive(f));
    if (live) {
      const invoice = { number: live.number ?? null, status: live.status };
      return () =>
        new AppError(
          "INVALID_TRANSITION",
          appMessage(
            invoice.number ? "document.invoiceFromConfirmation" : "document.draftFromConfirmation",
            { invoice: invoice.number ?? "", status: termParam("salesStatus", invoice.status) },
          ),
          {
            english: `An invoice made from this order confirmation is ${invoice.number ?? "a draft"} (${invoice.status}); cancel or delete that invoice first.`,
            details: { invoice, status, allowed: allowedBesides(document, action) },
          },
        );
    }
  }
  return null;
}

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
 * archived customer's documents are neither issued nor converted (§1). The use cases refuse
 * exactly what this leaves out through `assertSalesDocumentAction`, which asks the same rules
 * (contract test: apps/api/src/allowed-actions.integration.test.ts); the read model returns it
 * and screens show exactly these.
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
  if (document.deleted) return [];
  return actionsInStatus(type, status, actor.role, { approvalRequired }).filter(
    (action) => documentRuleRefusal(document, actor, action) === null,
  );
}

/**
 * Refuses an action `allowedActions` leaves out, with the specific refusal: the role without an
 * action's permission (`FORBIDDEN`), a deleted document (`CONFLICT`), a move the status does not
 * allow (`assertActionAllowed`), the wrong one of issue and submit (`assertApprovalRoute`), then
 * the document's own rules (four-eyes, an archived customer, a paid or credited invoice, an
 * invoiced order confirmation, ...). Returns the action's rule.
 */
export function assertSalesDocumentAction(
  document: ActionDocument,
  settings: ActionSettings,
  actor: ActionActor,
  action: SalesDocumentAction,
): ActionRule {
  const known = actionRuleOf(document.type, action);
  if (known && actor.role !== undefined) {
    for (const permission of known.permissions) assertCan(actor.role, permission);
  }
  if (document.deleted) {
    throw new AppError("CONFLICT", appMessage("document.deleted"), { details: { allowed: [] } });
  }
  const rule = assertActionAllowed(document.type, document.status, action);
  if (action === "issue" || action === "submit") {
    assertApprovalRoute({
      type: document.type,
      action,
      approvalRequired: requiresApproval({
        type: document.type,
        total: document.total,
        threshold: settings.invoiceApprovalThreshold,
      }),
    });
  }
  const refusal = documentRuleRefusal(document, actor, action);
  if (refusal) throw refusal();
  return rule;
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
  throw notAllowedError(type, status, action, actionsInStatus(type, status), true);
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

/** The policy a stored value names; anything else (a row from before policies) means never. */
export const invoiceApprovalPolicyOf = (value: string | null | undefined): InvoiceApprovalPolicy =>
  (INVOICE_APPROVAL_POLICIES as readonly (string | null | undefined)[]).includes(value)
    ? (value as InvoiceApprovalPolicy)
    : "never";

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
