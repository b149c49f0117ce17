import { z } from "zod";
import { isIsoDate, type IsoDate } from "../calendar-date.ts";
import { AppError, withFieldErrors, type FieldErrors } from "../errors.ts";
import { appMessage, messageOfSentence, type AppMessage } from "../messages.ts";
import { toDecimal, type Decimal } from "../money.ts";
import {
  dateFieldsOf,
  INVOICE_KINDS,
  isCorrectionType,
  isStatusOfType,
  LINE_ITEM_TYPES,
  PAYMENT_METHODS,
  SALES_DOCUMENT_STATUSES,
  SALES_DOCUMENT_TYPES,
  typeWithArticle,
  type SalesDocumentType,
} from "../sales-documents.ts";
import { LOCALES } from "./access.ts";
import { LINE_ORDERS } from "../line-order.ts";
import { isPlainObject } from "../plain-object.ts";
import { readDecimal } from "../input-limits.ts";
import { computeDocumentTotals, computeLineAmounts, type LineAmountsInput } from "../totals.ts";
import {
  archivedFilterSchema,
  deletedFilterSchema,
  decimalSchema,
  idSchema,
  MAX_PAGE_SIZE,
  optionalText,
  pageInputSchema,
  requiredText,
  sortDirectionSchema,
} from "./common.ts";
import { updateInputOf, updateSchemaOf } from "./partial-update.ts";
import { currencySchema } from "./parties.ts";

/**
 * Input schemas for sales documents and their line items (payments: schemas/payments.ts), shared by the forms and the API.
 * Decimals arrive as strings (or Decimals over the tRPC wire), never as JavaScript numbers, and
 * leave as decimal strings with exactly the column's places (`"2"` quantity -> `"2.000"`), so a
 * value reads the same after a round trip through PostgreSQL `numeric`. More places than the
 * column holds are refused, not rounded: the person decides the cent, not the schema.
 */

// ---------------------------------------------------------------- decimal fields

// Every decimal field is the one bounded `decimalSchema` (./common.ts).

/** numeric(14,3); never 0. The sign rule per type is `draftIssuesForType`. */
export const lineQuantitySchema = decimalSchema({
  places: 3,
  precision: 14,
  invalid: "Enter a quantity such as 2 or 1.5.",
  check: (value) => (value.isZero() ? "The quantity cannot be 0." : null),
});

/** numeric(14,4); >= 0 (credit notes negate the quantity, never the price). */
export const lineUnitPriceSchema = decimalSchema({
  places: 4,
  precision: 14,
  invalid: "Enter a price such as 85.00.",
  check: (value) => (value.isNegative() ? "The unit price cannot be negative." : null),
});

const percentCheck = (value: Decimal) =>
  value.isNegative() ? "Cannot be negative." : value.greaterThan(100) ? "At most 100 %." : null;

/** numeric(5,2), 0-100. */
export const lineTaxRateSchema = decimalSchema({
  places: 2,
  precision: 5,
  invalid: "Enter a rate such as 19 or 7.",
  check: percentCheck,
});

/** numeric(5,2), 0-100. */
export const lineDiscountPercentSchema = decimalSchema({
  places: 2,
  precision: 5,
  invalid: "Enter a percentage such as 10.",
  check: percentCheck,
});

/** numeric(14,2), more than 0. */
export const paymentAmountSchema = decimalSchema({
  places: 2,
  precision: 14,
  invalid: "Enter an amount such as 120.00.",
  check: (value) => (value.greaterThan(0) ? null : "The amount must be more than 0."),
});

// ---------------------------------------------------------------- shared pieces

/** A calendar date as YYYY-MM-DD (also the payments' dates, schemas/payments.ts). */
export const isoDate = z.iso.date({ error: "Use a date (YYYY-MM-DD)." });
const optionalDate = isoDate.nullish().transform((value) => value ?? null);
const optionalId = idSchema.nullish().transform((value) => value ?? null);

/** A project's ("job's") number, as seed 004 names projects (`jobid`). */
const PROJECT_NUMBER_MESSAGE = "Enter a project number: a whole number from 1 to 99,999,999.";
const projectNumberSchema = z
  .number({ error: PROJECT_NUMBER_MESSAGE })
  .int(PROJECT_NUMBER_MESSAGE)
  .min(1, PROJECT_NUMBER_MESSAGE)
  .max(99_999_999, PROJECT_NUMBER_MESSAGE);

/** A BCP 47 language tag, canonicalised ("en-gb" -> "en-GB"); empty means none. */
const languageTagSchema = optionalText(35).transform((value, ctx) => {
  if (value === null) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    if (canonical) return canonical;
  } catch {
    // Intl throws RangeError for a malformed tag; the message below says what to write.
  }
  ctx.addIssue({ code: "custom", message: "Use a language tag such as de or en-GB." });
  return z.NEVER;
});

/** A well-formed date from a value that may not have parsed (refinements run anyway). */
const dateOrNull = (value: unknown): IsoDate | null => (isIsoDate(value) ? value : null);

// ---------------------------------------------------------------- line items

