import type { Db, Tx } from "@ledgerline/db";
import { AppError, type AppMessage } from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { lockRowForUpdate, type LockableTable } from "../shared/row-locks.ts";
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
 * Locks a record's row (`table`), loads it (NOT_FOUND with `notFound` when missing), changes it,
 * and records before and after, all in one transaction. The lock makes a partial update merge
 * into the record as it is, not into a state another update is replacing.
 */
export function updateAudited<T>(
  db: Db,
  actor: Actor,
  change: {
    entityType: string;
    table: LockableTable;
    id: string;
    notFound: AppMessage;
    load: (tx: Tx) => Promise<T | null>;
    update: (tx: Tx, before: T) => Promise<T>;
  },
): Promise<T> {
  return db.$transaction(async (tx) => {
    await lockRowForUpdate(tx, change.table, change.id);
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
