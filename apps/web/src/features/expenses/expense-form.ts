import {
  expenseAmountSchema,
  expenseTaxRateSchema,
  splitGrossAmount,
  type ExpenseCategory,
  type ExpenseInput,
  type GrossAmountSplit,
} from "@ledgerline/domain";
import { toDateInputValueOrEmpty } from "../../lib/form-values.ts";
import type { RouterOutputs } from "../../lib/trpc.ts";
import { decimalInputText, normaliseDecimalText } from "../sales/line-items.ts";

export type ExpenseRecord = RouterOutputs["expenses"]["get"];
export type ExpenseReceipt = ExpenseRecord["receipts"][number];

export interface ExpenseFormValues {
  title: string;
  category: ExpenseCategory;
  /** As typed: "12.50" (a German "12,50" is taken too). */
  amount: string;
  /** The VAT rate in the gross amount, as typed: "19", "7.5" (or "7,5"). */
  taxRate: string;
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

/**
 * A new expense: the company's default currency and VAT rate (as the API would fill them; "0"
 * before the company settings exist), today.
 */
export const newExpenseValues = (
  currency: string,
  taxRate = "0",
  projectId = "",
): ExpenseFormValues => ({
  title: "",
  category: "other",
  amount: "",
  taxRate,
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
  taxRate: decimalInputText(expense.taxRate),
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
  taxRate: normaliseDecimalText(values.taxRate),
  currency: values.currency || undefined,
  expenseDate: values.expenseDate || null,
  projectId: values.projectId || null,
  isBillable: values.isBillable,
  description: values.description,
  note: values.note,
});

/**
 * The net amount and the VAT in the gross amount while the person types, by the domain's own
 * `splitGrossAmount` (what the API returns and bills); null until amount and rate are valid.
 */
export function liveVatOf(
  values: Pick<ExpenseFormValues, "amount" | "taxRate">,
): GrossAmountSplit | null {
  const amount = expenseAmountSchema.safeParse(amountFromInput(values.amount));
  const taxRate = expenseTaxRateSchema.safeParse(normaliseDecimalText(values.taxRate));
  return amount.success && taxRate.success ? splitGrossAmount(amount.data, taxRate.data) : null;
}
