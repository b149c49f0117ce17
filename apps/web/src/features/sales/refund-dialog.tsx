import { isIsoDate, PAYMENT_METHODS, toDecimal, type PaymentMethod } from "@ledgerline/domain";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { DateField } from "../../components/date-field.tsx";
import { Dialog } from "../../components/dialog.tsx";
import { SelectField, TextAreaField, TextField } from "../../components/field.tsx";
import { DialogForm } from "../../components/form-layout.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { todayIso } from "./payment-form.ts";
import type { SalesDocument } from "./sales-api.ts";
import { useDocumentName } from "./status-badge.tsx";

/**
 * Refund a paid invoice (§5.6): what is not credited yet is credited by a credit note issued at
 * once, and everything paid and not yet paid back goes back to the customer as one refund
 * payment, dated and made the way the person says. Afterwards the invoice is "refunded".
 */
export function RefundDialog({
  invoice,
  onClose,
  onRefunded,
}: {
  invoice: SalesDocument;
  onClose: () => void;
  onRefunded: (updated: SalesDocument) => void;
}) {
  const { t, money } = useI18n();
  const trpc = useTRPC();
  const documentName = useDocumentName();
  const today = todayIso();
  const [paymentDate, setPaymentDate] = useState<string>(today);
  const [method, setMethod] = useState<PaymentMethod>("bank_transfer");
  const [reference, setReference] = useState("");
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const refund = useMutation(trpc.salesDocuments.refund.mutationOptions());

  const dateProblem = !isIsoDate(paymentDate)
    ? t("validation.date")
    : paymentDate > today
      ? t("refund.dateInFuture")
      : null;
  // What goes back, as the read model figures it (`refundActionAmountOf`).
  const amount = toDecimal(invoice.refundAmount ?? 0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTouched(true);
    if (dateProblem) return;
    refund.mutate(
      {
        id: invoice.id,
        paymentDate,
        method,
        reference: reference.trim() || null,
        reason: reason.trim() || null,
      },
      { onSuccess: onRefunded },
    );
  };

  return (
    <Dialog open onClose={onClose} title={t("refund.title", { name: documentName(invoice) })}>
      <DialogForm
        onSubmit={submit}
        error={refund.error}
        busy={refund.isPending}
        submitLabel={t("refund.confirm")}
        onCancel={onClose}
      >
        <p className="dialog__message">
          {t("refund.text", { amount: money(amount, invoice.currency) })}
        </p>
        <DateField
          label={t("payments.date")}
          required
          max={today}
          value={paymentDate}
          error={touched && dateProblem ? dateProblem : undefined}
          onChange={(event) => setPaymentDate(event.target.value)}
        />
        <SelectField
          label={t("payments.method")}
          required
          value={method}
          onChange={(event) => setMethod(event.target.value as PaymentMethod)}
        >
          {PAYMENT_METHODS.map((option) => (
            <option key={option} value={option}>
              {t(`paymentMethod.${option}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("payments.reference")}
          autoComplete="off"
          value={reference}
          onChange={(event) => setReference(event.target.value)}
        />
        <TextAreaField
          label={t("sales.reason")}
          rows={2}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </DialogForm>
    </Dialog>
  );
}
