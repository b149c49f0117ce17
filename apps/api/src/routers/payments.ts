import {
  byIdInputSchema,
  createPaymentInputSchema,
  listPaymentsInputSchema,
  listReceivedPaymentsInputSchema,
  updatePaymentInputSchema,
} from "@ledgerline/domain";
import * as services from "@ledgerline/services";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

const read = permittedProcedure("payment.read");
const write = permittedProcedure("payment.write");

/**
 * Payments received on invoices and refunds paid out on credit notes (seed 000 §1.2 payment
 * endpoints). Every change re-derives the document's status (and for a refund its invoice's) in
 * the same transaction and returns the document as `salesDocuments.get` does.
 */
export const paymentsRouter = router({
  create: write
    .input(createPaymentInputSchema)
    .mutation(({ ctx, input }) => services.createPayment(ctx.db, ctx.actor, input)),
  listByDocument: read
    .input(listPaymentsInputSchema)
    .query(({ ctx, input }) => services.listPayments(ctx.db, input)),
  /** The payments received on invoices in a period, with totals per currency (home's "paid"). */
  received: read
    .input(listReceivedPaymentsInputSchema)
    .query(({ ctx, input }) => services.listReceivedPayments(ctx.db, input)),
  get: read.input(byIdInputSchema).query(({ ctx, input }) => services.getPayment(ctx.db, input.id)),
  update: write
    .input(updatePaymentInputSchema)
    .mutation(({ ctx, input }) => services.updatePayment(ctx.db, ctx.actor, input)),
  delete: write
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) => services.deletePayment(ctx.db, ctx.actor, input.id)),
});
