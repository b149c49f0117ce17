import type { ExpenseCategory, ExpenseInput } from "@ledgerline/domain";
import { toDateInputValueOrEmpty } from "../../lib/form-values.ts";
import type { RouterOutputs } from "../../lib/trpc.ts";

export type ExpenseRecord = RouterOutputs["expenses"]["get"];
export type ExpenseReceipt = ExpenseRecord["receipts"][number];

export interface ExpenseFormValues {
  title: string;
  category: ExpenseCategory;
  /** As typed: "12.50" (a German "12,50" is taken too). */
  amount: string;
  currency: string;
  /** YYYY-MM-DD, or "" for today. */
  expenseDate: string;
  /** "" for no project. */
  projectId: string;
  isBillable: boolean;
  description: string;
  note: string;
}

/** Today in the browser's calendar, as `<input type="date">` holds it. */
const todayText = (now = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;

export const newExpenseValues = (currency: string, projectId = ""): ExpenseFormValues => ({
  title: "",
  category: "other",
  amount: "",
  currency,
  expenseDate: todayText(),
  projectId,
  isBillable: false,
  description: "",
  note: "",
});

export const expenseValuesOf = (expense: ExpenseRecord): ExpenseFormValues => ({
  title: expense.title,
  category: expense.category,
  amount: expense.amount.toFixed(2),
  currency: expense.currency,
  expenseDate: toDateInputValueOrEmpty(expense.expenseDate),
  projectId: expense.projectId ?? "",
  isBillable: expense.isBillable,
  description: expense.description ?? "",
  note: expense.note ?? "",
});

/**
 * An amount as typed, as the schema's decimal string: a decimal comma ("12,50") becomes a point.
 * Anything else is passed on as it is, so the schema's message explains what is wrong.
 */
export const amountFromInput = (text: string): string => {
  const trimmed = text.trim();
  return /^\d+,\d{1,2}$/.test(trimmed) ? trimmed.replace(",", ".") : trimmed;
};

export const expenseInputOf = (values: ExpenseFormValues): ExpenseInput => ({
  title: values.title,
  category: values.category,
  amount: amountFromInput(values.amount),
  currency: values.currency || undefined,
  expenseDate: values.expenseDate || null,
  projectId: values.projectId || null,
  isBillable: values.isBillable,
  description: values.description,
  note: values.note,
});
