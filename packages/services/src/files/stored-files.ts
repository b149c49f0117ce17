import type { Db } from "@ledgerline/db";
import { AppError, idSchema, appMessage } from "@ledgerline/domain";

/**
 * A stored file's record, for sending the file: what it is (its kind decides who may read it),
 * its name and type, and where the bytes are. Not for showing to callers (it has the key).
 */
export async function getStoredFile(db: Db, rawId: string) {
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
          createdAt: true,
        },
      })
    : null;
  if (!file) throw new AppError("NOT_FOUND", appMessage("file.notFound"));
  return file;
}
