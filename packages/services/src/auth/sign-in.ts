import type { Db } from "@ledgerline/db";
import { AppError, signInInputSchema, type SignInInput } from "@ledgerline/domain";
import { createSession, type SessionLifetime, type SessionUser } from "./sessions.ts";
import { decoyPasswordHash, verifyPassword } from "./password.ts";

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
  token: string;
  expiresAt: Date;
  user: SessionUser;
}

export async function signIn(
  db: Db,
  rawInput: SignInInput,
  meta: { ipAddress: string; userAgent?: string | null; sessionLifetime: SessionLifetime },
): Promise<SignInResult> {
  const { email, password } = signInInputSchema.parse(rawInput);
  const since = new Date(Date.now() - SIGN_IN_LIMITS.windowMs);

  const [accountFailures, addressFailures] = await Promise.all([
    db.signInAttempt.count({ where: { email, succeeded: false, attemptedAt: { gte: since } } }),
    db.signInAttempt.count({
      where: { ipAddress: meta.ipAddress, succeeded: false, attemptedAt: { gte: since } },
    }),
  ]);
  if (
    accountFailures >= SIGN_IN_LIMITS.maxFailuresPerAccount ||
    addressFailures >= SIGN_IN_LIMITS.maxFailuresPerAddress
  ) {
    throw new AppError(
      "TOO_MANY_REQUESTS",
      "Too many failed sign-in attempts. Wait 15 minutes, or ask an administrator to help.",
      { details: { retryAfterSeconds: SIGN_IN_LIMITS.windowMs / 1000 } },
    );
  }

  const user = await db.user.findUnique({ where: { email } });
  const passwordMatches = await verifyPassword(
    user?.passwordHash ?? (await decoyPasswordHash()),
    password,
  );
  const succeeded = Boolean(user && user.active && passwordMatches);
  await db.signInAttempt.create({ data: { email, ipAddress: meta.ipAddress, succeeded } });
  if (!user || !succeeded) {
    // One message for unknown email, wrong password and deactivated user: no account probing.
    throw new AppError("UNAUTHORIZED", "Email or password is not correct.");
  }

  const session = await createSession(db, {
    userId: user.id,
    lifetime: meta.sessionLifetime,
    ipAddress: meta.ipAddress,
    userAgent: meta.userAgent ?? null,
  });
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return {
    ...session,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale },
  };
}
