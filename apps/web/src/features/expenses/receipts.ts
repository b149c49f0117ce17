import { RECEIPT_MIME_TYPES, type AppMessage } from "@ledgerline/domain";

/** What the file input offers: the types the server takes. */
export const RECEIPT_ACCEPT = [...RECEIPT_MIME_TYPES, ".pdf", ".png", ".jpg", ".jpeg"].join(",");

/** Where a stored receipt is downloaded from (same origin, the session cookie authorises it). */
export const receiptDownloadUrl = (id: string): string => `/files/${encodeURIComponent(id)}`;

/** A failed upload, with the server's message (413 too large, 415 wrong type, …) when it gave one. */
export class ReceiptUploadError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    /** The server's message by key, when it sent one (to be worded in the UI's language). */
    readonly appMessage: AppMessage | null = null,
  ) {
    super(message);
    this.name = "ReceiptUploadError";
  }
}

/** The type to declare for a file: the browser's, or by extension when it names none. */
export function receiptContentType(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const extension = file.name.split(".").pop()?.toLowerCase();
  if (extension === "pdf") return "application/pdf";
  if (extension === "png") return "image/png";
  if (extension === "jpg" || extension === "jpeg") return "image/jpeg";
  return "application/octet-stream";
}

/**
 * Uploads one receipt: the raw file as the body, its type as Content-Type and its name in
 * X-File-Name (percent-encoded, as headers carry ASCII only). Throws a ReceiptUploadError with
 * the server's `{ error: { message } }` when it refuses.
 */
export async function uploadReceipt(
  expenseId: string,
  file: File,
  fetchImpl: typeof fetch = fetch,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(`/files/expenses/${encodeURIComponent(expenseId)}/receipts`, {
      method: "POST",
      body: file,
      credentials: "include",
      headers: {
        "Content-Type": receiptContentType(file),
        "X-File-Name": encodeURIComponent(file.name),
      },
    });
  } catch (caught) {
    throw new ReceiptUploadError(caught instanceof Error ? caught.message : String(caught), null);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const refusal = (body as { error?: { message?: unknown; appMessage?: AppMessage } } | null)
      ?.error;
    const message = refusal?.message ?? response.statusText;
    throw new ReceiptUploadError(
      typeof message === "string" && message ? message : `HTTP ${response.status}`,
      response.status,
      refusal?.appMessage ?? null,
    );
  }
  return body;
}
