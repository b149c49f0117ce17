import { DEFAULT_JOB_OPTIONS, QUEUES } from "@ledgerline/domain";
import { ensureSalesDocumentPdfQueued, type PdfJobQueue } from "@ledgerline/services";
import type { Db } from "@ledgerline/db";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";

/**
 * The API's producer of the `documents` queue (the worker renders). It shares the API's Redis
 * connection, which fails fast: a request never hangs on a Redis that is away.
 */
export function createDocumentJobQueue(redis: Redis, prefix: string): PdfJobQueue & Queue {
  return new Queue(QUEUES.documents.name, {
    connection: redis,
    prefix,
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS },
  });
}

/**
 * Issuing queues the PDF of what was issued. The issue has committed by then: if Redis is away
 * the PDF is not lost, only later (the download renders a missing PDF on demand), so a failure
 * here is logged and the procedure still answers with the issued document.
 */
export async function queuePdfOfIssued(
  deps: { db: Db; documentJobs: PdfJobQueue; log: Logger },
  document: { id: string; number: string | null },
): Promise<void> {
  if (!document.number) return;
  try {
    await ensureSalesDocumentPdfQueued(deps.db, deps.documentJobs, document.id);
  } catch (error) {
    deps.log.warn({ err: error, salesDocumentId: document.id }, "could not queue the PDF");
  }
}