/**
 * One line as a person enters it; its position is its place in the list. Quantities may be
 * negative here (credit note drafts hold negative lines); `draftIssuesForType` holds each type
 * to its sign. `taxRate` left out means the company's default rate.
 */
export const lineItemInputSchema = z.object({
  /** An existing line of this draft, kept with its links (source line, billed expense). */
  id: idSchema.optional(),
  description: requiredText(2000, "Description"),
  quantity: lineQuantitySchema,
  unit: optionalText(20),
  unitPrice: lineUnitPriceSchema,
  taxRate: lineTaxRateSchema.optional(),
  discountPercent: lineDiscountPercentSchema.default("0.00"),
  itemType: z.enum(LINE_ITEM_TYPES).default("other"),
  sourceLanguage: languageTagSchema,
  targetLanguage: languageTagSchema,
  /**
   * Seed 004's item-level currency. A document has one currency: an item's is accepted when it
   * equals the document's and refused with a field error otherwise (`assertLinesInCurrency`);
   * it is not stored, since it is the document's.
   */
  currency: currencySchema.optional(),
});
export type LineItemInput = z.input<typeof lineItemInputSchema>;

/**
 * Seed 004's item currency against the document's one currency: an item that names another
 * currency is refused with a field error on each such item (`lines.<index>.currency`, or the
 * given field), and nothing is written. Items without a currency are the document's.
 */
export function assertLinesInCurrency(
  lines: readonly { currency?: string | null | undefined }[],
  currency: string,
  fieldOf: (index: number) => string = (index) => `lines.${index}.currency`,
): void {
  const fieldErrors: Record<string, AppMessage[]> = {};
  let first: AppMessage | undefined;
  lines.forEach((line, index) => {
    if (line.currency == null || line.currency === currency) return;
    const message = appMessage("document.lineCurrency", { currency, given: line.currency });
    first ??= message;
    fieldErrors[fieldOf(index)] = [message];
  });
  if (first) throw new AppError("BAD_REQUEST", first, { fieldErrors });
}
export type LineItemValues = z.output<typeof lineItemInputSchema>;

/**
 * Seed 004's item as it sends it: an item type, languages, a currency and its net amount
 * (`amount_nett`, here `amountNet`), the unit price optional. The net amount is the line's
 * net after discount (§3), and it becomes the line's own fields, so nothing else needs to know
 * it: with neither quantity nor unit price the line is 1 × the net; with a quantity alone the
 * price is net ÷ quantity (exact at 4 decimals, else refused); with a unit price alone the
 * quantity is net ÷ price (120.00 at 0.12 a word: 1,000; exact at 3 decimals); with both, they
 * must make the net to the cent (so must any discount given). A language pair without a description is described by its languages ("en → de"). The
 * net is not stored: the line's `subtotalAfterDiscount` is it.
 */
export function lineFromNetAmount(raw: unknown, ctx: z.RefinementCtx): unknown {
  if (!isPlainObject(raw) || raw.amountNet === undefined || raw.amountNet === null) return raw;
  const { amountNet, ...line } = raw;
  const parsed = paymentAmountSchema.safeParse(amountNet);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: "custom", path: ["amountNet"], message: issue.message });
    }
    return line;
  }
  const net = toDecimal(parsed.data);
  const discountPercent = lineDiscountPercentSchema.safeParse(line.discountPercent ?? "0");
  const undiscounted = discountPercent.success && toDecimal(discountPercent.data).isZero();
  /** `net ÷ by` when it is exact at `places` decimals; else `message` on the net amount. */
  const quotient = (
    by: unknown,
    schema: typeof lineQuantitySchema,
    places: number,
    message: (divisor: string) => string,
  ): string | undefined => {
    const read = schema.safeParse(by);
    if (!read.success) return undefined; // the field's own error says why
    const divisor = toDecimal(read.data);
    if (divisor.isZero() || divisor.isNegative()) return undefined;
    const value = net.dividedBy(divisor);
    if (value.decimalPlaces() <= places) return value.toFixed(places);
    ctx.addIssue({
      code: "custom",
      path: ["amountNet"],
      message: message(divisor.toString()),
    });
    return undefined;
  };
  if (line.quantity === undefined && line.unitPrice === undefined) {
    line.quantity = "1";
    line.unitPrice = net.toFixed(2);
  } else if (undiscounted && line.unitPrice === undefined) {
    line.unitPrice = quotient(
      line.quantity,
      lineQuantitySchema,
      4,
      (quantity) => `${net.toFixed(2)} ÷ ${quantity} gives no unit price with at most 4 decimals.`,
    );
  } else if (undiscounted && line.quantity === undefined) {
    // 120.00 at 0.12 a word: 1,000 words.
    line.quantity = quotient(
      line.unitPrice,
      lineUnitPriceSchema,
      3,
      (price) => `${net.toFixed(2)} ÷ ${price} gives no quantity with at most 3 decimals.`,
    );
  }
  if (line.description === undefined && line.itemType === "language_pair") {
    const [source, target] = [line.sourceLanguage, line.targetLanguage];
    if (typeof source === "string" && typeof target === "string") {
      line.description = `${source} → ${target}`;
    }
  }
  const quantity = lineQuantitySchema.safeParse(line.quantity);
  const unitPrice = lineUnitPriceSchema.safeParse(line.unitPrice);
  if (quantity.success && unitPrice.success && discountPercent.success) {
    const { subtotalAfterDiscount } = computeLineAmounts({
      quantity: quantity.data,
      unitPrice: unitPrice.data,
      discountPercent: discountPercent.data,
      taxRate: 0,
    });
    if (!subtotalAfterDiscount.equals(net)) {
      ctx.addIssue({
        code: "custom",
        path: ["amountNet"],
        message: `The net amount ${net.toFixed(2)} is not what quantity × unit price make: ${subtotalAfterDiscount.toFixed(2)}.`,
      });
    }
  }
  return line;
}

