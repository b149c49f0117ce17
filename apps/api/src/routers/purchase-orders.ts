import {
  addDisbursementInputSchema,
  byIdInputSchema,
  createPurchaseOrderInputSchema,
  listPurchaseOrdersInputSchema,
  batchApprovePurchaseOrdersInputSchema,
  batchDeletePurchaseOrdersInputSchema,
  listDisbursementItemsInputSchema,
  listPurchaseOrderCommitmentsInputSchema,
  listPurchaseOrderMilestonesInputSchema,
  recordMilestoneInputSchema,
  transitionPurchaseOrderInputSchema,
  updateDisbursementInputSchema,
  updateMilestoneInputSchema,
  updatePurchaseOrderInputSchema,
} from "@ledgerline/domain";
import * as services from "@ledgerline/services";
import { enqueuePurchaseOrderBatch } from "../jobs/purchase-order-batches.ts";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

const read = permittedProcedure("purchaseOrder.read");
const write = permittedProcedure("purchaseOrder.write");
const approve = permittedProcedure("purchaseOrder.approve");
const remove = permittedProcedure("purchaseOrder.delete");
const recordMilestone = permittedProcedure("purchaseOrder.recordMilestone");

/** Seed 004 §5: a PO's milestones, in percentage order. */
const milestonesRouter = router({
  list: read
    .input(listPurchaseOrderMilestonesInputSchema)
    .query(({ ctx, input }) => services.listPurchaseOrderMilestones(ctx.db, input)),
  record: recordMilestone.input(recordMilestoneInputSchema).mutation(({ ctx, input }) =>
    services.recordPurchaseOrderMilestone(ctx.db, ctx.actor, input, {
      ipAddress: ctx.request.ipAddress,
    }),
  ),
  update: recordMilestone
    .input(updateMilestoneInputSchema)
    .mutation(({ ctx, input }) => services.updatePurchaseOrderMilestone(ctx.db, ctx.actor, input)),
});

/** Seed 004 §6: a PO's disbursement items, by item type. */
const disbursementsRouter = router({
  list: read
    .input(listDisbursementItemsInputSchema)
    .query(({ ctx, input }) => services.listDisbursementItems(ctx.db, input)),
  add: write
    .input(addDisbursementInputSchema)
    .mutation(({ ctx, input }) => services.addDisbursementItem(ctx.db, ctx.actor, input)),
  update: write
    .input(updateDisbursementInputSchema)
    .mutation(({ ctx, input }) => services.updateDisbursementItem(ctx.db, ctx.actor, input)),
  delete: remove
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) => services.deleteDisbursementItem(ctx.db, ctx.actor, input)),
});

/**
 * Purchase orders (seed 004 §4-§6; docs/api.md maps each seed endpoint to its procedure). Each
 * procedure calls one use case in @ledgerline/services. Where an action needs more than the
 * procedure's permission (approve, mark paid, a team member's milestone on a PO they manage), the
 * use case checks it with the domain's `purchaseOrderAllowedActions`.
 */
export const purchaseOrdersRouter = router({
  list: read
    .input(listPurchaseOrdersInputSchema)
    .query(({ ctx, input }) => services.listPurchaseOrders(ctx.db, ctx.actor, input)),
  get: read
    .input(byIdInputSchema)
    .query(({ ctx, input }) => services.getPurchaseOrder(ctx.db, ctx.actor, input.id)),
  commitments: read
    .input(listPurchaseOrderCommitmentsInputSchema)
    .query(({ ctx, input }) => services.purchaseOrderCommitments(ctx.db, input)),

  create: write
    .input(createPurchaseOrderInputSchema)
    .mutation(({ ctx, input }) => services.createPurchaseOrder(ctx.db, ctx.actor, input)),
  update: write
    .input(updatePurchaseOrderInputSchema)
    .mutation(({ ctx, input }) => services.updatePurchaseOrder(ctx.db, ctx.actor, input)),
  transition: write
    .input(transitionPurchaseOrderInputSchema)
    .mutation(({ ctx, input }) => services.transitionPurchaseOrder(ctx.db, ctx.actor, input)),
  approve: approve
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) => services.approvePurchaseOrder(ctx.db, ctx.actor, input.id)),
  archive: write
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) =>
      services.setPurchaseOrderArchived(ctx.db, ctx.actor, input.id, true),
    ),
  restore: write
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) =>
      services.setPurchaseOrderArchived(ctx.db, ctx.actor, input.id, false),
    ),
  delete: remove
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) => services.deletePurchaseOrder(ctx.db, ctx.actor, input.id)),
  restoreDeleted: remove
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) =>
      services.restoreDeletedPurchaseOrder(ctx.db, ctx.actor, input.id),
    ),

  batchApprove: approve
    .input(batchApprovePurchaseOrdersInputSchema)
    .mutation(({ ctx, input }) =>
      services.runPurchaseOrderBatch(ctx.db, ctx.actor, "approve", input, (batchId) =>
        enqueuePurchaseOrderBatch(ctx.purchaseOrderBatchJobs, batchId),
      ),
    ),
  batchDelete: remove
    .input(batchDeletePurchaseOrdersInputSchema)
    .mutation(({ ctx, input }) =>
      services.runPurchaseOrderBatch(ctx.db, ctx.actor, "delete", input, (batchId) =>
        enqueuePurchaseOrderBatch(ctx.purchaseOrderBatchJobs, batchId),
      ),
    ),
  batchStatus: read
    .input(byIdInputSchema)
    .query(({ ctx, input }) => services.getPurchaseOrderBatch(ctx.db, input)),

  milestones: milestonesRouter,
  disbursements: disbursementsRouter,
});
