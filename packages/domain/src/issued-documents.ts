import { AppError } from "./errors.ts";
import { appMessage, englishOf, termParam } from "./messages.ts";
import {
  actionsInStatus,
  SALES_DOCUMENT_TYPE_LABELS,
  SALES_DOCUMENT_TYPES,
  STATUS_MACHINES,
  type SalesDocumentStatus,
  type SalesDocumentType,
} from "./sales-documents.ts";

/**
 * Issued documents are immutable (GoBD; docs/domain-model.md §5.12). The database holds the
 * rule for every writer with triggers (migration 20261203110100_issued_documents_immutable);
 * what they decide is spelled out here as well, and the integration test
 * `issued-documents.integration.test.ts` (packages/services) holds both sides equal.
 */

/**
 * Issued means numbered. The issuing transaction writes the status, dates and customer copy
 * while the document has no number yet; its commit numbers it, and from then on it is frozen.
 * Drafts, pending documents and a sales order or pro forma cancelled before it was ever issued
 * have no number. The database's twin is `sales_document_is_issued(document)`.
 */
export const isIssuedDocument = (document: { readonly number: string | null }): boolean =>
  document.number !== null;

/** The body of the SQL function `sales_document_is_issued`, as its migration writes it. */
export const ISSUED_DOCUMENT_SQL = "SELECT document.number IS NOT NULL";

/**
 * The columns of an issued document (`sales_documents`, as the database names them) that may
 * still change, each with the reason; the trigger refuses a change of any other column. The
 * trigger's own list is in the migration; the test compares it column by column.
 */
export const COLUMNS_CHANGEABLE_AFTER_ISSUE = {
  status:
    "payments, credit notes, the due-date sweep, cancel, accept / decline, convert and transform " +
    "move it; only along the type's status machine",
  paid_amount:
    "the sum of the document's payments, kept in the transaction of every payment change",
  notes: "internal and never printed; annotated in any status",
  archived_at: "archive and restore hide a document from lists and bring it back",
  deleted_at:
    "soft delete and its restore hide a document from lists and bring it back; it is kept " +
    "forever and keeps its number",
  deleted_by_id: "who soft-deleted it, set and cleared with deleted_at",
  updated_at: "written by every change, the ones above included",
  cancel_reason: "written once, together with the move to cancelled",
  contact_id:
    "only to null: removing a contact from its customer (ON DELETE SET NULL); the printed " +
    "customer copy (customer_name, billing_address, customer_vat_id) stays",
} as const;
export type ColumnChangeableAfterIssue = keyof typeof COLUMNS_CHANGEABLE_AFTER_ISSUE;

/** What a person reads when the database refused to change an issued document. */
export const ISSUED_DOCUMENT_CHANGE_MESSAGE =
  "Issued documents cannot be changed: correct them with a credit note or a cancellation.";

/**
 * Every status move of every type as `type:from>to`, the form in which the SQL function
 * `sales_document_status_move_allowed` lists them: what the trigger lets an issued document's
 * status do. Built from `STATUS_MACHINES`, so a move added there shows up in the comparison.
 */
export function statusMoveKeys(): string[] {
  return SALES_DOCUMENT_TYPES.flatMap((type) =>
    Object.entries(STATUS_MACHINES[type].moves).flatMap(([from, targets]) =>
      (targets as readonly SalesDocumentStatus[]).map((to) => `${type}:${from}>${to}`),
    ),
  );
}

/**
 * The printed terms freeze when the document leaves its draft (§5.6): a pending document waits
 * for approval of what it says, an issued one has been sent. Notes stay editable in any status.
 */
export function assertTermsEditable(type: SalesDocumentType, status: SalesDocumentStatus): void {
  if (status === "draft") return;
  const label = SALES_DOCUMENT_TYPE_LABELS[type];
  const hint = appMessage(
    status === "pending" ? "document.hintTermsReturnToDraft" : "document.hintNotesStillChange",
  );
  throw new AppError(
    "INVALID_TRANSITION",
    appMessage("document.termsFrozen", {
      type: termParam("documentType", type),
      status: termParam("salesStatus", status),
      hint: { message: hint },
    }),
    {
      english: `The terms are printed on the document, so they change only while it is a draft; this ${label} is "${status}". ${englishOf(hint)}`,
      details: { type, status, field: "terms", allowed: actionsInStatus(type, status) },
    },
  );
}
