import { byIdInputSchema, createApiTokenInputSchema } from "@ledgerline/domain";
import { createApiToken, listApiTokens, revokeApiToken } from "@ledgerline/services";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

const manageTokens = permittedProcedure("apiToken.manage");

export const apiTokensRouter = router({
  list: manageTokens.query(({ ctx }) => listApiTokens(ctx.db)),
  /** Returns the secret once; it cannot be read again. Only a signed-in person creates one. */
  create: manageTokens
    .input(createApiTokenInputSchema)
    .mutation(({ ctx, input }) => createApiToken(ctx.db, ctx.actor, input)),
  revoke: manageTokens
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) => revokeApiToken(ctx.db, ctx.actor, input.id)),
});
