import { updateCompanySettingsInputSchema } from "@ledgerline/domain";
import { getCompanySettings, updateCompanySettings } from "@ledgerline/services";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

export const settingsRouter = router({
  get: permittedProcedure("settings.read").query(({ ctx }) => getCompanySettings(ctx.db)),
  update: permittedProcedure("settings.manage")
    .input(updateCompanySettingsInputSchema)
    .mutation(({ ctx, input }) => updateCompanySettings(ctx.db, ctx.actor, input)),
});
