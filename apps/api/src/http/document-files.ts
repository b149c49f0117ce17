import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { assertCan } from "@ledgerline/domain";
import {
  latestSalesDocumentPdfFile,
  queueSalesDocumentPdf,
  salesDocumentPdfStatus,
  type FileStore,
  type PdfJobQueue,
} from "@ledgerline/services";
import type { ApiDependencies } from "../trpc/context.ts";
import { toAppError } from "../trpc/init.ts";
import { contentDisposition, HTTP_STATUS, sendError, signedIn } from "./uploads.ts";

type Deps = ApiDependencies & { files: FileStore; documentJobs: PdfJobQueue };

/**
 * A sales document's generated files, as seed 000's `GET /{id}/pdf` has them:
 *
 * - `GET /files/sales-documents/<id>/pdf` sends the document's current PDF (`?download=1` as an
 *   attachment). When none is stored yet, or the stored one shows an older state of a draft, it
 *   queues the render and waits for the worker (on demand), up to PDF_DOWNLOAD_WAIT_MS; still rendering then:
 *   503 with Retry-After; the render failed: 502 with the worker's reason.
 *
 * Needs salesDocument.read, authenticated exactly as tRPC and /files are.
 */
export function documentFileHandler(deps: Deps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = /^\/files\/sales-documents\/([^/]+)\/(pdf)$/.exec(url.pathname);
    if (!match) return false;
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.setHeader("allow", "GET, HEAD");
        sendError(res, 405, "Read a document's file with GET.");
        return true;
      }
      const auth = await signedIn(deps, req, res);
      assertCan(auth.role, "salesDocument.read");
      await sendPdf(deps, req, res, match[1]!, url);
    } catch (error) {
      const appError = toAppError(error);
      if (!appError) throw error;
      sendError(res, HTTP_STATUS[appError.code], appError.message, appError);
    }
    return true;
  };
}

async function sendPdf(
  deps: Deps,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  url: URL,
) {
  let status = await queueSalesDocumentPdf(deps.db, deps.documentJobs, id);
  const deadline = Date.now() + deps.env.PDF_DOWNLOAD_WAIT_MS;
  while (!status.current) {
    if (status.job?.state === "failed") {
      return sendError(
        res,
        502,
        `The PDF could not be rendered: ${status.job.failedReason ?? "unknown reason"}`,
      );
    }
    if (Date.now() > deadline || req.destroyed) {
      res.setHeader("retry-after", "5");
      return sendError(res, 503, "The PDF is still being rendered; try again in a few seconds.");
    }
    await sleep(100);
    status = await salesDocumentPdfStatus(deps.db, deps.documentJobs, id);
  }
  const file = await latestSalesDocumentPdfFile(deps.db, id);
  if (!file) return sendError(res, 404, "This document has no PDF.");
  const etag = `"${file.sha256}"`;
  const headers = { "content-type": "application/pdf", "cache-control": "private, no-cache", etag };
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const stream = req.method === "GET" ? await deps.files.stream(file.storageKey) : null;
  res.writeHead(200, {
    ...headers,
    "content-length": file.sizeBytes,
    "x-pdf-version": String(file.version),
    "content-disposition": contentDisposition(
      url.searchParams.has("download") ? "attachment" : "inline",
      file.fileName,
    ),
  });
  if (stream) await pipeline(stream, res);
  else res.end();
}
