import { createHash } from "node:crypto";
import type { Db } from "@ledgerline/db";
import {
  AppError,
  idSchema,
  isReceiptMimeType,
  matchesMagicBytes,
  MAX_RECEIPT_BYTES,
  sanitizeReceiptFileName,
  appMessage,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { removeFiles, type FileStore } from "../files/file-store.ts";
import { receiptSelect } from "./expenses.ts";

export interface ReceiptUpload {
  expenseId: string;
  /** As the client named it; only its last part is kept, cleaned (sanitizeReceiptFileName). */
  fileName: string | null;
  /** The declared type; the first bytes must match it. */
  mimeType: string;
  bytes: Uint8Array;
}

const TYPE_NAMES = { "application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG" } as const;

/**
 * Attaches a receipt (PDF, PNG or JPEG, at most 10 MiB) to an expense. The bytes go to the file
 * store under a new random key, then the StoredFile row and its audit event are written in
 * one transaction; if that fails, the file is removed again.
 */
export async function addExpenseReceipt(
  db: Db,
  files: FileStore,
  actor: Actor,
  upload: ReceiptUpload,
) {
  const expenseId = idSchema.parse(upload.expenseId);
  const { mimeType, bytes } = upload;
  if (!isReceiptMimeType(mimeType))
    throw new AppError("BAD_REQUEST", appMessage("receipt.wrongType"));
  if (bytes.length === 0) throw new AppError("BAD_REQUEST", appMessage("receipt.empty"));
  if (bytes.length > MAX_RECEIPT_BYTES)
    throw new AppError("PAYLOAD_TOO_LARGE", appMessage("receipt.tooLarge"));
  if (!matchesMagicBytes(mimeType, bytes)) {
    throw new AppError(
      "BAD_REQUEST",
      appMessage("receipt.contentMismatch", { type: TYPE_NAMES[mimeType] }),
    );
  }
  const expense = await db.expense.findUnique({ where: { id: expenseId }, select: { id: true } });
  if (!expense) throw new AppError("NOT_FOUND", appMessage("expense.notFound"));

  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const storageKey = await files.put(bytes);
  try {
    return await db.$transaction(async (tx) => {
      // Held until the row is written: deleting the expense (FOR UPDATE) waits, so the receipt
      // never points at an expense that is gone (which would be a foreign-key error, a 500).
      const [locked] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM expenses WHERE id = ${expenseId}::uuid FOR SHARE`;
      if (!locked) throw new AppError("NOT_FOUND", appMessage("expense.notFound"));
      const receipt = await tx.storedFile.create({
        data: {
          kind: "expense_receipt",
          fileName: sanitizeReceiptFileName(upload.fileName, mimeType),
          mimeType,
          sizeBytes: bytes.length,
          sha256,
          storageKey,
          expenseId,
        },
        select: receiptSelect,
      });
      await recordAuditEvent(tx, actor, {
        action: "addReceipt",
        entityType: "expense",
        entityId: expenseId,
        after: receipt,
      });
      return { ...receipt, expenseId };
    });
  } catch (error) {
    await removeFiles(files, [storageKey]);
    throw error;
  }
}

/** Removes one receipt of an expense: the row and its audit event, then the file. */
export async function deleteExpenseReceipt(
  db: Db,
  files: FileStore,
  actor: Actor,
  rawId: string,
): Promise<{ id: string; expenseId: string }> {
  const id = idSchema.parse(rawId);
  const { receipt, storageKey } = await db.$transaction(async (tx) => {
    const found = await tx.storedFile.findUnique({
      where: { id },
      select: { ...receiptSelect, kind: true, expenseId: true, storageKey: true },
    });
    if (!found || found.kind !== "expense_receipt" || !found.expenseId)
      throw new AppError("NOT_FOUND", appMessage("receipt.notFound"));
    const { storageKey: key, kind: _kind, ...before } = found;
    await tx.storedFile.delete({ where: { id } });
    await recordAuditEvent(tx, actor, {
      action: "deleteReceipt",
      entityType: "expense",
      entityId: found.expenseId,
      before,
    });
    return { receipt: { id, expenseId: found.expenseId }, storageKey: key };
  });
  await removeFiles(files, [storageKey]);
  return receipt;
}
