import {
  byIdInputSchema,
  createInvoiceGroupInputSchema,
  listEligibleInvoicesInputSchema,
  addInvoiceToGroupInputSchema,
  removeInvoiceFromGroupInputSchema,
  listInvoiceGroupsInputSchema,
  transitionInvoiceGroupInputSchema,
  updateInvoiceGroupInputSchema,
} from "@ledgerline/domain";
import * as services from "@ledgerline/services";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

const read = permittedProcedure("invoiceGroup.read");
const write = permittedProcedure("invoiceGroup.write");
const remove = permittedProcedure("invoiceGroup.delete");

/**
 * Invoice groups (seed 004 §3; docs/api.md maps each seed endpoint to its procedure). Each
 * procedure calls one use case in @ledgerline/services, which checks what the group allows now
 * with the domain's `invoiceGroupAllowedActions`.
 */
export const invoiceGroupsRouter = router({
  list: read
    .input(listInvoiceGroupsInputSchema)
    .query(({ ctx, input }) => services.listInvoiceGroups(ctx.db, ctx.actor, input)),
  get: read
    .input(byIdInputSchema)
    .query(({ ctx, input }) => services.getInvoiceGroup(ctx.db, ctx.actor, input.id)),
  eligibleInvoices: read
    .input(listEligibleInvoicesInputSchema)
    .query(({ ctx, input }) => services.listEligibleInvoices(ctx.db, input)),

  create: write
    .input(createInvoiceGroupInputSchema)
    .mutation(({ ctx, input }) => services.createInvoiceGroup(ctx.db, ctx.actor, input)),
  update: write
    .input(updateInvoiceGroupInputSchema)
    .mutation(({ ctx, input }) => services.updateInvoiceGroup(ctx.db, ctx.actor, input)),
  addInvoice: write
    .input(addInvoiceToGroupInputSchema)
    .mutation(({ ctx, input }) => services.addInvoiceToGroup(ctx.db, ctx.actor, input)),
  removeInvoice: write
    .input(removeInvoiceFromGroupInputSchema)
    .mutation(({ ctx, input }) => services.removeInvoiceFromGroup(ctx.db, ctx.actor, input)),
  /** Issue or cancel; issuing queues the group's PDF (`onRecordsIssued`, docs/domain-model.md §5.10). */
  transition: write
    .input(transitionInvoiceGroupInputSchema)
    .mutation(({ ctx, input }) => services.transitionInvoiceGroup(ctx.db, ctx.actor, input)),
  /** Archive (any group but a draft) or restore it from the archive (docs/domain-model.md §5.10). */
  archive: write
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) =>
      services.setInvoiceGroupArchived(ctx.db, ctx.actor, input.id, true),
    ),
  restore: write
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) =>
      services.setInvoiceGroupArchived(ctx.db, ctx.actor, input.id, false),
    ),
  /** A draft is removed (`removed: true`); any other group is soft-deleted, kept with its number. */
  delete: remove
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) => services.deleteInvoiceGroup(ctx.db, ctx.actor, input.id)),
  restoreDeleted: remove
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) => services.restoreDeletedInvoiceGroup(ctx.db, ctx.actor, input.id)),
});
