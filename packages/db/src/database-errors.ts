/** What PostgreSQL said when it refused a statement: its SQLSTATE and DETAIL. */
export interface DatabaseRefusal {
  /** The SQLSTATE, e.g. `23505` or a trigger's own `LL002`. */
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
