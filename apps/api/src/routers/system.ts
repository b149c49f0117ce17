import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";
import { readWorkerHeartbeat } from "../http/health.ts";

export const systemRouter = router({
  /** The worker's last heartbeat, for the job monitor and the admin status line. */
  workerStatus: permittedProcedure("job.read").query(({ ctx }) =>
    readWorkerHeartbeat(ctx.redis, ctx.env.QUEUE_PREFIX),
  ),
});
