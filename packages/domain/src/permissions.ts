import { AppError } from "./errors.ts";
import { appMessage, termParam } from "./messages.ts";
import type { Role } from "./roles.ts";

/**
 * The one permission table. Every tRPC procedure names exactly one of these permissions through
 * its base procedure; screens ask the same table what to offer. docs/domain-model.md mirrors it.
 *
 * Seed 004's Permissions section, as written: admin and finance have full access (users, API
 * tokens and company settings included); team leads create, read, update and approve invoices
 * and purchase orders, transform and cancel sales orders and manage line items, groups,
 * milestones and disbursements, and delete nothing; team members read, and update only the
 * fields named in `TEAM_MEMBER_FIELDS`.
 */
const ALL: readonly Role[] = ["admin", "finance", "team_lead", "team_member"];
const LEADS: readonly Role[] = ["admin", "finance", "team_lead"];
/** Admin and finance: seed 004's "full access". Every `*.delete` permission is theirs alone. */
const FINANCE: readonly Role[] = ["admin", "finance"];

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
  "user.manage": FINANCE,
  "apiToken.manage": FINANCE,
  "settings.read": ALL,
  "settings.manage": FINANCE,
  "audit.read": FINANCE,
  "salesDocument.read": ALL,
  "salesDocument.write": LEADS,
  "salesDocument.annotate": ALL,
  "salesDocument.approve": LEADS,
  /** Team leads delete nothing (seed 004): neither drafts nor issued documents. */
  "salesDocument.delete": FINANCE,
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
  /** Deleting an expense or its receipt: team leads delete nothing (seed 004). */
  "expense.delete": FINANCE,
  /** Seed 004 gives team members read access: the figures are sums of what they may read. */
  "statistics.read": ALL,
  "job.read": FINANCE,
  "job.retry": FINANCE,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Seed 004's "limited update access (specific fields only)" for team members: the only fields a
 * role without the record's write permission may change, per permission. The services refuse
 * any other field of the same call unless the caller also holds the write permission named
 * here; docs/domain-model.md §7 repeats the list.
 */
export const TEAM_MEMBER_FIELDS = {
  /** A sales document's internal notes, in any status (never its terms or anything printed). */
  "salesDocument.annotate": { fields: ["notes"], otherwise: "salesDocument.write" },
  /**
   * A milestone's notes and its confirmation, on a purchase order the person manages as its
   * project manager; never the percentage, the amount or anything of the PO itself.
   */
  "purchaseOrder.recordMilestone": {
    fields: ["notes", "confirmed"],
    otherwise: "purchaseOrder.write",
  },
} as const satisfies Partial<
  Record<Permission, { fields: readonly string[]; otherwise: Permission }>
>;

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

/**
 * Enforces `TEAM_MEMBER_FIELDS`: a call made under a limited-update permission may change the
 * fields listed for it; any other changed field needs the record's write permission as well.
 */
export function assertLimitedUpdate(
  role: Role,
  permission: keyof typeof TEAM_MEMBER_FIELDS,
  changedFields: readonly string[],
): void {
  const limited = TEAM_MEMBER_FIELDS[permission];
  assertCan(role, permission);
  const allowed: readonly string[] = limited.fields;
  if (changedFields.some((field) => !allowed.includes(field))) assertCan(role, limited.otherwise);
}
