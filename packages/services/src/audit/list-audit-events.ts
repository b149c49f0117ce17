import type { Db } from "@ledgerline/db";
import { pageOf, listAuditEventsInputSchema, type ListAuditEventsInput } from "@ledgerline/domain";

/**
 * The audit trail, newest first, optionally for one record, one person or one API token. Each
 * event names the person (`actor`) and, when they acted through one, the token (`apiToken`):
 * "person via token"; neither is the system.
 */
export async function listAuditEvents(db: Db, input: ListAuditEventsInput) {
  const { page, pageSize, entityType, entityId, actorId, apiTokenId } =
    listAuditEventsInputSchema.parse(input);
  const where = {
    ...(entityType ? { entityType } : {}),
    ...(entityId ? { entityId } : {}),
    ...(actorId ? { actorId } : {}),
    ...(apiTokenId ? { apiTokenId } : {}),
  };
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: { occurredAt: "desc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: {
        actor: { select: { id: true, name: true } },
        apiToken: { select: { id: true, name: true } },
      },
    }),
    db.auditEvent.count({ where }),
  ]);
  const items = rows.map((row) => ({ ...row, id: row.id.toString() }));
  return pageOf(items, total, page, pageSize);
}
