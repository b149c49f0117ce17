import { daysBetween, type IsoDate } from "./calendar-date.ts";
import { AppError } from "./errors.ts";
import { can } from "./permissions.ts";
import type { Role } from "./roles.ts";
import { appMessage, moneyParam, termParam } from "./messages.ts";
import { Decimal, roundToCents, toDecimal, ZERO, type DecimalInput } from "./money.ts";
import {
  actionsInStatus,
  isIssuedStatus,
  isPayableType,
  SALES_DOCUMENT_TYPE_LABELS,
  typeWithArticle,
  type SalesDocumentStatus,
  type SalesDocumentType,
} from "./sales-documents.ts";

/**
 * Settlement: the statuses that follow from payments, credit notes, the due date and today
 * (docs/domain-model.md §5.2), the values computed on every read (§6), and the limits on
 * payments that follow from them. Amounts are Decimals (or decimal strings); dates are ISO
 * `YYYY-MM-DD` strings (calendar-date.ts), with `today` always passed in, in the company's
 * time zone, so these functions stay pure and a test can pin any day.
 */

const max = (a: Decimal, b: Decimal) => (a.greaterThan(b) ? a : b);
const min = (a: Decimal, b: Decimal) => (a.lessThan(b) ? a : b);

/** "120.00 EUR": how amounts read in messages. */
export const formatAmount = (amount: DecimalInput, currency: string): string =>
  `${roundToCents(amount).toFixed(2)} ${currency}`;

// ---------------------------------------------------------------- the status sets

/**
 * Credit notes that count towards their invoice's `creditedAmount` (§6): the issued ones. Drafts
 * and pending notes credit nothing yet. The SQL twin is in packages/services
 * (`sales-documents/settlement-read-model.ts`), held equal by its contract test.
 */
export const ISSUED_CREDIT_NOTE_STATUSES = [
  "sent",
  "partial",
  "paid",
] as const satisfies SalesDocumentStatus[];

/** Invoices a customer still owes on (§6 `outstandingAmount`, the overdue predicate). */
export const OPEN_INVOICE_STATUSES = [
  "sent",
  "partial",
  "overdue",
] as const satisfies SalesDocumentStatus[];

/** Invoice statuses the settlement moves; drafts, pending and cancelled invoices keep theirs. */
export const SETTLED_INVOICE_STATUSES = [
  "sent",
  "partial",
  "paid",
  "overdue",
  "refunded",
] as const satisfies SalesDocumentStatus[];

/**
 * Documents settled in full (§6 `isPaid`): paid, or paid and then refunded after a full credit.
 * On an invoice, the statistics count its revenue (`revenueOf`).
 */
export const PAID_STATUSES = ["paid", "refunded"] as const satisfies SalesDocumentStatus[];

/**
 * Credit notes another credit note of the same invoice must leave room for when it is issued
 * (§5.7): the submitted and the issued ones. An abandoned draft blocks nothing.
 */
export const SUBMITTED_OR_ISSUED_CREDIT_NOTE_STATUSES = [
  "pending",
  ...ISSUED_CREDIT_NOTE_STATUSES,
] as const satisfies SalesDocumentStatus[];

const isOneOf = (statuses: readonly SalesDocumentStatus[], status: SalesDocumentStatus) =>
  statuses.includes(status);

/** Whether a credit note in this status counts towards its invoice's `creditedAmount`. */
export const isIssuedCreditNote = (note: {
  type: SalesDocumentType;
  status: SalesDocumentStatus;
}): boolean => note.type === "credit_note" && isOneOf(ISSUED_CREDIT_NOTE_STATUSES, note.status);

/** Whether the document is an invoice its customer still owes on (sent, partial or overdue). */
export const isOpenInvoice = (document: {
  type: SalesDocumentType;
  status: SalesDocumentStatus;
}): boolean => document.type === "invoice" && isOneOf(OPEN_INVOICE_STATUSES, document.status);

/** Whether the document is an invoice settled in full (paid, or refunded after a full credit). */
export const isPaidInvoice = (document: {
  type: SalesDocumentType;
  status: SalesDocumentStatus;
}): boolean => document.type === "invoice" && isOneOf(PAID_STATUSES, document.status);

/**
 * What an invoice adds to the revenue (the statistics' `totalRevenue`): `total - creditedAmount`
 * once it is paid in full, else 0. A refunded invoice is credited in full, so it adds 0.
 */
