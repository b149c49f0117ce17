import {
  changeRoleInputSchema,
  createUserInputSchema,
  setUserActiveInputSchema,
} from "@ledgerline/domain";
import {
  changeUserRole,
  createUser,
  listAssignableUsers,
  listUsers,
  setUserActive,
} from "@ledgerline/services";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

const manageUsers = permittedProcedure("user.manage");

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
    listAssignableUsers(ctx.db),
  ),
});
