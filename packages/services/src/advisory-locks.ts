/**
 * The transaction-scoped advisory locks Ledgerline takes, `pg_advisory_xact_lock(kind, key)`:
 * the first number says what a lock guards, so keys of different kinds never meet (nor Prisma
 * Migrate's single-number key); the second is the guarded thing, e.g. a hash of an email.
 *
 * - 1001: the set of active administrators, taken by the SQL function
 *   `lock_active_administrators()` (migration 20261203100100_keep_an_active_administrator),
 *   which both its trigger and `users.ts` call.
 * - 1002, 1003: sign-in attempts of one account and of one address (`auth/sign-in.ts`).
 */
export const ADVISORY_LOCK_KIND = {
  signInAccount: 1002,
  signInAddress: 1003,
} as const;
