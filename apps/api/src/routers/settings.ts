import { updateCompanySettingsInputSchema } from "@ledgerline/domain";
import {
  getCompanySettings,
  listAuditEvents,
  listAuditEventsInputSchema,
  updateCompanySettings,
} from "@ledgerline/services";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";
import { readWorkerHeartbeat } from "../http/health.ts";

export const settingsRouter = router({
  get: permittedProcedure("settings.read").query(({ ctx }) => getCompanySettings(ctx.db)),
  update: permittedProcedure("settings.manage")
    .input(updateCompanySettingsInputSchema)
    .mutation(({ ctx, input }) => updateCompanySettings(ctx.db, ctx.actor, input)),
});

export const auditRouter = router({
  list: permittedProcedure("audit.read")
    .input(listAuditEventsInputSchema)
    .query(({ ctx, input }) => listAuditEvents(ctx.db, input)),
});

export const systemRouter = router({
  /** The worker's last heartbeat, for the job monitor and the admin status line. */
  workerStatus: permittedProcedure("job.read").query(({ ctx }) =>
    readWorkerHeartbeat(ctx.redis, ctx.env.QUEUE_PREFIX),
  ),
});
