/** The four roles of Ledgerline. A user and an API token each hold exactly one. */
export const ROLES = ["admin", "finance", "team_lead", "team_member"] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role =>
  typeof value === "string" && (ROLES as readonly string[]).includes(value);
