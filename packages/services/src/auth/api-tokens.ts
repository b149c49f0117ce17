import type { Db, Tx } from "@ledgerline/db";
import {
  AppError,
  createApiTokenInputSchema,
  idSchema,
  isRoleAbove,
  lowerRole,
  type CreateApiTokenInput,
  type Role,
  appMessage,
  termParam,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { generateSecret, hashSecret } from "./tokens.ts";

/** Tokens look like `llt_<43 chars>`; the prefix makes them easy to spot in secret scanners. */
const TOKEN_PREFIX = "llt_";

const apiTokenSelect = {
  id: true,
  name: true,
  role: true,
  prefix: true,
  note: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  owner: { select: { id: true, name: true } },
} as const;

/**
 * Creates a token that acts as the signed-in person who creates it, with a role no higher than
 * theirs. The secret is returned once and stored only as a hash.
 */
export async function createApiToken(db: Db, actor: Actor, rawInput: CreateApiTokenInput) {
  if (actor.kind !== "user") {
    throw new AppError("FORBIDDEN", appMessage("apiToken.adminOnly"));
  }
  const input = createApiTokenInputSchema.parse(rawInput);
  if (isRoleAbove(input.role, actor.role)) {
    const message = appMessage("apiToken.roleAboveYours", { role: termParam("role", actor.role) });
    throw new AppError("FORBIDDEN", message, {
      english: `A token acts as you, so its role cannot be above yours (${actor.role}).`,
      fieldErrors: { role: [message] },
    });
  }
  const secret = TOKEN_PREFIX + generateSecret();
  const expiresAt = input.expiresInDays
    ? new Date(Date.now() + input.expiresInDays * 86_400_000)
    : null;
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: {
        name: input.name,
        role: input.role,
        note: input.note,
        tokenHash: hashSecret(secret),
        prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        ownerId: actor.userId,
        expiresAt,
      },
      select: apiTokenSelect,
    });
    await recordAuditEvent(tx, actor, {
      action: "create",
      entityType: "apiToken",
      entityId: token.id,
      after: token,
    });
    return { token, secret };
  });
}

export async function listApiTokens(db: Db) {
  return db.apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: apiTokenSelect,
  });
}

export async function revokeApiToken(db: Db, actor: Actor, rawId: string) {
  const id = idSchema.parse(rawId);
  return db.$transaction(async (tx) => {
    const before = await tx.apiToken.findUnique({ where: { id }, select: apiTokenSelect });
    if (!before) throw new AppError("NOT_FOUND", appMessage("apiToken.notFound"));
    if (before.revokedAt) return before;
    const after = await tx.apiToken.update({
      where: { id },
      data: { revokedAt: new Date() },
      select: apiTokenSelect,
    });
    await recordAuditEvent(tx, actor, {
      action: "revoke",
      entityType: "apiToken",
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * Revokes every token a person owns that still works, each with its audit event, inside the
 * caller's transaction: deactivating a person ends their tokens together with their sessions.
 * Reactivating them later does not bring the tokens back.
 */
export async function revokeApiTokensOfOwner(tx: Tx, actor: Actor, ownerId: string) {
  const tokens = await tx.apiToken.findMany({
    where: { ownerId, revokedAt: null },
    select: apiTokenSelect,
  });
  if (tokens.length === 0) return;
  const revokedAt = new Date();
  await tx.apiToken.updateMany({
    where: { id: { in: tokens.map((token) => token.id) } },
    data: { revokedAt },
  });
  for (const before of tokens) {
    await recordAuditEvent(tx, actor, {
      action: "revoke",
      entityType: "apiToken",
      entityId: before.id,
      before,
      after: { ...before, revokedAt, reason: "ownerDeactivated" },
    });
  }
}

/** Only record a use this often: internal programs may call many times a second. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** A token that may be used now, and the person it acts as. */
export interface ResolvedApiToken {
  id: string;
  name: string;
  /** The role the token was created with. */
  tokenRole: Role;
  /** What the call may do: the lower of the token's role and the owner's current role. */
  role: Role;
  owner: { id: string; name: string; role: Role };
}

/**
 * The token behind an `Authorization: Bearer` header, or null if unknown, revoked or expired,
 * or if its owner is deactivated (their tokens are revoked then too; this refusal holds even if
 * a row was changed by hand). The owner's current role caps the token's, so a role change
 * applies at once. Every request asks this, so token and owner come in one statement.
 */
export async function resolveApiToken(db: Db, secret: string): Promise<ResolvedApiToken | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const [token] = await db.$queryRaw<
    Array<{
      id: string;
      name: string;
      role: Role;
      expiresAt: Date | null;
      lastUsedAt: Date | null;
      revokedAt: Date | null;
      owner: { id: string; name: string; role: Role; active: boolean };
    }>
  >`
    SELECT t.id::text AS id, t.name, t.role::text AS role, t.expires_at AS "expiresAt",
           t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt",
           json_build_object('id', u.id, 'name', u.name, 'role', u.role,
                             'active', u.active) AS owner
    FROM api_tokens t JOIN users u ON u.id = t.owner_id
    WHERE t.token_hash = ${hashSecret(secret)}`;
  const now = Date.now();
  if (
    !token ||
    token.revokedAt ||
    (token.expiresAt && token.expiresAt.getTime() <= now) ||
    !token.owner.active
  ) {
    return null;
  }
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(now) } });
  }
  const { active: _active, ...owner } = token.owner;
  return {
    id: token.id,
    name: token.name,
    tokenRole: token.role,
    role: lowerRole(token.role, owner.role),
    owner,
  };
}
