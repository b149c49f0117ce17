import { DEFAULT_JOB_OPTIONS, QUEUES } from "@ledgerline/domain";
import { ensureRecordPdfQueued, onRecordsIssued, type PdfJobQueue } from "@ledgerline/services";
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
 * (`onRecordsIssued`), so issuing, approving, submitting without approval, transforming a sales
 * order into an invoice, cancelling with a document and issuing an invoice group all do it the
 * same way, and a new issuing path cannot forget it. The issue has committed by then: if Redis
 * is away the PDF is not lost, only later (the download renders a missing PDF on demand), so a
 * failure here is logged and the procedure still answers with the issued record.
 */
export function queuePdfsOfIssuedRecords(deps: {
  db: Db;
  pdfJobs: PdfJobQueue;
  log: Logger;
}): void {
  onRecordsIssued(deps.db, async (records) => {
    for (const { kind, id } of records) {
      try {
        await ensureRecordPdfQueued(deps.db, deps.pdfJobs, kind, id);
      } catch (error) {
        deps.log.warn({ err: error, kind, id }, "could not queue the PDF");
      }
    }
  });
}
