import type { Db } from "@ledgerline/db";
import {
  actionRuleOf,
  assertActionAllowed,
  assertSalesDocumentRecordAction,
  idSchema,
  isRecordActionDone,
  resolveDeleteRequest,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { assertPermitted, personIdOf, roleOf } from "./company-context.ts";
import { headerSnapshot, lockDocument, recordDocumentEvent } from "./document-records.ts";
import { releaseExpenses } from "./edit-sales-document.ts";
import { getSalesDocument } from "./read-sales-document.ts";

/**
 * Seed 000 and 004 `DELETE` (§5.10). A draft was never issued: it is removed for good, its lines
 * go with it, expenses billed on it become billable again, and no number is left unused. Any
 * other document is soft-deleted: `deletedAt`/`deletedById` hide it from lists until it is
 * restored; it is kept forever (GoBD), keeps its number and its status, and stays readable by id
 * for those who may delete. Deleting a deleted document changes nothing. Both are audited.
 */
export async function deleteSalesDocument(
  db: Db,
  actor: Actor,
  rawId: string,
): Promise<{ id: string; softDeleted: boolean }> {
  const id = idSchema.parse(rawId);
  return db.$transaction(async (tx) => {
    const document = await lockDocument(tx, id, { allowDeleted: true });
    const rule = actionRuleOf(document.type, "delete");
    if (rule) assertPermitted(actor, rule.permissions);
    if (document.deletedAt) return { id, softDeleted: true };
    assertActionAllowed(document.type, document.status, "delete");
    if (resolveDeleteRequest(document.type, document.status) === "softDelete") {
      const deletedAt = new Date();
      await tx.salesDocument.update({
        where: { id },
        data: { deletedAt, deletedById: personIdOf(actor) },
        select: { id: true },
      });
      await recordDocumentEvent(
        tx,
        actor,
        id,
        "softDelete",
        { status: document.status, deletedAt: null },
        { status: document.status, deletedAt },
      );
      return { id, softDeleted: true };
    }
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
    return { id, softDeleted: false };
  });
}

/**
 * Brings a soft-deleted document back into the lists (`salesDocument.delete`, like deleting).
 * Restoring one that is not deleted changes nothing.
 */
export async function restoreDeletedSalesDocument(db: Db, actor: Actor, rawId: string) {
  const id = idSchema.parse(rawId);
  await db.$transaction(async (tx) => {
    const document = await lockDocument(tx, id, { allowDeleted: true });
    assertSalesDocumentRecordAction(document, roleOf(actor), "restoreDeleted");
    if (isRecordActionDone(document, "restoreDeleted")) return;
    await tx.salesDocument.update({
      where: { id },
      data: { deletedAt: null, deletedById: null },
      select: { id: true },
    });
    await recordDocumentEvent(
      tx,
      actor,
      id,
      "restoreDeleted",
      { status: document.status, deletedAt: document.deletedAt },
      { status: document.status, deletedAt: null },
    );
  });
  return getSalesDocument(db, actor, id);
}

/**
 * Archives any document that is not a draft (seed 004 archive; §5.10): it leaves the default
 * lists and keeps its number and status. Drafts are deleted instead. Archiving twice changes
 * nothing.
 */
export async function archiveSalesDocument(db: Db, actor: Actor, rawId: string) {
  const id = idSchema.parse(rawId);
  await db.$transaction(async (tx) => {
    const document = await lockDocument(tx, id);
    assertSalesDocumentRecordAction(document, roleOf(actor), "archive");
    if (isRecordActionDone(document, "archive")) return;
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
    assertSalesDocumentRecordAction(document, roleOf(actor), "restore");
    if (isRecordActionDone(document, "restore")) return;
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
