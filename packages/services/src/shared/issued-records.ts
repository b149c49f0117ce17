import type { Db } from "@ledgerline/db";
import type { PdfRecordKind } from "@ledgerline/domain";

/** A record that was just issued: a sales document or an invoice group (what gets a final PDF). */
export interface IssuedRecord {
  kind: Extract<PdfRecordKind, "salesDocument" | "invoiceGroup">;
  id: string;
}

/** What happens once records are issued (the API queues their PDFs): see `onRecordsIssued`. */
export type RecordsIssuedListener = (records: IssuedRecord[]) => Promise<void>;

const listeners = new WeakMap<Db, RecordsIssuedListener>();

/**
 * Registers what runs after every transaction on `db` that issued records commits, with what it
 * issued: every sales-document issue (issuing, approving, submitting without approval,
 * transforming into an invoice, cancelling with a document: all go through
 * `inIssuingTransaction`) and issuing an invoice group. One listener per client (the API's
 * queues the PDFs); it runs after the commit, so it never undoes an issue, and it must not throw.
 */
export function onRecordsIssued(db: Db, listener: RecordsIssuedListener): void {
  listeners.set(db, listener);
}

/** Tells the `onRecordsIssued` listener of `db` what a committed transaction issued. */
export async function announceIssued(db: Db, records: IssuedRecord[]): Promise<void> {
  const listener = listeners.get(db);
  if (listener && records.length > 0) await listener(records);
}
