import { DEFAULT_JOB_OPTIONS, QUEUES } from "@ledgerline/domain";
import {
  ensureRecordPdfQueued,
  ensureSalesDocumentPdfQueued,
  onSalesDocumentsIssued,
  type PdfJobQueue,
} from "@ledgerline/services";
import type { Db } from "@ledgerline/db";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";

/**
 * The API's producer of record PDF jobs (`QUEUES.recordPdfs`, queue name `documents`; the worker
 * renders). It shares the API's Redis connection, which fails fast: a request never hangs on a
 * Redis that is away. app.ts makes one and hands it to every request as `ctx.pdfJobs`.
 */
export function createPdfJobQueue(redis: Redis, prefix: string): PdfJobQueue & Queue {
  return new Queue(QUEUES.recordPdfs.name, {
    connection: redis,
    prefix,
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS },
  });
}

/**
 * Every issue queues the PDF of what it issued: registered once on the API's database client
 * (`onSalesDocumentsIssued`), so issuing, approving, submitting without approval, transforming
 * a sales order into an invoice and cancelling with a document all do it the same way, and a
 * new issuing path cannot forget it. The issue has committed by then: if Redis is away the PDF
 * is not lost, only later (the download renders a missing PDF on demand), so a failure here is
 * logged and the procedure still answers with the issued document.
 */
export function queuePdfsOfIssuedDocuments(deps: {
  db: Db;
  pdfJobs: PdfJobQueue;
  log: Logger;
}): void {
  onSalesDocumentsIssued(deps.db, async (salesDocumentIds) => {
    for (const salesDocumentId of salesDocumentIds) {
      try {
        await ensureSalesDocumentPdfQueued(deps.db, deps.pdfJobs, salesDocumentId);
      } catch (error) {
        deps.log.warn({ err: error, salesDocumentId }, "could not queue the PDF");
      }
    }
  });
}

/**
 * Issuing an invoice group queues its PDF, as issuing a sales document does (one place: the
 * group's `transition` procedure, the only way a group is issued). The issue has committed: a
 * Redis that is away is logged, and the download renders the PDF on demand later.
 */
export async function queueIssuedInvoiceGroupPdf(
  deps: { db: Db; pdfJobs: PdfJobQueue; log: Logger },
  invoiceGroupId: string,
): Promise<void> {
  try {
    await ensureRecordPdfQueued(deps.db, deps.pdfJobs, "invoiceGroup", invoiceGroupId);
  } catch (error) {
    deps.log.warn({ err: error, invoiceGroupId }, "could not queue the invoice group's PDF");
  }
}
