import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n.tsx";

/** A titled group of fields in a record form. */
export function FormSection({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <section className="form-section">
      <div className="form-section__intro">
        <h2 className="form-section__title">{title}</h2>
        {description ? <p className="form-section__description">{description}</p> : null}
      </div>
      <div className="form-section__fields">{children}</div>
    </section>
  );
}

/** The bar under a form: Cancel on the left of the primary action, kept in view while scrolling. */
export function FormActions({
  busy,
  dirty,
  submitLabel,
  onCancel,
}: {
  busy: boolean;
  dirty: boolean;
  submitLabel?: string;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="form-actions">
      <span className="form-actions__status" aria-live="polite">
        {dirty ? t("form.unsavedChanges") : ""}
      </span>
      <button type="button" className="button" onClick={onCancel}>
        {t("action.cancel")}
      </button>
      <button
        type="submit"
        className="button button--primary"
        disabled={busy}
        aria-busy={busy || undefined}
      >
        {busy ? t("action.saving") : (submitLabel ?? t("action.save"))}
      </button>
    </div>
  );
}

/** A loading placeholder in the shape of a form. */
export function FormSkeleton() {
  const { t } = useI18n();
  return (
    <div className="form-skeleton" aria-busy="true">
      <span className="visually-hidden" role="status">
        {t("state.loading")}
      </span>
      <span className="skeleton skeleton--title" />
      {Array.from({ length: 3 }, (_, section) => (
        <div key={section} className="form-skeleton__section">
          <span className="skeleton" style={{ width: "30%" }} />
          <span className="skeleton skeleton--input" />
          <span className="skeleton skeleton--input" />
        </div>
      ))}
    </div>
  );
}