export const MAX_LINES_PER_DOCUMENT = 500;

const linesSchema = z
  .array(lineItemInputSchema)
  .min(1, "Add at least one line.")
  .max(MAX_LINES_PER_DOCUMENT, `At most ${MAX_LINES_PER_DOCUMENT} lines.`);

// ---------------------------------------------------------------- type-dependent rules

/** The fields whose meaning depends on the document type. */
export interface TypedDraftFields {
  invoiceKind?: unknown;
  dueDate?: unknown;
  validUntil?: unknown;
  lines?: readonly { quantity?: unknown }[];
}

/**
 * What a draft's fields may hold for its type: a kind on invoices only, a due date on invoices,
 * sales orders and pro forma, a valid-until date on quotes, quantities above 0 (below 0 on
 * credit notes and cancellations). Empty when all is well. The create schema applies it; a draft
 * update, whose type is stored, calls `assertDraftFitsType`.
 */
export function draftIssuesForType(type: SalesDocumentType, values: TypedDraftFields): FieldErrors {
  const issues: FieldErrors = {};
  const add = (path: string, message: string) => (issues[path] ??= []).push(message);
  if (values.invoiceKind != null && type !== "invoice") {
    add("invoiceKind", "Only invoices have a kind (tax invoice or deposit).");
  }
  if (values.dueDate != null && !dateFieldsOf(type).dueDate) {
    add("dueDate", "Only invoices, sales orders and pro forma have a due date.");
  }
  if (values.validUntil != null && !dateFieldsOf(type).validUntil) {
    add("validUntil", "Only quotes have a valid-until date.");
  }
  const negative = isCorrectionType(type);
  // An invoice may deduct (the final invoice of an order deducts its partial invoices, §5.4a):
  // negative quantities are allowed there as long as the lines do not total less than 0.
  const deducts = type === "invoice";
  (values.lines ?? []).forEach((line: unknown, index) => {
    const reading = readDecimal((line as { quantity?: unknown } | null)?.quantity);
    if (!reading.ok) return; // the field's own message
    const quantity = reading.value;
    if (quantity.isZero()) return; // the field's own message
    if (!negative && !deducts && quantity.isNegative()) {
      add(`lines.${index}.quantity`, "The quantity must be more than 0.");
    }
    if (negative && !quantity.isNegative()) {
      add(
        `lines.${index}.quantity`,
        "On a credit note or cancellation the quantity is negative: the amount taken back.",
      );
    }
  });
  if (deducts && Object.keys(issues).length === 0) {
    const lines = (values.lines ?? []).map((line: unknown) => {
      const read = (field: string, fallback: string) => {
        const value = (line as Record<string, unknown> | null)?.[field] ?? fallback;
        const reading = readDecimal(value);
        return reading.ok ? reading.value : null;
      };
      return {
        quantity: read("quantity", "0"),
        unitPrice: read("unitPrice", "0"),
        taxRate: read("taxRate", "0"),
        discountPercent: read("discountPercent", "0"),
      };
    });
    const readable = lines.every(
      (line) => line.quantity && line.unitPrice && line.taxRate && line.discountPercent,
    );
    if (readable && computeDocumentTotals(lines as LineAmountsInput[]).total.isNegative()) {
      add(
        "lines",
        "The lines of an invoice cannot total less than 0: deduct at most what it charges.",
      );
    }
  }
  return issues;
}

/** `draftIssuesForType` as an error for a service, with the messages per field. */
export function assertDraftFitsType(type: SalesDocumentType, values: TypedDraftFields): void {
  const fieldErrors = draftIssuesForType(type, values);
  const messages = Object.values(fieldErrors).flat();
  if (messages.length === 0) return;
  throw new AppError("BAD_REQUEST", messageOfSentence(messages[0]!), { fieldErrors });
}

// ---------------------------------------------------------------- create and update

/** Types a person creates directly; credit notes and cancellations are made from an invoice. */
export const CREATABLE_SALES_DOCUMENT_TYPES = [
  "quote",
  "order_confirmation",
  "sales_order",
  "pro_forma",
  "invoice",
] as const satisfies SalesDocumentType[];
export type CreatableSalesDocumentType = (typeof CREATABLE_SALES_DOCUMENT_TYPES)[number];

