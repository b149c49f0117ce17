import { z } from "zod";
import { readDecimal, textProblem } from "../input-limits.ts";
import { Decimal, type Decimal as DecimalValue } from "../money.ts";

/** Seed 000 caps a page at 500 rows "to prevent memory issues"; so do we. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 25;
/**
 * The last page a list may ask for: far beyond any list we hold (1,000,000 pages of 500 rows),
 * and small enough that the row offset always fits a 32-bit integer in SQL.
 */
export const MAX_PAGE = 1_000_000;

export const idSchema = z.uuid({ error: "Must be a valid id." });

/** The input of every procedure that names one record: `{ id }`. */
export const byIdInputSchema = z.object({ id: idSchema });
export type ByIdInput = z.input<typeof byIdInputSchema>;

export const pageInputSchema = z.object({
  page: z
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE, `At most page ${MAX_PAGE.toLocaleString("en")}.`)
    .default(1),
  pageSize: z
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE, `At most ${MAX_PAGE_SIZE} rows per page.`)
    .default(DEFAULT_PAGE_SIZE),
});

export const sortDirectionSchema = z.enum(["asc", "desc"]);

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

export function pageOf<T>(items: T[], total: number, page: number, pageSize: number): Page<T> {
  return { items, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Refuses what PostgreSQL text cannot hold (NUL, lone surrogates); see `textProblem`. */
const storableText = (value: string, ctx: z.core.$RefinementCtx<string>) => {
  const problem = textProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
};

/** Optional free text: trimmed, and "" becomes null so forms can clear a field. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `At most ${max} characters.`, abort: true })
    .superRefine(storableText)
    .nullish()
    .transform((value) => (value ? value : null));

export const requiredText = (max: number, label = "This field") =>
  z
    .string()
    .trim()
    .min(1, `${label} is required.`)
    .max(max, { error: `At most ${max} characters.`, abort: true })
    .superRefine(storableText);

// ---------------------------------------------------------------- decimals

export interface DecimalSchemaOptions {
  /** Places the column keeps: numeric(precision, places). */
  places: number;
  precision: number;
  /** The message for anything that is not a decimal. */
  invalid: string;
  /** The message for more places than the column keeps. */
  tooManyPlaces?: string;
  /** The message for a value the column cannot hold. */
  tooLarge?: string;
  /** A message when the value is out of range, else null. */
  check?: (value: DecimalValue) => string | null;
}

/**
 * The one schema for a decimal input (quantities, prices, rates, amounts, thresholds): a decimal
 * string (`"12.5"`, spaces around allowed) or a Decimal; refused when it is no decimal, is beyond
 * DECIMAL_LIMITS (checked before anything is converted), has more places than the column, does not
 * fit the column, or fails `check`; returned as a string with exactly `places` decimals
 * (`"2"` -> `"2.000"`), so a value reads the same after a round trip through PostgreSQL `numeric`.
 * More places than the column holds are refused, not rounded: the person decides the cent.
 * Numbers are refused: a JavaScript float cannot carry every cent exactly.
 */
export const decimalSchema = (options: DecimalSchemaOptions) =>
  z
    .custom<string | DecimalValue>(isDecimalCandidate, { error: options.invalid })
    .transform(decimalReader(options));

/** `decimalSchema` for an optional field: absent, null or blank (a cleared form field) is null. */
export const optionalDecimalSchema = (options: DecimalSchemaOptions) => {
  const read = decimalReader(options);
  return z
    .custom<string | DecimalValue | null>((value) => value === null || isDecimalCandidate(value), {
      error: options.invalid,
    })
    .optional()
    .transform((input, ctx) =>
      input == null || (typeof input === "string" && input.trim() === "") ? null : read(input, ctx),
    );
};

// Strings and objects go on to `readDecimal`, which tells a Decimal from any other object.
const isDecimalCandidate = (value: unknown) =>
  typeof value === "string" || (typeof value === "object" && value !== null);

function decimalReader(options: DecimalSchemaOptions) {
  const tooLargeFrom = new Decimal(10).pow(options.precision - options.places);
  return (input: string | DecimalValue, ctx: z.core.$RefinementCtx<unknown>): string => {
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    const reading = readDecimal(input);
    if (!reading.ok) {
      if (reading.problem === "comma") return fail("Use a point for decimals (12.50, not 12,50).");
      if (reading.problem === "bounds") return fail("This number has too many digits.");
      return fail(options.invalid);
    }
    const { value } = reading;
    if (value.decimalPlaces() > options.places) {
      return fail(options.tooManyPlaces ?? `At most ${options.places} decimal places.`);
    }
    if (value.abs().greaterThanOrEqualTo(tooLargeFrom)) {
      return fail(options.tooLarge ?? "This number is too large.");
    }
    const problem = options.check?.(value);
    if (problem) return fail(problem);
    // "-0" becomes "0.000": a zero has no sign.
    return (value.isZero() ? new Decimal(0) : value).toFixed(options.places);
  };
}

export const optionalEmail = z
  .string()
  .trim()
  // RFC 5321's longest address; checked first, so the address pattern only ever sees a short text.
  .max(254, { error: "At most 254 characters.", abort: true })
  .toLowerCase()
  .nullish()
  .transform((value) => (value ? value : null))
  .pipe(z.email({ error: "Enter a valid email address." }).nullable());

/** ISO 3166-1 alpha-2, upper case. */
export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "Use a two-letter country code such as DE.");

export const archivedFilterSchema = z.enum(["active", "archived", "all"]).default("active");

/**
 * The soft-delete filter of the lists of records kept forever once issued (sales documents,
 * purchase orders, invoice groups): hidden (the default) or only the deleted ones.
 */
export const deletedFilterSchema = z.enum(["hidden", "only"]).default("hidden");
export type DeletedFilter = z.output<typeof deletedFilterSchema>;
