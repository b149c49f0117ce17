import { describe, expect, it } from "vitest";
import {
  ALL_PERMISSIONS,
  assertLimitedUpdate,
  PERMISSIONS,
  can,
  permissionsOf,
  type Permission,
} from "./permissions.ts";
import { ROLES, type Role } from "./roles.ts";

/**
 * The permission table of seed 004's Permissions section, written out per role on purpose:
 * changing what a role may do takes an edit in permissions.ts *and* here.
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
    "expense.delete",
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
    "expense.delete",
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
    "statistics.read",
  ],
};

const sorted = (permissions: readonly Permission[]) => [...permissions].sort();

describe("permission table", () => {
  it.each(ROLES)("gives %s exactly the permissions of the design brief", (role) => {
    expect(sorted(permissionsOf(role))).toEqual(sorted(EXPECTED[role]));
  });

  it("gives admin every permission", () => {
    expect(sorted(permissionsOf("admin"))).toEqual(sorted(ALL_PERMISSIONS));
    expect(ALL_PERMISSIONS).toHaveLength(38);
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

  it("gives finance full access, as seed 004 says: exactly what admin has", () => {
    expect(sorted(permissionsOf("finance"))).toEqual(sorted(permissionsOf("admin")));
    for (const permission of ["user.manage", "apiToken.manage", "settings.manage"] as const) {
      expect(ROLES.filter((role) => can(role, permission))).toEqual(["admin", "finance"]);
    }
  });

  it("lets team leads delete nothing: every delete permission is admin and finance only", () => {
    const deletes = ALL_PERMISSIONS.filter((permission) => permission.endsWith(".delete"));
    expect(sorted(deletes)).toEqual([
      "customer.delete",
      "expense.delete",
      "invoiceGroup.delete",
      "project.delete",
      "purchaseOrder.delete",
      "salesDocument.delete",
      "supplier.delete",
    ]);
    for (const permission of deletes) {
      expect(
        ROLES.filter((role) => can(role, permission)),
        permission,
      ).toEqual(["admin", "finance"]);
    }
  });

  it("names a team member's fields for each limited update, and nothing more", () => {
    expect(() =>
      assertLimitedUpdate("team_member", "salesDocument.annotate", ["notes"]),
    ).not.toThrow();
    expect(() =>
      assertLimitedUpdate("team_member", "salesDocument.annotate", ["notes", "terms"]),
    ).toThrow(/salesDocument\.write/);
    expect(() =>
      assertLimitedUpdate("team_lead", "salesDocument.annotate", ["notes", "terms"]),
    ).not.toThrow();
    expect(() =>
      assertLimitedUpdate("team_member", "purchaseOrder.recordMilestone", ["percentage"]),
    ).toThrow(/purchaseOrder\.write/);
  });

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
