import { renderDocument } from "@ledgerline/documents";
import { QUEUES, type RecordPdfJobName, type PdfRecordKind } from "@ledgerline/domain";
import {
  loadInvoiceGroupForPrint,
  loadPurchaseOrderForPrint,
  loadSalesDocumentForPrint,
  storeRecordPdf,
  systemActor,
  type FileStore,
  type RecordForPrint,
} from "@ledgerline/services";
import type { Db } from "@ledgerline/db";
import { UnrecoverableError, type Job } from "bullmq";
import { parsePayload, unknownJob } from "./parse-payload.ts";
import type { ProcessorContext, QueueProcessor } from "./types.ts";

const queue = QUEUES.recordPdfs;
const renderer = systemActor("pdf-renderer");

type JobHandler = (job: Job, context: ProcessorContext) => Promise<unknown>;

type LoadForPrint = (
  db: Db,
  files: FileStore,
  id: string,
  options: { pdfVersion: number },
) => Promise<RecordForPrint>;

/**
 * The handler of one record kind's render job: it reads the job's record id and version, the
 * record's printable view, and stores the PDF. The kinds differ only in these three things.
 */
function renderPdfHandler(
  kind: PdfRecordKind,
  readJob: (job: Job) => { id: string; version: number },
  load: LoadForPrint,
): JobHandler {
  /**
   * Renders version `version` of the record's PDF and stores it. Idempotent: a version already
   * stored is not rendered again (a retry after the row committed, a second worker); a render
   * killed half-way stored nothing (the file store writes by rename, the row comes after), so
   * the retry simply renders again.
   */
  return async (job, { db, files, pdf, logger }) => {
    const { id, version } = readJob(job);
    // One read says whether this version is stored already and, if not, what to print. (No
    // progress report: the job's state, active, is what the record's page shows as rendering.)
    const record = await load(db, files, id, { pdfVersion: version }).catch((error: unknown) => {
      // A record deleted since the job was queued will not come back: do not retry.
      if (error instanceof Error && "code" in error && error.code === "NOT_FOUND") {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    });
    if (record.storedPdfId) return { fileId: record.storedPdfId, version, rendered: false };
    const startedAt = performance.now();
    // What the document had to do without (a GiroCode the company's IBAN cannot make) is
    // logged and audited; it never fails the job, and it never shows on the document.
    const { page, notices } = await renderDocument(record.view);
    for (const notice of notices) {
      logger.warn({ kind, id, version, notice: notice.code }, notice.reason);
    }
    const bytes = await pdf.render(page);
    const { pdf: file, created } = await storeRecordPdf(db, files, renderer, kind, {
      recordId: id,
      version,
      fileName: record.fileName,
      bytes,
      sourceUpdatedAt: record.updatedAt,
      notices: notices.map((notice) => notice.reason),
    });
    logger.debug(
      { kind, id, version, bytes: bytes.length, ms: Math.round(performance.now() - startedAt) },
      "stored a PDF",
    );
    return { fileId: file.id, version, rendered: created };
  };
}

const handlers: Record<RecordPdfJobName, JobHandler> = {
  [queue.jobs.renderSalesDocumentPdf.name]: renderPdfHandler(
    "salesDocument",
    (job) => {
      const { salesDocumentId, version } = parsePayload(
        queue.jobs.renderSalesDocumentPdf.payload,
        job,
      );
      return { id: salesDocumentId, version };
    },
    loadSalesDocumentForPrint,
  ),
  [queue.jobs.renderPurchaseOrderPdf.name]: renderPdfHandler(
    "purchaseOrder",
    (job) => {
      const { purchaseOrderId, version } = parsePayload(
        queue.jobs.renderPurchaseOrderPdf.payload,
        job,
      );
      return { id: purchaseOrderId, version };
    },
    loadPurchaseOrderForPrint,
  ),
  [queue.jobs.renderInvoiceGroupPdf.name]: renderPdfHandler(
    "invoiceGroup",
    (job) => {
      const { invoiceGroupId, version } = parsePayload(
        queue.jobs.renderInvoiceGroupPdf.payload,
        job,
      );
      return { id: invoiceGroupId, version };
    },
    loadInvoiceGroupForPrint,
  ),
};

function isRecordPdfJobName(name: string): name is RecordPdfJobName {
  return Object.hasOwn(handlers, name);
}

/**
 * Processor of the `documents` queue. Twice as many jobs as Chromium has pages run at once, so
 * reading the database and writing the file of one job overlaps the printing of another.
 */
export const documentsProcessor = (pages: number): QueueProcessor => ({
  concurrency: pages * 2,
  // A killed worker's render is picked up again within about 15 s, not BullMQ's default 60 s (the
  // lock is renewed every 5 s while a render runs, so long renders keep it).
  lockDuration: 10_000,
  stalledInterval: 5_000,
  async process(job, context) {
    if (!isRecordPdfJobName(job.name)) throw unknownJob(queue.name, job);
    return handlers[job.name](job, context);
  },
});
