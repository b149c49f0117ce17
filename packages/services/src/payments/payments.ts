import type { Db, Tx } from "@ledgerline/db";
import {
  AppError,
  assertPaymentAllowed,
  paymentsAreFinal,
  paymentsFinalError,
  assertPaymentDateNotInFuture,
  assertRefundsStayCovered,
  idSchema,
  invoiceOpenAmount,
  mergeUpdate,
  paymentInputSchema,
  type Decimal,
  createPaymentInputSchema,
  updatePaymentInputSchema,
  listPaymentsInputSchema,
  type CreatePaymentInput,
  type UpdatePaymentInput,
  type ListPaymentsInput,
  type IsoDate,
  appMessage,
} from "@ledgerline/domain";
import type { z } from "zod";
import type { Actor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { companyToday, toDbDate } from "../sales-documents/company-context.ts";
import {
  documentNotFound,
  lockDocumentFamily,
  type LockedFamily,
} from "../sales-documents/document-records.ts";
import {
  getSalesDocument,
  paymentSelect,
  toPaymentView,
} from "../sales-documents/read-sales-document.ts";
import { readInvoiceFamily, settleInvoice } from "../sales-documents/settle-invoice.ts";

const paymentNotFound = () => new AppError("NOT_FOUND", appMessage("payment.notFound"));

/**
 * What is open on a document under its family's lock: on an invoice its outstanding amount, on
 * a credit note its invoice's refund due (§6), with the invoice's figures for the refund check.
 */
async function openFigures(tx: Tx, { document, invoice }: LockedFamily) {
  if (!invoice) return { family: null, outstandingAmount: null, refundDue: null };
  const family = await readInvoiceFamily(tx, invoice.id);
  const outstandingAmount = invoiceOpenAmount({
    status: invoice.status,
    total: family.invoice.total,
    creditedAmount: family.creditedAmount,
    paidAmount: family.invoice.paidAmount,
  });
  return {
    family,
    outstandingAmount: document.type === "invoice" ? outstandingAmount : null,
    refundDue: document.type === "credit_note" ? family.refundDue : null,
  };
}

/** After a change of `change` on an invoice payment, more may not have been paid back than due. */
function assertInvoiceRefundsCovered(
  { document }: LockedFamily,
  figures: Awaited<ReturnType<typeof openFigures>>,
  change: Decimal,
) {
  if (document.type !== "invoice" || !figures.family) return;
  assertRefundsStayCovered({
    total: figures.family.invoice.total,
    creditedAmount: figures.family.creditedAmount,
    paidAmount: figures.family.invoice.paidAmount.plus(change),
    refundedAmount: figures.family.refundedAmount,
    currency: document.currency,
  });
}

/** Keeps `sales_documents.paid_amount` equal to the sum of the document's payments. */
const addToPaidAmount = (tx: Tx, salesDocumentId: string, change: Decimal) =>
  tx.salesDocument.update({
    where: { id: salesDocumentId },
    data: { paidAmount: { increment: change.toFixed(2) } },
    select: { id: true },
  });

const paymentAudit = (payment: object, salesDocumentId: string) => ({
  ...payment,
  salesDocumentId,
});

/**
 * Records a payment received on an issued invoice, or a refund paid out on an issued credit note
 * (seed 000 `POST /{invoice_id}/payments`): more than 0, dated no later than today, never more
 * than is open (the message names the open amount). In the same transaction the document's paid
 * amount and status (and for a refund its invoice's) are re-derived and audited. The invoice's
 * row lock is taken first, so two payments at once cannot both pass the overpayment check.
 */
export async function createPayment(db: Db, actor: Actor, rawInput: CreatePaymentInput) {
  const input = createPaymentInputSchema.parse(rawInput);
  const today = companyToday();
  assertPaymentDateNotInFuture(input.paymentDate, today);
  const payment = await db.$transaction(async (tx) => {
    const family = await lockDocumentFamily(tx, input.salesDocumentId);
    return recordPaymentOnLocked(tx, actor, family, input, today);
  });
  return {
    payment: toPaymentView(payment),
    document: await getSalesDocument(db, actor, payment.salesDocumentId),
  };
}

/**
 * `createPayment` inside the caller's transaction, on a document whose family the caller has
 * locked (`lockDocumentFamily`): the same limits, paid amount, audit and settlement. The refund
 * action records its refund payment through it.
 */
export async function recordPaymentOnLocked(
  tx: Tx,
  actor: Actor,
  family: LockedFamily,
  input: Omit<z.output<typeof createPaymentInputSchema>, "salesDocumentId">,
  today: IsoDate,
) {
  const { document } = family;
  const figures = await openFigures(tx, family);
  assertPaymentAllowed({
    type: document.type,
    status: document.status,
    amount: input.amount,
    currency: document.currency,
    outstandingAmount: figures.outstandingAmount,
    refundDue: figures.refundDue,
  });
  const created = await tx.payment.create({
    data: {
      salesDocumentId: document.id,
      amount: input.amount,
      paymentDate: toDbDate(input.paymentDate),
      method: input.method,
      reference: input.reference,
      note: input.note,
    },
    select: paymentSelect,
  });
  await addToPaidAmount(tx, document.id, created.amount);
  await recordAuditEvent(tx, actor, {
    action: "create",
    entityType: "payment",
    entityId: created.id,
    after: paymentAudit(toPaymentView(created), document.id),
  });
  await settleInvoice(tx, actor, family.invoice!.id, today);
  return created;
}

/**
 * The payment's document, locked with its family, and the payment read again under the lock. A
 * refunded invoice is final (§5.6): neither its payments nor its credit notes' refund payments
 * change any more, so nothing leads out of refunded.
 */
async function lockPayment(tx: Tx, id: string) {
  const found = await tx.payment.findUnique({ where: { id }, select: { salesDocumentId: true } });
  if (!found) throw paymentNotFound();
  const family = await lockDocumentFamily(tx, found.salesDocumentId);
  if (paymentsAreFinal(family.invoice?.status)) throw paymentsFinalError();
  const payment = await tx.payment.findUnique({ where: { id }, select: paymentSelect });
  if (!payment) throw paymentNotFound();
  return { family, payment };
}

/**
 * Changes a payment (seed 000 `PATCH /payments/{id}`): the fields sent change, the others stay as
 * they are, under the same limits as a new payment, with the payment's old amount counted as
 * open again; a lower invoice payment may not leave more refunded than was due. Re-derives the
 * statuses in the same transaction.
 */
export async function updatePayment(db: Db, actor: Actor, rawInput: UpdatePaymentInput) {
  const { id, values: changes } = updatePaymentInputSchema.parse(rawInput);
  const today = companyToday();
  if (changes.paymentDate) assertPaymentDateNotInFuture(changes.paymentDate, today);
  const payment = await db.$transaction(async (tx) => {
    const { family, payment: before } = await lockPayment(tx, id);
    const { document } = family;
    const values = mergeUpdate(paymentInputSchema, before, changes);
    const figures = await openFigures(tx, family);
    assertPaymentAllowed({
      type: document.type,
      status: document.status,
      amount: values.amount,
      currency: document.currency,
      outstandingAmount: figures.outstandingAmount?.plus(before.amount) ?? null,
      refundDue: figures.refundDue?.plus(before.amount) ?? null,
    });
    const change = before.amount.negated().plus(values.amount);
    assertInvoiceRefundsCovered(family, figures, change);
    const after = await tx.payment.update({
      where: { id },
      data: {
        amount: values.amount,
        paymentDate: toDbDate(values.paymentDate),
        method: values.method,
        reference: values.reference,
        note: values.note,
      },
      select: paymentSelect,
    });
    if (!change.isZero()) await addToPaidAmount(tx, document.id, change);
    await recordAuditEvent(tx, actor, {
      action: "update",
      entityType: "payment",
      entityId: id,
      before: paymentAudit(toPaymentView(before), document.id),
      after: paymentAudit(toPaymentView(after), document.id),
    });
    await settleInvoice(tx, actor, family.invoice!.id, today);
    return after;
  });
  return {
    payment: toPaymentView(payment),
    document: await getSalesDocument(db, actor, payment.salesDocumentId),
  };
}

/**
 * Deletes a payment (seed 000 `DELETE /payments/{id}`); the document's status follows (paid back
 * to partial or sent, or overdue). Refused when it would leave more refunded than was due.
 */
export async function deletePayment(db: Db, actor: Actor, rawId: string) {
  const id = idSchema.parse(rawId);
  const today = companyToday();
  const salesDocumentId = await db.$transaction(async (tx) => {
    const { family, payment } = await lockPayment(tx, id);
    const { document } = family;
    const figures = await openFigures(tx, family);
    assertInvoiceRefundsCovered(family, figures, payment.amount.negated());
    await tx.payment.delete({ where: { id }, select: { id: true } });
    await addToPaidAmount(tx, document.id, payment.amount.negated());
    await recordAuditEvent(tx, actor, {
      action: "delete",
      entityType: "payment",
      entityId: id,
      before: paymentAudit(toPaymentView(payment), document.id),
    });
    if (family.invoice) await settleInvoice(tx, actor, family.invoice.id, today);
    return document.id;
  });
  return { id, document: await getSalesDocument(db, actor, salesDocumentId) };
}

/** Seed 000 `GET /{invoice_id}/payments`: newest first. */
export async function listPayments(db: Db, rawInput: ListPaymentsInput) {
  const { salesDocumentId } = listPaymentsInputSchema.parse(rawInput);
  const [document, payments] = await Promise.all([
    db.salesDocument.findUnique({ where: { id: salesDocumentId }, select: { id: true } }),
    db.payment.findMany({
      where: { salesDocumentId },
      select: paymentSelect,
      orderBy: [{ paymentDate: "desc" }, { createdAt: "desc" }, { id: "asc" }],
    }),
  ]);
  if (!document) throw documentNotFound();
  return payments.map(toPaymentView);
}

/** Seed 000 `GET /payments/{payment_id}`: with its document's id, number, type and status. */
export async function getPayment(db: Db, rawId: string) {
  const id = idSchema.parse(rawId);
  const payment = await db.payment.findUnique({
    where: { id },
    select: {
      ...paymentSelect,
      salesDocument: { select: { id: true, number: true, type: true, status: true } },
    },
  });
  if (!payment) throw paymentNotFound();
  const { salesDocument, ...rest } = payment;
  return { ...toPaymentView(rest), document: salesDocument };
}
