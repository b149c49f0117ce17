import { createHash, randomUUID } from "node:crypto";
import { Prisma, type Db } from "@ledgerline/db";
import {
  idSchema,
  isIssuedStatus,
  PDF_RECORD_PERMISSIONS,
  QUEUES,
  recordPdfJobId,
  type PdfFileKind,
  type PdfRecordKind,
  type SalesDocumentStatus,
} from "@ledgerline/domain";
import type { Job, JobState, Queue } from "bullmq";
import type { Actor } from "../actor.ts";
import {
  AUDIT_EVENT_COLUMNS,
  auditEventValues,
  recordAuditEvent,
} from "../audit/record-audit-event.ts";
import type { FileStore } from "../files/file-store.ts";
import { invoiceGroupColumns, type InvoiceGroupRow } from "../invoice-groups/invoice-group-rows.ts";
import { assertRecordVisible, recordNotFound } from "../shared/record-visibility.ts";

export type { PdfRecordKind };

/** What decides whether a stored PDF shows the record as it is now. */
interface PdfSubject {
  id: string;
  /** The record's updatedAt: a PDF of a record that is not final is current while it is equal. */
  updatedAt: Date;
  /**
   * When the record became final (an issued document or group), or null while it may change.
   * A final record's PDF is current once rendered after that moment: later payments (which
   * touch updatedAt) do not re-render what was sent.
   */
  finalSince: Date | null;
}

/**
 * The small part of the PDF chain that differs per record kind: where its PDFs are linked
 * (`stored_files.<column>`), their kind, the job that renders them, how the record's version
 * stamp and finality are read. Everything else (status, queueing,
 * regenerate, store, download) is one code path for all kinds.
 */
interface PdfRecordAdapter {
  fileKind: PdfFileKind;
  /** The Prisma field and SQL column of the link on stored_files. */
  field: "salesDocumentId" | "purchaseOrderId" | "invoiceGroupId";
  column: "sales_document_id" | "purchase_order_id" | "invoice_group_id";
  /** The audit trail's entity type. */
  entityType: string;
  subject(db: Db, id: string): Promise<PdfSubject | null>;
  job: { name: string; data(id: string, version: number): Record<string, unknown> };
}

const jobs = QUEUES.recordPdfs.jobs;

/**
 * The state an invoice group's PDF shows, as one instant (of `invoice_groups g`): the newest of
 * the group's own `updated_at` (edits, and adding or removing an invoice, touch it) and its
 * invoices' (a payment, a status move). Stored with the PDF as `sourceUpdatedAt`.
 */
export const INVOICE_GROUP_PRINT_STAMP = Prisma.sql`greatest(g.updated_at,
  (SELECT max(d.updated_at) FROM invoice_group_invoices m
     JOIN sales_documents d ON d.id = m.invoice_id WHERE m.group_id = g.id))`;

