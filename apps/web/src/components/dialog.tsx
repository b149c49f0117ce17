import { useEffect, useId, useRef, type FormEvent, type ReactNode } from "react";
import { useI18n } from "../i18n/i18n.tsx";

/**
 * Puts the focus back where a person was: on what opened the dialog, or, when that is gone
 * (the "Record payment" button of an invoice the payment settled), on the page's main region,
 * so the next Tab continues in the page instead of starting again at the top of the body.
 */
function returnFocus(opener: HTMLElement | null) {
  requestAnimationFrame(() => {
    if (document.querySelector("dialog[open]")) return; // another dialog took over
    if (opener?.isConnected && !opener.matches(":disabled")) opener.focus();
    else document.getElementById("main")?.focus();
  });
}

/**
 * A modal on the native <dialog>: the browser traps focus, Escape closes it (its "cancel"
 * event), and focus returns to what opened it, also when the dialog is unmounted instead of
 * closed (most screens render a dialog only while it is open). The element marked `data-autofocus` gets the
 * focus on opening (the safe choice, such as "Cancel" in a delete confirmation).
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  footer,
  size = "medium",
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  size?: "small" | "medium" | "large";
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      returnFocus(opener.current);
    }
  }, [open]);

  // Unmounted while open: the closing above never runs.
  useEffect(() => {
    const dialog = ref.current;
    const openerRef = opener;
    return () => {
      if (dialog?.open) returnFocus(openerRef.current);
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div className="dialog__frame">
          <header className="dialog__header">
            <h2 id={titleId} className="dialog__title">
              {title}
            </h2>
            <button
              type="button"
              className="icon-button"
              onClick={onClose}
              aria-label={t("action.close")}
            >
              <span aria-hidden="true">×</span>
            </button>
          </header>
          <div className="dialog__body">{children}</div>
          {footer ? <footer className="dialog__footer">{footer}</footer> : null}
        </div>
      ) : null}
    </dialog>
  );
}

/** "Are you sure?" for archive, delete, revoke and the like; `error` shows a refusal in place. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  tone = "danger",
  busy,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  busy?: boolean;
  error?: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      size="small"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} data-autofocus>
            {t("action.cancel")}
          </button>
          <button
            type="button"
            className={`button button--${tone}`}
            onClick={onConfirm}
            disabled={busy}
            aria-busy={busy || undefined}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <div className="dialog__message">{children}</div>
      {error ? (
        <div className="alert alert--error" role="alert">
          <div className="alert__body">
            <div className="alert__text">{error}</div>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}

/**
 * A dialog that is one form: its fields inside, Cancel and Save in the footer (Save submits the
 * form, and is disabled while `busy`). Open while it is rendered; closing is `onClose`.
 */
export function FormDialog({
  title,
  onClose,
  onSubmit,
  busy,
  children,
}: {
  title: ReactNode;
  onClose: () => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  busy: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const formId = useId();
  return (
    <Dialog
      open
      onClose={onClose}
      title={title}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t("action.cancel")}
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={busy}>
            {t("action.save")}
          </button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit}>
        {children}
      </form>
    </Dialog>
  );
}
