import { createHash } from "node:crypto";
import type { Db } from "@ledgerline/db";
import {
  AppError,
  isLogoMimeType,
  logoContentMatches,
  MAX_LOGO_BYTES,
  type LogoMimeType,
  appMessage,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { removeFiles, type FileStore } from "../files/file-store.ts";

const SETTINGS_ID = 1;

/** The logo as callers see it (never the storage key). */
const logoSelect = {
  id: true,
  fileName: true,
  mimeType: true,
  sizeBytes: true,
  sha256: true,
  createdAt: true,
} as const;

const FILE_NAMES: Record<LogoMimeType, string> = {
  "image/png": "logo.png",
  "image/jpeg": "logo.jpg",
  "image/svg+xml": "logo.svg",
};

/**
 * Replaces the company logo printed on every document (PNG, JPEG or SVG, at most 512 KiB). The
 * bytes go to the file store first; the StoredFile row, the settings' `logoFileId` and the audit
 * event are one transaction, and the previous logo's row and file are removed after it. If the
 * transaction fails, the new file is removed again. Needs the settings to exist (the company's
 * name comes first).
 */
export async function setCompanyLogo(
  db: Db,
  files: FileStore,
  actor: Actor,
  upload: { mimeType: string; bytes: Uint8Array },
) {
  const { mimeType, bytes } = upload;
  if (!isLogoMimeType(mimeType)) {
    const message = appMessage("logo.wrongType");
    throw new AppError("BAD_REQUEST", message, { fieldErrors: { logo: [message] } });
  }
  if (bytes.length === 0) throw new AppError("BAD_REQUEST", appMessage("receipt.empty"));
  if (bytes.length > MAX_LOGO_BYTES) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      appMessage("logo.tooLarge", { kibibytes: MAX_LOGO_BYTES / 1024 }),
    );
  }
  if (!logoContentMatches(mimeType, bytes)) {
    throw new AppError(
      "BAD_REQUEST",
      appMessage("logo.contentMismatch", { type: FILE_NAMES[mimeType] }),
      {
        fieldErrors: { logo: [appMessage("logo.contentDoesNotMatch")] },
      },
    );
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const storageKey = await files.put(bytes);
  let previousKey: string | null = null;
  try {
    const logo = await db.$transaction(async (tx) => {
      const [settings] = await tx.$queryRaw<{ logo_file_id: string | null }[]>`
        SELECT logo_file_id::text FROM company_settings WHERE id = ${SETTINGS_ID} FOR UPDATE`;
      if (!settings) {
        throw new AppError("NOT_FOUND", appMessage("settings.saveNameFirst"));
      }
      const created = await tx.storedFile.create({
        data: {
          kind: "company_logo",
          fileName: FILE_NAMES[mimeType],
          mimeType,
          sizeBytes: bytes.length,
          sha256,
          storageKey,
        },
        select: logoSelect,
      });
      await tx.companySettings.update({
        where: { id: SETTINGS_ID },
        data: { logoFileId: created.id },
      });
      const previous = settings.logo_file_id
        ? await tx.storedFile.delete({
            where: { id: settings.logo_file_id },
            select: { ...logoSelect, storageKey: true },
          })
        : null;
      previousKey = previous?.storageKey ?? null;
      await recordAuditEvent(tx, actor, {
        action: "setLogo",
        entityType: "companySettings",
        entityId: String(SETTINGS_ID),
        before: previous ? { logo: { ...previous, storageKey: undefined } } : { logo: null },
        after: { logo: created },
      });
      return created;
    });
    if (previousKey) await removeFiles(files, [previousKey]);
    return logo;
  } catch (error) {
    await removeFiles(files, [storageKey]);
    throw error;
  }
}

/** Removes the company logo (documents then print the company's name instead). */
export async function removeCompanyLogo(db: Db, files: FileStore, actor: Actor) {
  const storageKey = await db.$transaction(async (tx) => {
    const [settings] = await tx.$queryRaw<{ logo_file_id: string | null }[]>`
      SELECT logo_file_id::text FROM company_settings WHERE id = ${SETTINGS_ID} FOR UPDATE`;
    if (!settings?.logo_file_id) return null;
    // The foreign key sets logo_file_id to NULL as the row goes.
    const { storageKey: key, ...before } = await tx.storedFile.delete({
      where: { id: settings.logo_file_id },
      select: { ...logoSelect, storageKey: true },
    });
    await recordAuditEvent(tx, actor, {
      action: "removeLogo",
      entityType: "companySettings",
      entityId: String(SETTINGS_ID),
      before: { logo: before },
      after: { logo: null },
    });
    return key;
  });
  if (storageKey) await removeFiles(files, [storageKey]);
  return { removed: storageKey !== null };
}

/** The current logo's public fields, or null. */
export async function getCompanyLogo(db: Db) {
  const settings = await db.companySettings.findUnique({
    where: { id: SETTINGS_ID },
    select: { logoFile: { select: logoSelect } },
  });
  return settings?.logoFile ?? null;
}
