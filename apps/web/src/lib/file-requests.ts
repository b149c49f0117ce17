import type { AppMessage } from "@ledgerline/domain";

/**
 * A refused or failed request to the API's file endpoints (`/files/…`: receipts, the company
 * logo), with the server's English sentence and, when it sent one, its message by key, which the
 * screens word in the UI's language (`wordServerMessage`).
 */
export class FileRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly appMessage: AppMessage | null = null,
  ) {
    super(message);
    this.name = "FileRequestError";
  }
}

/**
 * Sends a request to a file endpoint with the session cookie and reads its JSON answer. A
 * refusal (`{ error: { message, appMessage } }`) or a failed connection throws a
 * FileRequestError.
 */
export async function sendFileRequest(
  url: string,
  init: RequestInit,
  fetchImpl: typeof fetch = fetch,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(url, { credentials: "include", ...init });
  } catch (caught) {
    throw new FileRequestError(caught instanceof Error ? caught.message : String(caught), null);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const refusal = (body as { error?: { message?: unknown; appMessage?: AppMessage } } | null)
      ?.error;
    const message = refusal?.message ?? response.statusText;
    throw new FileRequestError(
      typeof message === "string" && message ? message : `HTTP ${response.status}`,
      response.status,
      refusal?.appMessage ?? null,
    );
  }
  return body;
}

/** The type to declare for a file: the browser's, or by its extension when it names none. */
export function fileContentType(
  file: { name: string; type: string },
  byExtension: Readonly<Record<string, string>>,
): string {
  if (file.type) return file.type;
  const extension = file.name.split(".").pop()?.toLowerCase() ?? "";
  return byExtension[extension] ?? "application/octet-stream";
}
