import { z } from "zod";
import { isIsoDate, type IsoDate } from "../calendar-date.ts";
import { PAYMENT_METHODS } from "../sales-documents.ts";
import { PAYMENT_DATE_IN_FUTURE_MESSAGE } from "../settlement.ts";
import { isPlainObject } from "../plain-object.ts";
import { idSchema, optionalText, pageInputSchema } from "./common.ts";
import { updateInputOf } from "./partial-update.ts";
import { isoDate, paymentAmountSchema } from "./sales-documents.ts";

/**
 * Input schemas of the `payments` router (routers/payments.ts), shared by the payment forms and
 * the API.
 */

/**
 * A payment or a refund. Whether the date lies in the future depends on "today" in the
 * company's time zone, which a static schema cannot know: API procedures use this schema and
 * the service calls `assertPaymentDateNotInFuture`; forms use `paymentInputSchemaAsOf(today)`.
 */
export const paymentInputSchema = z.object({
  amount: paymentAmountSchema,
  paymentDate: isoDate,
  method: z.enum(PAYMENT_METHODS, { error: "Choose a payment method." }),
  reference: optionalText(140),
  note: optionalText(2000),
});
export type PaymentInput = z.input<typeof paymentInputSchema>;
export type PaymentValues = z.output<typeof paymentInputSchema>;

/** `paymentInputSchema` that also refuses a payment date after `today` (YYYY-MM-DD). */
export const paymentInputSchemaAsOf = (today: IsoDate) =>
  paymentInputSchema.refine((payment) => payment.paymentDate <= today, {
    message: PAYMENT_DATE_IN_FUTURE_MESSAGE,
    path: ["paymentDate"],
    // Shown together with the other fields' messages, as long as the date itself is one.
    when: (payload) => isPlainObject(payload.value) && isIsoDate(payload.value.paymentDate),
  });

/** `payments.create`: a payment on the document it names. */
export const createPaymentInputSchema = paymentInputSchema.extend({ salesDocumentId: idSchema });
export type CreatePaymentInput = z.input<typeof createPaymentInputSchema>;

/** `payments.update`: the fields to change (`updateSchemaOf`); a payment stays on its document. */
export const updatePaymentInputSchema = updateInputOf(paymentInputSchema);
export type UpdatePaymentInput = z.input<typeof updatePaymentInputSchema>;

/** `payments.listByDocument`. */
export const listPaymentsInputSchema = z.object({ salesDocumentId: idSchema });
export type ListPaymentsInput = z.input<typeof listPaymentsInputSchema>;

/**
 * `payments.received`: the payments received on invoices from one day to another (both
 * included), newest first, with their totals per currency: the list behind the home page's
 * "paid this month".
 */
export const listReceivedPaymentsInputSchema = pageInputSchema
  .extend({ from: isoDate, to: isoDate })
  .refine((input) => input.to >= input.from, {
    message: "The end of the date range cannot be before its start.",
    path: ["to"],
  });
export type ListReceivedPaymentsInput = z.input<typeof listReceivedPaymentsInputSchema>;
