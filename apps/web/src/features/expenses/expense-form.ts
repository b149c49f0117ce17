import {
  expenseAmountSchema,
  expenseTaxRateSchema,
  splitGrossAmount,
  type ExpenseCategory,
  type CreateExpenseInput,
  type GrossAmountSplit,
  type Locale,
} from "@ledgerline/domain";
import { decimalOfText, decimalText } from "../../lib/decimal-entry.ts";
import { toDateInputValueOrEmpty } from "../../lib/form-values.ts";
import type { RouterOutputs } from "../../lib/trpc.ts";

export type ExpenseRecord = RouterOutputs["expenses"]["get"];
export type ExpenseReceipt = ExpenseRecord["receipts"][number];

export interface ExpenseFormValues {
  title: string;
  category: ExpenseCategory;
  /** As typed in the UI's locale: "1.234,50" in German, "1,234.50" in English. */
  amount: string;
  /** The VAT rate in the gross amount, as typed in the locale: "19", "7,5" / "7.5". */
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
 * A new expense: the company's default currency and VAT rate (as the API would fill them, spelt
 * the locale's way; "0" before the company settings exist), today.
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

export const expenseValuesOf = (expense: ExpenseRecord, locale: Locale): ExpenseFormValues => ({
  title: expense.title,
  category: expense.category,
  amount: decimalText(expense.amount, locale, "amount"),
  taxRate: decimalText(expense.taxRate, locale, "percent"),
  currency: expense.currency,
  expenseDate: toDateInputValueOrEmpty(expense.expenseDate),
  projectId: expense.projectId ?? "",
  isBillable: expense.isBillable,
  description: expense.description ?? "",
  note: expense.note ?? "",
});

export const expenseInputOf = (values: ExpenseFormValues, locale: Locale): CreateExpenseInput => ({
  title: values.title,
  category: values.category,
  amount: decimalOfText(values.amount, locale),
  taxRate: decimalOfText(values.taxRate, locale),
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
  locale: Locale,
): GrossAmountSplit | null {
  const amount = expenseAmountSchema.safeParse(decimalOfText(values.amount, locale));
  const taxRate = expenseTaxRateSchema.safeParse(decimalOfText(values.taxRate, locale));
  return amount.success && taxRate.success ? splitGrossAmount(amount.data, taxRate.data) : null;
}
