import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import {
  AppError,
  appMessage,
  assertCan,
  isLogoMimeType,
  isReceiptMimeType,
  matchesMagicBytes,
  MAX_LOGO_BYTES,
  MAX_RECEIPT_BYTES,
  PDF_RECORD_KINDS,
  PDF_RECORD_PERMISSIONS,
  textProblem,
  type AppErrorCode,
  type PdfFileKind,
  type Permission,
} from "@ledgerline/domain";
import {
  addExpenseReceipt,
  getStoredFile,
  removeCompanyLogo,
  setCompanyLogo,
  type FileStore,
} from "@ledgerline/services";
import type { StoredFileKind } from "@ledgerline/db";
import { authenticate, noteCaller, type ApiDependencies, type Auth } from "../trpc/context.ts";
import { httpStatusOf, toAppError } from "../trpc/init.ts";
import { checkCookieOrigin } from "./guard.ts";
import { readRequestBody } from "./request-body.ts";

/**
 * Files travel outside tRPC, whose bodies are JSON of at most MAX_BODY_BYTES:
 *
 * - `POST /files/expenses/<expenseId>/receipts` takes the raw file as the body, its type in
 *   `Content-Type` (application/pdf, image/png or image/jpeg; the first bytes must match) and its
 *   name in `X-File-Name` (percent-encoded UTF-8 allowed), at most 10 MiB. Needs expense.write.
 *   Answers 201 with the stored receipt.
 * - `POST /files/company-logo` takes the company logo the same way (image/png, image/jpeg or
 *   image/svg+xml, at most 512 KiB; PNG and JPEG by their first bytes, SVG by its root element)
 *   and replaces the stored one; `DELETE /files/company-logo` removes it. Needs settings.manage.
 *   Answers 201 with the stored logo, or 200 `{ removed }`.
 * - `GET /files/<id>` sends a stored file back (`?download=1` as an attachment).
 *   Needs the read permission of what the file belongs to (receipts: expense.read).
 *
 * Both authenticate exactly as tRPC does (session cookie or `Authorization: Bearer llt_…`), and an
 * upload with the cookie must come from an allowed Origin, as tRPC mutations must.
 */
export function fileHandler(deps: ApiDependencies & { files: FileStore }, origins: Set<string>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!url.pathname.startsWith("/files/")) return false;
    const upload = /^\/files\/expenses\/([^/]+)\/receipts$/.exec(url.pathname);
    const download = /^\/files\/([^/]+)$/.exec(url.pathname);
    try {
      // Ids are UUIDs, checked by the use cases; nothing here needs decoding.
      if (upload) await uploadReceipt(deps, origins, req, res, upload[1]!);
      else if (url.pathname === "/files/company-logo") await companyLogo(deps, origins, req, res);
      else if (download) await sendStoredFile(deps, req, res, download[1]!, url);
      else sendError(res, 404, "Not found");
    } catch (error) {
      const appError = toAppError(error);
      if (!appError) throw error;
      sendError(res, httpStatusOf(appError.code), appError.message, appError);
    }
    return true;
  };
}

/**
 * A refusal this HTTP layer words itself, by key as every AppError (messages.ts), so the web
 * says it in its person's language (a receipt too large, a wrong type); `english` keeps the
 * sentence API clients have read so far where it says more than the key's template.
 */
function refuse(
  res: ServerResponse,
  status: number,
  code: Exclude<AppErrorCode, "INVALID_TRANSITION">,
  message: ReturnType<typeof appMessage>,
  english?: string,
) {
  const error = new AppError(code, message, english ? { english } : {});
  sendError(res, status, error.message, error);
}

export function sendError(res: ServerResponse, status: number, message: string, error?: AppError) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(
    JSON.stringify({
      error: {
        message,
        ...(error ? { code: error.code } : {}),
        ...(error?.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
        // The same by key, for clients that say it in their person's language (the web).
        ...(error ? { appMessage: error.appMessage } : {}),
      },
    }),
  );
}

