import { MAX_LOGO_BYTES } from "@ledgerline/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useI18n } from "../../i18n/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { wordServerMessage } from "../../lib/errors.ts";
import { FileRequestError } from "../../lib/file-requests.ts";
import { LOGO_ACCEPT, removeCompanyLogo, uploadCompanyLogo } from "./company-logo.ts";

/**
 * The company logo: shown as stored, replaced by choosing a file (uploaded at once, not with the
 * form's Save, because a file is not a form value), removable. The preview follows.
 */
export function CompanyLogoField({ canUpload }: { canUpload: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const logo = useQuery(trpc.settings.logo.queryOptions());
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.settings.logo.pathFilter()),
      queryClient.invalidateQueries(trpc.settings.previewDocument.pathFilter()),
    ]);
  // The server's reason in the UI's language; a connection that failed has none.
  const describe = (error: unknown) =>
    error instanceof FileRequestError && error.appMessage
      ? wordServerMessage(error.appMessage, t, error.message)
      : t("settings.logo.failed");
  const upload = useMutation({
    mutationFn: (file: File) => uploadCompanyLogo(file),
    onMutate: () => setProblem(null),
    onSuccess: refresh,
    onError: (error) => setProblem(describe(error)),
  });
  const remove = useMutation({
    mutationFn: () => removeCompanyLogo(),
    onMutate: () => setProblem(null),
    onSuccess: refresh,
    onError: (error) => setProblem(describe(error)),
  });

  const choose = (file: File | undefined) => {
    if (!file) return;
    // Said before sending: the server refuses it anyway, with the same words.
    if (file.size > MAX_LOGO_BYTES) {
      setProblem(t("settings.logo.tooLarge", { kib: MAX_LOGO_BYTES / 1024 }));
      return;
    }
    upload.mutate(file);
  };

  const stored = logo.data ?? null;
  const busy = upload.isPending || remove.isPending;
  return (
    <div className="field span-2 logo-field">
      <span className="field__label" id={`${id}-label`}>
        {t("settings.logo")}
      </span>
      <div className="logo-field__row">
        <div className="logo-field__image" aria-live="polite">
          {stored ? (
            <img
              src={`/files/${encodeURIComponent(stored.id)}?v=${stored.sha256}`}
              alt={t("settings.logo.current")}
              data-testid="company-logo"
            />
          ) : (
            <span className="muted">{t("settings.logo.none")}</span>
          )}
        </div>
        {canUpload ? (
          <div className="logo-field__actions">
            <input
              ref={input}
              id={id}
              type="file"
              accept={LOGO_ACCEPT}
              className="visually-hidden"
              aria-labelledby={`${id}-label`}
              aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ""}`}
              onChange={(event) => {
                choose(event.target.files?.[0]);
                event.target.value = "";
              }}
            />
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => input.current?.click()}
            >
              {upload.isPending
                ? t("settings.logo.uploading")
                : stored
                  ? t("settings.logo.replace")
                  : t("settings.logo.upload")}
            </button>
            {stored ? (
              <button
                type="button"
                className="button button--ghost"
                disabled={busy}
                onClick={() => remove.mutate()}
              >
                {t("settings.logo.remove")}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      <p className="field__hint" id={`${id}-hint`}>
        {canUpload
          ? t("settings.logo.hint", { kib: MAX_LOGO_BYTES / 1024 })
          : t("settings.logo.saveFirst")}
      </p>
      {problem ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
