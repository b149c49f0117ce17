import type { Role } from "@ledgerline/domain";

/**
 * Who is acting. Every use case that changes data takes one, so the audit trail can say who
 * did it: a signed-in person, a person through one of their API tokens, or the system (jobs,
 * seed).
 *
 * A token acts as the person who owns it: `userId` is that person (four-eyes rules and the
 * audit trail compare persons), and `role` is the lower of the token's role and the owner's
 * current role, looked up with the token on every request (`resolveApiToken`).
 */
export type Actor =
  | { kind: "user"; userId: string; role: Role; name: string }
  | {
      kind: "apiToken";
      apiTokenId: string;
      apiTokenName: string;
      /** The owner: the person the token acts as. */
      userId: string;
      /** The role the call is checked with: never above the owner's current role. */
      role: Role;
      /** The owner's name. */
      name: string;
    }
  | { kind: "system"; name: string };

export const systemActor = (name: string): Actor => ({ kind: "system", name });
