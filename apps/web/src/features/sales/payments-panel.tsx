import { PAYMENT_METHODS, paymentInputSchemaAsOf, type PaymentInput } from "@ledgerline/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { DetailSection } from "../../components/detail-section.tsx";
import { ConfirmDialog, Dialog } from "../../components/dialog.tsx";
import { SelectField, TextAreaField, TextField } from "../../components/field.tsx";
import { DialogForm } from "../../components/form-layout.tsx";
import { useNotify } from "../../components/notices.tsx";
import { DecimalField } from "../../components/decimal-field.tsx";
import { DateField } from "../../components/date-field.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useSchemaForm, type TextFieldName } from "../../lib/use-form.ts";
import {
  newPaymentValues,
  paymentInputOf,
  paymentValuesOf,
  todayIso,
  type PaymentFormValues,
} from "./payment-form.ts";
import type { Payment, SalesDocument } from "./sales-api.ts";
import { scrollRegion } from "../../components/scroll-region.ts";

type PaymentDialogState = { kind: "create" } | { kind: "edit"; payment: Payment } | null;

/**
 * The payments of an invoice (or the refunds of a credit note): newest first, with record, edit
 * and delete exactly as the domain offers them (`paymentActions` of the read model: issued,
 * something open, not refunded, `payment.write`). Every change answers with the document, whose
 * status and open amount the page then shows at once.
 */
