import type { Db } from "@ledgerline/db";
import {
  AppError,
  actionRuleOf,
  assertActionAllowed,
  idSchema,
  resolveDeleteRequest,
  appMessage,
  termParam,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { assertPermitted } from "./company-context.ts";
import { headerSnapshot, lockDocument, recordDocumentEvent } from "./document-records.ts";
import { releaseExpenses } from "./edit-sales-document.ts";
import { getSalesDocument } from "./read-sales-document.ts";

/**
 * Deletes a draft (seed 000 `DELETE`): its lines go with it, expenses billed on it become
 * billable again, and because drafts have no number, no gap is left in any number range. Issued
 * documents are never deleted (archive them when they are done; correct them otherwise).
 */
export async function deleteSalesDocument(
  db: Db,
  actor: Actor,
  rawId: string,
): Promise<{ id: string }> {
  const id = idSchema.parse(rawId);
  await db.$transaction(async (tx) => {
    const document = await lockDocument(tx, id);
    const rule = actionRuleOf(document.type, "delete");
    if (rule) assertPermitted(actor, rule.permissions);
    if (document.status !== "draft") {
      // Says why, and whether archiving is the way instead.
      resolveDeleteRequest(document.type, document.status);
      throw new AppError(
        "INVALID_TRANSITION",
        appMessage("document.onlyDraftsDeleted", {
          status: termParam("salesStatus", document.status),
        }),
        {
          english: `Only drafts can be deleted; this document is "${document.status}" and keeps its number. Archive it instead to hide it from lists.`,
          details: { type: document.type, status: document.status, allowed: ["archive"] },
        },
      );
    }
    assertActionAllowed(document.type, document.status, "delete");
    const lines = await tx.lineItem.findMany({
      where: { salesDocumentId: id },
      orderBy: { position: "asc" },
    });
    await releaseExpenses(tx, actor, id);
    await tx.salesDocument.delete({ where: { id }, select: { id: true } });
    await recordDocumentEvent(
      tx,
      actor,
      id,
      "delete",
      { ...headerSnapshot(document), lines },
      null,
    );
  });
  return { id };
}

/**
 * Archives a document that is done (seed 004 archive and soft delete; §5.10): it leaves the
 * default lists and keeps its number. Drafts are deleted instead; open documents are finished or
 * corrected first. Archiving twice changes nothing.
 */
export async function archiveSalesDocument(db: Db, actor: Actor, rawId: string) {
  const id = idSchema.parse(rawId);
  await db.$transaction(async (tx) => {
    const document = await lockDocument(tx, id);
    if (document.archivedAt) return;
    if (document.status === "draft") {
      throw new AppError("INVALID_TRANSITION", appMessage("document.draftNotArchived"), {
        details: { type: document.type, status: document.status, allowed: ["delete"] },
      });
    }
    resolveDeleteRequest(document.type, document.status);
    await tx.salesDocument.update({
      where: { id },
      data: { archivedAt: new Date() },
      select: { id: true },
    });
    await recordDocumentEvent(
      tx,
      actor,
      id,
      "archive",
      { status: document.status },
      {
        status: document.status,
        archived: true,
      },
    );
  });
  return getSalesDocument(db, actor, id);
}

/** Brings an archived document back into the default lists. */
export async function restoreSalesDocument(db: Db, actor: Actor, rawId: string) {
  const id = idSchema.parse(rawId);
  await db.$transaction(async (tx) => {
    const document = await lockDocument(tx, id);
    if (!document.archivedAt) return;
    await tx.salesDocument.update({
      where: { id },
      data: { archivedAt: null },
      select: { id: true },
    });
    await recordDocumentEvent(
      tx,
      actor,
      id,
      "restore",
      { status: document.status },
      {
        status: document.status,
        archived: false,
      },
    );
  });
  return getSalesDocument(db, actor, id);
}
