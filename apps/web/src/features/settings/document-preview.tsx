import type { PreviewDocumentInput, Locale } from "@ledgerline/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import type { SettingsFormValues } from "./settings-form.ts";

/** Quiet time after the last keystroke before the preview asks the server again. */
const PREVIEW_DELAY_MS = 350;

/** The value, once it has stopped changing for `delayMs`. */
function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** What of the form the printed document shows, as typed (the server is lenient with it). */
export function previewInputOf(values: SettingsFormValues, language: Locale): PreviewDocumentInput {
  return {
    legalName: values.legalName,
    street: values.street,
    postalCode: values.postalCode,
    city: values.city,
    country: values.country,
    email: values.email,
    phone: values.phone,
    website: values.website,
    vatId: values.vatId,
    taxNumber: values.taxNumber,
    bankName: values.bankName,
    iban: values.iban,
    bic: values.bic,
    documentFooter: values.documentFooter,
    defaultDocumentTerms: values.defaultDocumentTerms,
    contactName: values.contactName,
    electronicAddress: values.electronicAddress,
    smallBusiness: values.smallBusiness,
    language,
  };
}

/**
 * A sample invoice printed with the form's unsaved values: the same HTML the worker prints to
 * PDF (`settings.previewDocument`), in a sandboxed frame (no scripts, no same-origin access),
 * asked for again once typing pauses.
 */
export function DocumentPreview({ values }: { values: SettingsFormValues }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [language, setLanguage] = useState<Locale>(values.defaultLocale);
  const input = useSettled(JSON.stringify(previewInputOf(values, language)), PREVIEW_DELAY_MS);
  const preview = useQuery({
    ...trpc.settings.previewDocument.queryOptions(JSON.parse(input) as PreviewDocumentInput),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

  return (
    <section className="document-preview" aria-labelledby="document-preview-title">
      <div className="document-preview__header">
        <h2 id="document-preview-title" className="form-section__title">
          {t("settings.preview.title")}
        </h2>
        <div
          className="document-preview__languages"
          role="group"
          aria-label={t("settings.preview.language")}
        >
          {(["de", "en"] as const).map((code) => (
            <button
              key={code}
              type="button"
              className={`button button--small${language === code ? " button--primary" : ""}`}
              aria-pressed={language === code}
              onClick={() => setLanguage(code)}
            >
              {t(`language.${code}`)}
            </button>
          ))}
        </div>
      </div>
      <p className="form-section__description">{t("settings.preview.hint")}</p>
      {preview.data ? (
        <>
          <iframe
            className="document-preview__frame"
            title={t("settings.preview.frameTitle")}
            sandbox=""
            srcDoc={preview.data.html}
            data-testid="document-preview"
            aria-busy={preview.isFetching || undefined}
          />
          {preview.data.notices.length > 0 ? (
            <p className="field__hint" role="status">
              {t("settings.preview.noGirocode")}
            </p>
          ) : null}
        </>
      ) : preview.isError ? (
        <p className="field__error" role="alert">
          {t("settings.preview.failed")}
        </p>
      ) : (
        <div
          className="document-preview__frame document-preview__frame--loading"
          aria-busy="true"
        />
      )}
    </section>
  );
}
