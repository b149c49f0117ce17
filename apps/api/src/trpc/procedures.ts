import { AppError, appMessage, assertCan, type Permission } from "@ledgerline/domain";
import { TRPCError } from "@trpc/server";
import { baseProcedure } from "./init.ts";

/**
 * The named base procedures. A router never checks roles itself: it picks one of these, and
 * the permission it names is looked up in the one table (packages/domain/src/permissions.ts).
 */
export const publicProcedure = baseProcedure.meta({ access: "public" });

const requireAuth = baseProcedure.use(({ ctx, next }) => {
  // The refusal /files answers with too (http/uploads.ts `signedIn`), by key for the web.
  if (!ctx.auth) throw new AppError("UNAUTHORIZED", appMessage("auth.signInRequired"));
  return next({ ctx: { ...ctx, auth: ctx.auth, actor: ctx.auth.actor } });
});

/** Any signed-in person or token, whatever the role (own profile, sign out). */
export const authenticatedProcedure = requireAuth.meta({ access: "authenticated" });

/** Only a signed-in person (not an API token): password and session matters. */
export const sessionProcedure = authenticatedProcedure.use(({ ctx, next }) => {
  if (ctx.auth.via !== "session") {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Only a signed-in person can do this, not an API token.",
    });
  }
  return next({ ctx: { ...ctx, auth: ctx.auth, actor: ctx.auth.actor } });
});

/** A procedure that needs `permission`; its role check is the table's answer. */
export function permittedProcedure(permission: Permission) {
  return requireAuth.meta({ access: "permission", permission }).use(({ ctx, next }) => {
    assertCan(ctx.auth.role, permission);
    return next();
  });
}