export const revenueOf = (invoice: {
  type: SalesDocumentType;
  status: SalesDocumentStatus;
  total: DecimalInput;
  creditedAmount: DecimalInput;
}): Decimal =>
  isPaidInvoice(invoice) ? toDecimal(invoice.total).minus(invoice.creditedAmount) : ZERO;

/** Whether the settlement function decides this invoice's status (`deriveInvoiceStatus`). */
export const isSettledInvoiceStatus = (status: SalesDocumentStatus): boolean =>
  isOneOf(SETTLED_INVOICE_STATUSES, status);

/**
 * A credit note belongs to the invoice it credits (its source document): that invoice's
 * settlement counts it.
 */
export const isCreditNoteOf = (
  note: { type: SalesDocumentType; sourceDocumentId: string | null },
  invoiceId: string,
): boolean => note.type === "credit_note" && note.sourceDocumentId === invoiceId;

/**
 * The invoice whose settlement a document is part of (its family): an invoice its own, a
 * credit note the invoice it credits; other types none.
 */
export const settlementInvoiceIdOf = (document: {
  id: string;
  type: SalesDocumentType;
  sourceDocumentId: string | null;
}): string | null =>
  document.type === "invoice"
    ? document.id
    : document.type === "credit_note"
      ? document.sourceDocumentId
      : null;

/** `creditedAmount` of an invoice: the sum of abs(total) of its issued credit notes. */
export const creditedAmountOf = (
  creditNotes: readonly {
    type: SalesDocumentType;
    status: SalesDocumentStatus;
    total: DecimalInput;
  }[],
): Decimal =>
  creditNotes.filter(isIssuedCreditNote).reduce((sum, note) => sum.minus(note.total), ZERO);

/** `refundedAmount` of an invoice: the refunds paid out on its credit notes, in any status. */
export const refundedAmountOf = (
  creditNotes: readonly { type: SalesDocumentType; paidAmount: DecimalInput }[],
): Decimal =>
  creditNotes
    .filter((note) => note.type === "credit_note")
    .reduce((sum, note) => sum.plus(note.paidAmount), ZERO);

// ---------------------------------------------------------------- the settlement function

export type InvoiceSettlementStatus =
  "sent" | "partial" | "paid" | "overdue" | "refunded" | "cancelled";

export interface InvoiceSettlement {
  /** Invoice total (>= 0). */
  total: DecimalInput;
  /** Sum of abs(total) of its issued credit notes (`sent`, `partial`, `paid`). */
  creditedAmount: DecimalInput;
  /** Sum of payments on the invoice. */
  paidAmount: DecimalInput;
  /** Sum of payments on its credit notes (refunds paid out). */
  refundedAmount: DecimalInput;
  /** Null only for an invoice without a due date: it is never overdue. */
  dueDate: IsoDate | null;
  today: IsoDate;
}

/** `max(0, total - creditedAmount - paidAmount)`: what the customer still owes. */
export const invoiceOutstanding = (
  f: Pick<InvoiceSettlement, "total" | "creditedAmount" | "paidAmount">,
): Decimal => max(ZERO, toDecimal(f.total).minus(f.creditedAmount).minus(f.paidAmount));

/**
 * What an invoice still asks for: nothing once cancelled (its cancellation document settles it
 * in full), else `invoiceOutstanding`. The detail read, the payment limit, a group's open amount
 * and the printed "amount due" (and its GiroCode) all take this one figure.
 */
export const invoiceOpenAmount = (
  f: Pick<InvoiceSettlement, "total" | "creditedAmount" | "paidAmount"> & {
    status: SalesDocumentStatus;
  },
): Decimal => (f.status === "cancelled" ? ZERO : invoiceOutstanding(f));

/**
 * `max(0, paidAmount + creditedAmount - total) - refundedAmount`: what is still to be paid back.
 * Never negative for stored data; writes that would make it negative are refused
 * (`assertRefundsStayCovered`).
 */
export const invoiceRefundDue = (
  f: Pick<InvoiceSettlement, "total" | "creditedAmount" | "paidAmount" | "refundedAmount">,
): Decimal =>
  max(ZERO, toDecimal(f.paidAmount).plus(f.creditedAmount).minus(f.total)).minus(f.refundedAmount);

/**
 * What the refund action pays back (§5.6): it first credits what is not credited yet, so it pays
 * the refund due of a fully credited invoice: everything paid less what was paid back already.
 */
export const refundActionAmountOf = (
  f: Pick<InvoiceSettlement, "total" | "paidAmount" | "refundedAmount">,
): Decimal => invoiceRefundDue({ ...f, creditedAmount: f.total });

