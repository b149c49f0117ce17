import { renderDocument } from "@ledgerline/documents";
import { QUEUES, type DocumentsJobName } from "@ledgerline/domain";
import {
  loadSalesDocumentForPrint,
  storeSalesDocumentPdf,
  systemActor,
} from "@ledgerline/services";
import { UnrecoverableError, type Job } from "bullmq";
import { parsePayload, unknownJob } from "./parse-payload.ts";
import type { ProcessorContext, QueueProcessor } from "./types.ts";

const queue = QUEUES.documents;
const renderer = systemActor("pdf-renderer");

type JobHandler = (job: Job, context: ProcessorContext) => Promise<unknown>;

const handlers: Record<DocumentsJobName, JobHandler> = {
  /**
   * Renders version `version` of a sales document's PDF and stores it. Idempotent: a version
   * already stored is not rendered again (a retry after the row committed, a second worker);
   * a render killed half-way stored nothing (the file store writes by rename, the row comes
   * after), so the retry simply renders again.
   */
  [queue.jobs.renderSalesDocumentPdf.name]: async (job, { db, files, pdf, logger }) => {
    const { salesDocumentId, version } = parsePayload(
      queue.jobs.renderSalesDocumentPdf.payload,
      job,
    );
    // One read says whether this version is stored already and, if not, what to print. (No
    // progress report: the job's state, active, is what the document page shows as rendering.)
    const document = await loadSalesDocumentForPrint(db, files, salesDocumentId, {
      pdfVersion: version,
    }).catch((error: unknown) => {
      // A document deleted since the job was queued will not come back: do not retry.
      if (error instanceof Error && "code" in error && error.code === "NOT_FOUND") {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    });
    if (document.storedPdfId) return { fileId: document.storedPdfId, version, rendered: false };
    const startedAt = performance.now();
    // What the document had to do without (a GiroCode the company's IBAN cannot make) is
    // logged and audited; it never fails the job, and it never shows on the document.
    const { page, notices } = await renderDocument(document.view);
    for (const notice of notices) {
      logger.warn({ salesDocumentId, version, notice: notice.code }, notice.reason);
    }
    const bytes = await pdf.render(page);
    const { pdf: file, created } = await storeSalesDocumentPdf(db, files, renderer, {
      salesDocumentId,
      version,
      fileName: document.fileName,
      bytes,
      sourceUpdatedAt: document.updatedAt,
      notices: notices.map((notice) => notice.reason),
    });
    logger.debug(
      {
        salesDocumentId,
        version,
        bytes: bytes.length,
        ms: Math.round(performance.now() - startedAt),
      },
      "stored a sales document PDF",
    );
    return { fileId: file.id, version, rendered: created };
  },
};

function isDocumentsJobName(name: string): name is DocumentsJobName {
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
    if (!isDocumentsJobName(job.name)) throw unknownJob(queue.name, job);
    return handlers[job.name](job, context);
  },
});
