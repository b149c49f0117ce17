import { Prisma } from "@ledgerline/db";
import { purchaseOrderInboxScope } from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { personIdOf } from "../sales-documents/company-context.ts";
import { AWAITING_APPROVAL_SQL, PAYABLE_TOTAL_SQL } from "./purchase-order-read-model.ts";

/**
 * The POs (as `po`) that wait for `actor`'s approval: completed or disputed with something to
 * pay, neither archived nor deleted, in the person's scope (`purchaseOrderInboxScope`: all for
 * admin, finance and the system; for a team lead the POs they manage, as the PO's project manager
 * or its project's manager; none for a role that approves no PO). The one home of that set: the
 * approval inbox shows it and the list's `approval=waitingForMe` (the inbox's "open the list")
 * pages through it.
 */
export function waitingForApprovalOf(actor: Actor): Prisma.Sql {
  const scope = purchaseOrderInboxScope(actor.kind === "system" ? undefined : actor.role);
  if (scope === "none") return Prisma.sql`false`;
  const waiting = Prisma.sql`${AWAITING_APPROVAL_SQL}
    AND po.archived_at IS NULL AND po.deleted_at IS NULL
    AND ${PAYABLE_TOTAL_SQL} > 0`;
  if (scope === "all") return waiting;
  const me = personIdOf(actor);
  return Prisma.sql`${waiting}
    AND (po.project_manager_id = ${me}::uuid
         OR EXISTS (SELECT FROM projects managed
                    WHERE managed.id = po.project_id AND managed.manager_id = ${me}::uuid))`;
}
