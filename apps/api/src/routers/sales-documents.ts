import {
  addBillableExpensesInputSchema,
  addSalesDocumentItemInputSchema,
  annotateSalesDocumentInputSchema,
  bulkUpdateSalesDocumentStatusInputSchema,
  byIdInputSchema,
  cancelSalesDocumentInputSchema,
  submitSalesDocumentInputSchema,
  convertSalesDocumentInputSchema,
  createSalesDocumentInputSchema,
  createCreditNoteInputSchema,
  getByNumberInputSchema,
  issueSalesDocumentInputSchema,
  listSalesDocumentsInputSchema,
  returnSalesDocumentToDraftInputSchema,
  refundInvoiceInputSchema,
  getSalesDocumentSelectionTotalsInputSchema,
  updateSalesDocumentInputSchema,
  approveSalesDocumentInputSchema,
  acceptQuoteInputSchema,
  declineQuoteInputSchema,
  cancelWithDocumentInputSchema,
  removeSalesDocumentItemInputSchema,
  getSalesDocumentItemInputSchema,
  listSalesDocumentItemsInputSchema,
  getSalesDocumentStatisticsInputSchema,
  updateSalesDocumentStatusInputSchema,
  updateDraftInputSchema,
  updateSalesDocumentItemInputSchema,
} from "@ledgerline/domain";
import * as services from "@ledgerline/services";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

const read = permittedProcedure("salesDocument.read");
const write = permittedProcedure("salesDocument.write");

/**
 * Seed 004's item endpoints (`/v1/invoices/{uuid}/items...`): read on any document; add, update
 * and remove on drafts only, each recomputing the document's totals as the whole-draft edit does
 * (team leads manage line items, seed 004; a credit note draft needs `salesDocument.correct`).
 */
const itemsRouter = router({
  list: read
    .input(listSalesDocumentItemsInputSchema)
    .query(({ ctx, input }) => services.listSalesDocumentItems(ctx.db, input)),
  get: read
    .input(getSalesDocumentItemInputSchema)
    .query(({ ctx, input }) => services.getSalesDocumentItem(ctx.db, input)),
  add: write
    .input(addSalesDocumentItemInputSchema)
    .mutation(({ ctx, input }) => services.addSalesDocumentItem(ctx.db, ctx.actor, input)),
  update: write
    .input(updateSalesDocumentItemInputSchema)
    .mutation(({ ctx, input }) => services.updateSalesDocumentItem(ctx.db, ctx.actor, input)),
  remove: write
    .input(removeSalesDocumentItemInputSchema)
    .mutation(({ ctx, input }) => services.removeSalesDocumentItem(ctx.db, ctx.actor, input)),
});

/**
 * Sales documents: quotes, order confirmations, sales orders, pro forma, invoices, credit notes
 * and cancellations (seed 000 §1.2, seed 004's invoices and sales orders; docs/api.md maps each
 * seed endpoint to its procedure). Each procedure calls one use case in @ledgerline/services.
 * Where an action needs more than the procedure's permission (approve, correct, transform,
 * cancel a sales order), the use case checks it in the same permission table. Whatever issues a
 * document also queues its PDF, in one place for all of them (`queuePdfsOfIssuedRecords`).
 */
