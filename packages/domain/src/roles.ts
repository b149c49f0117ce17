/**
 * The four roles of Ledgerline, from the most to the least permitted. A user and an API token
 * each hold exactly one. The roles are nested: each grants everything the roles after it grant
 * (roles.test.ts proves it against the permission table), so "the lower of two roles" is the
 * one that grants what both grant.
 */
export const ROLES = ["admin", "finance", "team_lead", "team_member"] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role =>
  typeof value === "string" && (ROLES as readonly string[]).includes(value);

/** True when `role` grants more than `other` (admin is above finance, and so on). */
export const isRoleAbove = (role: Role, other: Role): boolean =>
  ROLES.indexOf(role) < ROLES.indexOf(other);

/**
 * The lower of two roles: what an API token may do is the lower of the token's role and its
 * owner's current role, so a token never grants more than the person behind it has today.
 */
export const lowerRole = (first: Role, second: Role): Role =>
  isRoleAbove(first, second) ? second : first;
