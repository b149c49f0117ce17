import { Prisma, type Tx } from "@ledgerline/db";
import type { Actor } from "../actor.ts";

export type AuditAction = "create" | "update" | "archive" | "restore" | "delete" | string;

/** JSON text of a record for the before/after columns (Decimal → string, Date → ISO). */
export function auditJsonText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v: unknown) =>
    key === "passwordHash" || key === "tokenHash" ? undefined : v,
  );
}

/** Records and dates as plain JSON (Decimal → string, Date → ISO) for the before/after columns. */
export function toAuditJson(value: unknown): unknown {
  const text = auditJsonText(value);
  return text === null ? null : JSON.parse(text);
}

/**
 * Who an audit event names: the person (for a token, its owner) and, when they acted through
 * one, the API token. The system is neither.
 */
export const auditActorIds = (actor: Actor) => ({
  actorId: actor.kind === "system" ? null : actor.userId,
  apiTokenId: actor.kind === "apiToken" ? actor.apiTokenId : null,
});

export interface AuditEventInput {
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** The columns of `audit_events` an event fills, in the order of `auditEventValues`. */
export const AUDIT_EVENT_COLUMNS = Prisma.sql`(occurred_at, actor_id, api_token_id, action,
  entity_type, entity_id, before, after)`;

/**
 * One event's values for `AUDIT_EVENT_COLUMNS`, with the time taken here (as Prisma's default
 * did): for `VALUES (…)`, or for `SELECT … FROM <cte>` where a statement records an event only
 * for a row it wrote (the PDF store).
 */
export function auditEventValues(actor: Actor, event: AuditEventInput): Prisma.Sql {
  const { actorId, apiTokenId } = auditActorIds(actor);
  return Prisma.sql`${new Date()}::timestamptz, ${actorId}::uuid, ${apiTokenId}::uuid,
    ${event.action}, ${event.entityType}, ${event.entityId},
    ${auditJsonText(event.before)}::jsonb, ${auditJsonText(event.after)}::jsonb`;
}

/**
 * Writes one audit event inside the caller's transaction, so a change and its record commit or
 * fail together. Secrets (password and token hashes) never enter the trail. Every write records
 * one, so it is a single prepared INSERT.
 */
export async function recordAuditEvent(
  tx: Tx,
  actor: Actor,
  event: AuditEventInput,
): Promise<void> {
  await tx.$executeRaw`INSERT INTO audit_events ${AUDIT_EVENT_COLUMNS}
    VALUES (${auditEventValues(actor, event)})`;
}
