import type { FormEvent, ReactNode } from "react";
import { useI18n } from "../i18n/i18n.tsx";
import { describeError } from "../lib/errors.ts";
import { serverFieldErrorsOf } from "../lib/trpc.ts";
import type { TextFieldProps } from "../lib/use-form.ts";
import { Alert } from "./alert.tsx";
import { TextAreaField } from "./field.tsx";

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

/** Free-text notes, the last section of a record's form; `{...form.fieldProps("notes")}`. */
export function NotesSection(props: TextFieldProps) {
  const { t } = useI18n();
  return (
    <FormSection title={t("field.notes")}>
      <TextAreaField label={t("field.notes")} {...props} />
    </FormSection>
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

/**
 * Why a page form was not saved, above its fields (nothing while `error` is null). When the API
 * named fields, their messages sit at the fields and the title says to look there.
 */
export function SaveFailedAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error === null) return null;
  return (
    <Alert
      tone="error"
      title={serverFieldErrorsOf(error) ? t("form.checkFields") : t("form.saveFailed")}
    >
      {describeError(error, t)}
    </Alert>
  );
}

/**
 * A form in a dialog: a failure that is about no field in particular on top (field errors show
 * at their fields only, as a dialog has little room), the fields, then Cancel and submit.
 */
export function DialogForm({
  onSubmit,
  error,
  busy,
  submitLabel,
  onCancel,
  children,
}: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The failed request's error, or null. */
  error: unknown;
  busy: boolean;
  submitLabel: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form className="form-stack" noValidate onSubmit={onSubmit}>
      {error !== null && !serverFieldErrorsOf(error) ? (
        <Alert tone="error">{describeError(error, t)}</Alert>
      ) : null}
      {children}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onCancel}>
          {t("action.cancel")}
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t("action.saving") : submitLabel}
        </button>
      </div>
    </form>
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
