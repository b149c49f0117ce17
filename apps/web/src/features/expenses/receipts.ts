import { RECEIPT_MIME_TYPES } from "@ledgerline/domain";
import { fileContentType, sendFileRequest } from "../../lib/file-requests.ts";

/** What the file input offers: the types the server takes. */
export const RECEIPT_ACCEPT = [...RECEIPT_MIME_TYPES, ".pdf", ".png", ".jpg", ".jpeg"].join(",");

/** Where a stored receipt is downloaded from (same origin, the session cookie authorises it). */
export const receiptDownloadUrl = (id: string): string => `/files/${encodeURIComponent(id)}`;

/** The type to declare for a file: the browser's, or by extension when it names none. */
export const receiptContentType = (file: { name: string; type: string }): string =>
  fileContentType(file, {
    pdf: "application/pdf",
    png: "image/png",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
  });

/**
 * Uploads one receipt: the raw file as the body, its type as Content-Type and its name in
 * X-File-Name (percent-encoded, as headers carry ASCII only). Throws a FileRequestError with
 * the server's message when it refuses.
 */
export function uploadReceipt(
  expenseId: string,
  file: File,
  fetchImpl: typeof fetch = fetch,
): Promise<unknown> {
  return sendFileRequest(
    `/files/expenses/${encodeURIComponent(expenseId)}/receipts`,
    {
      method: "POST",
      body: file,
      headers: {
        "Content-Type": receiptContentType(file),
        "X-File-Name": encodeURIComponent(file.name),
      },
    },
    fetchImpl,
  );
}
