import type { Db, Tx } from "@ledgerline/db";
import {
  AppError,
  actionRuleOf,
  actionsInStatus,
  assertDraftFitsType,
  assertPaymentDateNotInFuture,
  cancelWithDocumentInputSchema,
  createCreditNoteInputSchema,
  refundInvoiceInputSchema,
  type RefundInvoiceInput,
  toDecimal,
  ZERO,
  type CancelWithDocumentInput,
  type CreateCreditNoteInput,
  type SalesDocumentAction,
  appMessage,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import {
  assertPermitted,
  companyToday,
  fieldError,
  loadSalesSettings,
  personIdOf,
  toDbDate,
} from "./company-context.ts";
import {
  insertDocument,
  unpricedLineOfInput,
  type NewDocumentData,
} from "./create-sales-document.ts";
import { assertCreditWithinInvoice, creditedQuantities } from "./credit-limits.ts";
import {
  copiedLine,
  lineItemSelect,
  lockDocumentFamily,
  priceLines,
  recordDocumentEvent,
  type StoredLine,
  type UnpricedLine,
  type LockedDocument,
} from "./document-records.ts";
import { recordPaymentOnLocked } from "../payments/payments.ts";
import {
  assignDocumentNumber,
  inIssuingTransaction,
  issueLockedDocument,
} from "./issue-document.ts";
import { moveStatus } from "./move-status.ts";
import { getSalesDocument } from "./read-sales-document.ts";
import { readInvoiceFamily } from "./settle-invoice.ts";
import { assertLockedAction } from "./action-input.ts";

/**
 * Locks an invoice and asks the domain whether the correction is allowed now
 * (`assertSalesDocumentAction`: its permissions, its status and the invoice's rules).
 */
async function lockInvoice(tx: Tx, actor: Actor, id: string, action: SalesDocumentAction) {
  const family = await lockDocumentFamily(tx, id);
  const { document } = family;
  // An action the type does not have is the correction permission's to refuse first.
  if (!actionRuleOf(document.type, action)) assertPermitted(actor, ["salesDocument.correct"]);
  // A refund of anything but an invoice is refused by the status table, naming what is
  // allowed; credit notes and cancellations say they are for invoices, and also name what is
  // allowed (a refused move: InvalidStatusTransitionError, seed 004).
  if (document.type !== "invoice" && action !== "refund") {
    throw new AppError(
      "INVALID_TRANSITION",
      appMessage(
        action === "createCreditNote"
          ? "document.creditNotesFromInvoices"
          : "document.cancellationsOfInvoices",
      ),
      {
        details: {
          type: document.type,
          status: document.status,
          action,
          allowed: actionsInStatus(document.type, document.status),
        },
      },
    );
  }
  await assertLockedAction(tx, actor, family, action);
  return document;
}

/** The parts of a correction copied from its invoice: it speaks to the same customer. */
const correctionOf = (invoice: LockedDocument) => ({
  currency: invoice.currency,
  locale: invoice.locale,
  lineOrder: invoice.lineOrder,
  customerId: invoice.customerId,
  contactId: invoice.contactId,
  projectId: invoice.projectId,
  sourceDocumentId: invoice.id,
  customerName: invoice.customerName,
  billingAddress: invoice.billingAddress as NewDocumentData["billingAddress"],
  customerVatId: invoice.customerVatId,
});

/** The invoice's lines as credit-note lines for what is not credited yet (negated quantities). */
async function uncreditedLines(
  tx: Tx,
  invoiceId: string,
  invoiceLines: readonly StoredLine[],
): Promise<UnpricedLine[]> {
  // Every credit note, drafts too: a second draft must not credit the same lines again.
  const before = await creditedQuantities(tx, invoiceId, { scope: "every" });
  return invoiceLines.flatMap((line) => {
    const remaining = toDecimal(line.quantity).minus(before.get(line.id) ?? ZERO);
    return remaining.greaterThan(0) ? [copiedLine(line, remaining.negated())] : [];
  });
}

const invoiceLinesOf = (tx: Tx, invoiceId: string): Promise<StoredLine[]> =>
  tx.lineItem.findMany({
    where: { salesDocumentId: invoiceId },
    select: lineItemSelect,
    orderBy: { position: "asc" },
  });

/**
 * Inserts a credit note draft for `invoice` with `lines`, after checking that no line is credited
 * beyond its original quantity and the credits stay within the invoice total
 * (`assertCreditWithinInvoice`; `fieldOf` names the input field of a refused line).
 */
async function insertCreditNoteDraft(
  tx: Tx,
  actor: Actor,
  invoice: LockedDocument,
  lines: UnpricedLine[],
  options: { reason: string | null; fieldOf: (index: number) => string; auditExtra?: object },
) {
  await assertCreditWithinInvoice(tx, {
    invoice,
    creditNoteId: null,
    lines: lines.map((line) => ({
      sourceLineItemId: line.sourceLineItemId,
      quantity: toDecimal(line.quantity),
    })),
    total: priceLines(lines).totals.total,
    scope: "every",
    fieldOf: options.fieldOf,
  });
  return insertDocument(
    tx,
    actor,
    { type: "credit_note", status: "draft", ...correctionOf(invoice), notes: options.reason },
    lines,
    { reason: options.reason, ...options.auditExtra },
  );
}

/**
 * A credit note draft for an issued invoice (§5.7): all of its lines (what is not credited yet),
 * or chosen lines with the quantities to credit, plus free goodwill lines. Quantities are entered
 * positive and stored negated; no line is credited beyond its original quantity and the credits
 * never exceed the invoice total. The invoice's status changes when the credit note is issued.
 *
 * @returns the credit note draft.
 */
export async function createCreditNote(db: Db, actor: Actor, rawInput: CreateCreditNoteInput) {
  const input = createCreditNoteInputSchema.parse(rawInput);
  const settings = await loadSalesSettings(db);
  const id = await db.$transaction(async (tx) => {
    const invoice = await lockInvoice(tx, actor, input.invoiceId, "createCreditNote");
    const invoiceLines = await invoiceLinesOf(tx, invoice.id);
    const byId = new Map(invoiceLines.map((line) => [line.id, line]));
    let credited: UnpricedLine[];
    if (input.lines === "all") {
      credited = await uncreditedLines(tx, invoice.id, invoiceLines);
    } else {
      credited = input.lines.map((chosen, index) => {
        const line = byId.get(chosen.sourceLineItemId);
        if (!line) {
          throw fieldError(
            `lines.${index}.sourceLineItemId`,
            appMessage("document.notALineOfInvoice"),
          );
        }
        return copiedLine(line, toDecimal(chosen.quantity).negated());
      });
    }
    const goodwill = input.goodwillLines.map((line) =>
      unpricedLineOfInput(
        { ...line, id: undefined, quantity: toDecimal(line.quantity).negated().toFixed(3) },
        settings.defaultTaxRate,
      ),
    );
    const lines = [...credited, ...goodwill];
    if (lines.length === 0) {
      throw fieldError("lines", appMessage("document.creditedInFull"));
    }
    assertDraftFitsType("credit_note", { lines });
    const inserted = await insertCreditNoteDraft(tx, actor, invoice, lines, {
      reason: input.reason,
      fieldOf: (index) =>
        index >= credited.length
          ? `goodwillLines.${index - credited.length}.quantity`
          : input.lines === "all"
            ? "lines"
            : `lines.${index}.quantity`,
    });
    // The invoice's history shows the correction; its status moves when the note is issued.
    await recordDocumentEvent(
      tx,
      actor,
      invoice.id,
      "createCreditNote",
      { status: invoice.status },
      { status: invoice.status, followUpId: inserted.id, reason: input.reason },
    );
    return inserted.id;
  });
  return getSalesDocument(db, actor, id);
}

/**
 * Cancels an issued invoice with a cancellation document (Storno, §5.8): only while nothing is
 * paid on it and no credit note was issued for it. The cancellation mirrors every line with a
 * negated quantity (so invoice + cancellation sum to 0.00), is issued at once with the next ST
 * number, and the invoice becomes `cancelled`. A reason is required and kept on both.
 *
 * @returns the cancellation document.
 */
export async function cancelWithDocument(db: Db, actor: Actor, rawInput: CancelWithDocumentInput) {
  return getSalesDocument(db, actor, await cancelWithDocumentReturningId(db, actor, rawInput));
}

/** `cancelWithDocument` without the read afterwards. @returns the cancellation's id. */
export async function cancelWithDocumentReturningId(
  db: Db,
  actor: Actor,
  rawInput: CancelWithDocumentInput,
): Promise<string> {
  const { id, reason } = cancelWithDocumentInputSchema.parse(rawInput);
  const settings = await loadSalesSettings(db);
  const personId = personIdOf(actor);
  const today = companyToday();
  return inIssuingTransaction(db, async (tx) => {
    const invoice = await lockInvoice(tx, actor, id, "cancelWithDocument");
    const invoiceLines = await tx.lineItem.findMany({
      where: { salesDocumentId: id },
      select: lineItemSelect,
      orderBy: { position: "asc" },
    });
    const lines = invoiceLines.map((line) => copiedLine(line, toDecimal(line.quantity).negated()));
    const cancellation = await insertDocument(
      tx,
      actor,
      {
        type: "cancellation",
        status: "sent",
        ...correctionOf(invoice),
        issuedDate: toDbDate(today),
        cancelReason: reason,
      },
      lines,
      { reason },
    );
    // Rounding is symmetric around zero, so the mirror adds up to exactly minus the invoice.
    if (!cancellation.priced.totals.total.equals(invoice.total.negated())) {
      throw new Error(`Cancellation of ${invoice.number} does not mirror its total.`);
    }
    await moveStatus(tx, actor, invoice, "cancelWithDocument", "cancelled", {
      data: { cancelReason: reason },
      reason,
      extra: { cancellationId: cancellation.id },
    });
    await assignDocumentNumber(tx, actor, {
      document: { id: cancellation.id, type: "cancellation" },
      fields: {
        status: "sent",
        issuedDate: today,
        dueDate: null,
        validUntil: null,
        customerName: invoice.customerName,
        billingAddress: invoice.billingAddress,
        customerVatId: invoice.customerVatId,
        approvedById: null,
      },
      personId,
      settings,
      action: "issue",
      before: { status: "sent", number: null },
      auditExtra: { total: cancellation.priced.header.total, cancels: invoice.number, reason },
    });
    return cancellation.id;
  });
}

/**
 * Refunds a paid invoice (§5.6, seed 004 Paid → Refunded): in one transaction it credits what
 * is not credited yet with a credit note issued at once (GS number), and records the refund
 * payment of everything paid and not yet paid back (`refundDue`) on it, dated `paymentDate`
 * (default today) and made by `method`. The invoice's status is then derived as `refunded`;
 * nothing moves it out of there by hand. The credit note is issued without four-eyes approval:
 * the refund is its own action, for those who both correct documents and record payments
 * (admin and finance), and it is audited on the invoice (`refund`) with the amounts.
 *
 * @returns the invoice.
 */
export async function refundInvoice(db: Db, actor: Actor, rawInput: RefundInvoiceInput) {
  const input = refundInvoiceInputSchema.parse(rawInput);
  const settings = await loadSalesSettings(db);
  const personId = personIdOf(actor);
  const today = companyToday();
  const paymentDate = input.paymentDate ?? today;
  assertPaymentDateNotInFuture(paymentDate, today);
  await inIssuingTransaction(db, async (tx) => {
    const invoice = await lockInvoice(tx, actor, input.id, "refund");
    const lines = await uncreditedLines(tx, invoice.id, await invoiceLinesOf(tx, invoice.id));
    let creditNoteId: string | null;
    if (lines.length > 0) {
      const inserted = await insertCreditNoteDraft(tx, actor, invoice, lines, {
        reason: input.reason,
        fieldOf: () => "id",
        auditExtra: { refund: true },
      });
      creditNoteId = inserted.id;
      const { document: creditNote } = await lockDocumentFamily(tx, inserted.id);
      await issueLockedDocument(tx, actor, creditNote, {
        action: "issue",
        personId,
        invoice,
        settings,
        today,
        auditExtra: { refund: true },
      });
    } else {
      // Credited in full already, with money still to pay back: the refund goes on the last
      // issued credit note.
      const last = await tx.salesDocument.findFirst({
        where: { sourceDocumentId: invoice.id, type: "credit_note", number: { not: null } },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      });
      creditNoteId = last?.id ?? null;
    }
    const family = await readInvoiceFamily(tx, invoice.id);
    const refunded = family.refundDue;
    if (creditNoteId && refunded.greaterThan(0)) {
      await recordPaymentOnLocked(
        tx,
        actor,
        await lockDocumentFamily(tx, creditNoteId),
        {
          amount: refunded.toFixed(2),
          paymentDate,
          method: input.method,
          reference: input.reference,
          note: input.reason,
        },
        today,
      );
    }
    const after = await readInvoiceFamily(tx, invoice.id);
    if (after.invoice.status !== "refunded") {
      throw new Error(
        `Refund of ${invoice.number} left it "${after.invoice.status}" instead of refunded.`,
      );
    }
    await recordDocumentEvent(
      tx,
      actor,
      invoice.id,
      "refund",
      { status: invoice.status },
      {
        status: "refunded",
        followUpId: creditNoteId,
        creditedAmount: after.creditedAmount.toFixed(2),
        refundedAmount: refunded.toFixed(2),
        method: input.method,
        paymentDate,
        reason: input.reason,
      },
    );
  });
  return getSalesDocument(db, actor, input.id);
}
