import { Prisma } from "@ledgerline/db";
import type { JsonText } from "../shared/raw-sql-rows.ts";

/**
 * A record's history as its detail read shows it: the audit events of one entity, in the order
 * they were written, each with who acted (person and API token) and the status move it made.
 * Sales documents and purchase orders read it the same way, through `historySql` and
 * `historyEntryOf`.
 */
export interface HistoryEntry<Status extends string = string> {
  occurredAt: Date;
  action: string;
  /** The person; null for the system (and for token calls recorded before tokens named one). */
  actorName: string | null;
  /** The API token the person acted through, if any. */
  apiTokenName: string | null;
  fromStatus: Status | null;
  toStatus: Status | null;
  reason: string | null;
  /** What else the event says (a milestone's percentage, the auto-approval threshold, ...). */
  after: unknown;
}

/** A `HistoryEntry` as `historySql` reads it: its time as ISO text. */
export type HistoryJson<Status extends string = string> = JsonText<
  HistoryEntry<Status>,
  never,
  "occurredAt"
>;

/**
 * The history of the entity `entityType` whose id is `idSql` (text), as one JSON array of
 * `HistoryJson`, oldest first: a subquery for the detail read's select list. Every write to a
 * record holds its row lock, so the order of the ids is the order of the changes.
 */
export const historySql = (entityType: string, idSql: Prisma.Sql): Prisma.Sql => Prisma.sql`
  (SELECT coalesce(json_agg(json_build_object(
            'occurredAt', e.occurred_at, 'action', e.action, 'actorName', u.name,
            'apiTokenName', t.name,
            'fromStatus', e.before ->> 'status', 'toStatus', e.after ->> 'status',
            'reason', e.after ->> 'reason', 'after', e.after) ORDER BY e.id), '[]')
     FROM audit_events e
     LEFT JOIN users u ON u.id = e.actor_id
     LEFT JOIN api_tokens t ON t.id = e.api_token_id
     WHERE e.entity_type = ${entityType} AND e.entity_id = ${idSql})`;

/** The one mapping from `HistoryJson` to a `HistoryEntry`. */
export const historyEntryOf = <Status extends string>(
  entry: HistoryJson<Status>,
): HistoryEntry<Status> => ({ ...entry, occurredAt: new Date(entry.occurredAt) });
