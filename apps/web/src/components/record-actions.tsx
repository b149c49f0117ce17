import { useState } from "react";
import { useI18n } from "../i18n/i18n.tsx";
import { describeError } from "../lib/errors.ts";
import { ConfirmDialog } from "./dialog.tsx";

/**
 * Archive / restore / delete for a customer, project or supplier, each only when the role may.
 * Archiving and deleting ask first; a refused delete shows the API's reason (what still refers
 * to the record) in the dialog, next to the suggestion to archive instead.
 */
export function RecordActions({
  name,
  archived,
  canArchive,
  canDelete,
  onArchive,
  onRestore,
  onDelete,
}: {
  name: string;
  archived: boolean;
  canArchive: boolean;
  canDelete: boolean;
  onArchive: () => Promise<unknown>;
  onRestore: () => Promise<unknown>;
  onDelete: () => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<"archive" | "delete" | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setDialog(null);
    setError(null);
  };

  const run = async (action: () => Promise<unknown>, closeAfter: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      if (closeAfter) close();
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  if (!canArchive && !canDelete) return null;

  return (
    <>
      {canArchive ? (
        archived ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(onRestore, false)}
          >
            {t("record.restore")}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => setDialog("archive")}>
            {t("record.archive")}
          </button>
        )
      ) : null}
      {canDelete ? (
        <button
          type="button"
          className="button button--danger-outline"
          onClick={() => setDialog("delete")}
        >
          {t("record.delete")}
        </button>
      ) : null}
      {error && dialog === null ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <ConfirmDialog
        open={dialog === "archive"}
        title={t("record.archiveTitle", { name })}
        confirmLabel={t("record.archive")}
        tone="primary"
        busy={busy}
        error={error}
        onClose={close}
        onConfirm={() => void run(onArchive, true)}
      >
        <p>{t("record.archiveText")}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "delete"}
        title={t("record.deleteTitle", { name })}
        confirmLabel={t("record.delete")}
        busy={busy}
        error={error}
        onClose={close}
        onConfirm={() => void run(onDelete, true)}
      >
        <p>{t("record.deleteText")}</p>
      </ConfirmDialog>
    </>
  );
}
