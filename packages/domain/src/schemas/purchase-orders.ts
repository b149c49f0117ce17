import { z } from "zod";
import {
  BATCH_OPERATIONS,
  DISBURSEMENT_ITEM_TYPES,
  disbursementTotalProblem,
  MAX_BATCH_SIZE,
  MILESTONE_MAX,
  MILESTONE_MIN,
  PURCHASE_ORDER_ACTIONS,
  PURCHASE_ORDER_STATUSES,
  PURCHASE_ORDER_TYPES,
} from "../purchase-orders.ts";
import {
  archivedFilterSchema,
  deletedFilterSchema,
  decimalSchema,
  idSchema,
  optionalText,
  pageInputSchema,
  requiredText,
  sortDirectionSchema,
} from "./common.ts";
import { updateInputOf } from "./partial-update.ts";
import { currencySchema } from "./parties.ts";

/**
 * The inputs of the purchase-order procedures (seed 004 §4-§6). Field names are ours; the seed's
 * names are in docs/api.md (`tp_job` → projectId, `translatorid` → supplierId, `po_type` → type,
 * `date_due` → dueDate, `order_notes` → notes, `target_lang` → targetLanguage).
 */

const isoDate = z.iso.date({ error: "Use a date (YYYY-MM-DD)." });

/** numeric(14,2), not negative. */
const amountSchema = decimalSchema({
  places: 2,
  precision: 14,
  invalid: "An amount such as 1200.00.",
  tooManyPlaces: "At most 2 decimal places.",
  check: (value) => (value.isNegative() ? "Cannot be negative." : null),
});

const statusSchema = z.enum(PURCHASE_ORDER_STATUSES, { error: "Choose a valid status." });

/** BCP 47, as people write it (de, en-GB, pt-BR). */
const languageTag = optionalText(35).refine(
  (value) => value === null || /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value),
  "Use a language tag such as de or en-GB.",
);

/** The fields of a purchase order, as created and as an update leaves them. */
export const purchaseOrderInputSchema = z.object({
  /** Seed 004 `tp_job`. */
  projectId: idSchema,
  /** Seed 004 `translatorid`. */
  supplierId: idSchema,
  /** The agreed fee, without disbursement items (they are costs on top of it). */
  amount: amountSchema,
  /** Left out: the supplier's currency. */
  currency: currencySchema.optional(),
  type: z
    .enum(PURCHASE_ORDER_TYPES, { error: "Choose Translation, DTP or Disbursement." })
    .default("translation"),
  /** Left out: now. */
  orderDate: z.coerce.date({ error: "Use a date and time." }).optional(),
  dueDate: isoDate.nullish().transform((value) => value ?? null),
  notes: optionalText(4000),
  targetLanguage: languageTag,
  /** Left out: the project's manager. */
  projectManagerId: idSchema.nullish(),
  /** Work done in-house: nothing is paid for it. */
  isInternal: z.boolean().default(false),
});

/**
 * `purchaseOrders.create`. Seed 004's `status` is accepted only as "pending" (a PO starts there;
 * every other status is reached through its action).
 */
export const createPurchaseOrderInputSchema = purchaseOrderInputSchema.extend({
  status: z.literal("pending", { error: 'A purchase order is created as "pending".' }).optional(),
});
export type CreatePurchaseOrderInput = z.input<typeof createPurchaseOrderInputSchema>;

/** `purchaseOrders.update`: the fields to change; which may change depends on the status. */
export const updatePurchaseOrderInputSchema = updateInputOf(purchaseOrderInputSchema);
export type UpdatePurchaseOrderInput = z.input<typeof updatePurchaseOrderInputSchema>;

/** `purchaseOrders.transition`: a named move (accept, decline, ..., markPaid). */
export const transitionPurchaseOrderInputSchema = z
  .object({
    id: idSchema,
    action: z.enum(PURCHASE_ORDER_ACTIONS, { error: "Choose a valid action." }),
    /** Why (required to decline, cancel and dispute). */
    reason: optionalText(500),
    /** markPaid: the day it was paid (left out: today) and the bank reference. */
    paidDate: isoDate.nullish().transform((value) => value ?? null),
    paymentReference: optionalText(200),
  })
  .superRefine((input, ctx) => {
    const needsReason =
      input.action === "decline" || input.action === "cancel" || input.action === "dispute";
    if (needsReason && !input.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why." });
    }
  });
export type TransitionPurchaseOrderInput = z.input<typeof transitionPurchaseOrderInputSchema>;

