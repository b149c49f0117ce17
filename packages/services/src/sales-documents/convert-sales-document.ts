import type { Db, Tx } from "@ledgerline/db";
import {
  actionRuleOf,
  assertActionAllowed,
  idSchema,
  requiresApproval,
  toDecimal,
  type SalesDocumentAction,
  type SalesDocumentStatus,
  convertSalesDocumentInputSchema,
  type ConvertSalesDocumentInput,
  assertNoInvoiceInProgress,
  assertSomethingRemains,
  deductionLinesOf,
  isOrderType,
  orderInvoicingOf,
  partialInvoiceLinesOf,
  quoteConversionRefusal,
  type GeneratedLine,
  type InvoiceKind,
  type OrderType,
  type Locale,
  assertCustomerTakesNewBusiness,
} from "@ledgerline/domain";
import type { z } from "zod";
import type { Actor } from "../actor.ts";
import { assertPermitted, companyToday, loadSalesSettings, personIdOf } from "./company-context.ts";
import { insertDocument, optionalDbDate, type NewDocumentData } from "./create-sales-document.ts";
import {
  copiedLine,
  customerCopyOf,
  lineItemSelect,
  lockDocument,
  type LockedDocument,
  type UnpricedLine,
} from "./document-records.ts";
import { inIssuingTransaction, issueLockedDocument } from "./issue-document.ts";
import { moveStatus } from "./move-status.ts";
import { readEarlierInvoices, readOrderInvoices } from "./order-invoicing.ts";
import { getSalesDocument } from "./read-sales-document.ts";

/** Locks the source and checks the action's permission and status (§5.11). */
async function lockSource(tx: Tx, actor: Actor, id: string, action: SalesDocumentAction) {
  const source = await lockDocument(tx, id);
  const known = actionRuleOf(source.type, action);
  if (known) assertPermitted(actor, known.permissions);
  const rule = assertActionAllowed(source.type, source.status, action);
  return { source, rule };
}

/** How an invoice made from an order differs from a plain copy of it (§5.4a). */
interface InvoicingOfCopy {
  /** Replaces the source's lines (a partial invoice). */
  lines?: readonly UnpricedLine[];
  /** Follows the source's lines (a final invoice's deductions). */
  extraLines?: readonly UnpricedLine[];
  invoiceKind?: InvoiceKind;
  auditExtra?: Record<string, unknown>;
}

/**
 * A draft of `type` copied from `source` (§5.11): customer, contact, project, currency, locale,
 * service period and every line, each line linked to the line it came from and the document to
 * its source. The customer copy is the customer's current one, as for any draft.
 */
async function insertCopy(
  tx: Tx,
  actor: Actor,
  source: LockedDocument,
  type: "order_confirmation" | "invoice",
  invoicing: InvoicingOfCopy = {},
) {
  const { customer } = source;
  assertCustomerTakesNewBusiness(type, customer);
  const lines = invoicing.lines
    ? []
    : await tx.lineItem.findMany({
        where: { salesDocumentId: source.id },
        select: lineItemSelect,
        orderBy: { position: "asc" },
      });
  const data: NewDocumentData = {
    type,
    status: "draft",
    invoiceKind: type === "invoice" ? (invoicing.invoiceKind ?? "tax_invoice") : null,
    currency: source.currency,
    locale: source.locale,
    // The lines come over in their entered order and keep the way the source shows them.
    lineOrder: source.lineOrder,
    customerId: source.customerId,
    contactId: source.contactId,
    projectId: source.projectId,
    sourceDocumentId: source.id,
    ...customerCopyOf(customer),
    servicePeriodStart: optionalDbDate(source.servicePeriodStart),
    servicePeriodEnd: optionalDbDate(source.servicePeriodEnd),
  };
  const inserted = await insertDocument(
    tx,
    actor,
    data,
    invoicing.lines ?? [
      ...lines.map((line) => copiedLine(line, toDecimal(line.quantity))),
      ...(invoicing.extraLines ?? []),
    ],
    { convertedFrom: source.id, ...invoicing.auditExtra },
  );
  return inserted;
}

/**
 * Converts a quote into an order confirmation or an invoice, or an order confirmation into an
 * invoice, as a new draft linked to its source (§5.11). A quote becomes accepted; an order
 * confirmation stays sent (it may be invoiced in several parts).
 *
 * @returns the new draft.
 */
