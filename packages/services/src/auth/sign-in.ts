import type { Db } from "@ledgerline/db";
import {
  AppError,
  permissionsOf,
  signInInputSchema,
  type Permission,
  type SignInInput,
  appMessage,
} from "@ledgerline/domain";
import { ADVISORY_LOCK_KIND } from "../advisory-locks.ts";
import { decoyPasswordHash, verifyPassword } from "./password.ts";
import { createSession, type SessionLifetime, type SessionUser } from "./sessions.ts";

/**
 * Sign-in limits: failures are counted per account and per address over a sliding window.
 * Five wrong passwords lock an account for the window; an address that fails twenty times
 * (across accounts) is locked out too. A success does not reset the counters an attacker built.
 */
export const SIGN_IN_LIMITS = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
} as const;

export interface SignInResult {
  /** For the session cookie only: never in a response body. */
  token: string;
  expiresAt: Date;
  /** What `auth.signIn` answers: the person and their role's permissions (as `describeCaller`). */
  caller: { user: SessionUser; permissions: Permission[] };
}

/**
 * Signs a person in and opens a session. Every password check is paid for first: an attempt is
 * recorded as failed before the password is verified (`reserveSignInAttempt`) and marked as
 * succeeded after, so parallel guesses cannot all be checked before any of them is counted.
 */
export async function signIn(
  db: Db,
  rawInput: SignInInput,
  meta: { ipAddress: string; userAgent?: string | null; sessionLifetime: SessionLifetime },
): Promise<SignInResult> {
  const { email, password } = signInInputSchema.parse(rawInput);
  const attemptId = await reserveSignInAttempt(db, email, meta.ipAddress);

  const user = await db.user.findUnique({ where: { email } });
  const passwordMatches = await verifyPassword(
    user?.passwordHash ?? (await decoyPasswordHash()),
    password,
  );
  if (!user || !user.active || !passwordMatches) {
    // One message for unknown email, wrong password and deactivated user: no account probing.
    throw new AppError("UNAUTHORIZED", appMessage("auth.wrongCredentials"));
  }
  await db.signInAttempt.update({ where: { id: attemptId }, data: { succeeded: true } });

  const session = await createSession(db, {
    userId: user.id,
    lifetime: meta.sessionLifetime,
    ipAddress: meta.ipAddress,
    userAgent: meta.userAgent ?? null,
  });
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return {
    ...session,
    caller: {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        locale: user.locale,
      },
      permissions: permissionsOf(user.role),
    },
  };
}

/**
 * Counts the recent failures of the account and the address and, below both limits, records
 * this attempt as a failure, in one step: the transaction holds an advisory lock per account and
 * per address (always in that order, so two attempts cannot wait for each other), and under READ
 * COMMITTED the count after the locks sees every attempt recorded before. So of any number of
 * parallel attempts only as many as the limits allow get to check a password. The attempt's id
 * is returned, to mark it succeeded; a refused attempt is not recorded.
 */
async function reserveSignInAttempt(db: Db, email: string, ipAddress: string): Promise<bigint> {
  const now = new Date();
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMs);
  const [reserved] = await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_KIND.signInAccount}::int, hashtext(${email}))`;
    await tx.$executeRaw`
      SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_KIND.signInAddress}::int, hashtext(${ipAddress}))`;
    return tx.$queryRaw<Array<{ id: bigint }>>`
      INSERT INTO sign_in_attempts (email, ip_address, succeeded, attempted_at)
      SELECT ${email}, ${ipAddress}, false, ${now}::timestamptz
      WHERE (SELECT count(*) FROM sign_in_attempts
             WHERE email = ${email} AND NOT succeeded AND attempted_at >= ${since}::timestamptz)
              < ${SIGN_IN_LIMITS.maxFailuresPerAccount}
        AND (SELECT count(*) FROM sign_in_attempts
             WHERE ip_address = ${ipAddress} AND NOT succeeded
               AND attempted_at >= ${since}::timestamptz)
              < ${SIGN_IN_LIMITS.maxFailuresPerAddress}
      RETURNING id`;
  });
  if (!reserved) {
    throw new AppError("TOO_MANY_REQUESTS", appMessage("auth.tooManyAttempts"), {
      details: { retryAfterSeconds: SIGN_IN_LIMITS.windowMs / 1000 },
    });
  }
  return reserved.id;
}
