import {
  byIdInputSchema,
  createExpenseInputSchema,
  getExpenseKpisInputSchema,
  listExpensesInputSchema,
  updateExpenseInputSchema,
} from "@ledgerline/domain";
import * as services from "@ledgerline/services";
import { router } from "../trpc/init.ts";
import { permittedProcedure } from "../trpc/procedures.ts";

const read = permittedProcedure("expense.read");
const write = permittedProcedure("expense.write");
/** Team leads delete nothing (seed 004): deleting an expense or a receipt is admin and finance. */
const remove = permittedProcedure("expense.delete");

/**
 * Expenses (seed 000 §2). Receipts are uploaded and downloaded over plain HTTP (http/uploads.ts:
 * a file is no JSON body); here they are listed (in `get`) and deleted. The KPIs are statistics,
 * so they need `statistics.read` as the invoice statistics do (domain model, section 7).
 */
export const expensesRouter = router({
  list: read
    .input(listExpensesInputSchema)
    .query(({ ctx, input }) => services.listExpenses(ctx.db, input)),
  get: read.input(byIdInputSchema).query(({ ctx, input }) => services.getExpense(ctx.db, input.id)),
  create: write
    .input(createExpenseInputSchema)
    .mutation(({ ctx, input }) => services.createExpense(ctx.db, ctx.actor, input)),
  update: write
    .input(updateExpenseInputSchema)
    .mutation(({ ctx, input }) =>
      services.updateExpense(ctx.db, ctx.actor, input.id, input.values),
    ),
  delete: remove
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) => services.deleteExpense(ctx.db, ctx.files, ctx.actor, input.id)),
  kpis: permittedProcedure("statistics.read")
    .input(getExpenseKpisInputSchema)
    .query(({ ctx, input }) => services.expenseKpis(ctx.db, input)),
  deleteReceipt: remove
    .input(byIdInputSchema)
    .mutation(({ ctx, input }) =>
      services.deleteExpenseReceipt(ctx.db, ctx.files, ctx.actor, input.id),
    ),
});
