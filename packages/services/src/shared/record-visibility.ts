import type { Db, Tx } from "@ledgerline/db";
import {
  can,
  idSchema,
  type AppError,
  type Permission,
  type PdfRecordKind,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { invoiceGroupNotFound } from "../invoice-groups/invoice-group-records.ts";
import { purchaseOrderNotFound } from "../purchase-orders/purchase-order-records.ts";
import { documentNotFound } from "../sales-documents/document-records.ts";

/**
 * Who finds a soft-deleted record by id: those who may delete (and so restore) records of its
 * kind (§5.10), as only they see the lists' deleted view. For everyone else a deleted record is
 * gone, the same for sales documents, purchase orders and invoice groups.
 */
const SEES_DELETED: Record<PdfRecordKind, Permission> = {
  salesDocument: "salesDocument.delete",
  purchaseOrder: "purchaseOrder.delete",
  invoiceGroup: "invoiceGroup.delete",
};

const NOT_FOUND: Record<PdfRecordKind, () => AppError> = {
  salesDocument: documentNotFound,
  purchaseOrder: purchaseOrderNotFound,
  invoiceGroup: invoiceGroupNotFound,
};

/** NOT_FOUND in the kind's words. */
export const recordNotFound = (kind: PdfRecordKind): AppError => NOT_FOUND[kind]();

/** Whether the actor finds this record by id (the rule of `SEES_DELETED`; the system always). */
export function isRecordVisibleTo(
  actor: Actor,
  kind: PdfRecordKind,
  record: { deletedAt: Date | null },
): boolean {
  if (!record.deletedAt || actor.kind === "system") return true;
  return can(actor.role, SEES_DELETED[kind]);
}

const deletedAtOf = (db: Db | Tx, kind: PdfRecordKind, id: string) => {
  const query = { where: { id }, select: { deletedAt: true } } as const;
  if (kind === "salesDocument") return db.salesDocument.findUnique(query);
  if (kind === "purchaseOrder") return db.purchaseOrder.findUnique(query);
  return db.invoiceGroup.findUnique(query);
};

/** The record's id if it exists and the actor may see it (`isRecordVisibleTo`), else null. */
export async function visibleRecordId(
  db: Db | Tx,
  actor: Actor,
  kind: PdfRecordKind,
  rawId: string,
): Promise<string | null> {
  const parsed = idSchema.safeParse(rawId);
  const record = parsed.success ? await deletedAtOf(db, kind, parsed.data) : null;
  return record && isRecordVisibleTo(actor, kind, record) ? parsed.data! : null;
}

/**
 * The record's id, once the actor may see it; otherwise NOT_FOUND in the kind's words, the same
 * answer as for a record that does not exist (a deleted one is not revealed). Every way to a
 * record and its files asks this with the caller: the read, the PDF's status, queueing and
 * download, the e-invoice and `GET /files/<id>`, so none shows what the read hides.
 */
export async function assertRecordVisible(
  db: Db | Tx,
  actor: Actor,
  kind: PdfRecordKind,
  rawId: string,
): Promise<string> {
  const id = await visibleRecordId(db, actor, kind, rawId);
  if (id === null) throw recordNotFound(kind);
  return id;
}