/** The caller, signed in; otherwise an AppError the handler answers with. */
export async function signedIn(
  deps: ApiDependencies,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Auth> {
  const auth = await authenticate(deps, req, res);
  noteCaller(req, auth);
  if (!auth) throw new AppError("UNAUTHORIZED", appMessage("auth.signInRequired"));
  return auth;
}

/**
 * The caller, allowed to do `permission`: the procedures' path (the one permission table, the
 * one refusal: `assertCan`).
 */
async function authorize(
  deps: ApiDependencies,
  req: IncomingMessage,
  res: ServerResponse,
  permission: Permission,
): Promise<Auth> {
  const auth = await signedIn(deps, req, res);
  assertCan(auth.role, permission);
  return auth;
}

const RECEIPT_TYPES_TEXT = "application/pdf, image/png or image/jpeg";

async function uploadReceipt(
  deps: ApiDependencies & { files: FileStore },
  origins: Set<string>,
  req: IncomingMessage,
  res: ServerResponse,
  expenseId: string,
) {
  if (req.method !== "POST") {
    res.setHeader("allow", "POST");
    return sendError(res, 405, "Upload a receipt with POST.");
  }
  // Before anything else, as for tRPC mutations: another site may not act with the cookie.
  const crossSite = checkCookieOrigin(req, origins);
  if (crossSite) return sendError(res, crossSite.status, crossSite.message);
  const auth = await authorize(deps, req, res, "expense.write");

  const mimeType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (!isReceiptMimeType(mimeType)) {
    return refuse(
      res,
      415,
      "BAD_REQUEST",
      appMessage("receipt.wrongType"),
      `A receipt is a PDF, PNG or JPEG file (Content-Type ${RECEIPT_TYPES_TEXT}).`,
    );
  }
  const fileName = decodeFileName(req.headers["x-file-name"]);
  const declaredLength = Number(req.headers["content-length"] ?? 0);
  const tooLarge = () =>
    refuse(res, 413, "PAYLOAD_TOO_LARGE", appMessage("receipt.tooLarge"), TOO_LARGE);
  if (declaredLength > MAX_RECEIPT_BYTES) return tooLarge();
  const bytes = await readRequestBody(req, MAX_RECEIPT_BYTES);
  if (bytes === "aborted") return;
  if (bytes === "too large") return tooLarge();
  if (bytes.length === 0) return refuse(res, 400, "BAD_REQUEST", appMessage("receipt.empty"));
  if (!matchesMagicBytes(mimeType, bytes)) {
    return refuse(
      res,
      415,
      "BAD_REQUEST",
      appMessage("receipt.contentMismatch", { type: mimeType }),
      `The file's content does not match its type (${mimeType}).`,
    );
  }

  const receipt = await addExpenseReceipt(deps.db, deps.files, auth.actor, {
    expenseId,
    fileName,
    mimeType,
    bytes,
  });
  res.writeHead(201, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(receipt));
}

const LOGO_TOO_LARGE = `A logo may be at most ${MAX_LOGO_BYTES / 1024} KiB.`;

async function companyLogo(
  deps: ApiDependencies & { files: FileStore },
  origins: Set<string>,
  req: IncomingMessage,
  res: ServerResponse,
) {
  if (req.method !== "POST" && req.method !== "DELETE") {
    res.setHeader("allow", "POST, DELETE");
    return sendError(res, 405, "Upload the logo with POST, remove it with DELETE.");
  }
  const crossSite = checkCookieOrigin(req, origins);
  if (crossSite) return sendError(res, crossSite.status, crossSite.message);
  const auth = await authorize(deps, req, res, "settings.manage");
  if (req.method === "DELETE") {
    const result = await removeCompanyLogo(deps.db, deps.files, auth.actor);
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(result));
    return;
  }
  const mimeType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (!isLogoMimeType(mimeType)) {
    return refuse(
      res,
      415,
      "BAD_REQUEST",
      appMessage("logo.wrongType"),
      "A logo is a PNG, JPEG or SVG file (Content-Type image/png, image/jpeg or image/svg+xml).",
    );
  }
  const declaredLength = Number(req.headers["content-length"] ?? 0);
  const tooLarge = () =>
    refuse(
      res,
      413,
      "PAYLOAD_TOO_LARGE",
      appMessage("logo.tooLarge", { kibibytes: MAX_LOGO_BYTES / 1024 }),
      LOGO_TOO_LARGE,
    );
  if (declaredLength > MAX_LOGO_BYTES) return tooLarge();
  const bytes = await readRequestBody(req, MAX_LOGO_BYTES);
  if (bytes === "aborted") return;
  if (bytes === "too large") return tooLarge();
  const logo = await setCompanyLogo(deps.db, deps.files, auth.actor, { mimeType, bytes });
  res.writeHead(201, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(logo));
}

