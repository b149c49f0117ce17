import { AppError } from "./errors.ts";
import {
  SALES_DOCUMENT_TYPE_LABELS,
  type SalesDocumentStatus,
  type SalesDocumentType,
} from "./sales-documents.ts";

/**
 * The printed terms freeze when the document leaves its draft (§5.6): a pending document waits
 * for approval of what it says, an issued one has been sent. Notes stay editable in any status.
 */
export function assertTermsEditable(type: SalesDocumentType, status: SalesDocumentStatus): void {
  if (status === "draft") return;
  const label = SALES_DOCUMENT_TYPE_LABELS[type];
  const hint =
    status === "pending"
      ? "Return or withdraw it to draft to change them."
      : "Its notes can still change.";
  throw new AppError(
    "INVALID_TRANSITION",
    `The terms are printed on the document, so they change only while it is a draft; this ${label} is "${status}". ${hint}`,
    { details: { type, status, field: "terms" } },
  );
}
