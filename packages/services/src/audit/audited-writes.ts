import type { Db, Tx } from "@ledgerline/db";
import { AppError } from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { recordAuditEvent } from "./record-audit-event.ts";

/** Creates a record and its audit event in one transaction. */
export function createAudited<T extends { id: string }>(
  db: Db,
  actor: Actor,
  entityType: string,
  create: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    const created = await create(tx);
    await recordAuditEvent(tx, actor, {
      action: "create",
      entityType,
      entityId: created.id,
      after: created,
    });
    return created;
  });
}

/**
 * Loads a record (NOT_FOUND with `notFound` when missing), changes it, and records before and
 * after, all in one transaction.
 */
export function updateAudited<T>(
  db: Db,
  actor: Actor,
  change: {
    entityType: string;
    id: string;
    notFound: string;
    load: (tx: Tx) => Promise<T | null>;
    update: (tx: Tx, before: T) => Promise<T>;
  },
): Promise<T> {
  return db.$transaction(async (tx) => {
    const before = await change.load(tx);
    if (!before) throw new AppError("NOT_FOUND", change.notFound);
    const after = await change.update(tx, before);
    await recordAuditEvent(tx, actor, {
      action: "update",
      entityType: change.entityType,
      entityId: change.id,
      before,
      after,
    });
    return after;
  });
}
