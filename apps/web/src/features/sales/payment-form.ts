import type { IsoDate, PaymentInput, PaymentMethod } from "@ledgerline/domain";
import { textOf } from "../../lib/form-values.ts";
import type { DecimalValue } from "../../lib/format.ts";
import { dateInputText } from "./document-form.ts";
import { decimalInputText, normaliseDecimalText } from "./line-items.ts";

/** The payment dialog: amount, date, method, reference and note, as its inputs hold them. */
export interface PaymentFormValues {
  amount: string;
  paymentDate: string;
  method: PaymentMethod;
  reference: string;
  note: string;
}

/** Today as the browser's calendar day (YYYY-MM-DD), the payment date a new payment starts with. */
export function todayIso(now = new Date()): IsoDate {
  const month = String(now.getMonth() + 1).padStart(2, "0");
  const day = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${month}-${day}`;
}

/** An amount with its cents for an input ("120.5" -> "120.50"). */
export const amountInputText = (value: DecimalValue | null | undefined): string =>
  value === null || value === undefined ? "" : decimalInputText(value, 2);

/** A new payment: the whole outstanding amount, paid today by bank transfer. */
export const newPaymentValues = (
  outstanding: DecimalValue | null | undefined,
  today: IsoDate,
): PaymentFormValues => ({
  amount: amountInputText(outstanding),
  paymentDate: today,
  method: "bank_transfer",
  reference: "",
  note: "",
});

export function paymentValuesOf(payment: {
  amount: DecimalValue;
  paymentDate: Date | string;
  method: PaymentMethod;
  reference: string | null;
  note: string | null;
}): PaymentFormValues {
  return {
    amount: amountInputText(payment.amount),
    paymentDate: dateInputText(payment.paymentDate),
    method: payment.method,
    reference: textOf(payment.reference),
    note: textOf(payment.note),
  };
}

/** The dialog as `paymentInputSchema`'s input; a decimal comma reads as a point. */
export const paymentInputOf = (values: PaymentFormValues): PaymentInput => ({
  amount: normaliseDecimalText(values.amount),
  paymentDate: values.paymentDate,
  method: values.method,
  reference: values.reference,
  note: values.note,
});
