import type { Tx } from "@ledgerline/db";
import type { Actor } from "../actor.ts";

export type AuditAction = "create" | "update" | "archive" | "restore" | "delete" | string;

/** Records and dates as plain JSON (Decimal → string, Date → ISO) for the before/after columns. */
export function toAuditJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) =>
      key === "passwordHash" || key === "tokenHash" ? undefined : v,
    ),
  );
}

/**
 * Writes one audit event inside the caller's transaction, so a change and its record commit or
 * fail together. Secrets (password and token hashes) never enter the trail.
 */
export async function recordAuditEvent(
  tx: Tx,
  actor: Actor,
  event: {
    action: AuditAction;
    entityType: string;
    entityId: string;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor.kind === "user" ? actor.userId : null,
      apiTokenId: actor.kind === "apiToken" ? actor.apiTokenId : null,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: toAuditJson(event.before) ?? undefined,
      after: toAuditJson(event.after) ?? undefined,
    },
  });
}
