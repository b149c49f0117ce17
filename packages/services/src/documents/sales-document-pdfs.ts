import { createHash, randomUUID } from "node:crypto";
import { type Prisma, type Db } from "@ledgerline/db";
import {
  AppError,
  idSchema,
  isIssuedStatus,
  QUEUES,
  salesDocumentPdfJobId,
  appMessage,
} from "@ledgerline/domain";
import type { Job, JobState, Queue } from "bullmq";
import type { Actor } from "../actor.ts";
import {
  AUDIT_EVENT_COLUMNS,
  auditEventValues,
  recordAuditEvent,
} from "../audit/record-audit-event.ts";
import type { FileStore } from "../files/file-store.ts";

const PDF_KIND = "sales_document_pdf" as const;
const renderJob = QUEUES.documents.jobs.renderSalesDocumentPdf;

/** What callers see of a stored PDF (never its storage key). */
export const salesDocumentPdfSelect = {
  id: true,
  fileName: true,
  sizeBytes: true,
  sha256: true,
  version: true,
  sourceUpdatedAt: true,
  createdAt: true,
} as const satisfies Prisma.StoredFileSelect;
export type SalesDocumentPdf = Prisma.StoredFileGetPayload<{
  select: typeof salesDocumentPdfSelect;
}>;

/** The queue the API adds PDF jobs to: BullMQ's, or anything with the same two methods. */
export type PdfJobQueue = Pick<Queue, "add" | "getJob">;

const latestPdf = (db: Db, salesDocumentId: string) =>
  db.storedFile.findFirst({
    where: { salesDocumentId, kind: PDF_KIND },
    orderBy: { version: "desc" },
    select: salesDocumentPdfSelect,
  });

async function documentState(db: Db, rawId: string) {
  const parsed = idSchema.safeParse(rawId);
  const document = parsed.success
    ? await db.salesDocument.findUnique({
        where: { id: parsed.data },
        select: { id: true, status: true, issuedAt: true, updatedAt: true },
      })
    : null;
  if (!document) throw new AppError("NOT_FOUND", appMessage("document.notFound"));
  return document;
}

/**
 * Whether a stored PDF shows the document as it is: an issued document's PDF once it was
 * rendered after issue (later payments do not re-render what was sent); a draft's while the
 * draft is unchanged.
 */
function isCurrent(
  document: {
    status: Parameters<typeof isIssuedStatus>[0];
    issuedAt: Date | null;
    updatedAt: Date;
  },
  pdf: SalesDocumentPdf | null,
): boolean {
  if (!pdf?.sourceUpdatedAt) return false;
  if (isIssuedStatus(document.status) && document.issuedAt) {
    return pdf.sourceUpdatedAt >= document.issuedAt;
  }
  return pdf.sourceUpdatedAt.getTime() === document.updatedAt.getTime();
}

export type PdfJobState = JobState | "unknown";

export interface SalesDocumentPdfStatus {
  /** The newest stored PDF, if any. */
  pdf: SalesDocumentPdf | null;
  /** Whether `pdf` shows the document as it is now. */
  current: boolean;
  /** The job making the next version, if one was asked for. */
  job: {
    id: string;
    version: number;
    state: PdfJobState;
    failedReason: string | null;
    attemptsMade: number;
  } | null;
}

async function jobView(queue: PdfJobQueue, salesDocumentId: string, version: number) {
  const id = salesDocumentPdfJobId(salesDocumentId, version);
  const job = (await queue.getJob(id)) as Job | undefined;
  if (!job) return null;
  return {
    id,
    version,
    state: (await job.getState()) as PdfJobState,
    failedReason: job.failedReason ?? null,
    attemptsMade: job.attemptsMade,
  };
}

/** The document's PDF and the state of the job making its next version (`salesDocuments.pdf`). */
export async function salesDocumentPdfStatus(
  db: Db,
  queue: PdfJobQueue,
  rawId: string,
): Promise<SalesDocumentPdfStatus> {
  const document = await documentState(db, rawId);
  const pdf = await latestPdf(db, document.id);
  return {
    pdf,
    current: isCurrent(document, pdf),
    job: await jobView(queue, document.id, (pdf?.version ?? 0) + 1),
  };
}

async function addRenderJob(queue: PdfJobQueue, salesDocumentId: string, version: number) {
  const jobId = salesDocumentPdfJobId(salesDocumentId, version);
  const existing = (await queue.getJob(jobId)) as Job | undefined;
  // A failed job keeps its id (and its reason, for people to see): asking again retries it.
  if (existing) {
    if ((await existing.getState()) === "failed") await existing.retry("failed");
    return jobId;
  }
  // Two requests at once may both get here: the same id makes it one job all the same.
  await queue.add(renderJob.name, { salesDocumentId, version }, { jobId });
  return jobId;
}

/**
 * Queues the document's PDF unless a current one is stored (issuing, a download that finds
 * none, "retry"). Idempotent: one job per document and version (`salesDocumentPdfJobId`).
 */
export async function queueSalesDocumentPdf(
  db: Db,
  queue: PdfJobQueue,
  rawId: string,
): Promise<SalesDocumentPdfStatus> {
  const id = await ensureSalesDocumentPdfQueued(db, queue, rawId);
  return salesDocumentPdfStatus(db, queue, id);
}

/**
 * `queueSalesDocumentPdf` without reading the state back: what issuing calls, so an issue costs
 * two reads and one Redis round trip more, not a status report nobody looks at.
 */
