import { z } from "zod";
import { BILLABLE_NEEDS_PROJECT_MESSAGE } from "../expense-billing.ts";
import {
  decimalSchema,
  idSchema,
  optionalText,
  pageInputSchema,
  requiredText,
  sortDirectionSchema,
} from "./common.ts";
import { updateInputOf } from "./partial-update.ts";
import { currencySchema } from "./parties.ts";
import { lineTaxRateSchema } from "./sales-documents.ts";

// ---------------------------------------------------------------- expenses (seed 000 §2)

/** Seed 000's expense categories, in the order screens list them. */
export const EXPENSE_CATEGORIES = [
  "travel",
  "material",
  "software",
  "hardware",
  "consulting",
  "marketing",
  "office",
  "training",
  "other",
] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

/** The largest amount `numeric(14,2)` holds. */
export const MAX_EXPENSE_AMOUNT = "999999999999.99";

const isoDate = z.iso.date({ error: "Use a date (YYYY-MM-DD)." });

const AMOUNT_FORMAT = "Enter an amount such as 12.50.";

/**
 * An expense amount: a decimal (string or Decimal, the one `decimalSchema`) greater than 0 with at
 * most two decimal places, returned as a string with exactly two ("12.5" → "12.50"). Places count
 * by value, so "1.500" is 1.50 while "1.005" is refused rather than rounded.
 */
export const expenseAmountSchema = decimalSchema({
  places: 2,
  precision: 14,
  invalid: AMOUNT_FORMAT,
  tooManyPlaces: "At most 2 decimal places (cents).",
  tooLarge: `At most ${MAX_EXPENSE_AMOUNT}.`,
  check: (value) => (value.gt(0) ? null : "The amount must be greater than 0."),
});

/**
 * The VAT rate contained in an expense's gross amount (the receipt's rate), 0-100 with at most
 * two decimals, as `numeric(5,2)`: the line items' tax-rate rule, so a billed expense's rate is
 * always a valid line rate. Like every decimal it arrives as a string (or a Decimal), never as a
 * JavaScript number, and leaves with two places ("19" -> "19.00").
 */
export const expenseTaxRateSchema = lineTaxRateSchema;

/**
 * What a person or program enters for an expense. `currency`, `expenseDate` and `taxRate` may be
 * left out: a new expense then takes the company's default currency, today's date and the
 * company's default VAT rate, an edited one keeps its own (the use cases in @ledgerline/services
 * fill them, they know the settings and the clock). `amount` is gross, as on the receipt; the
 * net amount and the VAT in it follow from `taxRate` (`splitGrossAmount`).
 * `invoiceId` is not entered here: it is set when the expense is billed on an invoice. A billable
 * expense names its project: billing passes it on to that project's customer.
 */
export const createExpenseInputSchema = z
  .object({
    title: requiredText(200, "Title"),
    category: z.enum(EXPENSE_CATEGORIES, { error: "Choose a category." }),
    amount: expenseAmountSchema,
    taxRate: expenseTaxRateSchema.optional(),
    currency: currencySchema.optional(),
    expenseDate: isoDate.nullish().transform((value) => value ?? null),
    description: optionalText(4000),
    note: optionalText(4000),
    isBillable: z.boolean().default(false),
    projectId: idSchema.nullish().transform((value) => value ?? null),
  })
  // Shown with the other fields' messages; a malformed project id has its own.
  .refine((expense) => !expense.isBillable || expense.projectId !== null, {
    message: BILLABLE_NEEDS_PROJECT_MESSAGE,
    path: ["projectId"],
    when: (payload) => {
      const value = payload.value as { projectId?: unknown } | null;
      return (
        typeof value === "object" &&
        value !== null &&
        !payload.issues.some(
          (issue) => issue.path?.[0] === "projectId" || issue.path?.[0] === "isBillable",
        )
      );
    },
  });
export type CreateExpenseInput = z.input<typeof createExpenseInputSchema>;
export type ExpenseValues = z.output<typeof createExpenseInputSchema>;

/**
 * `expenses.update`: the fields to change (`updateSchemaOf`); the expense after the change must
 * meet `createExpenseInputSchema` as a whole (a billable one keeps a project).
 */
export const updateExpenseInputSchema = updateInputOf(createExpenseInputSchema);
export type UpdateExpenseInput = z.input<typeof updateExpenseInputSchema>;

/**
 * Seed 000's list and KPI filters (title, category, project_id, invoice_id, from_date, to_date)
 * plus billable, invoiced and currency. Dates are inclusive.
 */
