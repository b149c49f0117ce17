import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

/**
 * Labelled form controls. Every control has a real `<label for>`, its error and hint are tied
 * to it with aria-describedby, and an invalid control says so (aria-invalid). Required fields
 * carry aria-required; the browser's own validation bubbles stay off (forms use noValidate) so
 * the domain schema's message is the one people see.
 */
interface FieldFrameProps {
  id: string;
  label: ReactNode;
  error: string | undefined;
  hint: ReactNode | undefined;
  required: boolean | undefined;
  className: string | undefined;
  children: ReactNode;
}

function FieldFrame({ id, label, error, hint, required, className, children }: FieldFrameProps) {
  return (
    <div
      className={["field", error ? "field--invalid" : "", className ?? ""]
        .filter(Boolean)
        .join(" ")}
    >
      {/* The asterisk sits beside the label, not in it, so the label's text is exactly the
          field's name (tests and voice control address fields by it); aria-required says the rest. */}
      <div className="field__label-row">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        {required ? (
          <span className="field__required" aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      {children}
      {hint && !error ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, error: string | undefined, hint: ReactNode | undefined) =>
  error ? `${id}-error` : hint ? `${id}-hint` : undefined;

interface CommonProps {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  /** Extra class on the field wrapper (grid spans). */
  fieldClassName?: string;
}

export function TextField({
  label,
  error,
  hint,
  required,
  fieldClassName,
  id: givenId,
  ...input
}: CommonProps & InputHTMLAttributes<HTMLInputElement>) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  return (
    <FieldFrame
      id={id}
      label={label}
      error={error}
      hint={hint}
      required={required}
      className={fieldClassName}
    >
      <input
        type="text"
        {...input}
        id={id}
        className={["input", input.className ?? ""].join(" ").trim()}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
    </FieldFrame>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  required,
  fieldClassName,
  id: givenId,
  ...textarea
}: CommonProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  return (
    <FieldFrame
      id={id}
      label={label}
      error={error}
      hint={hint}
      required={required}
      className={fieldClassName}
    >
      <textarea
        rows={4}
        {...textarea}
        id={id}
        className="input input--textarea"
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  error,
  hint,
  required,
  fieldClassName,
  id: givenId,
  children,
  ...select
}: CommonProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  return (
    <FieldFrame
      id={id}
      label={label}
      error={error}
      hint={hint}
      required={required}
      className={fieldClassName}
    >
      <select
        {...select}
        id={id}
        className="input input--select"
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField({
  label,
  error,
  id: givenId,
  ...input
}: { label: ReactNode; error?: string | undefined } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "type"
>) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  return (
    <div className="field field--checkbox">
      <input
        {...input}
        type="checkbox"
        id={id}
        className="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
