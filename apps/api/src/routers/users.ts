import {
  changeRoleInputSchema,
  createApiTokenInputSchema,
  createUserInputSchema,
  idSchema,
  setUserActiveInputSchema,
} from "@ledgerline/domain";
import {
  changeUserRole,
  createApiToken,
  createUser,
  listApiTokens,
  listUsers,
  revokeApiToken,
  setUserActive,
} from "@ledgerline/services";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

const manageUsers = permittedProcedure("user.manage");
const manageTokens = permittedProcedure("apiToken.manage");

export const usersRouter = router({
  list: manageUsers.query(({ ctx }) => listUsers(ctx.db)),
  create: manageUsers
    .input(createUserInputSchema)
    .mutation(({ ctx, input }) => createUser(ctx.db, ctx.actor, input)),
  changeRole: manageUsers
    .input(changeRoleInputSchema)
    .mutation(({ ctx, input }) => changeUserRole(ctx.db, ctx.actor, input)),
  setActive: manageUsers
    .input(setUserActiveInputSchema)
    .mutation(({ ctx, input }) => setUserActive(ctx.db, ctx.actor, input)),
  /** People a project can be assigned to (any signed-in role may pick a manager). */
  listAssignable: permittedProcedure("project.read").query(({ ctx }) =>
    ctx.db.user.findMany({
      where: { active: true },
      select: { id: true, name: true, role: true },
      orderBy: { name: "asc" },
    }),
  ),
});

export const apiTokensRouter = router({
  list: manageTokens.query(({ ctx }) => listApiTokens(ctx.db)),
  /** Returns the secret once; it cannot be read again. */
  create: manageTokens.input(createApiTokenInputSchema).mutation(({ ctx, input }) => {
    if (ctx.actor.kind !== "user") {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "API tokens are created by a signed-in administrator.",
      });
    }
    return createApiToken(ctx.db, ctx.actor, input);
  }),
  revoke: manageTokens
    .input(z.object({ id: idSchema }))
    .mutation(({ ctx, input }) => revokeApiToken(ctx.db, ctx.actor, input.id)),
});