export const salesDocumentsRouter = router({
  list: read
    .input(listSalesDocumentsInputSchema)
    .query(({ ctx, input }) => services.listSalesDocuments(ctx.db, input, ctx.actor)),
  selectionTotals: read
    .input(getSalesDocumentSelectionTotalsInputSchema)
    .query(({ ctx, input }) => services.salesDocumentSelectionTotals(ctx.db, input, ctx.actor)),
  get: read
    .input(byIdInputSchema)
    .query(({ ctx, input }) => services.getSalesDocument(ctx.db, ctx.actor, input.id)),
  getByNumber: read
    .input(getByNumberInputSchema)
    .query(({ ctx, input }) => services.getSalesDocumentByNumber(ctx.db, ctx.actor, input.number)),
  statistics: permittedProcedure("statistics.read")
    .input(getSalesDocumentStatisticsInputSchema)
    .query(({ ctx, input }) => services.salesDocumentStatistics(ctx.db, input)),
  /** The home page: what needs doing today and the month at a glance (amounts: leads only). */
  today: permittedProcedure("statistics.read").query(({ ctx }) =>
    services.salesDocumentsToday(ctx.db),
  ),

  create: write
    .input(createSalesDocumentInputSchema)
    .mutation(({ ctx, input }) => services.createSalesDocument(ctx.db, ctx.actor, input)),
  updateDraft: write
    .input(updateDraftInputSchema)
    .mutation(({ ctx, input }) => services.updateSalesDocumentDraft(ctx.db, ctx.actor, input)),
  update: write
    .input(updateSalesDocumentInputSchema)
    .mutation(({ ctx, input }) => services.updateSalesDocumentNotes(ctx.db, ctx.actor, input)),
  annotate: permittedProcedure("salesDocument.annotate")
    .input(annotateSalesDocumentInputSchema)
    .mutation(({ ctx, input }) => services.updateSalesDocumentNotes(ctx.db, ctx.actor, input)),
  updateStatus: write
    .input(updateSalesDocumentStatusInputSchema)
    .mutation(({ ctx, input }) => services.updateSalesDocumentStatus(ctx.db, ctx.actor, input)),
  bulkStatusUpdate: write
    .input(bulkUpdateSalesDocumentStatusInputSchema)
    .mutation(({ ctx, input }) => services.bulkUpdateSalesDocumentStatus(ctx.db, ctx.actor, input)),
  recalculate: write
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) => services.recalculateSalesDocument(ctx.db, ctx.actor, input.id)),
  delete: permittedProcedure("salesDocument.delete")
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) => services.deleteSalesDocument(ctx.db, ctx.actor, input.id)),

  issue: write
    .input(issueSalesDocumentInputSchema)
    .mutation(({ ctx, input }) => services.issueSalesDocument(ctx.db, ctx.actor, input)),
  submit: write
    .input(submitSalesDocumentInputSchema)
    .mutation(({ ctx, input }) => services.submitSalesDocument(ctx.db, ctx.actor, input.id, input)),
  approve: permittedProcedure("salesDocument.approve")
    .input(approveSalesDocumentInputSchema)
    .mutation(({ ctx, input }) =>
      services.approveSalesDocument(ctx.db, ctx.actor, input.id, input),
    ),
  returnToDraft: write
    .input(returnSalesDocumentToDraftInputSchema)
    .mutation(({ ctx, input }) => services.returnSalesDocumentToDraft(ctx.db, ctx.actor, input)),
  accept: write
    .input(acceptQuoteInputSchema)
    .mutation(({ ctx, input }) => services.acceptQuote(ctx.db, ctx.actor, input)),
  decline: write
    .input(declineQuoteInputSchema)
    .mutation(({ ctx, input }) => services.declineQuote(ctx.db, ctx.actor, input)),
  cancel: write
    .input(cancelSalesDocumentInputSchema)
    .mutation(({ ctx, input }) => services.cancelSalesDocument(ctx.db, ctx.actor, input)),
  transform: permittedProcedure("salesOrder.transform")
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) => services.transformSalesOrder(ctx.db, ctx.actor, input.id)),
  convert: write
    .input(convertSalesDocumentInputSchema)
    .mutation(({ ctx, input }) => services.convertSalesDocument(ctx.db, ctx.actor, input)),
  createCreditNote: permittedProcedure("salesDocument.correct")
    .input(createCreditNoteInputSchema)
    .mutation(({ ctx, input }) => services.createCreditNote(ctx.db, ctx.actor, input)),
  cancelWithDocument: permittedProcedure("salesDocument.correct")
    .input(cancelWithDocumentInputSchema)
    .mutation(({ ctx, input }) => services.cancelWithDocument(ctx.db, ctx.actor, input)),
  /** Paid → refunded (§5.6): a full credit note and the refund payment, in one go. */
  refund: permittedProcedure("salesDocument.correct")
    .input(refundInvoiceInputSchema)
    .mutation(({ ctx, input }) => services.refundInvoice(ctx.db, ctx.actor, input)),
  archive: write
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) => services.archiveSalesDocument(ctx.db, ctx.actor, input.id)),
  restore: write
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) => services.restoreSalesDocument(ctx.db, ctx.actor, input.id)),
  /** Brings a soft-deleted document back (§5.10), with the delete permission. */
  restoreDeleted: permittedProcedure("salesDocument.delete")
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) =>
      services.restoreDeletedSalesDocument(ctx.db, ctx.actor, input.id),
    ),
  addBillableExpenses: write
    .input(addBillableExpensesInputSchema)
    .mutation(({ ctx, input }) => services.addBillableExpenses(ctx.db, ctx.actor, input)),
  items: itemsRouter,
});
