import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { Alert } from "../../components/alert.tsx";
import { ConfirmDialog } from "../../components/dialog.tsx";
import { useNotify } from "../../components/notices.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError, wordServerMessage } from "../../lib/errors.ts";
import { FileRequestError } from "../../lib/file-requests.ts";
import { useTRPC } from "../../lib/trpc.ts";
import type { ExpenseReceipt, ExpenseRecord } from "./expense-form.ts";
import { RECEIPT_ACCEPT, receiptDownloadUrl, uploadReceipt } from "./receipts.ts";

/**
 * The receipts of a saved expense: each with its download link (and delete, for roles that may
 * change expenses), and the upload. A refused upload shows the server's reason (too large,
 * not a PDF/PNG/JPEG). A new expense only says that receipts follow saving.
 */
export function ReceiptsPanel({
  expense,
  canWrite,
  canDelete,
}: {
  expense: ExpenseRecord | undefined;
  canWrite: boolean;
  /** Deleting a receipt is admin and finance only (seed 004: team leads delete nothing). */
  canDelete: boolean;
}) {
  const { t, dateTime, number } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const headingId = useId();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [toDelete, setToDelete] = useState<ExpenseReceipt | null>(null);

  const refresh = async (id: string) => {
    await queryClient.invalidateQueries(trpc.expenses.get.queryFilter({ id }));
    void queryClient.invalidateQueries(trpc.expenses.list.pathFilter());
  };

  const upload = useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => uploadReceipt(id, file),
    onSuccess: async (_result, { id, file }) => {
      await refresh(id);
      notify("success", t("expenses.receiptUploaded", { name: file.name }));
    },
    onSettled: () => {
      if (input.current) input.current.value = "";
    },
  });
  const remove = useMutation(
    trpc.expenses.deleteReceipt.mutationOptions({
      onSuccess: async () => {
        if (expense) await refresh(expense.id);
        if (toDelete) notify("success", t("expenses.receiptDeleted", { name: toDelete.fileName }));
        setToDelete(null);
      },
    }),
  );

  return (
    <section className="panel detail-section receipts" aria-labelledby={headingId}>
      <div className="detail-section__header">
        <h2 className="detail-section__title" id={headingId}>
          {t("expenses.receipts")}
        </h2>
      </div>
      {!expense ? (
        <p className="muted">{t("expenses.receiptsAfterSave")}</p>
      ) : (
        <>
          {expense.receipts.length === 0 ? (
            <p className="muted">{t("expenses.receiptsEmpty")}</p>
          ) : (
            <ul className="receipts__list">
              {expense.receipts.map((receipt) => (
                <li key={receipt.id} className="receipts__item">
                  <a href={receiptDownloadUrl(receipt.id)} download={receipt.fileName}>
                    {receipt.fileName}
                  </a>
                  <span className="muted">
                    {number(Math.max(1, Math.round(receipt.sizeBytes / 1024)))} KB ·{" "}
                    {dateTime(receipt.createdAt)}
                  </span>
                  {canDelete ? (
                    <button
                      type="button"
                      className="button button--small button--danger-outline"
                      aria-label={`${t("expenses.receiptDelete")}: ${receipt.fileName}`}
                      onClick={() => {
                        remove.reset();
                        setToDelete(receipt);
                      }}
                    >
                      {t("expenses.receiptDelete")}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {canWrite ? (
            <div className="receipts__upload">
              <label className="field__label" htmlFor={inputId}>
                {t("expenses.receiptUpload")}
              </label>
              <input
                ref={input}
                id={inputId}
                type="file"
                className="input receipts__input"
                accept={RECEIPT_ACCEPT}
                disabled={upload.isPending}
                aria-describedby={`${inputId}-hint`}
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  if (file) upload.mutate({ id: expense.id, file });
                }}
              />
              <p className="field__hint" id={`${inputId}-hint`}>
                {upload.isPending ? t("expenses.receiptUploading") : t("expenses.receiptsHint")}
              </p>
              {upload.error ? (
                <Alert tone="error">
                  {t("expenses.receiptUploadFailed", {
                    reason:
                      upload.error instanceof FileRequestError && upload.error.appMessage
                        ? wordServerMessage(upload.error.appMessage, t, upload.error.message)
                        : upload.error.message,
                  })}
                </Alert>
              ) : null}
            </div>
          ) : null}
          <ConfirmDialog
            open={toDelete !== null}
            title={t("expenses.receiptDeleteTitle", { name: toDelete?.fileName ?? "" })}
            confirmLabel={t("expenses.receiptDelete")}
            busy={remove.isPending}
            error={remove.error ? describeError(remove.error, t) : null}
            onClose={() => setToDelete(null)}
            onConfirm={() => {
              if (toDelete) remove.mutate({ id: toDelete.id });
            }}
          >
            <p>{t("expenses.receiptDeleteText")}</p>
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