export const PDF_RECORD_ADAPTERS: Record<PdfRecordKind, PdfRecordAdapter> = {
  salesDocument: {
    fileKind: PDF_RECORD_PERMISSIONS.salesDocument.fileKind,
    field: "salesDocumentId",
    column: "sales_document_id",
    entityType: "salesDocument",
    async subject(db, id) {
      const document = await db.salesDocument.findUnique({
        where: { id },
        select: { id: true, status: true, issuedAt: true, updatedAt: true },
      });
      if (!document) return null;
      return {
        id: document.id,
        updatedAt: document.updatedAt,
        finalSince:
          isIssuedStatus(document.status as SalesDocumentStatus) && document.issuedAt
            ? document.issuedAt
            : null,
      };
    },
    job: {
      name: jobs.renderSalesDocumentPdf.name,
      data: (salesDocumentId, version) => ({ salesDocumentId, version }),
    },
  },
  purchaseOrder: {
    fileKind: PDF_RECORD_PERMISSIONS.purchaseOrder.fileKind,
    field: "purchaseOrderId",
    column: "purchase_order_id",
    entityType: "purchaseOrder",
    // A PO is no tax document (GoBD does not freeze it): its PDF is current while the PO is
    // unchanged (a change of a disbursement item touches the PO's updatedAt too, by trigger),
    // and a download after any change renders it again, on demand (docs/domain-model.md §5.9).
    async subject(db, id) {
      const po = await db.purchaseOrder.findUnique({
        where: { id },
        select: { id: true, updatedAt: true },
      });
      return po ? { id: po.id, updatedAt: po.updatedAt, finalSince: null } : null;
    },
    job: {
      name: jobs.renderPurchaseOrderPdf.name,
      data: (purchaseOrderId, version) => ({ purchaseOrderId, version }),
    },
  },
  invoiceGroup: {
    fileKind: PDF_RECORD_PERMISSIONS.invoiceGroup.fileKind,
    field: "invoiceGroupId",
    column: "invoice_group_id",
    entityType: "invoiceGroup",
    // A draft prints its invoices' amounts and paid state: its stamp is the newest of the group
    // and its invoices (`INVOICE_GROUP_PRINT_STAMP`), so a payment on one makes it stale too.
    async subject(db, id) {
      const [group] = await db.$queryRaw<
        Array<Pick<InvoiceGroupRow, "id" | "status" | "issuedAt"> & { stamp: Date }>
      >`
        SELECT ${invoiceGroupColumns(["id", "status", "issuedAt"])},
               ${INVOICE_GROUP_PRINT_STAMP} AS stamp
        FROM invoice_groups g WHERE g.id = ${id}::uuid`;
      if (!group) return null;
      return {
        id: group.id,
        updatedAt: group.stamp,
        finalSince: group.status !== "draft" && group.issuedAt ? group.issuedAt : null,
      };
    },
    job: {
      name: jobs.renderInvoiceGroupPdf.name,
      data: (invoiceGroupId, version) => ({ invoiceGroupId, version }),
    },
  },
};

/** What callers see of a stored PDF (never its storage key). */
export const recordPdfSelect = {
  id: true,
  fileName: true,
  sizeBytes: true,
  sha256: true,
  version: true,
  sourceUpdatedAt: true,
  createdAt: true,
} as const satisfies Prisma.StoredFileSelect;
export type RecordPdf = Prisma.StoredFileGetPayload<{ select: typeof recordPdfSelect }>;

/** The queue the API adds PDF jobs to: BullMQ's, or anything with the same two methods. */
export type PdfJobQueue = Pick<Queue, "add" | "getJob">;

const latestPdf = (db: Db, kind: PdfRecordKind, id: string) => {
  const adapter = PDF_RECORD_ADAPTERS[kind];
  return db.storedFile.findFirst({
    where: { [adapter.field]: id, kind: adapter.fileKind },
    orderBy: { version: "desc" },
    select: recordPdfSelect,
  });
};

/** The record's version stamp and finality; NOT_FOUND (the kind's message) when there is none. */
export async function recordPdfSubject(
  db: Db,
  kind: PdfRecordKind,
  rawId: string,
): Promise<PdfSubject> {
  const adapter = PDF_RECORD_ADAPTERS[kind];
  const parsed = idSchema.safeParse(rawId);
  const subject = parsed.success ? await adapter.subject(db, parsed.data) : null;
  if (!subject) throw recordNotFound(kind);
  return subject;
}

/**
 * Whether a stored PDF shows the record as it is: a final record's PDF once it was rendered
 * after it became final; otherwise while the record is unchanged.
 */
export function isCurrentRecordPdf(
  subject: Pick<PdfSubject, "updatedAt" | "finalSince">,
  pdf: Pick<RecordPdf, "sourceUpdatedAt"> | null,
): boolean {
  if (!pdf?.sourceUpdatedAt) return false;
  if (subject.finalSince) return pdf.sourceUpdatedAt >= subject.finalSince;
  return pdf.sourceUpdatedAt.getTime() === subject.updatedAt.getTime();
}

export type PdfJobState = JobState | "unknown";