const TOO_LARGE = `A receipt may be at most ${MAX_RECEIPT_BYTES / 1024 / 1024} MiB.`;

/**
 * HTTP headers carry Latin-1; clients send other names percent-encoded (UTF-8). A name whose
 * encoding is broken or that holds what text cannot (a NUL) is refused, as in any other input.
 */
function decodeFileName(header: string | string[] | undefined): string | null {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return null;
  const refuse = (message: string) =>
    new AppError("BAD_REQUEST", appMessage("upload.invalidFileName", { problem: message }), {
      fieldErrors: { fileName: [message] },
    });
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw refuse("Its percent-encoding is malformed.");
  }
  const problem = textProblem(name);
  if (problem) throw refuse(problem);
  return name;
}

/** Who may read a stored file follows what it belongs to (a record's PDF: `PDF_RECORD_PERMISSIONS`). */
const READ_PERMISSION: Record<StoredFileKind, Permission> = {
  expense_receipt: "expense.read",
  company_logo: "settings.read",
  ...(Object.fromEntries(
    PDF_RECORD_KINDS.map((kind) => [
      PDF_RECORD_PERMISSIONS[kind].fileKind,
      PDF_RECORD_PERMISSIONS[kind].read,
    ]),
  ) as Record<PdfFileKind, Permission>),
};

async function sendStoredFile(
  deps: ApiDependencies & { files: FileStore },
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  url: URL,
) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    return sendError(res, 405, "Read a file with GET.");
  }
  const auth = await signedIn(deps, req, res);
  const file = await getStoredFile(deps.db, auth.actor, id);
  assertCan(auth.role, READ_PERMISSION[file.kind]);

  await sendFile(req, res, deps.files, file, url, {
    // An SVG is a document that may hold scripts: opened directly it runs sandboxed, scriptless.
    ...(file.mimeType === "image/svg+xml"
      ? { "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox" }
      : {}),
  });
}

/**
 * Sends a stored file's bytes (GET) or only its headers (HEAD), inline or, with `?download`,
 * as an attachment under its file name; its SHA-256 is the ETag, so a repeat answers 304. The
 * one way the API sends what the file store holds: uploads, the logo, and record PDFs.
 */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  files: FileStore,
  file: {
    sha256: string;
    mimeType: string;
    sizeBytes: number;
    storageKey: string;
    fileName: string;
  },
  url: URL,
  extraHeaders: Record<string, string> = {},
) {
  const etag = `"${file.sha256}"`;
  const headers = {
    "content-type": file.mimeType,
    "cache-control": "private, no-cache",
    etag,
    ...extraHeaders,
  };
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  // Opened before the headers go out, so a missing file is an error, not a cut-off response.
  const stream = req.method === "GET" ? await files.stream(file.storageKey) : null;
  res.writeHead(200, {
    ...headers,
    "content-length": file.sizeBytes,
    "content-disposition": contentDisposition(
      url.searchParams.has("download") ? "attachment" : "inline",
      file.fileName,
    ),
  });
  if (stream) await pipeline(stream, res);
  else res.end();
}

/**
 * `filename` for old clients (ASCII, no quotes or backslashes) and `filename*` (RFC 6266 /
 * RFC 8187) with the real name in UTF-8.
 */
export function contentDisposition(type: "inline" | "attachment", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
