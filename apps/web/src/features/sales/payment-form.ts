import type { IsoDate, Locale, PaymentInput, PaymentMethod } from "@ledgerline/domain";
import { decimalOfText, decimalText } from "../../lib/decimal-entry.ts";
import { textOf } from "../../lib/form-values.ts";
import type { DecimalValue } from "../../lib/format.ts";
import { dateInputText } from "./document-form.ts";

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

/** A new payment: the whole outstanding amount (as the locale writes it), paid today by bank transfer. */
export const newPaymentValues = (
  outstanding: DecimalValue | null | undefined,
  today: IsoDate,
  locale: Locale,
): PaymentFormValues => ({
  amount: decimalText(outstanding, locale, "amount"),
  paymentDate: today,
  method: "bank_transfer",
  reference: "",
  note: "",
});

export function paymentValuesOf(
  payment: {
    amount: DecimalValue;
    paymentDate: Date | string;
    method: PaymentMethod;
    reference: string | null;
    note: string | null;
  },
  locale: Locale,
): PaymentFormValues {
  return {
    amount: decimalText(payment.amount, locale, "amount"),
    paymentDate: dateInputText(payment.paymentDate),
    method: payment.method,
    reference: textOf(payment.reference),
    note: textOf(payment.note),
  };
}

/** The dialog as `paymentInputSchema`'s input; the amount read in the UI's locale. */
export const paymentInputOf = (values: PaymentFormValues, locale: Locale): PaymentInput => ({
  amount: decimalOfText(values.amount, locale),
  paymentDate: values.paymentDate,
  method: values.method,
  reference: values.reference,
  note: values.note,
});
