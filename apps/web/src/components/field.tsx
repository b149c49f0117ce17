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
export interface CommonProps {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  /** Extra class on the field wrapper (grid spans). */
  fieldClassName?: string;
}

/** The attributes that tie a control to its label, hint and error. */
interface ControlAttributes {
  id: string;
  "aria-invalid": true | undefined;
  "aria-required": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * The frame every labelled field shares: label row, the control (rendered by `children` with
 * the attributes that tie it to the frame), then the error or else the hint.
 */
export function FieldFrame({
  label,
  error,
  hint,
  required,
  fieldClassName,
  id: givenId,
  children,
}: CommonProps & { id: string | undefined; children: (control: ControlAttributes) => ReactNode }) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  return (
    <div
      className={["field", error ? "field--invalid" : "", fieldClassName ?? ""]
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
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-required": required || undefined,
        "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
      })}
      {hint && !error ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A field's error under it; the control names it in aria-describedby (`${id}-error`). */
function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p className="field__error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}

/** Separates what the frame shows (label, hint, error…) from the control's own attributes. */
export function splitFrameProps<TProps extends CommonProps & { id?: string | undefined }>({
  label,
  error,
  hint,
  required,
  fieldClassName,
  id,
  ...control
}: TProps) {
  return [{ label, error, hint, required, fieldClassName, id }, control] as const;
}

export function TextField(props: CommonProps & InputHTMLAttributes<HTMLInputElement>) {
  const [frame, input] = splitFrameProps(props);
  return (
    <FieldFrame {...frame}>
      {(control) => (
        <input
          type="text"
          {...input}
          {...control}
          className={["input", input.className ?? ""].join(" ").trim()}
        />
      )}
    </FieldFrame>
  );
}

export function TextAreaField(props: CommonProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const [frame, textarea] = splitFrameProps(props);
  return (
    <FieldFrame {...frame}>
      {(control) => (
        <textarea rows={4} {...textarea} {...control} className="input input--textarea" />
      )}
    </FieldFrame>
  );
}

export function SelectField(props: CommonProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const [frame, { children, ...select }] = splitFrameProps(props);
  return (
    <FieldFrame {...frame}>
      {(control) => (
        <select {...select} {...control} className="input input--select">
          {children}
        </select>
      )}
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
      <FieldError id={id} error={error} />
    </div>
  );
}
