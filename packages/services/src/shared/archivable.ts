import type { Db, Tx } from "@ledgerline/db";
import { AppError, idSchema, appMessage, termParam, listParam } from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";

/** What archive, restore and delete need of a Prisma model delegate. */
interface ArchivableDelegate<T> {
  findUnique(args: { where: { id: string } }): Promise<T | null>;
  update(args: { where: { id: string }; data: { archivedAt: Date | null } }): Promise<T>;
  delete(args: { where: { id: string } }): Promise<T>;
}

export interface ArchivableEntity<T> {
  /** The audit trail's name for the entity, such as "customer". */
  entityType: string;
  /** The wording people see, such as "customer". */
  label: string;
  delegate: (tx: Tx) => ArchivableDelegate<T>;
  /** Counts of records that refer to this one, by what they are ("2 projects"). */
  references: (tx: Tx, id: string) => Promise<Record<string, number>>;
}

async function findOrThrow<T>(entity: ArchivableEntity<T>, tx: Tx, id: string): Promise<T> {
  const record = await entity.delegate(tx).findUnique({ where: { id } });
  if (!record) {
    throw new AppError(
      "NOT_FOUND",
      appMessage("record.notFound", { record: termParam("record", entity.label) }),
    );
  }
  return record;
}

/**
 * Archiving hides a record from lists and pickers but keeps it for the documents that refer to
 * it; restoring brings it back. Both are audited; doing either twice changes nothing.
 */
export async function setArchived<T extends { archivedAt: Date | null }>(
  db: Db,
  actor: Actor,
  entity: ArchivableEntity<T>,
  rawId: string,
  archived: boolean,
): Promise<T> {
  const id = idSchema.parse(rawId);
  return db.$transaction(async (tx) => {
    const before = await findOrThrow(entity, tx, id);
    if (Boolean(before.archivedAt) === archived) return before;
    const after = await entity
      .delegate(tx)
      .update({ where: { id }, data: { archivedAt: archived ? new Date() : null } });
    await recordAuditEvent(tx, actor, {
      action: archived ? "archive" : "restore",
      entityType: entity.entityType,
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * Deletes a record nothing refers to. While documents or projects reference it, deleting is
 * refused with a message that says what refers to it and offers archiving instead.
 */
export async function deleteUnreferenced<T extends { name: string }>(
  db: Db,
  actor: Actor,
  entity: ArchivableEntity<T>,
  rawId: string,
): Promise<{ id: string }> {
  const id = idSchema.parse(rawId);
  return db.$transaction(async (tx) => {
    const before = await findOrThrow(entity, tx, id);
    const references = Object.entries(await entity.references(tx, id)).filter(
      ([, count]) => count > 0,
    );
    if (references.length > 0) {
      const what = references
        .map(([name, count]) => `${count} ${count === 1 ? name.replace(/s$/, "") : name}`)
        .join(" and ");
      const verb = references.length === 1 && references[0]![1] === 1 ? "refers" : "refer";
      throw new AppError(
        "CONFLICT",
        appMessage("record.inUse", {
          name: before.name,
          references: listParam(
            references.map(([name, count]) => ({
              message: appMessage("record.referenceCount", {
                count,
                record: termParam("record", name),
              }),
            })),
          ),
        }),
        {
          english: `“${before.name}” cannot be deleted: ${what} ${verb} to it. Archive it instead to hide it from lists.`,
          details: { references: Object.fromEntries(references) },
        },
      );
    }
    await entity.delegate(tx).delete({ where: { id } });
    await recordAuditEvent(tx, actor, {
      action: "delete",
      entityType: entity.entityType,
      entityId: id,
      before,
    });
    return { id };
  });
}

/** Case-insensitive "contains" over several text columns, for list search boxes. */
export const containsAny = (search: string | undefined, fields: readonly string[]) =>
  search
    ? {
        OR: fields.map((field) => ({
          [field]: { contains: search, mode: "insensitive" as const },
        })),
      }
    : {};

export const archivedWhere = (archived: "active" | "archived" | "all") =>
  archived === "all" ? {} : { archivedAt: archived === "active" ? null : { not: null } };