// ---------------------------------------------------------------- list

export const purchaseOrderSortSchema = z.enum([
  "number",
  "orderDate",
  "dueDate",
  "amount",
  "status",
  "createdAt",
]);

/**
 * Approval state: waiting for a person (completed or disputed), waiting for the caller (what their
 * approval inbox shows: with something to pay, in their scope), approved, approved automatically.
 */
export const PURCHASE_ORDER_APPROVAL_STATES = [
  "awaiting",
  "waitingForMe",
  "approved",
  "autoApproved",
] as const;

const purchaseOrderFilterFields = {
  status: z
    .union([statusSchema, z.array(statusSchema).min(1).max(PURCHASE_ORDER_STATUSES.length)], {
      error: "Choose a valid status.",
    })
    .transform((value) => [...new Set(Array.isArray(value) ? value : [value])])
    .optional(),
  projectId: idSchema.optional(),
  supplierId: idSchema.optional(),
  projectManagerId: idSchema.optional(),
  /** On the order date (company calendar days), both ends included. */
  orderDateFrom: isoDate.optional(),
  orderDateTo: isoDate.optional(),
  dueDateFrom: isoDate.optional(),
  dueDateTo: isoDate.optional(),
  currency: currencySchema.optional(),
  approval: z.enum(PURCHASE_ORDER_APPROVAL_STATES).optional(),
  /** A whole BE number, or part of one. */
  search: z
    .string()
    .trim()
    .max(200, "At most 200 characters.")
    .optional()
    .transform((value) => value || undefined),
  archived: archivedFilterSchema,
  /** Soft-deleted POs are hidden unless asked for (`only`); seeing them needs `purchaseOrder.delete`. */
  deleted: deletedFilterSchema,
};

function checkRanges(
  values: {
    orderDateFrom?: string;
    orderDateTo?: string;
    dueDateFrom?: string;
    dueDateTo?: string;
  },
  ctx: z.RefinementCtx,
) {
  if (values.orderDateFrom && values.orderDateTo && values.orderDateTo < values.orderDateFrom)
    ctx.addIssue({
      code: "custom",
      path: ["orderDateTo"],
      message: "The end date cannot be before the start date.",
    });
  if (values.dueDateFrom && values.dueDateTo && values.dueDateTo < values.dueDateFrom)
    ctx.addIssue({
      code: "custom",
      path: ["dueDateTo"],
      message: "The end date cannot be before the start date.",
    });
}

export const listPurchaseOrdersInputSchema = pageInputSchema
  .extend({
    ...purchaseOrderFilterFields,
    sortBy: purchaseOrderSortSchema.default("createdAt"),
    sortDirection: sortDirectionSchema.default("desc"),
  })
  .superRefine(checkRanges);
export type ListPurchaseOrdersInput = z.input<typeof listPurchaseOrdersInputSchema>;
export type ListPurchaseOrdersQuery = z.output<typeof listPurchaseOrdersInputSchema>;

// ---------------------------------------------------------------- milestones

const milestoneSchema = z
  .number({ error: "A milestone is a whole percentage from 1 to 100." })
  .int("A milestone is a whole percentage from 1 to 100.")
  .min(MILESTONE_MIN, "A milestone is a whole percentage from 1 to 100.")
  .max(MILESTONE_MAX, "A milestone is a whole percentage from 1 to 100.");

/** `purchaseOrders.milestones.record` (seed 004 POST milestones). */
export const recordMilestoneInputSchema = z.object({
  purchaseOrderId: idSchema,
  percentage: milestoneSchema,
  notes: optionalText(2000),
  /** Seed 004 `confirmed` (an int there). */
  confirmed: z.boolean().default(false),
});
export type RecordMilestoneInput = z.input<typeof recordMilestoneInputSchema>;

/**
 * `purchaseOrders.milestones.update` (seed 004 PUT milestone): notes, and confirming it. The
 * percentage of a recorded milestone does not change (milestones never decrease), and a
 * confirmation is not taken back.
 */
export const updateMilestoneInputSchema = z.object({
  id: idSchema,
  notes: optionalText(2000).optional(),
  confirmed: z.literal(true, { error: "A confirmation cannot be taken back." }).optional(),
});
export type UpdateMilestoneInput = z.input<typeof updateMilestoneInputSchema>;

/** The `{ purchaseOrderId }` of the list procedures of a PO's milestones and disbursements. */
export const listPurchaseOrderMilestonesInputSchema = z.object({ purchaseOrderId: idSchema });
export type ListPurchaseOrderMilestonesInput = z.input<
  typeof listPurchaseOrderMilestonesInputSchema
