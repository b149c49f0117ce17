import { actionRuleOf, resolveDeleteRequest, type SalesDocumentAction } from "@ledgerline/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ConfirmDialog, Dialog } from "../../components/dialog.tsx";
import { TextAreaField } from "../../components/field.tsx";
import { DialogForm } from "../../components/form-layout.tsx";
import { useNotify } from "../../components/notices.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { navigate } from "../../lib/router.tsx";
import { serverDetailsOf, useTRPC } from "../../lib/trpc.ts";
import { ConvertInvoiceDialog, type InvoicePart } from "./convert-invoice-dialog.tsx";
import { CreditNoteDialog } from "./credit-note-dialog.tsx";
import { RefundDialog } from "./refund-dialog.tsx";
import { DOCUMENT_LIST_PATHS, documentEditPath, documentPath } from "./document-types.ts";
import type { SalesDocument } from "./sales-api.ts";
import { useDocumentName, useTypeNoun } from "./status-badge.tsx";

/** Actions that ask for a reason first (required or optional, as the domain's rule says). */
type ReasonAction = "return" | "decline" | "cancel" | "cancelWithDocument";
/** Actions that ask "are you sure?" first: they cannot be undone (or hide the document). */
type ConfirmAction = "issue" | "transform" | "delete" | "softDelete" | "archive";

type OpenDialog =
  | { kind: "reason"; action: ReasonAction }
  | { kind: "confirm"; action: ConfirmAction }
  | { kind: "creditNote" }
  | { kind: "convertInvoice" }
  /** The API refused invoicing more than the order (§5.4a): ask, then try again confirmed. */
  | { kind: "overInvoicing"; message: string; retry: () => void }
  | { kind: "refund" }
  | null;

/** A refusal the person may overrule by confirming: it would invoice more than the order. */
const isOverInvoicingRefusal = (error: unknown) => serverDetailsOf(error)?.overInvoicing === true;

/** Actions whose own dialog asks for the reason along with the rest (lines, the payment). */
const OWN_DIALOG_ACTIONS: readonly SalesDocumentAction[] = ["createCreditNote", "refund"];

/** Whether the reason dialog comes first: the domain's rule says the action takes a reason. */
const asksReason = (document: SalesDocument, action: SalesDocumentAction) =>
  !OWN_DIALOG_ACTIONS.includes(action) &&
  (actionRuleOf(document.type, action)?.reason ?? "none") !== "none";

/** Primary-looking actions: the way forward in the document's life. */
const PRIMARY_ACTIONS: readonly SalesDocumentAction[] = ["issue", "submit", "approve"];
const DANGER_ACTIONS: readonly SalesDocumentAction[] = [
  "cancel",
  "cancelWithDocument",
  "delete",
  "decline",
  "refund",
];

/**
 * The buttons for what can be done with a document now: exactly the `allowedActions` and
 * `recordActions` (edit, archive, restore, restore a deleted one) the API computed for this
 * person with the domain's rules, in the domain's order. Irreversible moves ask first;
 * cancellations, returns and declines ask for a reason; a refund asks how the money went back.
 * Conversions open the new document. Deleting a draft removes it and goes back to the list;
 * deleting anything else hides it (soft delete) and stays on it, showing it as deleted.
 */
