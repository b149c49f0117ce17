import type { Db } from "@ledgerline/db";
import {
  AppError,
  createApiTokenInputSchema,
  idSchema,
  type CreateApiTokenInput,
  type Role,
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
  createdBy: { select: { id: true, name: true } },
} as const;

/** Creates a token for a role. The secret is returned once and stored only as a hash. */
export async function createApiToken(
  db: Db,
  actor: Actor & { kind: "user" },
  rawInput: CreateApiTokenInput,
) {
  const input = createApiTokenInputSchema.parse(rawInput);
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
        createdById: actor.userId,
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
    if (!before) throw new AppError("NOT_FOUND", "This API token does not exist.");
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

/** Only record a use this often: internal programs may call many times a second. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The token behind an `Authorization: Bearer` header, or null if unknown, revoked or expired. */
export async function resolveApiToken(
  db: Db,
  secret: string,
): Promise<{ id: string; name: string; role: Role } | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashSecret(secret) } });
  const now = Date.now();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= now))
    return null;
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { id: token.id, name: token.name, role: token.role };
}
