import { AppError } from "./errors.ts";
import { appMessage, termParam } from "./messages.ts";
import type { Role } from "./roles.ts";

/**
 * The one permission table. Every tRPC procedure names exactly one of these permissions through
 * its base procedure; screens ask the same table what to offer. docs/domain-model.md mirrors it.
 *
 * Seed 004's Permissions section: admin and finance have full access; team leads create, read,
 * update and approve invoices and purchase orders, transform and cancel sales orders and manage
 * line items, groups, milestones and disbursements; team members read, and update specific
 * fields only (notes on documents, milestone progress).
 */
const ALL: readonly Role[] = ["admin", "finance", "team_lead", "team_member"];
const LEADS: readonly Role[] = ["admin", "finance", "team_lead"];
const FINANCE: readonly Role[] = ["admin", "finance"];
const ADMIN: readonly Role[] = ["admin"];

export const PERMISSIONS = {
  "customer.read": ALL,
  "customer.write": LEADS,
  "customer.delete": FINANCE,
  "project.read": ALL,
  "project.write": LEADS,
  "project.delete": FINANCE,
  "supplier.read": ALL,
  "supplier.write": LEADS,
  "supplier.delete": FINANCE,
  "user.manage": ADMIN,
  "apiToken.manage": ADMIN,
  "settings.read": ALL,
  "settings.manage": ADMIN,
  "audit.read": FINANCE,
  "salesDocument.read": ALL,
  "salesDocument.write": LEADS,
  "salesDocument.annotate": ALL,
  "salesDocument.approve": LEADS,
  "salesDocument.delete": LEADS,
  "salesDocument.correct": FINANCE,
  "salesOrder.transform": LEADS,
  "salesOrder.cancel": LEADS,
  "invoiceGroup.read": ALL,
  "invoiceGroup.write": LEADS,
  /** Deleting a draft group: team leads delete nothing (seed 004), as for purchase orders. */
  "invoiceGroup.delete": FINANCE,
  "payment.read": ALL,
  "payment.write": FINANCE,
  "purchaseOrder.read": ALL,
  "purchaseOrder.write": LEADS,
  "purchaseOrder.recordMilestone": ALL,
  "purchaseOrder.approve": LEADS,
  "purchaseOrder.delete": FINANCE,
  "expense.read": ALL,
  "expense.write": LEADS,
  "statistics.read": LEADS,
  "job.read": FINANCE,
  "job.retry": FINANCE,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return ALL_PERMISSIONS.filter((permission) => can(role, permission));
}

/**
 * The one refusal of a missing permission, in the same words for every way in (procedures,
 * use cases that check an action's own permissions, the file endpoints).
 */
export function assertCan(role: Role, permission: Permission): void {
  if (can(role, permission)) return;
  throw new AppError(
    "FORBIDDEN",
    appMessage("auth.roleMayNot", { role: termParam("role", role), permission }),
    { details: { permission } },
  );
}