/**
 * The fields of a draft. `currency`, `locale`, `invoiceKind` and `lineOrder` left out mean the
 * default on create (customer's currency, company's locale, tax invoice, as entered) and
 * "unchanged" on update; every
 * other field is the whole new state (absent or empty clears it).
 */
const draftFields = {
  customerId: optionalId,
  contactId: optionalId,
  projectId: optionalId,
  currency: currencySchema.optional(),
  locale: z.enum(LOCALES, { error: "Choose German (de) or English (en)." }).optional(),
  invoiceKind: z.enum(INVOICE_KINDS, { error: "Choose tax invoice or deposit." }).optional(),
  /** How lines are shown and printed: as entered (default) or seed 004's language order. */
  lineOrder: z.enum(LINE_ORDERS, { error: "Choose as entered or by language." }).optional(),
  issuedDate: optionalDate,
  dueDate: optionalDate,
  validUntil: optionalDate,
  servicePeriodStart: optionalDate,
  servicePeriodEnd: optionalDate,
  notes: optionalText(4000),
  terms: optionalText(4000),
  lines: linesSchema,
};

interface DraftShape {
  customerId?: unknown;
  projectId?: unknown;
  issuedDate?: unknown;
  dueDate?: unknown;
  validUntil?: unknown;
  servicePeriodStart?: unknown;
  servicePeriodEnd?: unknown;
}

/** Rules across fields, run even when another field failed, so a form shows all at once. */
function checkDraft(values: DraftShape, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [path], message });
  // The customer may come from the project (§1 SalesDocument.customerId).
  if (values.customerId == null && values.projectId == null) {
    issue("customerId", "Choose a customer or a project.");
  }
  const issued = dateOrNull(values.issuedDate);
  const due = dateOrNull(values.dueDate);
  const validUntil = dateOrNull(values.validUntil);
  const start = dateOrNull(values.servicePeriodStart);
  const end = dateOrNull(values.servicePeriodEnd);
  if (issued && due && due < issued) {
    issue("dueDate", "The due date cannot be before the issued date.");
  }
  if (issued && validUntil && validUntil < issued) {
    issue("validUntil", "The valid-until date cannot be before the issued date.");
  }
  if (values.servicePeriodEnd != null && values.servicePeriodStart == null) {
    issue("servicePeriodStart", "Enter the start of the service period too.");
  }
  if (start && end && end < start) {
    issue("servicePeriodEnd", "The end of the service period cannot be before its start.");
  }
}

/**
 * Cross-field rules run even when a field failed, so a form shows every message at once; but
 * only on an object (a failed field keeps its raw value, which the rules treat as unknown).
 */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const evenWithFieldErrors = { when: (payload: { value: unknown }) => isObject(payload.value) };

/**
 * `salesDocuments.create`. Besides the lines, seed 004's way works: a project by its number
 * (`projectNumber`, the seed's `jobid`) and one amount instead of lines, the total (`amount`,
 * VAT included, the seed's invoices) or the net (`amountNet`, its sales orders); the draft then
 * has one line at that amount (`createSalesDocument` says how). A `status` may be given as long
 * as it is where every document starts: draft.
 */
export const createSalesDocumentInputSchema = z
  .object({
    type: z.enum(CREATABLE_SALES_DOCUMENT_TYPES, {
      error:
        "Choose quote, order confirmation, sales order, pro forma or invoice. Credit notes and cancellations are made from an invoice.",
    }),
    ...draftFields,
    lines: linesSchema.optional(),
    projectNumber: projectNumberSchema.optional(),
    amount: paymentAmountSchema.optional(),
    amountNet: paymentAmountSchema.optional(),
    status: z
      .literal("draft", { error: "A new document starts as a draft; issue or submit it then." })
      .optional(),
  })
  .superRefine((values, ctx) => {
    checkDraft({ ...values, projectId: values.projectId ?? values.projectNumber }, ctx);
    const amounts = [values.amount, values.amountNet].filter((value) => value !== undefined);
    if ((values.lines === undefined) === (amounts.length === 0) || amounts.length > 1) {
      ctx.addIssue({
        code: "custom",
        path: [values.lines === undefined && amounts.length === 0 ? "lines" : "amount"],
        message: "Give the lines, or one amount: the total (amount) or the net (amountNet).",
      });
    }
    if (!(CREATABLE_SALES_DOCUMENT_TYPES as readonly unknown[]).includes(values.type)) return;
    const lines = Array.isArray(values.lines) ? values.lines : [];
    const fieldErrors = draftIssuesForType(values.type, { ...values, lines });
    for (const [path, messages] of Object.entries(fieldErrors)) {
      for (const message of messages) {
        ctx.addIssue({ code: "custom", path: path.split(".").map(pathSegment), message });
      }
    }
  }, evenWithFieldErrors);
export type CreateSalesDocumentInput = z.input<typeof createSalesDocumentInputSchema>;
export type CreateSalesDocumentValues = z.output<typeof createSalesDocumentInputSchema>;

function pathSegment(segment: string): string | number {
  return /^\d+$/.test(segment) ? Number(segment) : segment;
}

