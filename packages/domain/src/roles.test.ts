import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS, can, permissionsOf } from "./permissions.ts";
import { isRoleAbove, lowerRole, ROLES } from "./roles.ts";

describe("roles are nested", () => {
  // "The lower of two roles" is only sound when every role grants everything the roles below it
  // grant. If the permission table ever gives a lower role something a higher one lacks, this
  // test names the permission and lowerRole must not be used as it is.
  it("grants every permission of a role to each role above it", () => {
    for (const [index, role] of ROLES.entries()) {
      for (const lower of ROLES.slice(index + 1)) {
        for (const permission of ALL_PERMISSIONS) {
          if (can(lower, permission)) {
            expect(can(role, permission), `${lower} has ${permission}, ${role} does not`).toBe(
              true,
            );
          }
        }
      }
    }
  });

  it("makes the lower of two roles grant exactly what both grant", () => {
    for (const first of ROLES) {
      for (const second of ROLES) {
        const both = permissionsOf(first).filter((permission) => can(second, permission));
        expect(permissionsOf(lowerRole(first, second)), `${first} / ${second}`).toEqual(both);
      }
    }
  });

  it("orders the roles from admin down to team member", () => {
    expect(lowerRole("admin", "finance")).toBe("finance");
    expect(lowerRole("team_member", "team_lead")).toBe("team_member");
    expect(lowerRole("finance", "finance")).toBe("finance");
    expect(isRoleAbove("admin", "team_member")).toBe(true);
    expect(isRoleAbove("team_lead", "finance")).toBe(false);
    expect(isRoleAbove("finance", "finance")).toBe(false);
  });
});
