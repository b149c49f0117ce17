/**
 * The hash chain over the audit trail (migration 20261203110300_audit_event_hash_chain): the
 * database links every event when its transaction commits; this walks the links and recomputes
 * every hash on its own, so a change made past the append-only triggers shows up.
 */
import { createHash } from "node:crypto";
import pg from "pg";

/** The `previous_hash` of the first link. */
export const GENESIS_HASH = "0".repeat(64);

/** An audit event's fields as the hash covers them, as text (PostgreSQL's own for the JSON). */
export interface HashedAuditEvent {
  id: string;
  /** `occurred_at` in UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
  occurredAt: string;
  actorId: string | null;
  apiTokenId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** `before::text`: PostgreSQL's canonical text of the JSON. */
  before: string | null;
  after: string | null;
}

/** `audit_hash_field` of the migration: the length in bytes, a colon and the text; "-" for null. */
const field = (value: string | null): string =>
  value === null ? "-" : `${Buffer.byteLength(value, "utf8")}:${value}`;

/**
 * A link's hash, the twin of the SQL function `audit_event_hash` (a test holds them equal):
 * SHA-256, in hex, of the previous link's hash followed by the event's fields.
 */
export function auditEventHash(previousHash: string, event: HashedAuditEvent): string {
  const text =
    previousHash +
    [
      event.id,
      event.occurredAt,
      event.actorId,
      event.apiTokenId,
      event.action,
      event.entityType,
      event.entityId,
      event.before,
      event.after,
    ]
      .map(field)
      .join("");
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The columns of an event as `auditEventHash` takes them, for a query over `audit_events e`. */
export const HASHED_AUDIT_EVENT_COLUMNS = `e.id::text AS "id",
  to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt",
  e.actor_id::text AS "actorId", e.api_token_id::text AS "apiTokenId", e.action,
  e.entity_type AS "entityType", e.entity_id AS "entityId", e.before::text AS "before",
  e.after::text AS "after"`;

export interface AuditChainReport {
  /** Links walked. */
  links: number;
  /** The last link's hash: write it down elsewhere to notice a chain rebuilt from scratch. */
  head: string;
  /** Everything that does not add up, one line each; empty when the trail is intact. */
  problems: string[];
}

type LinkRow = Partial<HashedAuditEvent> & {
  position: string;
  auditEventId: string;
  previousHash: string;
  hash: string;
};

/**
 * Walks the chain in its order and reports every link whose previous hash is not the hash
 * before it (a link removed or reordered), whose event is gone, or whose event no longer hashes
 * to what was linked (changed after it was written), and every event without a link (written
 * past the trigger). Reads only; any role that may read the two tables can run it.
 */
export async function verifyAuditChain(
  url: string,
  options: { batchSize?: number; maxProblems?: number } = {},
): Promise<AuditChainReport> {
  const batchSize = options.batchSize ?? 5000;
  const maxProblems = options.maxProblems ?? 100;
  const client = new pg.Client({ connectionString: url, application_name: "ledgerline-audit" });
  client.on("error", () => {});
  await client.connect();
  const problems: string[] = [];
  const note = (problem: string) => {
    if (problems.length < maxProblems) problems.push(problem);
  };
  let expectedPrevious = GENESIS_HASH;
  let links = 0;
  try {
    // One snapshot for the whole walk, so commits meanwhile neither add nor hide anything.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    for (let after = "0"; ;) {
      const { rows } = await client.query<LinkRow>(
        `SELECT l.position::text AS "position", l.audit_event_id::text AS "auditEventId",
                l.previous_hash AS "previousHash", l.hash, ${HASHED_AUDIT_EVENT_COLUMNS}
           FROM audit_event_links l LEFT JOIN audit_events e ON e.id = l.audit_event_id
          WHERE l.position > $1::bigint ORDER BY l.position LIMIT $2`,
        [after, batchSize],
      );
      for (const row of rows) {
        links += 1;
        const where = `link ${row.position} (audit event ${row.auditEventId})`;
        if (row.previousHash !== expectedPrevious) {
          note(
            `${where}: its previous hash is not the hash of the link before it: a link was removed or reordered`,
          );
        }
        if (row.id === null || row.id === undefined) {
          note(`${where}: the audit event is gone`);
        } else if (auditEventHash(row.previousHash, row as HashedAuditEvent) !== row.hash) {
          note(
            `${where}: the audit event differs from what was linked: it was changed after it was written`,
          );
        }
        // Go on from the stored hash, so one change is reported once, not at every link after it.
        expectedPrevious = row.hash;
      }
      if (rows.length < batchSize) break;
      after = rows.at(-1)!.position;
    }
    const unlinked = await client.query<{ id: string; total: string }>(
      `SELECT e.id::text AS id, count(*) OVER ()::text AS total
         FROM audit_events e
        WHERE NOT EXISTS (SELECT FROM audit_event_links l WHERE l.audit_event_id = e.id)
        ORDER BY e.id LIMIT 20`,
    );
    if (unlinked.rows.length > 0) {
      note(
        `${unlinked.rows[0]!.total} audit event(s) without a link, written past the chain's trigger: ` +
          unlinked.rows.map((row) => row.id).join(", "),
      );
    }
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  return { links, head: expectedPrevious, problems };
}