export async function ensureSalesDocumentPdfQueued(
  db: Db,
  queue: PdfJobQueue,
  rawId: string,
): Promise<string> {
  const document = await documentState(db, rawId);
  const pdf = await latestPdf(db, document.id);
  if (!isCurrent(document, pdf)) {
    await addRenderJob(queue, document.id, (pdf?.version ?? 0) + 1);
  }
  return document.id;
}

/**
 * "Regenerate" (seed 000's `POST /regenerate-pdf`, e.g. after a template change): renders a new
 * version even when the stored one is current. Earlier versions stay stored (GoBD: what was
 * sent is kept), the download serves the newest, and the audit trail says who asked for it.
 */
export async function regenerateSalesDocumentPdf(
  db: Db,
  queue: PdfJobQueue,
  actor: Actor,
  rawId: string,
): Promise<SalesDocumentPdfStatus> {
  const document = await documentState(db, rawId);
  const pdf = await latestPdf(db, document.id);
  const version = (pdf?.version ?? 0) + 1;
  await db.$transaction((tx) =>
    recordAuditEvent(tx, actor, {
      action: "regeneratePdf",
      entityType: "salesDocument",
      entityId: document.id,
      before: pdf ? { version: pdf.version, sha256: pdf.sha256 } : null,
      after: { version },
    }),
  );
  await addRenderJob(queue, document.id, version);
  return salesDocumentPdfStatus(db, queue, document.id);
}

export interface StoreSalesDocumentPdfInput {
  salesDocumentId: string;
  version: number;
  fileName: string;
  bytes: Uint8Array;
  /** The document's updatedAt the PDF was rendered from. */
  sourceUpdatedAt: Date;
  /** What the PDF left out and why (e.g. no GiroCode: the IBAN is not valid), for the audit. */
  notices?: string[];
}

/** The stored record of a version (the row that won when two stores of it raced). */
const storedSalesDocumentPdf = (db: Db, salesDocumentId: string, version: number) =>
  db.storedFile.findUnique({
    where: { salesDocumentId_kind_version: { salesDocumentId, kind: PDF_KIND, version } },
    select: salesDocumentPdfSelect,
  });

/**
 * Stores a rendered PDF as version `version` of the document's PDF (category invoices: kind
 * `sales_document_pdf`, linked to the document, with its SHA-256). The bytes are written to the
 * file store first (atomically: a temporary name, then a rename, so a killed worker leaves no
 * half-written file), then the row and its audit event are written by one statement, so they
 * commit together in one round trip (the worker stores dozens of PDFs a second). If the version
 * exists already (a retry, two workers racing), the row that is there is kept, no event is
 * recorded, and this file is removed again.
 */
export async function storeSalesDocumentPdf(
  db: Db,
  files: FileStore,
  actor: Actor,
  input: StoreSalesDocumentPdfInput,
): Promise<{ pdf: SalesDocumentPdf; created: boolean }> {
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const storageKey = await files.put(input.bytes);
  // The id is chosen here so that the audit event, written in the same statement, can name it.
  const id = randomUUID();
  const event = auditEventValues(actor, {
    action: "storePdf",
    entityType: "salesDocument",
    entityId: input.salesDocumentId,
    after: {
      fileId: id,
      version: input.version,
      sha256,
      fileName: input.fileName,
      ...(input.notices?.length ? { notices: input.notices } : {}),
    },
  });
  let rows: SalesDocumentPdf[];
  try {
    rows = await db.$queryRaw<SalesDocumentPdf[]>`
      WITH pdf AS (
        INSERT INTO stored_files (id, kind, file_name, mime_type, size_bytes, sha256, storage_key,
                                  version, sales_document_id, source_updated_at)
        VALUES (${id}::uuid, ${PDF_KIND}::stored_file_kind, ${input.fileName}, 'application/pdf',
                ${input.bytes.length}::int, ${sha256}, ${storageKey}, ${input.version}::int,
                ${input.salesDocumentId}::uuid, ${input.sourceUpdatedAt}::timestamptz)
        ON CONFLICT (sales_document_id, kind, version) DO NOTHING
        RETURNING id::text AS id, file_name AS "fileName", size_bytes AS "sizeBytes", sha256,
                  version, source_updated_at AS "sourceUpdatedAt", created_at AS "createdAt"
      ), event AS (
        INSERT INTO audit_events ${AUDIT_EVENT_COLUMNS} SELECT ${event} FROM pdf
      )
      SELECT * FROM pdf`;
  } catch (error) {
    await files.delete(storageKey).catch(() => undefined);
    throw error;
  }
  if (rows[0]) return { pdf: rows[0], created: true };
  await files.delete(storageKey).catch(() => undefined);
  const stored = await storedSalesDocumentPdf(db, input.salesDocumentId, input.version);
  if (!stored) throw new Error("A PDF version that conflicted is not stored.");
  return { pdf: stored, created: false };
}

/** The newest stored PDF's record with its storage key, for sending it (`GET …/pdf`). */
export const latestSalesDocumentPdfFile = (db: Db, salesDocumentId: string) =>
  db.storedFile.findFirst({
    where: { salesDocumentId, kind: PDF_KIND },
    orderBy: { version: "desc" },
    select: { ...salesDocumentPdfSelect, storageKey: true, mimeType: true },
  });

export { isCurrent as isCurrentSalesDocumentPdf, documentState as salesDocumentPdfSubject };