const expenseFilterFields = {
  /** Case-insensitive "contains" on the title. */
  title: z.string().trim().max(200).optional(),
  category: z.enum(EXPENSE_CATEGORIES, { error: "Choose a category." }).optional(),
  projectId: idSchema.optional(),
  invoiceId: idSchema.optional(),
  fromDate: isoDate.optional(),
  toDate: isoDate.optional(),
  isBillable: z.boolean().optional(),
  /** true: billed on an invoice (seed 000 `is_invoiced`); false: not billed yet. */
  invoiced: z.boolean().optional(),
  currency: currencySchema.optional(),
};

const dateRangeIsValid = (value: unknown) => {
  const { fromDate, toDate } = (value ?? {}) as { fromDate?: unknown; toDate?: unknown };
  return [fromDate, toDate].every((date) => date == null || isoDate.safeParse(date).success);
};

const toDateNotBeforeFromDate = (filters: { fromDate?: string; toDate?: string }) =>
  !filters.fromDate || !filters.toDate || filters.toDate >= filters.fromDate;

// Only well-formed dates are compared; a malformed one already has its own error.
const dateRangeCheck = {
  when: (payload: { value: unknown }) => dateRangeIsValid(payload.value),
  message: "The end of the date range cannot be before its start.",
  path: ["toDate"],
};

export const expenseSortSchema = z.enum([
  "expenseDate",
  "title",
  "amount",
  "category",
  "createdAt",
]);

/**
 * The expense list. Pages are `page`/`pageSize` (at most 500) as in every other list; seed 000's
 * `limit`/`offset` map to `pageSize = limit` and `page = offset / limit + 1`.
 */
export const listExpensesInputSchema = pageInputSchema
  .extend({
    ...expenseFilterFields,
    sortBy: expenseSortSchema.default("expenseDate"),
    sortDirection: sortDirectionSchema.default("desc"),
  })
  .refine(toDateNotBeforeFromDate, dateRangeCheck);
export type ListExpensesInput = z.input<typeof listExpensesInputSchema>;

/** Expense KPIs (seed 000 `/kpis/expenses`): the list's filters, without pages. */
export const getExpenseKpisInputSchema = z
  .object(expenseFilterFields)
  .refine(toDateNotBeforeFromDate, dateRangeCheck);
export type GetExpenseKpisInput = z.input<typeof getExpenseKpisInputSchema>;
export type ExpenseFilters = z.output<typeof getExpenseKpisInputSchema>;

// ---------------------------------------------------------------- receipts

export const RECEIPT_MIME_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type ReceiptMimeType = (typeof RECEIPT_MIME_TYPES)[number];

/** Receipts are scans and PDFs; 10 MiB holds a multi-page scan and keeps abuse cheap. */
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

const MAGIC_BYTES: Record<ReceiptMimeType, readonly number[]> = {
  // "%PDF-"
  "application/pdf": [0x25, 0x50, 0x44, 0x46, 0x2d],
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  "image/jpeg": [0xff, 0xd8, 0xff],
};

const FILE_EXTENSIONS: Record<ReceiptMimeType, readonly string[]> = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
};

export const isReceiptMimeType = (value: string): value is ReceiptMimeType =>
  (RECEIPT_MIME_TYPES as readonly string[]).includes(value);

/**
 * True when the file starts the way its declared type does. The declared type alone is the
 * client's claim; the first bytes are what a viewer will actually parse.
 */
export function matchesMagicBytes(mimeType: ReceiptMimeType, bytes: Uint8Array): boolean {
  const magic = MAGIC_BYTES[mimeType];
  return bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
}

const MAX_FILE_NAME_LENGTH = 200;

/**
 * A file name that is safe to store and to send back in Content-Disposition: no folders, no
 * control or bidirectional-override characters, no characters Windows refuses, no leading dots,
 * at most 200 characters, ending in an extension that fits the file's type.
 */
export function sanitizeReceiptFileName(
  raw: string | null | undefined,
  mimeType: ReceiptMimeType,
): string {
  const lastSegment = (raw ?? "").normalize("NFC").split(/[/\\]/).pop() ?? "";
  const name = lastSegment
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/["<>:|?*]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const extensions = FILE_EXTENSIONS[mimeType];
  const dot = name.lastIndexOf(".");
  const extension = dot >= 0 ? name.slice(dot + 1).toLowerCase() : "";
  const fits = extensions.includes(extension);
  const suffix = fits ? extension : extensions[0]!;
  const base =
    (fits ? name.slice(0, dot) : name)
      // No hidden files (".x") and no names that end in dots, which Windows drops.
      .replace(/^[.\s]+|[.\s]+$/g, "")
      .slice(0, MAX_FILE_NAME_LENGTH - suffix.length - 1)
      .trim() || "receipt";
  return `${base}.${suffix}`;
}