/**
 * §5.2, exactly: the status of an issued invoice that was not cancelled by a cancellation
 * document. Runs in the transaction of every payment or credit-note change, in the overdue
 * sweep, and right after issue. A total of 0.00 is `paid` at once (nothing is owed).
 */
export function deriveInvoiceStatus(f: InvoiceSettlement): InvoiceSettlementStatus {
  const total = toDecimal(f.total);
  const creditedAmount = toDecimal(f.creditedAmount);
  const paidAmount = toDecimal(f.paidAmount);
  const outstanding = invoiceOutstanding(f);
  const refundDue = invoiceRefundDue(f);
  if (creditedAmount.greaterThan(0) && creditedAmount.equals(total)) {
    // Reversed in full by credit notes.
    if (paidAmount.isZero()) return "cancelled";
    if (refundDue.isZero()) return "refunded";
  }
  if (outstanding.isZero()) return "paid";
  if (f.dueDate !== null && f.today > f.dueDate) return "overdue";
  if (paidAmount.greaterThan(0)) return "partial";
  return "sent";
}

export type CreditNoteSettlementStatus = "sent" | "partial" | "paid";

/**
 * A credit note follows its invoice (§5.2, last paragraph): `paid` when the invoice's refund due
 * is 0 (also right at issue when the note is wholly offset against the open amount), `partial`
 * when some refund has been paid out on this note and some is still due, else `sent`.
 * `paidAmount` is the refunds paid out on this credit note, not on its siblings: a second credit
 * note of the same invoice starts `sent`, while the first drops from `paid` to `partial`.
 */
export function deriveCreditNoteStatus(f: {
  /** The invoice's refund due (`invoiceRefundDue`), across all its credit notes. */
  invoiceRefundDue: DecimalInput;
  /** Refunds paid out on this credit note. */
  paidAmount: DecimalInput;
}): CreditNoteSettlementStatus {
  if (!toDecimal(f.invoiceRefundDue).greaterThan(0)) return "paid";
  if (toDecimal(f.paidAmount).greaterThan(0)) return "partial";
  return "sent";
}

// ---------------------------------------------------------------- computed on read

export interface ReadValuesInput {
  type: SalesDocumentType;
  status: SalesDocumentStatus;
  total: DecimalInput;
  /** Sum of payments on this document (on a credit note: refunds paid out on it). */
  paidAmount: DecimalInput;
  /** Invoices: sum of abs(total) of credit notes in `sent`, `partial` or `paid`. Default 0. */
  creditedAmount?: DecimalInput;
  /** Invoices: sum of payments on its credit notes. Default 0. */
  refundedAmount?: DecimalInput;
  /** Credit notes: the refund due of their invoice; without it their open amount is unknown. */
  invoiceRefundDue?: DecimalInput | null;
  dueDate: IsoDate | null;
  today: IsoDate;
}

export interface ReadValues {
  paidAmount: Decimal;
  /** Invoices only, else null. */
  creditedAmount: Decimal | null;
  /** Invoices only, else null. */
  refundedAmount: Decimal | null;
  /**
   * Invoice: `max(0, total - credited - paid)`, 0 when cancelled. Credit note: the refund still
   * due on its invoice (the most a refund payment may be). Null for types that take no payments.
   */
  outstandingAmount: Decimal | null;
  /** Invoice: its refund due; credit note: its invoice's; else null. */
  refundDue: Decimal | null;
  isPaid: boolean;
  isOverdue: boolean;
  /** `dueDate - today` in whole days; null without a due date or with nothing outstanding. */
  daysUntilDue: number | null;
  /** Invoices: percent paid of `total - credited`, 2 decimals, at most 100; else null. */
  paymentRate: Decimal | null;
}

/**
 * §5.1/§6: an open invoice whose due date has passed with something still outstanding. The
 * stored status `overdue` follows it at the nightly sweep; reads and filters use this at once.
 */
export function isOverdue(f: {
  type: SalesDocumentType;
  status: SalesDocumentStatus;
  outstandingAmount: DecimalInput | null;
  dueDate: IsoDate | null;
  today: IsoDate;
}): boolean {
  return (
    isOpenInvoice(f) &&
    f.outstandingAmount !== null &&
    toDecimal(f.outstandingAmount).greaterThan(0) &&
    f.dueDate !== null &&
    f.today > f.dueDate
  );
}