export function DocumentActions({ document }: { document: SalesDocument }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const documentName = useDocumentName();
  const typeNoun = useTypeNoun();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [error, setError] = useState<unknown>(null);
  const [reason, setReason] = useState("");
  const [reasonTouched, setReasonTouched] = useState(false);
  const name = documentName(document);

  const close = () => {
    setDialog(null);
    setError(null);
    setReason("");
    setReasonTouched(false);
  };

  const refreshAll = () => queryClient.invalidateQueries(trpc.salesDocuments.pathFilter());
  const showDocument = (updated: SalesDocument, notice: string) => {
    queryClient.setQueryData(trpc.salesDocuments.get.queryKey({ id: updated.id }), updated);
    void refreshAll();
    notify("success", notice);
    close();
  };
  const openCreated = (created: SalesDocument, notice: string) => {
    queryClient.setQueryData(trpc.salesDocuments.get.queryKey({ id: created.id }), created);
    void refreshAll();
    notify("success", notice);
    close();
    navigate(documentPath(created.id));
  };
  const onError = (caught: unknown) => {
    // Asked first (`askToConfirm`); a confirmed call refused again shows in its dialog.
    if (isOverInvoicingRefusal(caught) && dialog?.kind !== "overInvoicing") return;
    setError(caught);
    // Without a dialog the refusal goes to a notice, so it is never silent.
    if (dialog === null) notify("error", describeError(caught, t));
  };

  const options = { onError };
  const issue = useMutation(trpc.salesDocuments.issue.mutationOptions(options));
  const submit = useMutation(trpc.salesDocuments.submit.mutationOptions(options));
  const approve = useMutation(trpc.salesDocuments.approve.mutationOptions(options));
  const returnToDraft = useMutation(trpc.salesDocuments.returnToDraft.mutationOptions(options));
  const accept = useMutation(trpc.salesDocuments.accept.mutationOptions(options));
  const decline = useMutation(trpc.salesDocuments.decline.mutationOptions(options));
  const cancel = useMutation(trpc.salesDocuments.cancel.mutationOptions(options));
  const transform = useMutation(trpc.salesDocuments.transform.mutationOptions(options));
  const convert = useMutation(trpc.salesDocuments.convert.mutationOptions(options));
  const cancelWithDocument = useMutation(
    trpc.salesDocuments.cancelWithDocument.mutationOptions(options),
  );
  const archive = useMutation(trpc.salesDocuments.archive.mutationOptions(options));
  const restore = useMutation(trpc.salesDocuments.restore.mutationOptions(options));
  const restoreDeleted = useMutation(trpc.salesDocuments.restoreDeleted.mutationOptions(options));
  const remove = useMutation(trpc.salesDocuments.delete.mutationOptions(options));

  const busy = [
    issue,
    submit,
    approve,
    returnToDraft,
    accept,
    decline,
    cancel,
    transform,
    convert,
    cancelWithDocument,
    archive,
    restore,
    restoreDeleted,
    remove,
  ].some((mutation) => mutation.isPending);

  const id = document.id;
  const run = (
    action: SalesDocumentAction | "archive" | "restore" | "restoreDeleted" | "softDelete",
    reasonText?: string,
    invoicing: { part?: InvoicePart; confirmOverInvoicing?: boolean } = {},
  ) => {
    setError(null);
    const withReason = reasonText?.trim() ? { reason: reasonText.trim() } : {};
    const confirm = invoicing.confirmOverInvoicing ? { confirmOverInvoicing: true } : {};
    // Refused for invoicing more than the order: ask, then repeat the call confirmed.
    const askToConfirm = (caught: unknown) => {
      if (invoicing.confirmOverInvoicing || !isOverInvoicingRefusal(caught)) return;
      setError(null);
      setDialog({
        kind: "overInvoicing",
        message: describeError(caught, t),
        retry: () => run(action, reasonText, { ...invoicing, confirmOverInvoicing: true }),
      });
    };
    switch (action) {
      case "issue":
        issue.mutate(
          { id, ...confirm },
          {
            onError: askToConfirm,
            onSuccess: (done) =>
              showDocument(done, t("sales.issuedNotice", { name: documentName(done) })),
          },
        );
        break;
      case "submit":
        submit.mutate(
          { id, ...confirm },
          {
            onError: askToConfirm,
            onSuccess: (done) => showDocument(done, t("sales.submittedNotice", { name })),
          },
        );
        break;
      case "approve":
        approve.mutate(
          { id, ...confirm },
          {
            onError: askToConfirm,
            onSuccess: (done) =>
              showDocument(done, t("sales.approvedNotice", { name: documentName(done) })),
          },
        );
        break;
      case "return":
      case "withdraw":
        returnToDraft.mutate(
          { id, ...withReason },
          { onSuccess: (done) => showDocument(done, t("sales.returnedNotice", { name })) },
        );
        break;
      case "accept":
        accept.mutate(
          { id },
          { onSuccess: (done) => showDocument(done, t("sales.acceptedNotice", { name })) },
        );
        break;
      case "decline":
        decline.mutate(
          { id, ...withReason },
          { onSuccess: (done) => showDocument(done, t("sales.declinedNotice", { name })) },
        );
        break;
      case "cancel":
        cancel.mutate(
          { id, reason: reasonText?.trim() ?? "" },
          { onSuccess: (done) => showDocument(done, t("sales.cancelledNotice", { name })) },
        );
        break;
      case "cancelWithDocument":
        cancelWithDocument.mutate(
          { id, reason: reasonText?.trim() ?? "" },
          {
            onSuccess: (created) =>
              openCreated(
                created,
                t("sales.cancellationCreatedNotice", { name, cancellation: documentName(created) }),
              ),
          },
        );
        break;
      case "transform":
        transform.mutate(
          { id },
          {
            onSuccess: (created) =>
              openCreated(
                created,
                t("sales.transformedNotice", { name, invoice: documentName(created) }),
              ),
          },
        );
        break;
      case "convertToOrderConfirmation":
      case "convertToInvoice": {
        const to = action === "convertToInvoice" ? "invoice" : "order_confirmation";
        convert.mutate(
          { id, to, ...(to === "invoice" ? invoicing.part : {}), ...confirm },
          {
            onError: askToConfirm,
            onSuccess: (created) =>
              openCreated(created, t("sales.convertedNotice", { name, type: typeNoun(to) })),
          },
        );
        break;
      }
      case "createCreditNote":
        setDialog({ kind: "creditNote" });
        break;
      case "refund":
        setDialog({ kind: "refund" });
        break;
      case "softDelete":
        remove.mutate(
          { id },
          {
            onSuccess: () => {
              void queryClient.invalidateQueries(trpc.salesDocuments.get.queryFilter({ id }));
              void refreshAll();
              notify("success", t("sales.softDeletedNotice", { name }));
              close();
            },
          },
        );
        break;
      case "restoreDeleted":
        restoreDeleted.mutate(
          { id },
          { onSuccess: (done) => showDocument(done, t("sales.restoredDeletedNotice", { name })) },
        );
        break;
      case "delete":
        remove.mutate(
          { id },
          {
            onSuccess: () => {
              queryClient.removeQueries(trpc.salesDocuments.get.queryFilter({ id }));
              void refreshAll();
              notify("success", t("sales.deletedNotice", { name }));
              close();
              navigate(DOCUMENT_LIST_PATHS[document.type]);
            },
          },
        );
        break;
      case "archive":
        archive.mutate(
          { id },
          { onSuccess: (done) => showDocument(done, t("sales.archivedNotice", { name })) },
        );
        break;
      case "restore":
        restore.mutate(
          { id },
          { onSuccess: (done) => showDocument(done, t("sales.restoredNotice", { name })) },
        );
        break;
    }
  };

  // A draft is removed for good; anything else is hidden and kept (soft delete): the domain's call.
  const deleteKind = resolveDeleteRequest(document.type, document.status);
  const actionLabel = (action: SalesDocumentAction) =>
    action === "delete" ? t(`salesAction.${deleteKind}`) : t(`salesAction.${action}`);

  const onAction = (action: SalesDocumentAction) => {
    if (asksReason(document, action)) {
      setDialog({ kind: "reason", action: action as ReasonAction });
    } else if (action === "convertToInvoice" && document.invoicedAmount !== null) {
      setDialog({ kind: "convertInvoice" });
    } else if (action === "delete") {
      setDialog({ kind: "confirm", action: deleteKind });
    } else if (action === "issue" || action === "transform") {
      setDialog({ kind: "confirm", action });
    } else {
      run(action);
    }
  };

  const actions = document.allowedActions;
  const canEdit = document.recordActions.includes("edit");
  const canArchive = document.recordActions.includes("archive");
  const canRestore = document.recordActions.includes("restore");
  const canRestoreDeleted = document.recordActions.includes("restoreDeleted");

  const reasonRule =
    dialog?.kind === "reason" ? actionRuleOf(document.type, dialog.action)?.reason : undefined;
  const reasonRequired = reasonRule === "required";
  const reasonMissing = reasonRequired && reason.trim() === "";

  const submitReason = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setReasonTouched(true);
    if (dialog?.kind !== "reason" || reasonMissing) return;
    run(dialog.action, reason);
  };

  return (
    <>
      {canEdit || canArchive || canRestore || canRestoreDeleted || actions.length > 0 ? (
        <div className="document-actions" role="group" aria-label={t("sales.actions")}>
          {canEdit ? (
            <button type="button" className="button" onClick={() => navigate(documentEditPath(id))}>
              {t("sales.editDraft")}
            </button>
          ) : null}
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={`button${
                PRIMARY_ACTIONS.includes(action)
                  ? " button--primary"
                  : DANGER_ACTIONS.includes(action)
                    ? " button--danger-outline"
                    : ""
              }`}
              disabled={busy}
              onClick={() => onAction(action)}
            >
              {actionLabel(action)}
            </button>
          ))}
          {canRestoreDeleted ? (
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => run("restoreDeleted")}
            >
              {t("record.restore")}
            </button>
          ) : null}
          {canRestore ? (
            <button type="button" className="button" disabled={busy} onClick={() => run("restore")}>
              {t("record.restore")}
            </button>
          ) : null}
          {canArchive ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => setDialog({ kind: "confirm", action: "archive" })}
            >
              {t("record.archive")}
            </button>
          ) : null}
        </div>
      ) : null}

      <ConfirmDialog
        open={dialog?.kind === "confirm"}
        title={dialog?.kind === "confirm" ? t(`salesConfirm.${dialog.action}.title`, { name }) : ""}
        confirmLabel={dialog?.kind === "confirm" ? t(`salesConfirm.${dialog.action}.confirm`) : ""}
        tone={
          dialog?.kind === "confirm" &&
          (dialog.action === "delete" || dialog.action === "softDelete")
            ? "danger"
            : "primary"
        }
        busy={busy}
        error={error ? describeError(error, t) : null}
        onClose={close}
        onConfirm={() => dialog?.kind === "confirm" && run(dialog.action)}
      >
        <p>{dialog?.kind === "confirm" ? t(`salesConfirm.${dialog.action}.text`) : null}</p>
      </ConfirmDialog>

      <Dialog
        open={dialog?.kind === "reason"}
        onClose={close}
        title={dialog?.kind === "reason" ? t(`salesReason.${dialog.action}.title`, { name }) : ""}
      >
        {dialog?.kind === "reason" ? (
          <DialogForm
            onSubmit={submitReason}
            error={error}
            busy={busy}
            submitLabel={t(`salesReason.${dialog.action}.confirm`)}
            onCancel={close}
          >
            <p className="dialog__message">{t(`salesReason.${dialog.action}.text`)}</p>
            <TextAreaField
              label={t("sales.reason")}
              required={reasonRequired}
              rows={3}
              autoFocus
              data-autofocus
              value={reason}
              error={reasonTouched && reasonMissing ? t("sales.reasonRequired") : undefined}
              onChange={(event) => setReason(event.target.value)}
              onBlur={() => setReasonTouched(true)}
            />
          </DialogForm>
        ) : null}
      </Dialog>

      {dialog?.kind === "convertInvoice" ? (
        <ConvertInvoiceDialog
          order={document}
          busy={busy}
          error={error}
          onClose={close}
          onConvert={(part) => run("convertToInvoice", undefined, { part })}
        />
      ) : null}

      <ConfirmDialog
        open={dialog?.kind === "overInvoicing"}
        title={t("overInvoicing.title", { name })}
        confirmLabel={t("overInvoicing.confirm")}
        tone="danger"
        busy={busy}
        error={error ? describeError(error, t) : null}
        onClose={close}
        onConfirm={() => dialog?.kind === "overInvoicing" && dialog.retry()}
      >
        <p>{dialog?.kind === "overInvoicing" ? dialog.message : null}</p>
        <p>{t("overInvoicing.text")}</p>
      </ConfirmDialog>

      {dialog?.kind === "refund" ? (
        <RefundDialog
          invoice={document}
          onClose={close}
          onRefunded={(done) => showDocument(done, t("sales.refundedNotice", { name }))}
        />
      ) : null}

      {dialog?.kind === "creditNote" ? (
        <CreditNoteDialog
          invoice={document}
          onClose={close}
          onCreated={(created) =>
            openCreated(created, t("sales.creditNoteCreatedNotice", { name }))
          }
        />
      ) : null}
    </>
  );
}
