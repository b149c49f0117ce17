import * as services from "@ledgerline/services";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

/**
 * The approval inbox: what waits for the signed-in person (docs/domain-model.md §5.9). Every role
 * may ask; the use case narrows by role and person (a team member's inbox is empty).
 */
export const approvalsRouter = router({
  inbox: permittedProcedure("purchaseOrder.read").query(({ ctx }) =>
    services.approvalInbox(ctx.db, ctx.actor),
  ),
});