/**
 * A draft's whole state without its type (fixed at creation): what a stored draft must meet
 * after every change, and the draft form's schema. The rules that depend on the type are
 * `draftIssuesForType` (the create schema applies them, a draft update calls
 * `assertDraftFitsType`).
 */
export const draftValuesSchema = z.object(draftFields).superRefine(checkDraft, evenWithFieldErrors);
export type DraftValuesInput = z.input<typeof draftValuesSchema>;
export type DraftValues = z.output<typeof draftValuesSchema>;

/**
 * `salesDocuments.updateDraft`: the fields to change (`updateSchemaOf`); fields left out keep
 * the draft's values. `lines`, when given, is the draft's new list of lines in order: a line with
 * its `id` is that line of the draft with the fields sent changed (it keeps its links: the line it
 * was converted or credited from, the expense it bills), a line without one is new, lines left
 * out of the list are removed. Lines left out altogether stay as they are.
 */
export const updateDraftInputSchema = updateInputOf(draftValuesSchema);
export type UpdateDraftInput = z.input<typeof updateDraftInputSchema>;
export type UpdateDraftValues = z.output<typeof updateDraftInputSchema>["values"];

// ---------------------------------------------------------------- per-item procedures

/** A line's fields as the per-item procedures take them: a line without the draft's line id. */
const itemFieldsSchema = lineItemInputSchema.omit({ id: true });
/** A new item's fields, or seed 004's item by its net amount (`lineFromNetAmount`). */
const itemValuesSchema = z.preprocess(lineFromNetAmount, itemFieldsSchema);

/** `salesDocuments.items.list`: the lines of one document, in its line order. */
export const listSalesDocumentItemsInputSchema = z.object({ salesDocumentId: idSchema });
export type ListSalesDocumentItemsInput = z.input<typeof listSalesDocumentItemsInputSchema>;

/** `salesDocuments.items.get` and `.remove`: one line of one document (seed 004's item URL). */
export const getSalesDocumentItemInputSchema = z.object({
  salesDocumentId: idSchema,
  id: idSchema,
});
export type GetSalesDocumentItemInput = z.input<typeof getSalesDocumentItemInputSchema>;
/** `salesDocuments.items.remove`: the same shape as `items.get`. */
export const removeSalesDocumentItemInputSchema = getSalesDocumentItemInputSchema;
export type RemoveSalesDocumentItemInput = GetSalesDocumentItemInput;

/**
 * `salesDocuments.items.add` (seed 004 `POST /invoices/{uuid}/items`): a new line on a draft, at
 * `position` (1 = first; left out: last); the lines after it move down by one.
 */
export const addSalesDocumentItemInputSchema = z.object({
  salesDocumentId: idSchema,
  position: z
    .number({ error: "Enter a position: a whole number from 1." })
    .int("Enter a position: a whole number from 1.")
    .min(1, "Enter a position: a whole number from 1.")
    .max(MAX_LINES_PER_DOCUMENT, `At most ${MAX_LINES_PER_DOCUMENT} lines.`)
    .optional(),
  values: itemValuesSchema,
});
export type AddSalesDocumentItemInput = z.input<typeof addSalesDocumentItemInputSchema>;

/**
 * `salesDocuments.items.update` (seed 004 `PUT .../items/{item_uuid}`): the fields sent change,
 * the others stay; the line keeps its place and its links.
 */
export const updateSalesDocumentItemInputSchema = z.object({
  salesDocumentId: idSchema,
  id: idSchema,
  values: updateSchemaOf(itemFieldsSchema),
});
export type UpdateSalesDocumentItemInput = z.input<typeof updateSalesDocumentItemInputSchema>;

/**
 * An error of a whole-draft change as the per-item procedures report it: problems of the item at
 * `index` of the draft's lines (`lines.<index>.<field>`) name the field of `values` the caller
 * sent (`values.<field>`); every other problem keeps its path. Anything else passes unchanged.
 */
export function itemErrorOf(error: unknown, index: number): unknown {
  const prefix = `lines.${index}.`;
  const remap = (path: string) =>
    path.startsWith(prefix) ? `values.${path.slice(prefix.length)}` : path;
  if (error instanceof z.ZodError) {
    // As the API answers any zod error (BAD_REQUEST, the schema's sentences per field).
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) {
      (fieldErrors[remap(issue.path.join(".") || "_")] ??= []).push(issue.message);
    }
    return new AppError("BAD_REQUEST", appMessage("request.invalidFields"), {
      fieldErrors,
      cause: error,
    });
  }
  if (error instanceof AppError && error.fieldMessages) {
    const fieldErrors = Object.fromEntries(
      Object.entries(error.fieldMessages).map(([path, messages]) => [remap(path), messages]),
    );
    return withFieldErrors(error, fieldErrors);
  }
  return error;
}

/**
 * Notes (`salesDocument.annotate`) and terms (`salesDocument.write`) change in any status. A field
 * left out stays as it is; an empty one is cleared.
 */
export const annotateSalesDocumentInputSchema = z
  .object({
    id: idSchema,
    notes: optionalText(4000).optional(),
    terms: optionalText(4000).optional(),
  })
  .refine((values) => values.notes !== undefined || values.terms !== undefined, {
    message: "Change the notes or the terms.",
    path: ["notes"],
  });
