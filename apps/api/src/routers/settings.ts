import { previewDocumentInputSchema, updateCompanySettingsInputSchema } from "@ledgerline/domain";
import {
  getCompanyLogo,
  getCompanySettings,
  previewCompanyDocument,
  updateCompanySettings,
} from "@ledgerline/services";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

/**
 * The company settings. The logo is a file, so it travels over HTTP (`POST` and `DELETE
 * /files/company-logo`, apps/api/src/http/uploads.ts); `logo` says which one is stored.
 */
export const settingsRouter = router({
  get: permittedProcedure("settings.read").query(({ ctx }) => getCompanySettings(ctx.db)),
  update: permittedProcedure("settings.manage")
    .input(updateCompanySettingsInputSchema)
    .mutation(({ ctx, input }) => updateCompanySettings(ctx.db, ctx.actor, input)),
  /** The stored logo's name, type, size and checksum (its bytes: `GET /files/<id>`), or null. */
  logo: permittedProcedure("settings.read").query(({ ctx }) => getCompanyLogo(ctx.db)),
  /**
   * A sample invoice printed with the branding form's unsaved values: the HTML the worker would
   * print, for the settings screen's live preview. Writes nothing.
   */
  previewDocument: permittedProcedure("settings.manage")
    .input(previewDocumentInputSchema)
    .query(({ ctx, input }) => previewCompanyDocument(ctx.db, ctx.files, input)),
});
