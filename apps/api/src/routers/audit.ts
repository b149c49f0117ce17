import { listAuditEventsInputSchema } from "@ledgerline/domain";
import { listAuditEvents } from "@ledgerline/services";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

export const auditRouter = router({
  list: permittedProcedure("audit.read")
    .input(listAuditEventsInputSchema)
    .query(({ ctx, input }) => listAuditEvents(ctx.db, input)),
});
