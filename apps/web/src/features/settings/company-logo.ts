import { LOGO_MIME_TYPES } from "@ledgerline/domain";

/** What the file input offers: the types the server takes. */
export const LOGO_ACCEPT = [...LOGO_MIME_TYPES, ".png", ".jpg", ".jpeg", ".svg"].join(",");

/** The type to declare for a file: the browser's, or by extension when it names none. */
export function logoContentType(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const extension = file.name.split(".").pop()?.toLowerCase();
  if (extension === "png") return "image/png";
  if (extension === "jpg" || extension === "jpeg") return "image/jpeg";
  if (extension === "svg") return "image/svg+xml";
  return "application/octet-stream";
}

/** A refused upload or removal, with the server's message (413 too large, 415 wrong type, …). */
export class LogoRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = "LogoRequestError";
  }
}

async function send(init: RequestInit, fetchImpl: typeof fetch): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl("/files/company-logo", { credentials: "include", ...init });
  } catch (caught) {
    throw new LogoRequestError(caught instanceof Error ? caught.message : String(caught), null);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      (body as { error?: { message?: unknown } } | null)?.error?.message ?? response.statusText;
    throw new LogoRequestError(
      typeof message === "string" && message ? message : `HTTP ${response.status}`,
      response.status,
    );
  }
  return body;
}

/** Replaces the company logo: the raw file as the body, its type as Content-Type. */
export const uploadCompanyLogo = (file: File, fetchImpl: typeof fetch = fetch) =>
  send(
    { method: "POST", body: file, headers: { "Content-Type": logoContentType(file) } },
    fetchImpl,
  );

/** Removes the company logo (documents then print the company's name). */
export const removeCompanyLogo = (fetchImpl: typeof fetch = fetch) =>
  send({ method: "DELETE" }, fetchImpl);