/** §5.3: a sent quote whose valid-until date has passed; the sweep stores `expired`. */
export const isExpiredQuote = (f: {
  type: SalesDocumentType;
  status: SalesDocumentStatus;
  validUntil: IsoDate | null;
  today: IsoDate;
}): boolean =>
  f.type === "quote" && f.status === "sent" && f.validUntil !== null && f.validUntil < f.today;

/** §6: seed 000's computed properties plus what credit notes need, for one document. */
export function computeReadValues(input: ReadValuesInput): ReadValues {
  const paidAmount = toDecimal(input.paidAmount);
  const isPaid = isOneOf(PAID_STATUSES, input.status);
  let creditedAmount: Decimal | null = null;
  let refundedAmount: Decimal | null = null;
  let outstandingAmount: Decimal | null = null;
  let refundDue: Decimal | null = null;
  let paymentRate: Decimal | null = null;

  if (input.type === "invoice") {
    creditedAmount = toDecimal(input.creditedAmount ?? 0);
    refundedAmount = toDecimal(input.refundedAmount ?? 0);
    const figures = { total: input.total, creditedAmount, paidAmount, refundedAmount };
    outstandingAmount = invoiceOpenAmount({ ...figures, status: input.status });
    refundDue = invoiceRefundDue(figures);
    const base = toDecimal(input.total).minus(creditedAmount);
    if (base.greaterThan(0)) {
      paymentRate = min(new Decimal(100), roundToCents(paidAmount.dividedBy(base).times(100)));
    }
  } else if (input.type === "credit_note") {
    const due = input.invoiceRefundDue;
    refundDue = due === undefined || due === null ? null : max(ZERO, toDecimal(due));
    outstandingAmount = refundDue;
  }

  const hasOutstanding = outstandingAmount !== null && outstandingAmount.greaterThan(0);
  const overdue = isOverdue({ ...input, outstandingAmount });
  const daysUntilDue =
    input.dueDate !== null && hasOutstanding ? daysBetween(input.today, input.dueDate) : null;

  return {
    paidAmount,
    creditedAmount,
    refundedAmount,
    outstandingAmount,
    refundDue,
    isPaid,
    isOverdue: overdue,
    daysUntilDue,
    paymentRate,
  };
}

// ---------------------------------------------------------------- limits on payments

/** Whether a document takes payments in its status: payable, issued and not cancelled (§6). */
export const takesPaymentsIn = (type: SalesDocumentType, status: SalesDocumentStatus): boolean =>
  isPayableType(type) && isIssuedStatus(status) && status !== "cancelled";

/**
 * A refunded invoice is final (§5.6): neither its payments nor its credit notes' refund payments
 * change any more, so nothing leads out of refunded. `invoiceStatus` is the settlement's
 * invoice: the document itself for an invoice, the credited invoice for a credit note.
 */
export const paymentsAreFinal = (invoiceStatus: SalesDocumentStatus | null | undefined): boolean =>
  invoiceStatus === "refunded";

/** The refusal of a change to a payment of a refunded invoice or of its credit notes. */
export const paymentsFinalError = (): AppError =>
  new AppError("INVALID_TRANSITION", appMessage("payment.invoiceRefunded"), {
    details: { status: "refunded", allowed: [] },
  });

export type PaymentAction = "record" | "edit" | "delete";

/** A document as the payment rules look at it. */
export interface PaymentDocument {
  type: SalesDocumentType;
  status: SalesDocumentStatus;
  /** Soft-deleted documents change in nothing until restored. */
  deleted: boolean;
  /** What is open: an invoice's `outstandingAmount`, a credit note's invoice's refund due. */
  open: DecimalInput | null;
  /** The status of the settlement's invoice (itself, or the invoice a credit note credits). */
  invoiceStatus: SalesDocumentStatus | null;
}

/**
 * What a person may do with a document's payments now, by the rules the payment use cases
 * refuse by: record one while the document takes payments (`takesPaymentsIn`, the guard of
 * `assertPaymentAllowed`) and something is open; edit or delete one unless the invoice is
 * refunded (`paymentsAreFinal`); nothing on a deleted document; all with `payment.write`.
 * The read model returns it and the payments panel offers exactly it.
 */
export function paymentActionsOf(document: PaymentDocument, role?: Role): PaymentAction[] {
  if (document.deleted || (role !== undefined && !can(role, "payment.write"))) return [];
  const actions: PaymentAction[] = [];
  const open = document.open === null ? ZERO : toDecimal(document.open);
  if (takesPaymentsIn(document.type, document.status) && open.greaterThan(0)) {
    actions.push("record");
  }
  if (!paymentsAreFinal(document.invoiceStatus)) actions.push("edit", "delete");
  return actions;
}

