import { describe, expect, it } from "vitest";
import {
  ALL_PERMISSIONS,
  PERMISSIONS,
  can,
  permissionsOf,
  type Permission,
} from "./permissions.ts";
import { ROLES, type Role } from "./roles.ts";

/**
 * The permission table of the design brief, written out per role on purpose: changing what a
 * role may do takes an edit in permissions.ts *and* here.
 */
const EXPECTED: Record<Role, readonly Permission[]> = {
  admin: [
    "customer.read",
    "customer.write",
    "customer.delete",
    "project.read",
    "project.write",
    "project.delete",
    "supplier.read",
    "supplier.write",
    "supplier.delete",
    "user.manage",
    "apiToken.manage",
    "settings.read",
    "settings.manage",
    "audit.read",
    "salesDocument.read",
    "salesDocument.write",
    "salesDocument.annotate",
    "salesDocument.approve",
    "salesDocument.delete",
    "salesDocument.correct",
    "salesOrder.transform",
    "salesOrder.cancel",
    "invoiceGroup.read",
    "invoiceGroup.write",
    "invoiceGroup.delete",
    "payment.read",
    "payment.write",
    "purchaseOrder.read",
    "purchaseOrder.write",
    "purchaseOrder.recordMilestone",
    "purchaseOrder.approve",
    "purchaseOrder.delete",
    "expense.read",
    "expense.write",
    "statistics.read",
    "job.read",
    "job.retry",
  ],
  finance: [
    "customer.read",
    "customer.write",
    "customer.delete",
    "project.read",
    "project.write",
    "project.delete",
    "supplier.read",
    "supplier.write",
    "supplier.delete",
    "settings.read",
    "audit.read",
    "salesDocument.read",
    "salesDocument.write",
    "salesDocument.annotate",
    "salesDocument.approve",
    "salesDocument.delete",
    "salesDocument.correct",
    "salesOrder.transform",
    "salesOrder.cancel",
    "invoiceGroup.read",
    "invoiceGroup.write",
    "invoiceGroup.delete",
    "payment.read",
    "payment.write",
    "purchaseOrder.read",
    "purchaseOrder.write",
    "purchaseOrder.recordMilestone",
    "purchaseOrder.approve",
    "purchaseOrder.delete",
    "expense.read",
    "expense.write",
    "statistics.read",
    "job.read",
    "job.retry",
  ],
  team_lead: [
    "customer.read",
    "customer.write",
    "project.read",
    "project.write",
    "supplier.read",
    "supplier.write",
    "settings.read",
    "salesDocument.read",
    "salesDocument.write",
    "salesDocument.annotate",
    "salesDocument.approve",
    "salesDocument.delete",
    "salesOrder.transform",
    "salesOrder.cancel",
    "invoiceGroup.read",
    "invoiceGroup.write",
    "payment.read",
    "purchaseOrder.read",
    "purchaseOrder.write",
    "purchaseOrder.recordMilestone",
    "purchaseOrder.approve",
    "expense.read",
    "expense.write",
    "statistics.read",
  ],
  team_member: [
    "customer.read",
    "project.read",
    "supplier.read",
    "settings.read",
    "salesDocument.read",
    "salesDocument.annotate",
    "invoiceGroup.read",
    "payment.read",
    "purchaseOrder.read",
    "purchaseOrder.recordMilestone",
    "expense.read",
  ],
};

const sorted = (permissions: readonly Permission[]) => [...permissions].sort();

describe("permission table", () => {
  it("knows the four roles of the brief", () => {
    expect(ROLES).toEqual(["admin", "finance", "team_lead", "team_member"]);
  });

  it.each(ROLES)("gives %s exactly the permissions of the design brief", (role) => {
    expect(sorted(permissionsOf(role))).toEqual(sorted(EXPECTED[role]));
  });

  it("gives admin every permission", () => {
    expect(sorted(permissionsOf("admin"))).toEqual(sorted(ALL_PERMISSIONS));
    expect(ALL_PERMISSIONS).toHaveLength(37);
  });

  it("lets a team member only read, plus annotate documents and record milestones", () => {
    const beyondReading = permissionsOf("team_member").filter(
      (permission) => !permission.endsWith(".read"),
    );
    expect(sorted(beyondReading)).toEqual([
      "purchaseOrder.recordMilestone",
      "salesDocument.annotate",
    ]);
  });

  it.each(["user.manage", "apiToken.manage", "settings.manage"] as const)(
    "grants %s to admin only",
    (permission) => {
      expect(ROLES.filter((role) => can(role, permission))).toEqual(["admin"]);
    },
  );

  it("keeps audit, corrections, payments, deletes and the job monitor from team leads", () => {
    const financeOnly: Permission[] = [
      "audit.read",
      "salesDocument.correct",
      "payment.write",
      "customer.delete",
      "project.delete",
      "supplier.delete",
      "purchaseOrder.delete",
      "job.read",
      "job.retry",
    ];
    for (const permission of financeOnly) {
      expect(
        ROLES.filter((role) => can(role, permission)),
        permission,
      ).toEqual(["admin", "finance"]);
    }
  });

  it("has permissionsOf agree with can for every role and permission", () => {
    for (const role of ROLES) {
      const granted = new Set(permissionsOf(role));
      for (const permission of ALL_PERMISSIONS) {
        expect(granted.has(permission), `${role} / ${permission}`).toBe(can(role, permission));
      }
    }
  });

  it("grants every permission to at least one role, and lists only known roles", () => {
    for (const permission of ALL_PERMISSIONS) {
      const roles: readonly string[] = PERMISSIONS[permission];
      expect(roles.length, permission).toBeGreaterThan(0);
      for (const role of roles) expect(ROLES, permission).toContain(role);
    }
  });

  it("names every permission <resource>.<action>", () => {
    for (const permission of ALL_PERMISSIONS)
      expect(permission).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
  });
});
