import { databaseRefusalOf, LEDGERLINE_SQLSTATE, type Db, type Tx } from "@ledgerline/db";
import {
  addDays,
  assertActionAllowed,
  dateFieldsOf,
  deriveInvoiceStatus,
  isCorrectionType,
  numberTypeOf,
  STATUS_MACHINES,
  type IsoDate,
  type SalesDocumentStatus,
  type SalesDocumentType,
  appMessage,
  termParam,
  assertCustomerTakesNewBusiness,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { auditActorIds, auditJsonText } from "../audit/record-audit-event.ts";
import { fieldError, type SalesSettings } from "./company-context.ts";
import { assertCreditWithinInvoice } from "./credit-limits.ts";
import { customerCopyOf, type LockedDocument } from "./document-records.ts";
import { settleInvoice } from "./settle-invoice.ts";
import { announceIssued } from "../shared/issued-records.ts";

export interface IssueOptions {
  /** The audit action: `issue`, or `approve` when an approval issues it. */
  action: "issue" | "approve";
  /** Requested issued date; else the draft's proposed date; else today. */
  issuedDate?: IsoDate | null;
  /** Who issues it (for an API token: its creator); an approval also records them as approver. */
  personId: string | null;
  /** For a credit note: its invoice, locked by the caller before the credit note. */
  invoice?: LockedDocument | null;
  settings: SalesSettings;
  today: IsoDate;
  /** Extra facts for the audit event (the transformed source). */
  auditExtra?: Record<string, unknown>;
}

/**
 * Issues a locked draft or pending document in the caller's transaction (§5.3-5.7): sets the
 * issued date (default today in the company's time zone), the due date (default issued date +
 * the customer's payment terms) or a quote's valid-until date, freezes the customer copy, applies
 * the derived status right away (an invoice already overdue; a credit note re-derives its invoice
 * and its own status), and assigns the number as the very last step.
 *
 * @returns the document's status after issue.
 */
export async function issueLockedDocument(
  tx: Tx,
  actor: Actor,
  document: LockedDocument,
  options: IssueOptions,
): Promise<SalesDocumentStatus> {
  const { today } = options;
  const issuedDate = options.issuedDate ?? document.issuedDate ?? today;
  if (issuedDate > today) {
    throw fieldError("issuedDate", appMessage("document.issuedInFuture"), {
      issuedDate,
      today,
    });
  }
  const { customer } = document;
  // Corrections of an archived customer's invoice stay possible; new business does not.
  assertCustomerTakesNewBusiness(document.type, customer);
  const { dueDate: hasDueDate, validUntil: hasValidUntil } = dateFieldsOf(document.type);
  const dueDate = hasDueDate
    ? (document.dueDate ?? addDays(issuedDate, customer.paymentTermsDays))
    : null;
  const validUntil = hasValidUntil
    ? (document.validUntil ?? addDays(issuedDate, options.settings.quoteValidityDays))
    : null;
  if (dueDate !== null && dueDate < issuedDate) {
    throw fieldError(
      "dueDate",
      appMessage("document.dueBeforeIssued", {
        dueDate: { date: dueDate },
        issuedDate: { date: issuedDate },
      }),
    );
  }
  if (validUntil !== null && validUntil < issuedDate) {
    throw fieldError(
      "validUntil",
      appMessage("document.validUntilBeforeIssued", {
        validUntil: { date: validUntil },
        issuedDate: { date: issuedDate },
      }),
    );
  }
  // A correction speaks to the customer of the invoice it corrects, as that invoice printed it.
  const copy = isCorrectionType(document.type)
    ? {
        customerName: document.customerName,
        billingAddress: document.billingAddress,
        customerVatId: document.customerVatId,
      }
    : customerCopyOf(customer);
  const fields: IssuedFields = {
    status: "sent",
    issuedDate,
    dueDate,
    validUntil,
    ...copy,
    approvedById: options.action === "approve" ? options.personId : null,
  };

  if (document.type === "invoice") {
    // Issued means "sent"; an invoice then takes its settlement status at once (§5.6).
    fields.status = deriveInvoiceStatus({
      total: document.total,
      creditedAmount: 0,
      paidAmount: 0,
      refundedAmount: 0,
      dueDate,
      today,
    });
    if (fields.status !== "sent") STATUS_MACHINES.invoice.assertMove("sent", fields.status);
  }
  if (document.type === "credit_note") {
    const invoice = options.invoice;
    if (!invoice) throw new Error("A credit note is issued with its locked invoice.");
    // The invoice must still be open to correction (not cancelled or refunded meanwhile).
    assertActionAllowed("invoice", invoice.status, "createCreditNote");
    const lines = await tx.lineItem.findMany({
      where: { salesDocumentId: document.id },
      select: { sourceLineItemId: true, quantity: true },
      orderBy: { position: "asc" },
    });
    await assertCreditWithinInvoice(tx, {
      invoice,
      creditNoteId: document.id,
      lines,
      total: document.total,
      scope: "submittedOrIssued",
      fieldOf: (index) => `lines.${index}.quantity`,
    });
    // Counted as issued, it re-derives its invoice and takes its own status from it.
    await tx.salesDocument.update({
      where: { id: document.id },
      data: { status: "sent" },
      select: { id: true },
    });
    const statuses = await settleInvoice(tx, actor, invoice.id, today, {
      quietId: document.id,
    });
    fields.status = statuses.get(document.id) ?? "sent";
  }

  await assignDocumentNumber(tx, actor, {
    document: { id: document.id, type: document.type },
    fields,
    personId: options.personId,
    settings: options.settings,
    action: options.action,
    before: { status: document.status, number: null },
    auditExtra: { total: document.total, ...options.auditExtra },
  });
  return fields.status;
}

/** What issuing writes on the document, together with its number. */
export interface IssuedFields {
  status: SalesDocumentStatus;
  issuedDate: IsoDate;
  dueDate: IsoDate | null;
  validUntil: IsoDate | null;
  customerName: string;
  billingAddress: unknown;
  customerVatId: string | null;
  /** Set when an approval issues the document. */
  approvedById: string | null;
}

/**
 * The last step of every issuing transaction: writes everything issuing sets and asks for the
 * document's number, which the database takes when the transaction commits (the deferred
 * trigger of migration 20261121060000_numbers_at_commit): the next number of the type's range
 * for the year of the issued date, gapless because a rollback takes none. The trigger also
 * records the audit event that names the number, and refuses an issued date earlier than the
 * type's last numbered document (§4 "Chronological"), which `inIssuingTransaction` turns into a
 * field error. The counter is locked for the commit alone, so concurrent issuers barely queue.
 */
export async function assignDocumentNumber(
  tx: Tx,
  actor: Actor,
  options: {
    document: { id: string; type: SalesDocumentType };
    fields: IssuedFields;
    personId: string | null;
    settings: SalesSettings;
    action: string;
    before: Record<string, unknown>;
    auditExtra?: Record<string, unknown>;
  },
): Promise<void> {
  const { document, fields } = options;
  const { issuedDate } = fields;
  const scope = numberTypeOf(document.type);
  issuedInTransaction.get(tx)?.push(document.id);
  const { actorId, apiTokenId } = auditActorIds(actor);
  await tx.$executeRaw`
    WITH issued AS (
      UPDATE sales_documents
      SET status = ${fields.status}::sales_document_status,
          issued_date = ${issuedDate}::date,
          due_date = ${fields.dueDate}::date,
          valid_until = ${fields.validUntil}::date,
          customer_name = ${fields.customerName},
          billing_address = ${JSON.stringify(fields.billingAddress)}::jsonb,
          customer_vat_id = ${fields.customerVatId},
          approved_by_id = coalesce(${fields.approvedById}::uuid, approved_by_id),
          approved_at = CASE WHEN ${fields.approvedById}::uuid IS NULL THEN approved_at ELSE now() END,
          issued_by_id = ${options.personId}::uuid, updated_at = now()
      WHERE id = ${document.id}::uuid
      RETURNING id)
    INSERT INTO pending_document_numbers
      (document_id, scope, year, prefix, audit_occurred_at, audit_actor_id, audit_api_token_id,
       audit_action, audit_before, audit_after)
    SELECT id, ${scope}, ${Number(issuedDate.slice(0, 4))}, ${options.settings.numberPrefixes[scope]},
           ${new Date()}::timestamptz, ${actorId}::uuid, ${apiTokenId}::uuid, ${options.action},
           ${auditJsonText(options.before)}::jsonb,
           ${auditJsonText({ ...fields, ...options.auditExtra })}::jsonb
    FROM issued`;
}

/** The documents `assignDocumentNumber` issued, per issuing transaction. */
const issuedInTransaction = new WeakMap<Tx, string[]>();

/**
 * Runs a transaction that issues documents. The numbers are taken by its commit, so a refusal
 * of the numbering trigger arrives as a failed commit; it becomes the field error a person can
 * act on, naming the date of the type's last numbered document. After the commit, the
 * `onRecordsIssued` listener hears which documents were issued.
 */
export async function inIssuingTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const issued: string[] = [];
  let result: T;
  try {
    result = await db.$transaction((tx) => {
      issuedInTransaction.set(tx, issued);
      return work(tx);
    });
  } catch (error) {
    const refusal = numberingRefusalOf(error);
    if (!refusal) throw error;
    throw fieldError(
      "issuedDate",
      appMessage("document.numbersFollowDates", {
        type: termParam("documentType", refusal.type),
        latest: { date: refusal.latestIssuedDate },
        issuedDate: { date: refusal.issuedDate },
      }),
      { issuedDate: refusal.issuedDate, latestIssuedDate: refusal.latestIssuedDate },
    );
  }
  await announceIssued(
    db,
    issued.map((id) => ({ kind: "salesDocument", id })),
  );
  return result;
}

/** The trigger's DETAIL, where a driver error carries it (Prisma wraps it in `cause`s). */
function numberingRefusalOf(
  error: unknown,
): { type: SalesDocumentType; issuedDate: IsoDate; latestIssuedDate: IsoDate } | null {
  const refusal = databaseRefusalOf(error);
  if (refusal?.code !== LEDGERLINE_SQLSTATE.numbersFollowDates || refusal.detail === undefined)
    return null;
  return JSON.parse(refusal.detail) as {
    type: SalesDocumentType;
    issuedDate: IsoDate;
    latestIssuedDate: IsoDate;
  };
}