export type AnnotateSalesDocumentInput = z.input<typeof annotateSalesDocumentInputSchema>;
/** `salesDocuments.update` (seed 000 `PATCH /{id}`): the same shape and use case as `annotate`. */
export const updateSalesDocumentInputSchema = annotateSalesDocumentInputSchema;
export type UpdateSalesDocumentInput = AnnotateSalesDocumentInput;

// ---------------------------------------------------------------- lists

export const salesDocumentSortSchema = z.enum([
  "number",
  "issuedDate",
  "dueDate",
  "total",
  "customerName",
  "status",
  "createdAt",
]);

const statusSchema = z.enum(SALES_DOCUMENT_STATUSES, { error: "Choose a valid status." });

/** What a list selects: the same for a page of it and for the totals of the whole selection. */
const typeSchema = z.enum(SALES_DOCUMENT_TYPES, { error: "Choose a valid document type." });

const salesDocumentFilterFields = {
  /**
   * One type or several; always a list (without repeats) afterwards. Several serve seed 004's
   * `GET /sales-orders`, which lists sales orders and pro forma together.
   */
  type: z
    .union([typeSchema, z.array(typeSchema).min(1).max(SALES_DOCUMENT_TYPES.length)], {
      error: "Choose a valid document type.",
    })
    .transform((value) => [...new Set(Array.isArray(value) ? value : [value])])
    .optional(),
  /** One status or several; always a list (without repeats) afterwards. */
  status: z
    .union([statusSchema, z.array(statusSchema).min(1).max(SALES_DOCUMENT_STATUSES.length)], {
      error: "Choose a valid status.",
    })
    .transform((value) => [...new Set(Array.isArray(value) ? value : [value])])
    .optional(),
  customerId: idSchema.optional(),
  projectId: idSchema.optional(),
  /** On the issued date, both ends included. */
  dateFrom: isoDate.optional(),
  dateTo: isoDate.optional(),
  /** On the due date, both ends included (seed 004's due-date range). */
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
  /** The documents of the project ("job") with this number (seed 004's `job_id`). */
  projectNumber: projectNumberSchema.optional(),
  /** The invoices of one invoice group (seed 004's `group_id`). */
  invoiceGroupId: idSchema.optional(),
  /** Number or customer name, case-insensitive "contains"; empty means no search. */
  search: z
    .string()
    .trim()
    .max(200, "At most 200 characters.")
    .optional()
    .transform((value) => value || undefined),
  currency: currencySchema.optional(),
  archived: archivedFilterSchema,
  /**
   * Soft-deleted documents (§5.10) are hidden unless asked for (`only`); seeing them needs
   * `salesDocument.delete`.
   */
  deleted: deletedFilterSchema,
  /** The overdue predicate (§5.1), not the stored status. */
  overdueOnly: z.boolean().default(false),
};

function checkFilters(
  values: {
    type?: SalesDocumentType[] | undefined;
    status?: unknown;
    dateFrom?: string | undefined;
    dateTo?: string | undefined;
    dueFrom?: string | undefined;
    dueTo?: string | undefined;
  },
  ctx: z.RefinementCtx,
) {
  for (const [fromKey, toKey] of [
    ["dateFrom", "dateTo"],
    ["dueFrom", "dueTo"],
  ] as const) {
    const from = dateOrNull(values[fromKey]);
    const to = dateOrNull(values[toKey]);
    if (from && to && to < from) {
      ctx.addIssue({
        code: "custom",
        path: [toKey],
        message: "The end date cannot be before the start date.",
      });
    }
  }
  const types = values.type;
  if (types && Array.isArray(values.status)) {
    for (const status of values.status as unknown[]) {
      // A status is asked for when one of the types has it (several types: any of them).
      if (typeof status === "string" && !types.some((type) => isStatusOfType(type, status))) {
        ctx.addIssue({
          code: "custom",
          path: ["status"],
          message:
            types.length === 1
              ? `${typeWithArticle(types[0]!).replace(/^a/, "A")} is never "${status}".`
              : `None of these document types is ever “${status}”.`,
        });
      }
    }
  }
}

/** The selection's totals (`selectionTotals`): a list's filters, without page and order. */
export const salesDocumentFiltersSchema = z
  .object(salesDocumentFilterFields)
  .superRefine(checkFilters, evenWithFieldErrors);
export type SalesDocumentFiltersInput = z.input<typeof salesDocumentFiltersSchema>;
export type SalesDocumentFilters = z.output<typeof salesDocumentFiltersSchema>;
/** `salesDocuments.selectionTotals`: the list's filters, without paging or sorting. */
export const getSalesDocumentSelectionTotalsInputSchema = salesDocumentFiltersSchema;
export type GetSalesDocumentSelectionTotalsInput = SalesDocumentFiltersInput;

export const listSalesDocumentsInputSchema = pageInputSchema
  .extend({
    ...salesDocumentFilterFields,
    sortBy: salesDocumentSortSchema.default("createdAt"),
    sortDirection: sortDirectionSchema.default("desc"),
  })
  .superRefine(checkFilters, evenWithFieldErrors);