>;
/** `purchaseOrders.disbursements.list`: the same shape as `milestones.list`. */
export const listDisbursementItemsInputSchema = listPurchaseOrderMilestonesInputSchema;
export type ListDisbursementItemsInput = ListPurchaseOrderMilestonesInput;

// ---------------------------------------------------------------- disbursements

const disbursementFields = {
  itemType: z.enum(DISBURSEMENT_ITEM_TYPES, { error: "Choose DTP or other." }),
  itemTypeInfo: requiredText(500, "Item type information"),
  /** Seed 004 `no_of_units`: a whole number above 0. */
  units: z
    .number({ error: "A whole number of units." })
    .int("A whole number of units.")
    .min(1, "At least 1 unit.")
    .max(1_000_000_000, "At most 1,000,000,000 units."),
  ratePerUnit: decimalSchema({
    places: 4,
    precision: 14,
    invalid: "A rate such as 12.50.",
    tooManyPlaces: "At most 4 decimal places.",
    check: (value) => (value.isNegative() ? "Cannot be negative." : null),
  }),
  /** Must be units × rate exactly; a different value is refused, never corrected. */
  totalCost: amountSchema,
};

function checkTotal(
  item: { units?: number; ratePerUnit?: string; totalCost?: string },
  ctx: z.RefinementCtx,
) {
  if (item.units === undefined || item.ratePerUnit === undefined || item.totalCost === undefined)
    return;
  const problem = disbursementTotalProblem({
    units: item.units,
    ratePerUnit: item.ratePerUnit,
    totalCost: item.totalCost,
  });
  if (problem) ctx.addIssue({ code: "custom", path: ["totalCost"], message: problem });
}

/** The fields of a disbursement item, with the total checked against units × rate. */
export const disbursementInputSchema = z.object(disbursementFields).superRefine(checkTotal);

/** `purchaseOrders.disbursements.add` (seed 004 POST disbursements). */
export const addDisbursementInputSchema = z
  .object({ purchaseOrderId: idSchema, ...disbursementFields })
  .superRefine(checkTotal);
export type AddDisbursementInput = z.input<typeof addDisbursementInputSchema>;

/**
 * `purchaseOrders.disbursements.update` (seed 004 PUT): the fields to change; the item after the
 * change must again have total = units × rate (so changing units or rate means sending the new
 * total too).
 */
export const updateDisbursementInputSchema = z.object({
  id: idSchema,
  values: z.strictObject({
    itemType: disbursementFields.itemType.optional(),
    itemTypeInfo: disbursementFields.itemTypeInfo.optional(),
    units: disbursementFields.units.optional(),
    ratePerUnit: disbursementFields.ratePerUnit.optional(),
    totalCost: disbursementFields.totalCost.optional(),
  }),
});
export type UpdateDisbursementInput = z.input<typeof updateDisbursementInputSchema>;

// ---------------------------------------------------------------- batches

/**
 * `purchaseOrders.batchApprove` / `batchDelete`: any number of ids (repeats count once); up to
 * `INLINE_BATCH_LIMIT` run in the request, more as a worker job.
 */
export const batchApprovePurchaseOrdersInputSchema = z.object({
  ids: z
    .array(idSchema)
    .min(1, "Choose at least one purchase order.")
    .max(MAX_BATCH_SIZE, `At most ${MAX_BATCH_SIZE.toLocaleString("en")} purchase orders at once.`)
    .transform((ids) => [...new Set(ids)]),
});
export type BatchApprovePurchaseOrdersInput = z.input<typeof batchApprovePurchaseOrdersInputSchema>;
/** `purchaseOrders.batchDelete`: the same shape as `batchApprove`. */
export const batchDeletePurchaseOrdersInputSchema = batchApprovePurchaseOrdersInputSchema;
export type BatchDeletePurchaseOrdersInput = BatchApprovePurchaseOrdersInput;

export const batchOperationSchema = z.enum(BATCH_OPERATIONS);

/** `purchaseOrders.commitments`: open commitments per currency, optionally for one project. */
export const listPurchaseOrderCommitmentsInputSchema = z.object({
  projectId: idSchema.optional(),
  supplierId: idSchema.optional(),
});
export type ListPurchaseOrderCommitmentsInput = z.input<
  typeof listPurchaseOrderCommitmentsInputSchema
>;
