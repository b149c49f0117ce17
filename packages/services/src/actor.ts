import type { Role } from "@ledgerline/domain";

/**
 * Who is acting. Every use case that changes data takes one, so the audit trail can say who
 * did it: a signed-in person, an internal program with an API token, or the system (jobs, seed).
 */
export type Actor =
  | { kind: "user"; userId: string; role: Role; name: string }
  | { kind: "apiToken"; apiTokenId: string; role: Role; name: string }
  | { kind: "system"; name: string };

export const systemActor = (name: string): Actor => ({ kind: "system", name });
