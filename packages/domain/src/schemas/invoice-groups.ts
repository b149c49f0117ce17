import { z } from "zod";
import {
  INVOICE_GROUP_ACTIONS,
  INVOICE_GROUP_LINE_ORDERS,
  INVOICE_GROUP_STATUSES,
} from "../invoice-groups.ts";
import {
  archivedFilterSchema,
  deletedFilterSchema,
  idSchema,
  optionalText,
  pageInputSchema,
  sortDirectionSchema,
} from "./common.ts";
import { updateInputOf } from "./partial-update.ts";
import { currencySchema } from "./parties.ts";

/**
 * The inputs of the invoice-group procedures (seed 004 §3 "Creating an Invoice Group"). Field
 * names are ours; the seed's are in docs/api.md (`companyid` → customerId, `invoice_date` →
 * invoiceDate, `due_date` → dueDate).
 */

const isoDate = z.iso.date({ error: "Use a date (YYYY-MM-DD)." });
const statusSchema = z.enum(INVOICE_GROUP_STATUSES, { error: "Choose a valid status." });

/** The fields of a group, as created and as an update leaves them. */
export const invoiceGroupInputSchema = z
  .object({
    /** Seed 004 `companyid`. */
    customerId: idSchema,
    currency: currencySchema,
    /** Seed 004 `invoice_date`: the statement's date. */
    invoiceDate: isoDate,
    dueDate: isoDate.nullish().transform((value) => value ?? null),
    notes: optionalText(4000),
    /** Display options (seed 004): list the invoices, their jobs' titles, the word rates. */
    includeInvoices: z.boolean().default(true),
    includeJobTitles: z.boolean().default(false),
    includeWordRates: z.boolean().default(false),
    /** Seed 004 "language-based ordering" of the lines shown. */
    lineOrder: z
      .enum(INVOICE_GROUP_LINE_ORDERS, { error: "Choose as entered or by language." })
      .default("position"),
  })
  .superRefine((values, ctx) => {
    if (values.dueDate && values.dueDate < values.invoiceDate)
      ctx.addIssue({
        code: "custom",
        path: ["dueDate"],
        message: "The due date cannot be before the invoice date.",
      });
  });

/**
 * `invoiceGroups.create`. Seed 004's `status` is accepted only as "draft" (its default): every
 * other status is reached by issuing the group or from its invoices.
 */
export const createInvoiceGroupInputSchema = invoiceGroupInputSchema.safeExtend({
  status: z.literal("draft", { error: 'An invoice group is created as "draft".' }).optional(),
});
export type CreateInvoiceGroupInput = z.input<typeof createInvoiceGroupInputSchema>;

/** `invoiceGroups.update`: the fields to change, on a draft. */
export const updateInvoiceGroupInputSchema = updateInputOf(invoiceGroupInputSchema);
export type UpdateInvoiceGroupInput = z.input<typeof updateInvoiceGroupInputSchema>;

/** `invoiceGroups.addInvoice`, `invoiceGroups.removeInvoice` (seed 004 add-invoice, remove-invoice). */
export const addInvoiceToGroupInputSchema = z.object({ id: idSchema, invoiceId: idSchema });
export type AddInvoiceToGroupInput = z.input<typeof addInvoiceToGroupInputSchema>;
/** `invoiceGroups.removeInvoice`: the same shape as `addInvoice`. */
export const removeInvoiceFromGroupInputSchema = addInvoiceToGroupInputSchema;
export type RemoveInvoiceFromGroupInput = AddInvoiceToGroupInput;

/** `invoiceGroups.transition`: issue or cancel. */
export const transitionInvoiceGroupInputSchema = z.object({
  id: idSchema,
  action: z.enum(INVOICE_GROUP_ACTIONS, { error: "Choose issue or cancel." }),
  /** Why a group is cancelled (kept in the audit event). */
  reason: optionalText(500),
});
export type TransitionInvoiceGroupInput = z.input<typeof transitionInvoiceGroupInputSchema>;

// ---------------------------------------------------------------- lists

export const invoiceGroupSortSchema = z.enum([
  "number",
  "invoiceDate",
  "dueDate",
  "status",
  "createdAt",
]);

export const listInvoiceGroupsInputSchema = pageInputSchema
  .extend({
    customerId: idSchema.optional(),
    currency: currencySchema.optional(),
    status: z
      .union([statusSchema, z.array(statusSchema).min(1).max(INVOICE_GROUP_STATUSES.length)], {
        error: "Choose a valid status.",
      })
      .transform((value) => [...new Set(Array.isArray(value) ? value : [value])])
      .optional(),
    /** On the invoice date, both ends included. */
    invoiceDateFrom: isoDate.optional(),
    invoiceDateTo: isoDate.optional(),
    dueDateFrom: isoDate.optional(),
    dueDateTo: isoDate.optional(),
    /** Archived groups leave the default list (`active`); `archived` shows only them. */
    archived: archivedFilterSchema,
    /** Soft-deleted groups are hidden unless asked for (`only`); that needs `invoiceGroup.delete`. */
    deleted: deletedFilterSchema,
    sortBy: invoiceGroupSortSchema.default("createdAt"),
    sortDirection: sortDirectionSchema.default("desc"),
  })
  .superRefine((values, ctx) => {
    for (const [from, to] of [
      ["invoiceDateFrom", "invoiceDateTo"],
      ["dueDateFrom", "dueDateTo"],
    ] as const) {
      const start = values[from];
      const end = values[to];
      if (start && end && end < start)
        ctx.addIssue({
          code: "custom",
          path: [to],
          message: "The end date cannot be before the start date.",
        });
    }
  });
export type ListInvoiceGroupsInput = z.input<typeof listInvoiceGroupsInputSchema>;
export type ListInvoiceGroupsQuery = z.output<typeof listInvoiceGroupsInputSchema>;

/**
 * `invoiceGroups.eligibleInvoices`: the invoices that may join this group now (its customer and
 * currency, issued, in no group), filtered by number or date for the "add invoices" picker.
 */
export const listEligibleInvoicesInputSchema = z.object({
  id: idSchema,
  search: z
    .string()
    .trim()
    .max(200, "At most 200 characters.")
    .optional()
    .transform((value) => value || undefined),
  issuedDateFrom: isoDate.optional(),
  issuedDateTo: isoDate.optional(),
});
export type ListEligibleInvoicesInput = z.input<typeof listEligibleInvoicesInputSchema>;