export type ListSalesDocumentsInput = z.input<typeof listSalesDocumentsInputSchema>;
export type ListSalesDocumentsQuery = z.output<typeof listSalesDocumentsInputSchema>;

// ---------------------------------------------------------------- status requests

const reasonText = optionalText(500);

/**
 * Seed 000 `PATCH /{id}/status`: routed to an action by `resolveStatusRequest`. `reason` is
 * needed by the actions that require one (cancel, return).
 */
export const updateSalesDocumentStatusInputSchema = z.object({
  id: idSchema,
  status: statusSchema,
  reason: reasonText,
});
export type UpdateSalesDocumentStatusInput = z.input<typeof updateSalesDocumentStatusInputSchema>;

/** Seed 000 `POST /bulk/status-update`: each id on its own; repeated ids count once. */
export const bulkUpdateSalesDocumentStatusInputSchema = z.object({
  ids: z
    .array(idSchema)
    .min(1, "Choose at least one document.")
    .max(MAX_PAGE_SIZE, `At most ${MAX_PAGE_SIZE} documents at once.`)
    .transform((ids) => [...new Set(ids)]),
  status: statusSchema,
  reason: reasonText,
});
export type BulkUpdateSalesDocumentStatusInput = z.input<
  typeof bulkUpdateSalesDocumentStatusInputSchema
>;

// ---------------------------------------------------------------- corrections

const positiveQuantitySchema = lineQuantitySchema.refine(
  (quantity) => !quantity.startsWith("-"),
  "The quantity to credit must be more than 0.",
);

/**
 * A credit note from an issued invoice (§5.7): `lines` is `"all"` or the chosen invoice lines
 * with the quantity to credit, plus optional free goodwill lines. Quantities here are positive,
 * as a person thinks of them; the service stores them negated, checks that no line is credited
 * beyond its original quantity and that the credits stay within the invoice total.
 */
export const createCreditNoteInputSchema = z
  .object({
    invoiceId: idSchema,
    lines: z
      .union(
        [
          z.literal("all"),
          z
            .array(z.object({ sourceLineItemId: idSchema, quantity: positiveQuantitySchema }))
            .max(MAX_LINES_PER_DOCUMENT, `At most ${MAX_LINES_PER_DOCUMENT} lines.`),
        ],
        { error: 'Choose "all" or the lines to credit.' },
      )
      .default([]),
    goodwillLines: z
      .array(lineItemInputSchema.extend({ quantity: positiveQuantitySchema }))
      .max(MAX_LINES_PER_DOCUMENT, `At most ${MAX_LINES_PER_DOCUMENT} lines.`)
      .default([]),
    reason: reasonText,
  })
  .superRefine((values, ctx) => {
    const chosen = Array.isArray(values.lines) ? values.lines : [];
    const goodwill = Array.isArray(values.goodwillLines) ? values.goodwillLines : [];
    if (values.lines !== "all" && chosen.length === 0 && goodwill.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["lines"],
        message: "Choose at least one line to credit or add a goodwill line.",
      });
    }
    const seen = new Set<unknown>();
    chosen.forEach((line: unknown, index) => {
      const id = (line as { sourceLineItemId?: unknown } | null)?.sourceLineItemId;
      if (id === undefined) return;
      if (seen.has(id)) {
        ctx.addIssue({
          code: "custom",
          path: ["lines", index, "sourceLineItemId"],
          message: "Each invoice line can be credited once per credit note.",
        });
      }
      seen.add(id);
    });
  }, evenWithFieldErrors);
export type CreateCreditNoteInput = z.input<typeof createCreditNoteInputSchema>;
export type CreateCreditNoteValues = z.output<typeof createCreditNoteInputSchema>;

/** Cancel (order confirmation, sales order, pro forma) or cancel an invoice with a document. */
export const cancelSalesDocumentInputSchema = z.object({
  id: idSchema,
  reason: requiredText(500, "A reason"),
});
export type CancelSalesDocumentInput = z.input<typeof cancelSalesDocumentInputSchema>;
/** `salesDocuments.cancelWithDocument`: the same shape as `cancel`. */
export const cancelWithDocumentInputSchema = cancelSalesDocumentInputSchema;
export type CancelWithDocumentInput = CancelSalesDocumentInput;

// ---------------------------------------------------------------- the other procedures' inputs

const optionalReason = z
  .string()
  .trim()
  .max(500, "At most 500 characters.")
  .nullish()
  .transform((value) => value || null);

/**
 * Whether the person confirmed invoicing more than the order (§5.4a): issuing, submitting,
 * approving or converting an invoice that would push what is invoiced of its order above the
 * order's total is refused without it.
 */
const confirmOverInvoicing = z.boolean().optional();

/** `salesDocuments.issue`. */
export const issueSalesDocumentInputSchema = z.object({
  id: idSchema,
  /** Default: the draft's proposed date, else today in the company's time zone. */
  issuedDate: z.iso.date({ error: "Use a date (YYYY-MM-DD)." }).nullish(),
  confirmOverInvoicing,
});
export type IssueSalesDocumentInput = z.input<typeof issueSalesDocumentInputSchema>;

