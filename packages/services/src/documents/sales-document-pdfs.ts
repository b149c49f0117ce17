import type { Db } from "@ledgerline/db";
import type { Actor } from "../actor.ts";
import type { FileStore } from "../files/file-store.ts";
import {
  latestRecordPdfFile,
  queueRecordPdf,
  recordPdfSelect,
  recordPdfStatus,
  regenerateRecordPdf,
  storeRecordPdf,
  type PdfJobQueue,
  type RecordPdf,
  type RecordPdfStatus,
  type StoreRecordPdfInput,
} from "./record-pdfs.ts";

/**
 * The sales document's names for the PDF chain of `record-pdfs.ts` (kind `salesDocument`):
 * what the API, the worker and their tests called before purchase orders and invoice groups
 * had PDFs too. Nothing here differs from the other kinds.
 */
export type { PdfJobQueue, PdfJobState } from "./record-pdfs.ts";
export const salesDocumentPdfSelect = recordPdfSelect;
export type SalesDocumentPdf = RecordPdf;
export type SalesDocumentPdfStatus = RecordPdfStatus;

/** The document's PDF and the state of the job making its next version (`salesDocuments.pdf`). */
export const salesDocumentPdfStatus = (db: Db, queue: PdfJobQueue, actor: Actor, rawId: string) =>
  recordPdfStatus(db, queue, actor, "salesDocument", rawId);

/** Queues the document's PDF unless a current one is stored (`queueRecordPdf`). */
export const queueSalesDocumentPdf = (db: Db, queue: PdfJobQueue, actor: Actor, rawId: string) =>
  queueRecordPdf(db, queue, actor, "salesDocument", rawId);

/** A new version, audited (`regenerateRecordPdf`). */
export const regenerateSalesDocumentPdf = (
  db: Db,
  queue: PdfJobQueue,
  actor: Actor,
  rawId: string,
) => regenerateRecordPdf(db, queue, actor, "salesDocument", rawId);

export interface StoreSalesDocumentPdfInput extends Omit<StoreRecordPdfInput, "recordId"> {
  salesDocumentId: string;
}

/** Stores version `version` of the document's PDF (`storeRecordPdf`). */
export const storeSalesDocumentPdf = (
  db: Db,
  files: FileStore,
  actor: Actor,
  { salesDocumentId, ...input }: StoreSalesDocumentPdfInput,
) => storeRecordPdf(db, files, actor, "salesDocument", { recordId: salesDocumentId, ...input });

/** The newest stored PDF's record with its storage key, for sending it (`GET …/pdf`). */
export const latestSalesDocumentPdfFile = (db: Db, actor: Actor, salesDocumentId: string) =>
  latestRecordPdfFile(db, actor, "salesDocument", salesDocumentId);
