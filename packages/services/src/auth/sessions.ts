import type { Db } from "@ledgerline/db";
import type { Role } from "@ledgerline/domain";
import { generateSecret, hashSecret } from "./tokens.ts";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
}

/** Extend the expiry at most this often, so every request does not write the session row. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

/**
 * How long sessions live: `idleMs` after the last request (sliding), and never longer than
 * `maxMs` after sign-in, so a stolen cookie does not stay useful forever.
 */
export interface SessionLifetime {
  idleMs: number;
  maxMs: number;
}

export async function createSession(
  db: Db,
  options: {
    userId: string;
    lifetime: SessionLifetime;
    ipAddress?: string | null;
    userAgent?: string | null;
  },
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSecret();
  const expiresAt = new Date(
    Date.now() + Math.min(options.lifetime.idleMs, options.lifetime.maxMs),
  );
  await db.session.create({
    data: {
      id: hashSecret(token),
      userId: options.userId,
      expiresAt,
      ipAddress: options.ipAddress ?? null,
      userAgent: options.userAgent?.slice(0, 300) ?? null,
    },
  });
  return { token, expiresAt };
}

/**
 * The user behind a session cookie, or null when it is unknown, expired or the user was
 * deactivated. Sessions slide: an active one is extended by `idleMs` from its last use, up to
 * `maxMs` after it began.
 */
export async function resolveSession(
  db: Db,
  token: string,
  lifetime: SessionLifetime,
): Promise<{ user: SessionUser; sessionId: string; expiresAt: Date; renewed: boolean } | null> {
  const id = hashSecret(token);
  // Every request asks this, so session and user come in one statement.
  const [session] = await db.$queryRaw<
    Array<{
      expiresAt: Date;
      createdAt: Date;
      lastSeenAt: Date;
      user: SessionUser & { active: boolean };
    }>
  >`
    SELECT s.expires_at AS "expiresAt", s.created_at AS "createdAt",
           s.last_seen_at AS "lastSeenAt",
           json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'role', u.role,
                             'locale', u.locale, 'active', u.active) AS "user"
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${id}`;
  const now = Date.now();
  if (
    !session ||
    session.expiresAt.getTime() <= now ||
    session.createdAt.getTime() + lifetime.maxMs <= now ||
    !session.user.active
  ) {
    return null;
  }
  const { active: _active, ...user } = session.user;
  if (now - session.lastSeenAt.getTime() <= TOUCH_INTERVAL_MS) {
    return { user, sessionId: id, expiresAt: session.expiresAt, renewed: false };
  }
  const expiresAt = new Date(
    Math.min(now + lifetime.idleMs, session.createdAt.getTime() + lifetime.maxMs),
  );
  await db.session.update({ where: { id }, data: { lastSeenAt: new Date(now), expiresAt } });
  return { user, sessionId: id, expiresAt, renewed: true };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: hashSecret(token) } });
}

/** Ends every session of a user: after a role change, deactivation or password change. */
export async function deleteSessionsOfUser(
  db: Pick<Db, "session">,
  userId: string,
  exceptSessionId?: string,
) {
  await db.session.deleteMany({
    where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
  });
}
