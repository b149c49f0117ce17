import { databaseRefusalOf, LEDGERLINE_SQLSTATE, type Db, type Tx } from "@ledgerline/db";
import {
  permissionsOf,
  AppError,
  isRoleAbove,
  termParam,
  type Role,
  changePasswordInputSchema,
  changeRoleInputSchema,
  createUserInputSchema,
  setUserActiveInputSchema,
  type CreateUserInput,
  appMessage,
} from "@ledgerline/domain";
import type { z } from "zod";
import type { Actor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { revokeApiTokensOfOwner } from "../auth/api-tokens.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { deleteSessionsOfUser } from "../auth/sessions.ts";

export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  locale: true,
  lastSignInAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export async function listUsers(db: Db) {
  return db.user.findMany({ orderBy: [{ active: "desc" }, { name: "asc" }], select: userSelect });
}

/**
 * Admin and finance both manage people (seed 004: full access), but nobody grants more than they
 * hold, as with API tokens: finance creates, changes and deactivates people up to finance, and
 * only an admin makes, changes or deactivates an admin. Without this, "full access" for finance
 * would include making oneself an admin, and the two roles would be one.
 */
function assertNotAboveActor(actor: Actor, ...roles: Role[]): void {
  if (actor.kind === "system") return;
  if (!roles.some((role) => isRoleAbove(role, actor.role))) return;
  const message = appMessage("user.roleAboveYours", { role: termParam("role", actor.role) });
  throw new AppError("FORBIDDEN", message, { fieldErrors: { role: [message] } });
}

export async function createUser(db: Db, actor: Actor, rawInput: CreateUserInput) {
  const input = createUserInputSchema.parse(rawInput);
  assertNotAboveActor(actor, input.role);
  const existing = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true },
  });
  if (existing) {
    throw new AppError("CONFLICT", appMessage("user.emailTaken"), {
      fieldErrors: { email: [appMessage("user.emailTaken")] },
    });
  }
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: userSelect,
    });
    await recordAuditEvent(tx, actor, {
      action: "create",
      entityType: "user",
      entityId: user.id,
      after: user,
    });
    return user;
  });
}

const LAST_ADMIN_MESSAGE = appMessage("user.lastAdmin");

/**
 * Runs a change to people's roles or active flags so that at least one active admin remains,
 * and nobody can lock the company out of its own settings. The transaction first takes the lock
 * that every such change takes, so two admins who deactivate or demote each other at once take
 * turns and the second sees the first's change. A database trigger holds the same rule for every
 * writer at commit; its refusal becomes the same CONFLICT.
 */
async function inAdminGuardedTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT lock_active_administrators()`;
      return work(tx);
    });
  } catch (error) {
    if (databaseRefusalOf(error)?.code === LEDGERLINE_SQLSTATE.lastActiveAdministrator) {
      throw new AppError("CONFLICT", LAST_ADMIN_MESSAGE, { cause: error });
    }
    throw error;
  }
}

/** Inside `inAdminGuardedTransaction`: refuses to remove the last active admin. */
async function assertAnotherActiveAdmin(tx: Pick<Tx, "user">, userId: string) {
  const others = await tx.user.count({
    where: { role: "admin", active: true, id: { not: userId } },
  });
  if (others === 0) throw new AppError("CONFLICT", LAST_ADMIN_MESSAGE);
}

/**
 * Changes a person's role. It applies at once: their sessions end, and their API tokens are
 * capped by the new role from the next request on (`resolveApiToken`).
 */
export async function changeUserRole(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof changeRoleInputSchema>,
) {
  const { id, role } = changeRoleInputSchema.parse(rawInput);
  return inAdminGuardedTransaction(db, async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: userSelect });
    if (!before) throw new AppError("NOT_FOUND", appMessage("user.notFound"));
    if (before.role === role) return before;
    assertNotAboveActor(actor, before.role, role);
    if (before.role === "admin" && before.active) await assertAnotherActiveAdmin(tx, id);
    const after = await tx.user.update({ where: { id }, data: { role }, select: userSelect });
    // A new role takes effect at once: open sessions are ended and the user signs in again.
    await deleteSessionsOfUser(tx, id);
    await recordAuditEvent(tx, actor, {
      action: "changeRole",
      entityType: "user",
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * Deactivates or reactivates a person. Deactivating ends their sessions and revokes their API
 * tokens in the same transaction; reactivating brings neither back.
 */
export async function setUserActive(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof setUserActiveInputSchema>,
) {
  const { id, active } = setUserActiveInputSchema.parse(rawInput);
  return inAdminGuardedTransaction(db, async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: userSelect });
    if (!before) throw new AppError("NOT_FOUND", appMessage("user.notFound"));
    if (before.active === active) return before;
    assertNotAboveActor(actor, before.role);
    if (!active && before.role === "admin") await assertAnotherActiveAdmin(tx, id);
    const after = await tx.user.update({ where: { id }, data: { active }, select: userSelect });
    await recordAuditEvent(tx, actor, {
      action: active ? "activate" : "deactivate",
      entityType: "user",
      entityId: id,
      before,
      after,
    });
    if (!active) {
      await deleteSessionsOfUser(tx, id);
      await revokeApiTokensOfOwner(tx, actor, id);
    }
    return after;
  });
}

export async function changeOwnPassword(
  db: Db,
  actor: Actor & { kind: "user" },
  rawInput: z.input<typeof changePasswordInputSchema>,
  currentSessionId: string,
) {
  const input = changePasswordInputSchema.parse(rawInput);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("BAD_REQUEST", appMessage("user.wrongPassword"), {
      fieldErrors: { currentPassword: [appMessage("user.wrongPassword")] },
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await deleteSessionsOfUser(tx, user.id, currentSessionId);
    await recordAuditEvent(tx, actor, {
      action: "changePassword",
      entityType: "user",
      entityId: user.id,
    });
  });
}

export async function setOwnLocale(db: Db, actor: Actor & { kind: "user" }, locale: "de" | "en") {
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: actor.userId },
      select: userSelect,
    });
    if (before.locale === locale) return;
    const after = await tx.user.update({
      where: { id: actor.userId },
      data: { locale },
      select: userSelect,
    });
    await recordAuditEvent(tx, actor, {
      action: "setLocale",
      entityType: "user",
      entityId: actor.userId,
      before,
      after,
    });
  });
}

/** People a project can be assigned to: the active ones, by name. */
export function listAssignableUsers(db: Db) {
  return db.user.findMany({
    where: { active: true },
    select: { id: true, name: true, role: true },
    orderBy: { name: "asc" },
  });
}

/**
 * Who is calling, as the person sees themselves: their profile, the role they act with and its
 * permissions, and the API token they call through, if any (a token answers as its owner, with
 * the role it acts with, never above theirs).
 */
export async function describeCaller(db: Db, actor: Actor & { kind: "user" | "apiToken" }) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { id: true, email: true, name: true, role: true, locale: true },
  });
  const caller = {
    name: user.name,
    role: actor.role,
    permissions: permissionsOf(actor.role),
    user,
  };
  if (actor.kind === "apiToken") {
    return {
      kind: "apiToken" as const,
      ...caller,
      apiToken: { id: actor.apiTokenId, name: actor.apiTokenName },
    };
  }
  return { kind: "user" as const, ...caller, apiToken: null };
}
