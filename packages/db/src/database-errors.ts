/**
 * The SQLSTATEs Ledgerline's own triggers raise, one per rule, in the class "LL" that PostgreSQL
 * never uses. The migration named beside each raises it; the code that turns it into a message
 * a person can act on reads it from here.
 */
export const LEDGERLINE_SQLSTATE = {
  /** Numbers follow the issued dates (migration 20261121060000_numbers_at_commit). */
  numbersFollowDates: "LL001",
  /** One active administrator remains (20261203100100_keep_an_active_administrator). */
  lastActiveAdministrator: "LL002",
  /** An issued document does not change (20261203110100_issued_documents_immutable). */
  issuedDocumentChange: "LL003",
} as const;

/** What PostgreSQL said when it refused a statement: its SQLSTATE and DETAIL. */
export interface DatabaseRefusal {
  /** The SQLSTATE, e.g. `23505` or a trigger's own `LL003`. */
  code: string;
  detail: string | undefined;
}

/**
 * The PostgreSQL error inside an error from Prisma or node-postgres, or null when there is none.
 * Prisma wraps it: a `PrismaClientKnownRequestError` carries the driver adapter's error in
 * `meta.driverAdapterError`, whose `cause` holds `originalCode` and `detail`; a failed commit or
 * a plain `pg` error carries them itself, sometimes a few `cause`s down.
 */
export function databaseRefusalOf(error: unknown): DatabaseRefusal | null {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 6; depth += 1) {
    const candidate = current as {
      originalCode?: unknown;
      code?: unknown;
      detail?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    // Prisma's own `code` (P2002, P2039, ...) is not a SQLSTATE: look inside first.
    if (candidate.meta?.driverAdapterError) {
      current = candidate.meta.driverAdapterError;
      continue;
    }
    const code =
      typeof candidate.originalCode === "string" ? candidate.originalCode : candidate.code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !/^P[1-9]/.test(code)) {
      return {
        code,
        detail: typeof candidate.detail === "string" ? candidate.detail : undefined,
      };
    }
    current = candidate.cause;
  }
  return null;
}
