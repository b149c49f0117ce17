import type { Db, Tx } from "@ledgerline/db";
import {
  AppError,
  assertCan,
  can,
  ROLES,
  isoDateInTimeZone,
  isoDateOf,
  type IsoDate,
  type ActionActor,
  type Permission,
  type AppMessage,
  type SalesDocumentStatus,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { SALES_SETTINGS_KEYS } from "../settings/company-settings-rows.ts";
import { salesSettingsOf, type SalesSettings } from "./settlement-read-model.ts";

export type { SalesSettings };

/**
 * The company's calendar: "today", due dates and the year of a document number are days in the
 * company's time zone, not the server's. There is no time-zone setting yet; until there is, the
 * company works in Europe/Berlin (docs/domain-model.md §4).
 */
export const COMPANY_TIME_ZONE = "Europe/Berlin";

/** Today's date in the company's time zone (`YYYY-MM-DD`). */
export const companyToday = (now: Date = new Date()): IsoDate =>
  isoDateInTimeZone(now, COMPANY_TIME_ZONE);

/** A calendar date as PostgreSQL `date` takes it through Prisma: UTC midnight. */
export const toDbDate = (date: IsoDate): Date => new Date(`${date}T00:00:00.000Z`);

export const fromDbDate = (date: Date | null): IsoDate | null => (date ? isoDateOf(date) : null);

/** The company's sales settings (`salesSettingsOf`: defaults before they are saved). */
export async function loadSalesSettings(client: Tx | Db): Promise<SalesSettings> {
  const settings = await client.companySettings.findUnique({
    where: { id: 1 },
    select: Object.fromEntries(SALES_SETTINGS_KEYS.map((key) => [key, true])) as {
      [K in (typeof SALES_SETTINGS_KEYS)[number]]: true;
    },
  });
  return salesSettingsOf(settings);
}

/**
 * The person behind an actor, for four-eyes checks and "issued by": a user is themselves, an API
 * token is the person who owns it (so nobody approves their own submission through a token; the
 * actor carries the owner, no query needed), the system is nobody.
 */
export const personIdOf = (actor: Actor): string | null =>
  actor.kind === "system" ? null : actor.userId;

/** The role an actor acts with; the system may do everything. */
export const roleOf = (actor: Actor) => (actor.kind === "system" ? undefined : actor.role);

/**
 * Actions whose permission differs from the procedure's (approve, correct, transform) are
 * checked here against the one permission table, with the same wording as the procedures use.
 */
export function assertPermitted(actor: Actor, permissions: readonly Permission[]): void {
  if (actor.kind === "system") return;
  for (const permission of permissions) assertCan(actor.role, permission);
}

/** `BAD_REQUEST` for one field, the message shown both on the field and as the error. */
export const fieldError = (field: string, message: AppMessage, details?: Record<string, unknown>) =>
  new AppError("BAD_REQUEST", message, { fieldErrors: { [field]: [message] }, details });

/**
 * Whether `personId` is the only active user who may approve sales documents (§5.1): then a
 * one-person company's submissions are approved by that person, audited as a self-approval,
 * since nobody else could ever approve them.
 */
export async function isSoleApprover(client: Tx | Db, personId: string): Promise<boolean> {
  const approverRoles = ROLES.filter((role) => can(role, "salesDocument.approve"));
  const others = await client.user.count({
    where: { active: true, role: { in: [...approverRoles] }, id: { not: personId } },
  });
  return others === 0;
}

/**
 * `actor` as the approval rules see them (`ActionActor`: `allowedActions`, `mayApprove` and the
 * inbox's `approvableSql`), the one place that decides whether they count as the sole approver
 * (`isSoleApprover`). Asked only where it decides something: for one `document`, when it is
 * pending and they submitted it; without one (the inbox, over every pending document), for any
 * person whose role may approve.
 */
export async function approverOf(
  client: Tx | Db,
  actor: Actor,
  document?: { status: SalesDocumentStatus; submittedById: string | null },
): Promise<ActionActor> {
  const role = roleOf(actor);
  const personId = personIdOf(actor);
  const decides =
    personId !== null &&
    (role === undefined || can(role, "salesDocument.approve")) &&
    (document === undefined ||
      (document.status === "pending" && document.submittedById === personId));
  const soleApprover = decides && (await isSoleApprover(client, personId));
  return { role, personId, soleApprover };
}