export async function convertSalesDocument(
  db: Db,
  actor: Actor,
  rawInput: ConvertSalesDocumentInput,
) {
  const input = convertSalesDocumentInputSchema.parse(rawInput);
  const action =
    input.to === "order_confirmation" ? "convertToOrderConfirmation" : "convertToInvoice";
  const id = await db.$transaction(async (tx) => {
    // The source's row lock orders conversions of one order: the second sees the first's draft.
    const { source, rule } = await lockSource(tx, actor, input.id, action);
    if (source.type === "quote") {
      const followUps = await tx.salesDocument.findMany({
        where: { sourceDocumentId: source.id },
        select: { id: true, type: true, number: true, status: true },
      });
      const refusal = quoteConversionRefusal(input.to, followUps);
      if (refusal) throw refusal;
    }
    const invoicing: InvoicingOfCopy =
      input.to === "invoice" && isOrderType(source.type)
        ? await invoiceOfOrder(tx, source, input)
        : {};
    const created = await insertCopy(tx, actor, source, input.to, invoicing);
    const to = rule.to === "unchanged" ? source.status : (rule.to as SalesDocumentStatus);
    await moveStatus(tx, actor, source, action, to, {
      extra: { followUpId: created.id, ...invoicing.auditExtra },
    });
    return created.id;
  });
  return getSalesDocument(db, actor, id);
}

const generatedLine = (line: GeneratedLine): UnpricedLine => ({
  ...line,
  unit: null,
  itemType: "other",
  sourceLanguage: null,
  targetLanguage: null,
  sourceLineItemId: null,
  expenseId: null,
});

/**
 * What an invoice made from an order holds (§5.4a): refused while an earlier invoice of the
 * order is a draft or pending, and when the order is invoiced in full unless the person confirms
 * invoicing more (then a plain copy of the order, recorded as confirmed). Otherwise `final` (the
 * default): the order's lines less one deduction line per earlier invoice and VAT rate, so its
 * total is exactly what is left; `partial`: `percent` of what is left per VAT rate.
 */
async function invoiceOfOrder(
  tx: Tx,
  order: LockedDocument,
  input: z.output<typeof convertSalesDocumentInputSchema>,
): Promise<InvoicingOfCopy> {
  const orderType = order.type as OrderType;
  const invoices = await readOrderInvoices(tx, order.id);
  const invoicing = orderInvoicingOf(order.total, invoices);
  const named = { id: order.id, type: orderType, currency: order.currency };
  assertNoInvoiceInProgress(named, invoicing);
  const confirmed = input.confirmOverInvoicing === true;
  assertSomethingRemains(named, invoicing, confirmed);
  const figures = {
    orderTotal: invoicing.orderTotal.toFixed(2),
    invoicedBefore: invoicing.invoicedAmount.toFixed(2),
  };
  if (!invoicing.remainingAmount.greaterThan(0)) {
    return {
      auditExtra: { overInvoicing: { orderId: order.id, ...figures, confirmed: true } },
    };
  }
  const earlier = await readEarlierInvoices(tx, invoices);
  if (input.invoicePart === "partial" && input.percent !== undefined) {
    const orderLines = await tx.lineItem.findMany({
      where: { salesDocumentId: order.id },
      select: lineItemSelect,
      orderBy: { position: "asc" },
    });
    const lines = partialInvoiceLinesOf({
      order: { type: orderType, number: order.number, lines: orderLines },
      earlier,
      percent: input.percent,
      locale: order.locale as Locale,
    });
    return {
      lines: lines.map(generatedLine),
      invoiceKind: "deposit" as const,
      auditExtra: { invoicePart: "partial", percent: input.percent, ...figures },
    };
  }
  return {
    extraLines: deductionLinesOf(earlier, order.locale as Locale).map(generatedLine),
    auditExtra: { invoicePart: "final", ...figures },
  };
}

/**
 * Seed 004 `transform-to-invoice`: a sent sales order or pro forma becomes an invoice that is
 * issued at once (RE number), or submitted for approval when it needs an approval the order did
 * not get; the order becomes `transformed`.
 */
export async function transformToInvoice(db: Db, actor: Actor, id: string): Promise<string> {
  const settings = await loadSalesSettings(db);
  const personId = personIdOf(actor);
  return inIssuingTransaction(db, async (tx) => {
    const { source } = await lockSource(tx, actor, id, "transform");
    const created = await insertCopy(tx, actor, source, "invoice");
    await moveStatus(tx, actor, source, "transform", "transformed", {
      extra: { followUpId: created.id },
    });
    // Written in this transaction, so nobody else can see it yet; read back as issuing wants it.
    const invoice = await lockDocument(tx, created.id);
    const needsApproval =
      source.approvedById === null &&
      requiresApproval({
        type: "invoice",
        total: invoice.total,
        threshold: settings.invoiceApprovalThreshold,
      });
    if (needsApproval) {
      await moveStatus(tx, actor, invoice, "submit", "pending", {
        data: { submittedById: personId, submittedAt: new Date() },
        extra: { transformedFrom: source.id },
      });
    } else {
      await issueLockedDocument(tx, actor, invoice, {
        action: "issue",
        personId,
        settings,
        today: companyToday(),
        auditExtra: { transformedFrom: source.id },
      });
    }
    return created.id;
  });
}

/** @returns the new invoice. */
export async function transformSalesOrder(db: Db, actor: Actor, rawId: string) {
  const id = idSchema.parse(rawId);
  const invoiceId = await transformToInvoice(db, actor, id);
  return getSalesDocument(db, actor, invoiceId);
}