/**
 * §6 "Limits on writes": payments only on issued invoices and credit notes (not drafts, pending
 * or cancelled ones, nor other types), more than 0, and never more than is open: on an invoice
 * its `outstandingAmount`, on a credit note its invoice's `refundDue`. When a payment is changed,
 * pass the open figure without that payment (open + its old amount).
 */
export function assertPaymentAllowed(options: {
  type: SalesDocumentType;
  status: SalesDocumentStatus;
  amount: DecimalInput;
  currency: string;
  /** Invoices: `outstandingAmount`. */
  outstandingAmount?: DecimalInput | null;
  /** Credit notes: the invoice's refund due. */
  refundDue?: DecimalInput | null;
}): void {
  const { type, status, currency } = options;
  const label = SALES_DOCUMENT_TYPE_LABELS[type];
  // The document a payment names is its one link (`salesDocumentId`): these name that field.
  const terms = { type: termParam("documentType", type), status: termParam("salesStatus", status) };
  if (!isPayableType(type)) {
    const message = appMessage("payment.onPayableOnly", terms);
    throw new AppError("BAD_REQUEST", message, {
      english: `Payments are recorded on invoices and credit notes only; this is ${typeWithArticle(type)}.`,
      fieldErrors: { salesDocumentId: [message] },
      details: { type, status },
    });
  }
  if (!takesPaymentsIn(type, status)) {
    const message = appMessage(
      status === "cancelled" ? "payment.documentCancelled" : "payment.onIssuedOnly",
      terms,
    );
    throw new AppError("INVALID_TRANSITION", message, {
      english:
        status === "cancelled"
          ? `This ${label} is cancelled; it takes no payments.`
          : `Payments are recorded on issued documents only; this ${label} is "${status}". Issue it first.`,
      fieldErrors: { salesDocumentId: [message] },
      details: { type, status, allowed: actionsInStatus(type, status) },
    });
  }
  const amount = toDecimal(options.amount);
  if (!amount.greaterThan(0)) {
    const message = appMessage("payment.amountNotPositive");
    throw new AppError("BAD_REQUEST", message, { fieldErrors: { amount: [message] } });
  }
  const open = toDecimal((type === "invoice" ? options.outstandingAmount : options.refundDue) ?? 0);
  if (amount.lessThanOrEqualTo(open)) return;
  const params = { amount: moneyParam(amount, currency), open: moneyParam(open, currency) };
  const message =
    type === "invoice"
      ? open.greaterThan(0)
        ? appMessage("payment.exceedsOutstanding", params)
        : appMessage("payment.nothingOpen", params)
      : open.greaterThan(0)
        ? appMessage("payment.refundExceedsDue", params)
        : appMessage("payment.noRefundDue", params);
  throw new AppError("BAD_REQUEST", message, {
    fieldErrors: { amount: [message] },
    details: { amount: amount.toFixed(2), open: max(ZERO, open).toFixed(2), currency },
  });
}

/**
 * §6: a change or delete of an invoice payment (or a refund on its credit note) may not leave
 * more refunded than was ever due: the resulting `refundDue` must stay >= 0. Pass the figures as
 * they would be after the change.
 */
export function assertRefundsStayCovered(options: {
  total: DecimalInput;
  creditedAmount: DecimalInput;
  paidAmount: DecimalInput;
  refundedAmount: DecimalInput;
  currency: string;
}): void {
  const refundDue = invoiceRefundDue(options);
  if (!refundDue.lessThan(0)) return;
  throw new AppError(
    "BAD_REQUEST",
    appMessage("payment.refundNeverDue", {
      amount: moneyParam(refundDue.negated(), options.currency),
    }),
    { details: { refundDue: refundDue.toFixed(2), currency: options.currency } },
  );
}

/** Payment dates are never in the future (§1 Payment: `paymentDate <= today`). */
export const PAYMENT_DATE_IN_FUTURE_MESSAGE = "The payment date cannot be in the future.";

export function assertPaymentDateNotInFuture(paymentDate: IsoDate, today: IsoDate): void {
  if (paymentDate <= today) return;
  const message = appMessage("payment.dateInFuture");
  throw new AppError("BAD_REQUEST", message, {
    fieldErrors: { paymentDate: [message] },
    details: { paymentDate, today },
  });
}