/** `salesDocuments.submit` and `approve`: the document, and the over-invoicing confirmation. */
export const submitSalesDocumentInputSchema = z.object({ id: idSchema, confirmOverInvoicing });
export type SubmitSalesDocumentInput = z.input<typeof submitSalesDocumentInputSchema>;
/** `salesDocuments.approve`: the same shape as `submit`. */
export const approveSalesDocumentInputSchema = submitSalesDocumentInputSchema;
export type ApproveSalesDocumentInput = SubmitSalesDocumentInput;

/** `returnToDraft`, `accept`, `decline`: the reason is optional here; the rule says when it is needed. */
export const returnSalesDocumentToDraftInputSchema = z.object({
  id: idSchema,
  reason: optionalReason,
});
export type ReturnSalesDocumentToDraftInput = z.input<typeof returnSalesDocumentToDraftInputSchema>;
/** `salesDocuments.accept` and `salesDocuments.decline` (quotes): an id and a reason, as above. */
export const acceptQuoteInputSchema = returnSalesDocumentToDraftInputSchema;
export type AcceptQuoteInput = ReturnSalesDocumentToDraftInput;
export const declineQuoteInputSchema = returnSalesDocumentToDraftInputSchema;
export type DeclineQuoteInput = ReturnSalesDocumentToDraftInput;

/**
 * `salesDocuments.refund` (§5.6): pays back what was paid on an invoice. The refund payment is
 * dated `paymentDate` (default today; never later) and made by `method`.
 */
export const refundInvoiceInputSchema = z.object({
  id: idSchema,
  paymentDate: isoDate.nullish().transform((value) => value ?? null),
  method: z.enum(PAYMENT_METHODS, { error: "Choose a payment method." }),
  reference: optionalText(140),
  reason: optionalReason,
});
export type RefundInvoiceInput = z.input<typeof refundInvoiceInputSchema>;

/** A partial invoice's share of what is left of its order: more than 0, less than 100 %. */
export const partialPercentSchema = decimalSchema({
  places: 2,
  precision: 5,
  invalid: "Enter a percentage such as 30.",
  check: (value) =>
    value.greaterThan(0) && value.lessThan(100)
      ? null
      : "A partial invoice is more than 0 % and less than 100 % of what is left.",
});

/**
 * `salesDocuments.convert` (§5.11). An order (a quote, an order confirmation) becomes an invoice
 * `final` (its lines less the earlier invoices, the default) or `partial` (`percent` of what is
 * left of it, one line per VAT rate), §5.4a.
 */
export const convertSalesDocumentInputSchema = z
  .object({
    id: idSchema,
    to: z.enum(["order_confirmation", "invoice"], {
      error: "Convert to an order confirmation or an invoice.",
    }),
    invoicePart: z
      .enum(["final", "partial"], { error: "Choose a final or a partial invoice." })
      .optional(),
    percent: partialPercentSchema.optional(),
    confirmOverInvoicing,
  })
  .superRefine((input, ctx) => {
    if (input.invoicePart === "partial" && input.percent === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["percent"],
        message: "Enter the percentage of what is left to invoice now.",
      });
    }
    if (input.invoicePart !== undefined && input.to !== "invoice") {
      ctx.addIssue({
        code: "custom",
        path: ["invoicePart"],
        message: "Only an invoice is final or partial.",
      });
    }
  });
export type ConvertSalesDocumentInput = z.input<typeof convertSalesDocumentInputSchema>;

/** `salesDocuments.addBillableExpenses`. */
export const addBillableExpensesInputSchema = z.object({
  id: idSchema,
  /** Left out: every billable, not yet invoiced expense of the invoice's project and currency. */
  expenseIds: z
    .array(idSchema)
    .min(1, "Choose at least one expense.")
    .max(200, "At most 200 expenses at once.")
    .transform((ids) => [...new Set(ids)])
    .optional(),
});
export type AddBillableExpensesInput = z.input<typeof addBillableExpensesInputSchema>;

/** `salesDocuments.statistics` (seed 000 `GET /invoices/statistics`). */
export const getSalesDocumentStatisticsInputSchema = z
  .object({
    type: z.enum(SALES_DOCUMENT_TYPES).default("invoice"),
    /** On the issued date, both ends included (counts and amounts; not the monthly series). */
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
    customerId: idSchema.optional(),
    projectId: idSchema.optional(),
  })
  .refine((input) => !input.dateFrom || !input.dateTo || input.dateTo >= input.dateFrom, {
    message: "The end date cannot be before the start date.",
    path: ["dateTo"],
  });
export type GetSalesDocumentStatisticsInput = z.input<typeof getSalesDocumentStatisticsInputSchema>;

export const documentNumberSchema = z
  .string()
  .trim()
  .min(1, "Enter a document number.")
  .max(40, "At most 40 characters.")
  .transform((value) => value.toUpperCase());

/** `salesDocuments.getByNumber`. */
export const getByNumberInputSchema = z.object({ number: documentNumberSchema });
