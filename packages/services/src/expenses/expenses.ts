import type { Db, Prisma, Tx } from "@ledgerline/db";
import {
  AppError,
  EXPENSE_CATEGORIES,
  expenseBillingProblem,
  createExpenseInputSchema,
  getExpenseKpisInputSchema,
  idSchema,
  isoDateOf,
  listExpensesInputSchema,
  mergeUpdate,
  pageOf,
  splitGrossAmount,
  toDecimal,
  updateExpenseInputSchema,
  ZERO,
  type Decimal,
  type ExpenseBillingField,
  type ExpenseCategory,
  type ExpenseFilters,
  type CreateExpenseInput,
  type GetExpenseKpisInput,
  type ExpenseValues,
  type ListExpensesInput,
  type UpdateExpenseInput,
  appMessage,
  DEFAULT_CURRENCY,
  termParam,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { removeFiles, type FileStore } from "../files/file-store.ts";
import { lockProjectCustomer } from "../shared/row-locks.ts";

/** What a receipt looks like to callers; the storage key stays inside the server. */
export const receiptSelect = {
  id: true,
  fileName: true,
  mimeType: true,
  sizeBytes: true,
  sha256: true,
  createdAt: true,
} satisfies Prisma.StoredFileSelect;

const projectSummarySelect = {
  id: true,
  number: true,
  name: true,
  customer: { select: { id: true, name: true } },
} satisfies Prisma.ProjectSelect;

const invoiceSummarySelect = {
  id: true,
  type: true,
  number: true,
  status: true,
} satisfies Prisma.SalesDocumentSelect;

const expenseListInclude = {
  project: { select: { id: true, number: true, name: true } },
  invoice: { select: { id: true, number: true, status: true } },
  _count: { select: { storedFiles: { where: { kind: "expense_receipt" } } } },
} satisfies Prisma.ExpenseInclude;

/**
 * An expense with its project, the invoice it is billed on and its receipts. One relation per
 * query: Prisma fetches several included relations at once, which inside a transaction means
 * concurrent queries on one connection (deprecated in node-postgres).
 */
async function findExpense(client: Tx | Db, id: string) {
  const expense = await client.expense.findUnique({
    where: { id },
    include: { project: { select: projectSummarySelect } },
  });
  if (!expense) throw new AppError("NOT_FOUND", appMessage("expense.notFound"));
  const invoice = expense.invoiceId
    ? await client.salesDocument.findUnique({
        where: { id: expense.invoiceId },
        select: invoiceSummarySelect,
      })
    : null;
  const storedFiles = await client.storedFile.findMany({
    where: { expenseId: id, kind: "expense_receipt" },
    select: { ...receiptSelect, storageKey: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return { ...expense, invoice, storedFiles };
}

type ExpenseDetailRow = Awaited<ReturnType<typeof findExpense>>;

/**
 * Computed on read (docs/domain-model.md §6): the net amount and the VAT contained in the gross
 * `amount` at the expense's `taxRate`, by the domain's one rule (the form shows the same live).
 */
const withVat = <T extends { amount: Decimal; taxRate: Decimal }>(expense: T) => ({
  ...expense,
  ...splitGrossAmount(expense.amount, expense.taxRate),
});

/**
 * The detail shape: receipts without their storage keys, seed 000's `is_invoiced`, and the net
 * amount and VAT in the gross amount.
 */
const toExpenseDetail = ({ storedFiles, ...expense }: ExpenseDetailRow) => ({
  ...withVat(expense),
  isInvoiced: expense.invoiceId !== null,
  receipts: storedFiles.map(({ storageKey: _storageKey, ...receipt }) => receipt),
});

const asDate = (value: string) => new Date(`${value}T00:00:00.000Z`);

/**
 * Today's calendar date on the server's clock (TZ). The company has no time zone setting yet;
 * the server runs in the company's zone.
 */
const today = (now = new Date()) =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;

/** The list's and the KPIs' filters as one WHERE, so both always count the same expenses. */
function expenseWhere(filters: ExpenseFilters): Prisma.ExpenseWhereInput {
  const conditions: Prisma.ExpenseWhereInput[] = [];
  if (filters.title) conditions.push({ title: { contains: filters.title, mode: "insensitive" } });
  if (filters.category) conditions.push({ category: filters.category });
  if (filters.projectId) conditions.push({ projectId: filters.projectId });
  if (filters.invoiceId) conditions.push({ invoiceId: filters.invoiceId });
  if (filters.fromDate) conditions.push({ expenseDate: { gte: asDate(filters.fromDate) } });
  if (filters.toDate) conditions.push({ expenseDate: { lte: asDate(filters.toDate) } });
  if (filters.isBillable !== undefined) conditions.push({ isBillable: filters.isBillable });
  if (filters.invoiced !== undefined)
    conditions.push({ invoiceId: filters.invoiced ? { not: null } : null });
  if (filters.currency) conditions.push({ currency: filters.currency });
  return conditions.length > 0 ? { AND: conditions } : {};
}

/**
 * Expenses with seed 000's filters (title, category, project, invoice, date range) and ours
 * (billable, invoiced, currency), a page of them, and the sum of the whole filtered selection
 * per currency (exact: PostgreSQL sums the numeric column).
 */
export async function listExpenses(db: Db, rawInput: ListExpensesInput) {
  const input = listExpensesInputSchema.parse(rawInput);
  const where = expenseWhere(input);
  const [rows, total, sums] = await Promise.all([
    db.expense.findMany({
      where,
      include: expenseListInclude,
      // Ties broken by creation and id so pages never overlap or skip rows.
      orderBy: [
        { [input.sortBy]: input.sortDirection },
        { createdAt: input.sortDirection },
        { id: "asc" },
      ],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
    db.expense.count({ where }),
    db.expense.groupBy({
      by: ["currency"],
      where,
      _sum: { amount: true },
      _count: { _all: true },
      orderBy: { currency: "asc" },
    }),
  ]);
  const items = rows.map(({ _count, ...expense }) => ({
    ...withVat(expense),
    isInvoiced: expense.invoiceId !== null,
    receiptCount: _count.storedFiles,
  }));
  const totals = sums.map((sum) => ({
    currency: sum.currency,
    count: sum._count._all,
    total: toDecimal(sum._sum.amount ?? 0),
  }));
  return { ...pageOf(items, total, input.page, input.pageSize), totals };
}

/** One expense with its project, the invoice it is billed on and its receipts. */
export async function getExpense(db: Db, rawId: string) {
  return toExpenseDetail(await findExpense(db, idSchema.parse(rawId)));
}

/**
 * Checks the project the form names and fills what it left out, with field errors a form can
 * show. The project is read under a share lock: while this expense is billed, the project's
 * customer is what the billing rule compares with the invoice's.
 */
async function expenseData(
  tx: Tx,
  input: ExpenseValues,
  defaults: { currency: string; expenseDate: string; taxRate: string },
) {
  const project = input.projectId ? await lockProjectCustomer(tx, input.projectId) : null;
  if (input.projectId && !project) {
    throw new AppError("BAD_REQUEST", appMessage("expense.projectNotFound"), {
      fieldErrors: { projectId: [appMessage("expense.chooseProject")] },
    });
  }
  return {
    data: {
      ...input,
      currency: input.currency ?? defaults.currency,
      expenseDate: asDate(input.expenseDate ?? defaults.expenseDate),
      taxRate: input.taxRate ?? defaults.taxRate,
    },
    projectCustomerId: project?.customerId ?? null,
  };
}

/**
 * Records an expense. Without a currency it takes the company's default currency (EUR before
 * the settings exist); without a date, today; without a VAT rate, the company's default VAT
 * rate, or 0 before the settings exist: nobody has said yet whether the company's receipts carry
 * VAT, and at 0 the expense is billed at its gross amount, so no VAT is invented.
 */
export async function createExpense(db: Db, actor: Actor, rawInput: CreateExpenseInput) {
  const input = createExpenseInputSchema.parse(rawInput);
  return db.$transaction(async (tx) => {
    const settings = await tx.companySettings.findUnique({
      where: { id: 1 },
      select: { defaultCurrency: true, defaultTaxRate: true },
    });
    const { data } = await expenseData(tx, input, {
      currency: settings?.defaultCurrency ?? DEFAULT_CURRENCY,
      expenseDate: today(),
      taxRate: (settings?.defaultTaxRate ?? ZERO).toFixed(2),
    });
    const { id } = await tx.expense.create({ data, select: { id: true } });
    const detail = toExpenseDetail(await findExpense(tx, id));
    await recordAuditEvent(tx, actor, {
      action: "create",
      entityType: "expense",
      entityId: id,
      after: detail,
    });
    return detail;
  });
}

/** The field of the expense form a billing problem is about. */
const EXPENSE_FIELD_OF: Record<ExpenseBillingField, string> = {
  isBillable: "isBillable",
  invoiceId: "invoiceId",
  projectId: "projectId",
  // The invoice's customer is not the project's: the project is what the form changed.
  customerId: "projectId",
  currency: "currency",
};

/**
 * Changes an expense (`expenses.update`): the fields sent change, the others stay as they are;
 * the expense afterwards must meet the create rules (a billable one names a project). The invoice
 * link is not changed here (billing sets it). While the expense is billed on an invoice it must
 * still fit that invoice (billable, a project of the invoice's customer and project, the
 * invoice's currency: `expenseBillingProblem`), and once that invoice is issued its amount, VAT
 * rate and currency are fixed.
 */
export async function updateExpense(
  db: Db,
  actor: Actor,
  rawId: string,
  rawValues: UpdateExpenseInput["values"],
) {
  const { id, values } = updateExpenseInputSchema.parse({ id: rawId, values: rawValues });
  return db.$transaction(async (tx) => {
    // Invoice first, then expense: the order billing and deleting take them in (no deadlock),
    // and the invoice's customer and project cannot change while this one is compared with them.
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM sales_documents
      WHERE id = (SELECT invoice_id FROM expenses WHERE id = ${id}::uuid) FOR SHARE`;
    await tx.$queryRaw`SELECT id FROM expenses WHERE id = ${id}::uuid FOR UPDATE`;
    const stored = await findExpense(tx, id);
    if (stored.invoiceId !== (locked?.id ?? null)) {
      throw new AppError("CONFLICT", appMessage("expense.changedMeanwhile"));
    }
    const before = toExpenseDetail(stored);
    const merged = mergeUpdate(createExpenseInputSchema, stored, values);
    const { data, projectCustomerId } = await expenseData(tx, merged, {
      currency: before.currency,
      expenseDate: isoDateOf(before.expenseDate),
      taxRate: before.taxRate.toFixed(2),
    });
    if (stored.invoiceId) {
      const invoice = await tx.salesDocument.findUniqueOrThrow({
        where: { id: stored.invoiceId },
        select: {
          id: true,
          number: true,
          status: true,
          customerId: true,
          projectId: true,
          currency: true,
        },
      });
      const problem = expenseBillingProblem(
        { ...data, projectCustomerId, invoiceId: invoice.id },
        invoice,
      );
      if (problem) {
        const message =
          invoice.status === "draft"
            ? appMessage("expense.billedOnDraft", { problem: { message: problem.appMessage } })
            : appMessage("expense.billedOnInvoice", {
                problem: { message: problem.appMessage },
                number: invoice.number ?? "",
              });
        throw new AppError("BAD_REQUEST", message, {
          fieldErrors: { [EXPENSE_FIELD_OF[problem.field]]: [message] },
        });
      }
      // What an issued invoice billed is fixed: its amount, VAT rate and currency change only by
      // correcting that invoice. Notes, receipts and the description stay editable.
      if (invoice.status !== "draft") {
        const message = appMessage("expense.billedFixed");
        const amountChanged =
          !before.amount.equals(data.amount) || before.currency !== data.currency;
        const rateChanged = !before.taxRate.equals(data.taxRate);
        if (amountChanged || rateChanged) {
          throw new AppError(
            "CONFLICT",
            appMessage("expense.billedAmountFixed", {
              title: before.title,
              number: invoice.number ?? "",
            }),
            {
              fieldErrors: {
                ...(amountChanged ? { amount: [message] } : {}),
                ...(rateChanged ? { taxRate: [message] } : {}),
              },
            },
          );
        }
      }
    }
    await tx.expense.update({ where: { id }, data, select: { id: true } });
    const after = toExpenseDetail(await findExpense(tx, id));
    await recordAuditEvent(tx, actor, {
      action: "update",
      entityType: "expense",
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * Deletes an expense and its receipts (seed 000's hard delete; the audit event keeps the
 * record). Refused while it is billed on an invoice that is no longer a draft: that invoice is a
 * tax document and is corrected by a credit note or a cancellation, not by losing its cost.
 * The receipt files are removed after the rows are gone, so a failed delete loses no file.
 */
export async function deleteExpense(
  db: Db,
  files: FileStore,
  actor: Actor,
  rawId: string,
): Promise<{ id: string }> {
  const id = idSchema.parse(rawId);
  const storageKeys = await db.$transaction(async (tx) => {
    // Invoice first, then expense: the order billing (addBillableExpenses) takes them in, so the
    // two never deadlock. The share lock holds off anyone issuing the invoice until this commits.
    await tx.$queryRaw`SELECT id FROM sales_documents
      WHERE id = (SELECT invoice_id FROM expenses WHERE id = ${id}::uuid) FOR SHARE`;
    await tx.$queryRaw`SELECT id FROM expenses WHERE id = ${id}::uuid FOR UPDATE`;
    const before = await findExpense(tx, id);
    if (before.invoice) {
      const invoice = await tx.salesDocument.findUniqueOrThrow({
        where: { id: before.invoice.id },
        select: { number: true, status: true },
      });
      if (invoice.status !== "draft") {
        throw new AppError(
          "CONFLICT",
          appMessage("expense.billedCannotDelete", {
            title: before.title,
            number: invoice.number ?? "(not numbered yet)",
            status: termParam("salesStatus", invoice.status),
          }),
          { details: { invoiceId: before.invoice.id, invoiceStatus: invoice.status } },
        );
      }
    }
    // Receipt rows go with the expense (on delete cascade).
    await tx.expense.delete({ where: { id } });
    await recordAuditEvent(tx, actor, {
      action: "delete",
      entityType: "expense",
      entityId: id,
      before: toExpenseDetail(before),
    });
    return before.storedFiles.map((receipt) => receipt.storageKey);
  });
  await removeFiles(files, storageKeys);
  return { id };
}

export interface ExpenseCategoryKpi {
  category: ExpenseCategory;
  count: number;
  total: Decimal;
}

export interface ExpenseCurrencyKpis {
  currency: string;
  count: number;
  total: Decimal;
  /** Only categories with expenses, in the order of EXPENSE_CATEGORIES. */
  byCategory: ExpenseCategoryKpi[];
}

/**
 * Seed 000's expense KPIs: the total and the total per category, per currency (amounts in
 * different currencies are never added), over the same filters as the list. PostgreSQL sums each
 * currency and category; the currency total adds those exact sums as Decimals.
 */
export async function expenseKpis(
  db: Db,
  rawInput: GetExpenseKpisInput,
): Promise<{ count: number; byCurrency: ExpenseCurrencyKpis[] }> {
  const filters = getExpenseKpisInputSchema.parse(rawInput);
  const groups = await db.expense.groupBy({
    by: ["currency", "category"],
    where: expenseWhere(filters),
    _sum: { amount: true },
    _count: { _all: true },
  });
  const currencies = new Map<string, ExpenseCurrencyKpis>();
  const categoryOrder = (category: ExpenseCategory) => EXPENSE_CATEGORIES.indexOf(category);
  for (const group of groups) {
    const total = toDecimal(group._sum.amount ?? 0);
    const entry = currencies.get(group.currency) ?? {
      currency: group.currency,
      count: 0,
      total: ZERO,
      byCategory: [],
    };
    entry.count += group._count._all;
    entry.total = entry.total.plus(total);
    entry.byCategory.push({ category: group.category, count: group._count._all, total });
    currencies.set(group.currency, entry);
  }
  const byCurrency = [...currencies.values()].sort((a, b) => a.currency.localeCompare(b.currency));
  for (const entry of byCurrency)
    entry.byCategory.sort((a, b) => categoryOrder(a.category) - categoryOrder(b.category));
  return { count: byCurrency.reduce((sum, entry) => sum + entry.count, 0), byCurrency };
}
