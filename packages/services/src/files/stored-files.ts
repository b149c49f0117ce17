import type { Db } from "@ledgerline/db";
import { AppError, idSchema, appMessage, type PdfRecordKind } from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { visibleRecordId } from "../shared/record-visibility.ts";

/**
 * A stored file's record, for sending the file: what it is (its kind decides who may read it),
 * its name and type, and where the bytes are. Not for showing to callers (it has the key).
 * A record's PDF is found only by those who may see the record (`assertRecordVisible`'s rule):
 * a soft-deleted document's PDF is as hidden as the document.
 */
export async function getStoredFile(db: Db, actor: Actor, rawId: string) {
  const parsed = idSchema.safeParse(rawId);
  const file = parsed.success
    ? await db.storedFile.findUnique({
        where: { id: parsed.data },
        select: {
          id: true,
          kind: true,
          fileName: true,
          mimeType: true,
          sizeBytes: true,
          sha256: true,
          storageKey: true,
          expenseId: true,
          salesDocumentId: true,
          purchaseOrderId: true,
          invoiceGroupId: true,
          createdAt: true,
        },
      })
    : null;
  const notFound = () => new AppError("NOT_FOUND", appMessage("file.notFound"));
  if (!file) throw notFound();
  const record: { kind: PdfRecordKind; id: string } | null = file.salesDocumentId
    ? { kind: "salesDocument", id: file.salesDocumentId }
    : file.purchaseOrderId
      ? { kind: "purchaseOrder", id: file.purchaseOrderId }
      : file.invoiceGroupId
        ? { kind: "invoiceGroup", id: file.invoiceGroupId }
        : null;
  if (record && (await visibleRecordId(db, actor, record.kind, record.id)) === null) {
    throw notFound();
  }
  return file;
}