export interface RecordPdfStatus {
  /** The newest stored PDF, if any. */
  pdf: RecordPdf | null;
  /** Whether `pdf` shows the record as it is now. */
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

async function jobView(queue: PdfJobQueue, kind: PdfRecordKind, id: string, version: number) {
  const jobId = recordPdfJobId(kind, id, version);
  const job = (await queue.getJob(jobId)) as Job | undefined;
  if (!job) return null;
  return {
    id: jobId,
    version,
    state: (await job.getState()) as PdfJobState,
    failedReason: job.failedReason ?? null,
    attemptsMade: job.attemptsMade,
  };
}

/**
 * The record's PDF and the state of the job making its next version (`…Pdfs.status`), for an
 * actor who may see the record (`assertRecordVisible`).
 */
export async function recordPdfStatus(
  db: Db,
  queue: PdfJobQueue,
  actor: Actor,
  kind: PdfRecordKind,
  rawId: string,
): Promise<RecordPdfStatus> {
  return statusOf(db, queue, kind, await assertRecordVisible(db, actor, kind, rawId));
}

async function statusOf(
  db: Db,
  queue: PdfJobQueue,
  kind: PdfRecordKind,
  rawId: string,
): Promise<RecordPdfStatus> {
  const subject = await recordPdfSubject(db, kind, rawId);
  let pdf = await latestPdf(db, kind, subject.id);
  let job = await jobView(queue, kind, subject.id, (pdf?.version ?? 0) + 1);
  if (job?.state === "completed") {
    // The worker stored the next version (it stores before its job completes) between the two
    // reads: read the PDF again, or the answer is "done, and no PDF", and a screen that stops
    // asking once the job is done would say "no PDF yet" for good.
    pdf = await latestPdf(db, kind, subject.id);
    job = await jobView(queue, kind, subject.id, (pdf?.version ?? 0) + 1);
  }
  return { pdf, current: isCurrentRecordPdf(subject, pdf), job };
}

async function addRenderJob(queue: PdfJobQueue, kind: PdfRecordKind, id: string, version: number) {
  const adapter = PDF_RECORD_ADAPTERS[kind];
  const jobId = recordPdfJobId(kind, id, version);
  const existing = (await queue.getJob(jobId)) as Job | undefined;
  // A failed job keeps its id (and its reason, for people to see): asking again retries it.
  if (existing) {
    if ((await existing.getState()) === "failed") await existing.retry("failed");
    return jobId;
  }
  // Two requests at once may both get here: the same id makes it one job all the same.
  await queue.add(adapter.job.name, adapter.job.data(id, version), { jobId });
  return jobId;
}

/**
 * Queues the record's PDF unless a current one is stored (issuing, a download that finds none,
 * "retry"), and reports the state, for an actor who may see the record. Idempotent: one job
 * per record and version (`recordPdfJobId`).
 */
export async function queueRecordPdf(
  db: Db,
  queue: PdfJobQueue,
  actor: Actor,
  kind: PdfRecordKind,
  rawId: string,
): Promise<RecordPdfStatus> {
  const visibleId = await assertRecordVisible(db, actor, kind, rawId);
  const id = await ensureRecordPdfQueued(db, queue, kind, visibleId);
  return statusOf(db, queue, kind, id);
}

/**
 * `queueRecordPdf` without reading the state back: what issuing calls, so an issue costs two
 * reads and one Redis round trip more, not a status report nobody looks at.
 */
export async function ensureRecordPdfQueued(
  db: Db,
  queue: PdfJobQueue,
  kind: PdfRecordKind,
  rawId: string,
): Promise<string> {
  const subject = await recordPdfSubject(db, kind, rawId);
  const pdf = await latestPdf(db, kind, subject.id);
  if (!isCurrentRecordPdf(subject, pdf)) {
    await addRenderJob(queue, kind, subject.id, (pdf?.version ?? 0) + 1);
  }
  return subject.id;
}

/**
 * "Regenerate" (seed 000's `POST /regenerate-pdf`, e.g. after a template change): renders a new
 * version even when the stored one is current. Earlier versions stay stored (GoBD: what was
 * sent is kept), the download serves the newest, and the audit trail says who asked for it.
 */
export async function regenerateRecordPdf(
  db: Db,
  queue: PdfJobQueue,
  actor: Actor,
  kind: PdfRecordKind,
  rawId: string,
): Promise<RecordPdfStatus> {
  const visibleId = await assertRecordVisible(db, actor, kind, rawId);
  const subject = await recordPdfSubject(db, kind, visibleId);
  const pdf = await latestPdf(db, kind, subject.id);
  const version = (pdf?.version ?? 0) + 1;
  await db.$transaction((tx) =>
    recordAuditEvent(tx, actor, {
      action: "regeneratePdf",
      entityType: PDF_RECORD_ADAPTERS[kind].entityType,
      entityId: subject.id,
      before: pdf ? { version: pdf.version, sha256: pdf.sha256 } : null,
      after: { version },
    }),
  );
  await addRenderJob(queue, kind, subject.id, version);
  return statusOf(db, queue, kind, subject.id);
}

export interface StoreRecordPdfInput {
  /** The record the PDF shows (a sales document, purchase order or invoice group). */
  recordId: string;
  version: number;
  fileName: string;
  bytes: Uint8Array;
  /** The record's updatedAt the PDF was rendered from. */
  sourceUpdatedAt: Date;
  /** What the PDF left out and why (e.g. no GiroCode: the IBAN is not valid), for the audit. */
  notices?: string[];
}

/** The stored record of a version (the row that won when two stores of it raced). */
const storedRecordPdf = (db: Db, kind: PdfRecordKind, id: string, version: number) => {
  const adapter = PDF_RECORD_ADAPTERS[kind];
  return db.storedFile.findFirst({
    where: { [adapter.field]: id, kind: adapter.fileKind, version },
    select: recordPdfSelect,
  });
};

/**
 * Stores a rendered PDF as version `version` of the record's PDF (linked to the record, with its
 * SHA-256). The bytes are written to the file store first (atomically: a temporary name, then a
 * rename, so a killed worker leaves no half-written file), then the row and its audit event are
 * written by one statement, so they commit together in one round trip (the worker stores dozens
 * of PDFs a second). If the version exists already (a retry, two workers racing), the row that
 * is there is kept, no event is recorded, and this file is removed again.
 */
export async function storeRecordPdf(
  db: Db,
  files: FileStore,
  actor: Actor,
  kind: PdfRecordKind,
  input: StoreRecordPdfInput,
): Promise<{ pdf: RecordPdf; created: boolean }> {
  const adapter = PDF_RECORD_ADAPTERS[kind];
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const storageKey = await files.put(input.bytes);
  // The id is chosen here so that the audit event, written in the same statement, can name it.
  const id = randomUUID();
  const event = auditEventValues(actor, {
    action: "storePdf",
    entityType: adapter.entityType,
    entityId: input.recordId,
    after: {
      fileId: id,
      version: input.version,
      sha256,
      fileName: input.fileName,
      ...(input.notices?.length ? { notices: input.notices } : {}),
    },
  });
  // The column is one of three fixed names (the adapter's), never input.
  const link = Prisma.raw(`"${adapter.column}"`);
  let rows: RecordPdf[];
  try {
    rows = await db.$queryRaw<RecordPdf[]>`
      WITH pdf AS (
        INSERT INTO stored_files (id, kind, file_name, mime_type, size_bytes, sha256, storage_key,
                                  version, ${link}, source_updated_at)
        VALUES (${id}::uuid, ${adapter.fileKind}::stored_file_kind, ${input.fileName},
                'application/pdf', ${input.bytes.length}::int, ${sha256}, ${storageKey},
                ${input.version}::int, ${input.recordId}::uuid,
                ${input.sourceUpdatedAt}::timestamptz)
        ON CONFLICT (${link}, kind, version) DO NOTHING
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
  const stored = await storedRecordPdf(db, kind, input.recordId, input.version);
  if (!stored) throw new Error("A PDF version that conflicted is not stored.");
  return { pdf: stored, created: false };
}

/**
 * The newest stored PDF's record with its storage key, for sending it (`GET …/pdf`) to an actor
 * who may see the record.
 */
export async function latestRecordPdfFile(
  db: Db,
  actor: Actor,
  kind: PdfRecordKind,
  rawId: string,
) {
  const id = await assertRecordVisible(db, actor, kind, rawId);
  const adapter = PDF_RECORD_ADAPTERS[kind];
  return db.storedFile.findFirst({
    where: { [adapter.field]: id, kind: adapter.fileKind },
    orderBy: { version: "desc" },
    select: { ...recordPdfSelect, storageKey: true, mimeType: true },
  });
}
