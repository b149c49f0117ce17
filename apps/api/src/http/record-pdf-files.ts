import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { EInvoiceFormat } from "@ledgerline/documents";
import { assertCan, PDF_RECORD_PERMISSIONS, type PdfRecordKind } from "@ledgerline/domain";
import {
  latestRecordPdfFile,
  queueRecordPdf,
  recordPdfStatus,
  salesDocumentEInvoice,
  type Actor,
  type FileStore,
  type PdfJobQueue,
} from "@ledgerline/services";
import type { ApiDependencies } from "../trpc/context.ts";
import { httpStatusOf, toAppError } from "../trpc/init.ts";
import { contentDisposition, sendError, sendFile, signedIn } from "./uploads.ts";

type Deps = ApiDependencies & { files: FileStore; pdfJobs: PdfJobQueue };

const FILES: Record<string, "pdf" | EInvoiceFormat> = {
  pdf: "pdf",
  "xrechnung-ubl.xml": "xrechnung-ubl",
  "xrechnung-cii.xml": "xrechnung-cii",
  "zugferd.pdf": "zugferd",
};

/** The records with generated files, by their path segment (who may read them: `PDF_RECORD_PERMISSIONS`). */
const RECORDS: Record<string, PdfRecordKind> = {
  "sales-documents": "salesDocument",
  "purchase-orders": "purchaseOrder",
  "invoice-groups": "invoiceGroup",
};

/**
 * A record's generated files, as seed 000's `GET /{id}/pdf` has them:
 *
 * - `GET /files/<records>/<id>/pdf` (sales-documents, purchase-orders, invoice-groups) sends
 *   the record's current PDF (`?download=1` as an
 *   attachment). When none is stored yet, or the stored one shows an older state of a draft, it
 *   queues the render and waits for the worker (on demand), up to PDF_DOWNLOAD_WAIT_MS; still
 *   rendering then: 503 with Retry-After; the render failed: 502 with the worker's reason.
 * - `GET /files/sales-documents/<id>/xrechnung-ubl.xml`, `…/xrechnung-cii.xml`: the issued
 *   invoice, credit note or cancellation as XRechnung 3.0; `…/zugferd.pdf`: as ZUGFeRD EN 16931
 *   (its PDF, waited for as above, with the CII embedded). Made on request; 400 naming what the
 *   settings or the customer still lack.
 *
 * Needs the record's read permission (salesDocument.read, purchaseOrder.read, invoiceGroup.read),
 * authenticated exactly as tRPC and /files are. E-invoices exist for sales documents only.
 */
export function recordPdfFileHandler(deps: Deps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = /^\/files\/([a-z-]+)\/([^/]+)\/([a-z.-]+)$/.exec(url.pathname);
    const record = match ? RECORDS[match[1]!] : undefined;
    const kind = match ? FILES[match[3]!] : undefined;
    if (!match || !record || !kind) return false;
    if (kind !== "pdf" && record !== "salesDocument") return false;
    const id = match[2]!;
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.setHeader("allow", "GET, HEAD");
        sendError(res, 405, "Read a document's file with GET.");
        return true;
      }
      const auth = await signedIn(deps, req, res);
      assertCan(auth.role, PDF_RECORD_PERMISSIONS[record].read);
      const caller = { deps, req, res, actor: auth.actor };
      if (kind === "pdf") await sendPdf(caller, record, id, url);
      else await sendEInvoice(caller, id, kind, url);
    } catch (error) {
      const appError = toAppError(error);
      if (!appError) throw error;
      sendError(res, httpStatusOf(appError.code), appError.message, appError);
    }
    return true;
  };
}

/** The request being answered and who asked: every read below is made as them. */
interface Caller {
  deps: Deps;
  req: IncomingMessage;
  res: ServerResponse;
  actor: Actor;
}

/**
 * Waits until the document's current PDF is stored (queueing it if needed) and returns its
 * record; answers 502 or 503 itself and returns null when it cannot.
 */
async function currentPdf({ deps, req, res, actor }: Caller, kind: PdfRecordKind, id: string) {
  let status = await queueRecordPdf(deps.db, deps.pdfJobs, actor, kind, id);
  const deadline = Date.now() + deps.env.PDF_DOWNLOAD_WAIT_MS;
  while (!status.current) {
    if (status.job?.state === "failed") {
      const reason = status.job.failedReason ?? "unknown reason";
      sendError(res, 502, `The PDF could not be rendered: ${reason}`);
      return null;
    }
    if (Date.now() > deadline || req.destroyed) {
      res.setHeader("retry-after", "5");
      sendError(res, 503, "The PDF is still being rendered; try again in a few seconds.");
      return null;
    }
    await sleep(100);
    status = await recordPdfStatus(deps.db, deps.pdfJobs, actor, kind, id);
  }
  const file = await latestRecordPdfFile(deps.db, actor, kind, id);
  if (!file) sendError(res, 404, "This record has no PDF.");
  return file;
}

async function sendPdf(caller: Caller, kind: PdfRecordKind, id: string, url: URL) {
  const { deps, req, res } = caller;
  const file = await currentPdf(caller, kind, id);
  if (!file) return;
  await sendFile(req, res, deps.files, file, url, { "x-pdf-version": String(file.version) });
}

async function sendEInvoice(caller: Caller, id: string, format: EInvoiceFormat, url: URL) {
  const { deps, req, res, actor } = caller;
  let pdf: Uint8Array | undefined;
  if (format === "zugferd") {
    // Checked before waiting for a PDF: a draft, a quote or missing settings answer at once.
    await salesDocumentEInvoice(deps.db, deps.files, actor, id, "xrechnung-cii");
    const stored = await currentPdf(caller, "salesDocument", id);
    if (!stored) return;
    pdf = await deps.files.read(stored.storageKey);
  }
  const generated = await salesDocumentEInvoice(deps.db, deps.files, actor, id, format, pdf);
  res.writeHead(200, {
    "content-type": generated.mimeType,
    "cache-control": "private, no-cache",
    "content-length": generated.bytes.length,
    "content-disposition": contentDisposition(
      url.searchParams.has("download") ? "attachment" : "inline",
      generated.fileName,
    ),
  });
  res.end(req.method === "HEAD" ? undefined : generated.bytes);
}
