import { can, ROLES } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { homePathFor, isActivePath, navigationFor } from "./navigation.ts";

const pathsFor = (role: (typeof ROLES)[number]) =>
  navigationFor(role).flatMap((section) => section.items.map((item) => item.to));

describe("the side navigation follows the role", () => {
  it("shows administration to admin and finance (seed 004: full access), not to team leads", () => {
    const everything = [
      "/home",
      "/customers",
      "/projects",
      "/suppliers",
      "/expenses",
      "/invoices",
      "/quotes",
      "/invoice-groups",
      "/statistics",
      "/approvals",
      "/purchase-orders",
      "/purchasing",
    ];
    for (const role of ["admin", "finance"] as const) {
      expect(pathsFor(role)).toEqual([
        ...everything,
        "/admin/users",
        "/admin/api-tokens",
        "/settings",
      ]);
    }
    expect(pathsFor("team_lead")).toEqual(everything);
    expect(navigationFor("team_lead").map((section) => section.label)).toEqual([
      "nav.overview",
      "nav.records",
      "nav.sales",
      "nav.purchasing",
    ]);
  });

  it("shows expenses to every role (expense.read)", () => {
    for (const role of ROLES) expect(pathsFor(role)).toContain("/expenses");
  });

  it("shows the home page and statistics to every role (seed 004: team members read)", () => {
    expect(pathsFor("team_member")).toEqual([
      "/home",
      "/customers",
      "/projects",
      "/suppliers",
      "/expenses",
      "/invoices",
      "/quotes",
      "/invoice-groups",
      "/statistics",
      "/approvals",
      "/purchase-orders",
      "/purchasing",
    ]);
  });

  it("starts those who see the company's figures on the home page, everyone else on the customers", () => {
    for (const role of ROLES) {
      expect(homePathFor(role)).toBe(can(role, "statistics.read") ? "/home" : "/customers");
    }
    expect(homePathFor("team_member")).toBe("/home");
  });

  it("marks an entry active on its own pages only", () => {
    expect(isActivePath("/customers", "/customers/123")).toBe(true);
    expect(isActivePath("/customers", "/customers")).toBe(true);
    expect(isActivePath("/customers", "/customers-archive")).toBe(false);
  });
});
