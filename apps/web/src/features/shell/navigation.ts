import { can, type Permission, type Role } from "@ledgerline/domain";
import type { MessageKey } from "../../i18n/en.ts";

/**
 * The side navigation. Each entry names the permission that opens it; the role's answer in the
 * one permission table decides whether it is shown.
 */
export interface NavigationItem {
  to: string;
  label: MessageKey;
  permission: Permission;
  icon:
    | "home"
    | "customers"
    | "projects"
    | "suppliers"
    | "expenses"
    | "invoices"
    | "quotes"
    | "statistics"
    | "approvals"
    | "purchaseOrders"
    | "purchasing"
    | "users"
    | "tokens"
    | "settings";
}

export interface NavigationSection {
  label: MessageKey;
  items: NavigationItem[];
}

export const NAVIGATION: readonly NavigationSection[] = [
  {
    // The home page: what needs doing today, for those who see the company's figures; it is
    // the first entry, so it is where they land after signing in (`homePathFor`).
    label: "nav.overview",
    items: [{ to: "/home", label: "nav.today", permission: "statistics.read", icon: "home" }],
  },
  {
    label: "nav.records",
    items: [
      { to: "/customers", label: "nav.customers", permission: "customer.read", icon: "customers" },
      { to: "/projects", label: "nav.projects", permission: "project.read", icon: "projects" },
      { to: "/suppliers", label: "nav.suppliers", permission: "supplier.read", icon: "suppliers" },
      { to: "/expenses", label: "nav.expenses", permission: "expense.read", icon: "expenses" },
    ],
  },
  {
    label: "nav.sales",
    items: [
      {
        to: "/invoices",
        label: "nav.invoices",
        permission: "salesDocument.read",
        icon: "invoices",
      },
      { to: "/quotes", label: "nav.quotes", permission: "salesDocument.read", icon: "quotes" },
      {
        to: "/invoice-groups",
        label: "nav.invoiceGroups",
        permission: "invoiceGroup.read",
        icon: "invoices",
      },
      {
        to: "/statistics",
        label: "nav.statistics",
        permission: "statistics.read",
        icon: "statistics",
      },
    ],
  },
  {
    label: "nav.purchasing",
    items: [
      {
        to: "/approvals",
        label: "nav.approvals",
        permission: "purchaseOrder.read",
        icon: "approvals",
      },
      {
        to: "/purchase-orders",
        label: "nav.purchaseOrders",
        permission: "purchaseOrder.read",
        icon: "purchaseOrders",
      },
      {
        to: "/purchasing",
        label: "nav.purchasingOverview",
        permission: "purchaseOrder.read",
        icon: "purchasing",
      },
    ],
  },
  {
    label: "nav.administration",
    items: [
      { to: "/admin/users", label: "nav.users", permission: "user.manage", icon: "users" },
      {
        to: "/admin/api-tokens",
        label: "nav.apiTokens",
        permission: "apiToken.manage",
        icon: "tokens",
      },
      { to: "/settings", label: "nav.settings", permission: "settings.manage", icon: "settings" },
    ],
  },
];

/** The sections and entries `role` may open; a section with nothing left is dropped. */
export function navigationFor(role: Role): NavigationSection[] {
  return NAVIGATION.map((section) => ({
    ...section,
    items: section.items.filter((item) => can(role, item.permission)),
  })).filter((section) => section.items.length > 0);
}

/** Where "/" leads: the first screen the role may open. */
export function homePathFor(role: Role): string {
  return navigationFor(role)[0]?.items[0]?.to ?? "/customers";
}

/** The entry a path belongs to ("/customers/123" belongs to "/customers"). */
export const isActivePath = (itemPath: string, pathname: string): boolean =>
  pathname === itemPath || pathname.startsWith(`${itemPath}/`);
