import { Prisma, type Db } from "@ledgerline/db";

/** The tables a write of a record or a link can touch. */
const TABLES = [
  "company_settings",
  "users",
  "customers",
  "contacts",
  "projects",
  "suppliers",
  "expenses",
  "sales_documents",
  "line_items",
  "payments",
  "stored_files",
  "number_sequences",
  "audit_events",
] as const;

/**
 * Every row of every table a write could touch, as one fingerprint per table (row count and an
 * MD5 of the rows' text in a fixed order): two equal snapshots mean nothing was inserted,
 * changed or deleted in between, not just that the row counts agree.
 */
export async function databaseSnapshot(db: Db): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await db.$queryRaw<{ fingerprint: string }[]>`
      SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), ''))
        AS fingerprint
      FROM ${Prisma.raw(table)} t`;
    snapshot[table] = row!.fingerprint;
  }
  return snapshot;
}