export function PaymentsPanel({ document }: { document: SalesDocument }) {
  const { t, money, date } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [dialog, setDialog] = useState<PaymentDialogState>(null);
  const [deleting, setDeleting] = useState<Payment | null>(null);
  const canRecord = document.paymentActions.includes("record");
  const canEdit = document.paymentActions.includes("edit");
  const canDelete = document.paymentActions.includes("delete");
  const canWrite = canEdit || canDelete;
  const isRefund = document.type === "credit_note";

  const showDocument = (updated: SalesDocument) => {
    queryClient.setQueryData(trpc.salesDocuments.get.queryKey({ id: updated.id }), updated);
    void queryClient.invalidateQueries(trpc.salesDocuments.pathFilter());
    void queryClient.invalidateQueries(trpc.payments.pathFilter());
  };

  const remove = useMutation(
    trpc.payments.delete.mutationOptions({
      onSuccess: ({ document: updated }) => {
        showDocument(updated);
        notify("success", t("payments.deleted"));
        setDeleting(null);
      },
    }),
  );

  const payments = document.payments;
  const methodLabel = (method: Payment["method"]) => t(`paymentMethod.${method}`);

  return (
    <DetailSection
      title={isRefund ? t("payments.refundsTitle") : t("payments.title")}
      actions={
        canRecord ? (
          <button
            type="button"
            className="button button--primary button--small"
            onClick={() => setDialog({ kind: "create" })}
          >
            {isRefund ? t("payments.recordRefund") : t("payments.record")}
          </button>
        ) : null
      }
    >
      {payments.length === 0 ? (
        <p className="detail-section__empty">{t("payments.none")}</p>
      ) : (
        <div className="table-wrap" ref={scrollRegion(t("payments.title"))}>
          <table className="table">
            <caption className="visually-hidden">{t("payments.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("payments.date")}</th>
                <th scope="col">{t("payments.method")}</th>
                <th scope="col">{t("payments.reference")}</th>
                <th scope="col">{t("payments.note")}</th>
                <th scope="col" className="cell--end">
                  {t("payments.amount")}
                </th>
                {canWrite ? (
                  <th scope="col" className="cell--end">
                    <span className="visually-hidden">{t("list.actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {payments.map((payment) => {
                const summary = t("payments.summary", {
                  amount: money(payment.amount, document.currency),
                  date: date(payment.paymentDate, { calendarDate: true }),
                });
                return (
                  <tr key={payment.id}>
                    <td className="cell--numeric">
                      {date(payment.paymentDate, { calendarDate: true })}
                    </td>
                    <td>{methodLabel(payment.method)}</td>
                    <td className="cell--truncate">
                      {payment.reference ?? <span className="muted">—</span>}
                    </td>
                    <td className="cell--truncate">
                      {payment.note ?? <span className="muted">—</span>}
                    </td>
                    <td className="cell--end cell--numeric">
                      {money(payment.amount, document.currency)}
                    </td>
                    {canWrite ? (
                      <td className="cell--end cell--actions">
                        {canEdit ? (
                          <button
                            type="button"
                            className="button button--small button--ghost"
                            onClick={() => setDialog({ kind: "edit", payment })}
                          >
                            {t("payments.edit")}
                            <span className="visually-hidden"> {summary}</span>
                          </button>
                        ) : null}
                        {canDelete ? (
                          <button
                            type="button"
                            className="button button--small button--ghost-danger"
                            onClick={() => setDeleting(payment)}
                          >
                            {t("payments.delete")}
                            <span className="visually-hidden"> {summary}</span>
                          </button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {dialog ? (
        <PaymentDialog
          document={document}
          payment={dialog.kind === "edit" ? dialog.payment : undefined}
          onClose={() => setDialog(null)}
          onSaved={(updated) => {
            showDocument(updated);
            notify(
              "success",
              dialog.kind === "edit" ? t("payments.updated") : t("payments.recorded"),
            );
            setDialog(null);
          }}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={t("payments.deleteTitle")}
        confirmLabel={t("payments.delete")}
        busy={remove.isPending}
        error={remove.error ? describeError(remove.error, t) : null}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        <p>
          {deleting
            ? t("payments.deleteText", {
                amount: money(deleting.amount, document.currency),
                date: date(deleting.paymentDate, { calendarDate: true }),
              })
            : null}
        </p>
      </ConfirmDialog>
    </DetailSection>
  );
}

/**
 * Record or change a payment: the amount starts at what is still open, the date at today. The
 * schema refuses future dates and amounts that are no amounts; the API refuses overpayment with
 * its own message, which shows at the amount.
 */
function PaymentDialog({
  document,
  payment,
  onClose,
  onSaved,
}: {
  document: SalesDocument;
  payment: Payment | undefined;
  onClose: () => void;
  onSaved: (document: SalesDocument) => void;
}) {
  const { t, money, locale } = useI18n();
  const trpc = useTRPC();
  const today = todayIso();
  const schema = useMemo(() => paymentInputSchemaAsOf(today), [today]);
  const form = useSchemaForm<PaymentFormValues, PaymentInput>({
    initialValues: payment
      ? paymentValuesOf(payment, locale)
      : newPaymentValues(document.outstandingAmount, today, locale),
    schema,
    toInput: paymentInputOf,
  });
  const create = useMutation(
    trpc.payments.create.mutationOptions({
      onSuccess: (result) => onSaved(result.document),
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const update = useMutation(
    trpc.payments.update.mutationOptions({
      onSuccess: (result) => onSaved(result.document),
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const save = payment ? update : create;
  const field = (name: TextFieldName<PaymentFormValues>) => form.fieldProps(name);
  const isRefund = document.type === "credit_note";

  return (
    <Dialog
      open
      onClose={onClose}
      title={
        payment
          ? t("payments.editTitle")
          : isRefund
            ? t("payments.recordRefund")
            : t("payments.record")
      }
    >
      <DialogForm
        onSubmit={form.handleSubmit((input) =>
          payment
            ? update.mutate({ id: payment.id, values: input })
            : create.mutate({ salesDocumentId: document.id, ...input }),
        )}
        error={save.error}
        busy={save.isPending}
        submitLabel={t("payments.save")}
        onCancel={onClose}
      >
        {document.outstandingAmount !== null ? (
          <p className="dialog__message">
            {t("payments.openAmount", {
              amount: money(document.outstandingAmount, document.currency),
            })}
          </p>
        ) : null}
        <div className="form-grid">
          <DecimalField
            label={t("payments.amount")}
            required
            kind="amount"
            currency={document.currency}
            data-autofocus
            hint={document.currency}
            {...field("amount")}
          />
          <DateField label={t("payments.date")} required max={today} {...field("paymentDate")} />
          <SelectField label={t("payments.method")} required {...field("method")}>
            {PAYMENT_METHODS.map((method) => (
              <option key={method} value={method}>
                {t(`paymentMethod.${method}`)}
              </option>
            ))}
          </SelectField>
          <TextField label={t("payments.reference")} autoComplete="off" {...field("reference")} />
        </div>
        <TextAreaField label={t("payments.note")} rows={2} {...field("note")} />
      </DialogForm>
    </Dialog>
  );
}
