import type { Db, Tx } from "@ledgerline/db";
import {
  actionRuleOf,
  assertActionAllowed,
  idSchema,
  requiresApproval,
  toDecimal,
  type SalesDocumentAction,
  type SalesDocumentStatus,
  convertInputSchema,
  type ConvertInput,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { assertPermitted, companyToday, loadSalesSettings, personIdOf } from "./company-context.ts";
import { insertDocument, optionalDbDate, type NewDocumentData } from "./create-sales-document.ts";
import {
  archivedCustomerError,
  copiedLine,
  customerCopyOf,
  lineItemSelect,
  lockDocument,
  type LockedDocument,
} from "./document-records.ts";
import { inIssuingTransaction, issueLockedDocument } from "./issue-document.ts";
import { moveStatus } from "./move-status.ts";
import { getSalesDocument } from "./read-sales-document.ts";

/** Locks the source and checks the action's permission and status (§5.11). */
async function lockSource(tx: Tx, actor: Actor, id: string, action: SalesDocumentAction) {
  const source = await lockDocument(tx, id);
  const known = actionRuleOf(source.type, action);
  if (known) assertPermitted(actor, known.permissions);
  const rule = assertActionAllowed(source.type, source.status, action);
  return { source, rule };
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
) {
  const { customer } = source;
  if (customer.archivedAt) throw archivedCustomerError(customer.name);
  const lines = await tx.lineItem.findMany({
    where: { salesDocumentId: source.id },
    select: lineItemSelect,
    orderBy: { position: "asc" },
  });
  const data: NewDocumentData = {
    type,
    status: "draft",
    invoiceKind: type === "invoice" ? "tax_invoice" : null,
    currency: source.currency,
    locale: source.locale,
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
    lines.map((line) => copiedLine(line, toDecimal(line.quantity))),
    { convertedFrom: source.id },
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
export async function convertSalesDocument(db: Db, actor: Actor, rawInput: ConvertInput) {
  const input = convertInputSchema.parse(rawInput);
  const action =
    input.to === "order_confirmation" ? "convertToOrderConfirmation" : "convertToInvoice";
  const id = await db.$transaction(async (tx) => {
    const { source, rule } = await lockSource(tx, actor, input.id, action);
    const created = await insertCopy(tx, actor, source, input.to);
    const to = rule.to === "unchanged" ? source.status : (rule.to as SalesDocumentStatus);
    await moveStatus(tx, actor, source, action, to, { extra: { followUpId: created.id } });
    return created.id;
  });
  return getSalesDocument(db, actor, id);
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
