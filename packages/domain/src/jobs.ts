import { z } from "zod";
import type { Permission } from "./permissions.ts";

/**
 * Every queue, job name and payload schema in one place (the langfuse pattern). Producers and
 * the worker both import from here; the worker validates each payload on receipt. New payload
 * fields must be optional so jobs already in Redis survive a deploy.
 */
export const QUEUES = {
  maintenance: {
    name: "maintenance",
    jobs: {
      purgeExpiredSessions: {
        name: "purge-expired-sessions",
        payload: z.object({
          /** Sign-in attempts older than this many hours are deleted too. */
          attemptRetentionHours: z
            .number()
            .int()
            .min(1)
            .max(24 * 365)
            .optional(),
        }),
        /** Runs every hour; a deterministic scheduler id keeps it to one schedule. */
        every: 60 * 60 * 1000,
      },
      sweepDueDates: {
        name: "sweep-due-dates",
        payload: z.object({
          /** The calendar day to sweep as (YYYY-MM-DD); the company's today when left out. */
          today: z.iso.date().optional(),
        }),
        /** Hourly, so a due date that passes at midnight is stored soon after; idempotent. */
        every: 60 * 60 * 1000,
      },
    },
  },
  // The key says what the queue holds; the name stays "documents", as queued jobs and running
  // workers of earlier deployments know it (a renamed queue would strand their jobs).
  recordPdfs: {
    name: "documents",
    jobs: {
      renderSalesDocumentPdf: {
        name: "render-sales-document-pdf",
        payload: z.object({
          salesDocumentId: z.uuid(),
          /** The PDF version this job makes (1 for the first); see `salesDocumentPdfJobId`. */
          version: z.number().int().min(1),
        }),
      },
      renderPurchaseOrderPdf: {
        name: "render-purchase-order-pdf",
        payload: z.object({
          purchaseOrderId: z.uuid(),
          /** The PDF version this job makes; see `recordPdfJobId`. */
          version: z.number().int().min(1),
        }),
      },
      renderInvoiceGroupPdf: {
        name: "render-invoice-group-pdf",
        payload: z.object({
          invoiceGroupId: z.uuid(),
          /** The PDF version this job makes; see `recordPdfJobId`. */
          version: z.number().int().min(1),
        }),
      },
    },
  },
  purchaseOrderBatches: {
    name: "purchase-order-batches",
    jobs: {
      processBatch: {
        name: "process-batch",
        payload: z.object({
          /** The stored batch (purchase_order_batches.id); its items say what is left to do. */
          batchId: z.uuid(),
        }),
      },
    },
  },
} as const;

/**
 * One job per document and PDF version: asking twice for the same version (issuing, then a
 * download before the worker got to it) adds one job, and a version, once stored, is never
 * rendered again. BullMQ job ids may not contain ':'.
 */
export const salesDocumentPdfJobId = (salesDocumentId: string, version: number): string =>
  `sales-document-pdf-${salesDocumentId}-v${version}`;

/** The records whose PDFs the `documents` queue renders (docs/domain-model.md, StoredFile). */
export const PDF_RECORD_KINDS = ["salesDocument", "purchaseOrder", "invoiceGroup"] as const;
export type PdfRecordKind = (typeof PDF_RECORD_KINDS)[number];

/**
 * Who may see a record's PDF (its status, queueing it, downloading it, `GET /files/<id>` of a
 * stored version) and who may regenerate it, and the `stored_files.kind` of its PDFs: the
 * record's own read and write permissions. The one table the procedures, the record file
 * download and the stored-file download all read.
 */
export const PDF_RECORD_PERMISSIONS = {
  salesDocument: {
    read: "salesDocument.read",
    write: "salesDocument.write",
    fileKind: "sales_document_pdf",
  },
  purchaseOrder: {
    read: "purchaseOrder.read",
    write: "purchaseOrder.write",
    fileKind: "purchase_order_pdf",
  },
  invoiceGroup: {
    read: "invoiceGroup.read",
    write: "invoiceGroup.write",
    fileKind: "invoice_group_pdf",
  },
} as const satisfies Record<
  PdfRecordKind,
  { read: Permission; write: Permission; fileKind: string }
>;
/** The `stored_files.kind` of each record kind's PDFs. */
export type PdfFileKind = (typeof PDF_RECORD_PERMISSIONS)[PdfRecordKind]["fileKind"];

/** `salesDocumentPdfJobId` for every record kind: one job per record and PDF version. */
export const recordPdfJobId = (kind: PdfRecordKind, id: string, version: number): string =>
  kind === "salesDocument"
    ? salesDocumentPdfJobId(id, version)
    : `${kind === "purchaseOrder" ? "purchase-order" : "invoice-group"}-pdf-${id}-v${version}`;

/**
 * The deterministic job id of a batch (no ':'): enqueuing a batch twice makes one job, and a
 * worker restarted after `kill -9` resumes the same job.
 */
export const purchaseOrderBatchJobId = (batchId: string) => `po-batch-${batchId}`;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]["name"];
export type RecordPdfJobName =
  (typeof QUEUES.recordPdfs.jobs)[keyof typeof QUEUES.recordPdfs.jobs]["name"];
export type MaintenanceJobName =
  (typeof QUEUES.maintenance.jobs)[keyof typeof QUEUES.maintenance.jobs]["name"];

/** Retries with exponential backoff; failed jobs stay visible (and retryable) for a week. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: "exponential", delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/**
 * The worker writes this key every few seconds with a TTL; the API's readiness reads it. It
 * carries the queue prefix so a test run's worker never answers for the dev worker.
 */
export const workerHeartbeatKey = (queuePrefix: string) => `${queuePrefix}:worker:heartbeat`;
export const WORKER_HEARTBEAT_KEY = workerHeartbeatKey("ledgerline");
export const WORKER_HEARTBEAT_INTERVAL_MS = 5_000;
export const WORKER_HEARTBEAT_TTL_SECONDS = 20;

/**
 * What the worker found when it last checked its job schedulers in Redis (it re-creates missing
 * ones first, e.g. after Redis restarted without persistence). The API's readiness reports it.
 */
export const workerScheduleCheckSchema = z.object({
  /** Scheduler ids that exist in Redis. */
  present: z.array(z.string()),
  /** Scheduler ids the worker expects but could not find, even after re-creating them. */
  missing: z.array(z.string()),
  checkedAt: z.string(),
});
export type WorkerScheduleCheck = z.infer<typeof workerScheduleCheckSchema>;

export const workerHeartbeatSchema = z.object({
  pid: z.number(),
  hostname: z.string(),
  startedAt: z.string(),
  at: z.string(),
  queues: z.array(z.string()),
  active: z.number(),
  processed: z.number(),
  failed: z.number(),
  /** Optional: a heartbeat written by an older worker has none. */
  schedules: workerScheduleCheckSchema.optional(),
});
export type WorkerHeartbeat = z.infer<typeof workerHeartbeatSchema>;
