import { useCallback, useMemo, useRef, useState, type FormEvent } from "react";
import type { z } from "zod";
import { parseLocaleDecimal, type Locale } from "@ledgerline/domain";
import { useI18n } from "../i18n/i18n.tsx";
import { decimalProblemMessage, UNREADABLE_DECIMAL } from "./decimal-entry.ts";
import { describeFieldErrors } from "./errors.ts";
import { errorAt, validate, type FieldErrors } from "./validation.ts";

/** The fields of a form that an `<input>`, `<select>` or `<textarea>` edits as text. */
export type TextFieldName<TValues> = {
  [K in keyof TValues]-?: TValues[K] extends string ? K : never;
}[keyof TValues];

/** What `fieldProps` gives a text field: spread onto `TextField`, `SelectField` or `TextAreaField`. */
export interface TextFieldProps<TName extends PropertyKey = string> {
  name: TName;
  value: string;
  error: string | undefined;
  onChange: (event: { target: { value: string } }) => void;
  onBlur: () => void;
}

/**
 * Form state with inline validation by a domain schema. A field shows its error once it has
 * been left (blur) or the form was submitted; a server error shows until the field changes.
 * `toInput` turns what the inputs hold (strings) into the schema's input; numbers are typed in
 * the UI's locale, so it gets the locale (`decimalOfText(text, locale)`).
 */
export function useSchemaForm<TValues, TInput>(options: {
  initialValues: TValues;
  schema: z.ZodType<unknown, TInput>;
  toInput: (values: TValues, locale: Locale) => TInput;
}) {
  const { t, locale } = useI18n();
  const { schema, toInput } = options;
  // The form element, remembered at submit, so errors can move the focus to the first bad field.
  const formElement = useRef<HTMLFormElement | null>(null);
  const [values, setValues] = useState(options.initialValues);
  const [baseline, setBaseline] = useState(options.initialValues);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});

  const input = useMemo(() => toInput(values, locale), [toInput, values, locale]);
  const clientErrors = useMemo(() => {
    const result = validate(schema, input, t);
    const errors = result.ok ? {} : result.errors;
    // A number the locale cannot read says why in the locale's terms ("write 12,50"), not in
    // the schema's (which never saw the text).
    return { ...errors, ...unreadableNumberErrors(input, values, locale, t) };
  }, [schema, input, values, locale, t]);

  const isVisible = useCallback(
    (path: string) => submitted || touched.has(path) || touched.has(path.split(".")[0]!),
    [submitted, touched],
  );

  /** The error to show at `path` (or under it, for list fields, with `nested`). */
  const errorOf = useCallback(
    (path: string, nested = false): string | undefined =>
      errorAt(serverErrors, path, nested) ??
      (isVisible(path) ? errorAt(clientErrors, path, nested) : undefined),
    [serverErrors, clientErrors, isVisible],
  );

  const clearServerErrors = useCallback((path: string) => {
    setServerErrors((current) => {
      const keys = Object.keys(current).filter(
        (key) => key === path || key.startsWith(`${path}.`) || key === "_",
      );
      if (keys.length === 0) return current;
      const next = { ...current };
      for (const key of keys) delete next[key];
      return next;
    });
  }, []);

  /** Sets one top-level field. */
  const setField = useCallback(
    <K extends keyof TValues>(field: K, value: TValues[K]) => {
      setValues((current) => ({ ...current, [field]: value }));
      clearServerErrors(String(field));
    },
    [clearServerErrors],
  );

  /** Changes several fields at once (list editors); `path` names what changed, for its server error. */
  const updateValues = useCallback(
    (update: (current: TValues) => TValues, path?: string) => {
      setValues(update);
      if (path) clearServerErrors(path);
    },
    [clearServerErrors],
  );

  const touch = useCallback((path: string) => {
    setTouched((current) => (current.has(path) ? current : new Set(current).add(path)));
  }, []);

  /**
   * What a text field (`TextField`, `SelectField`, `TextAreaField`) needs to edit `name`:
   * `{...form.fieldProps("email")}`. `nestedErrors` shows the errors the schema reports under
   * the field too, for a list typed into one box ("languagePairs.1" under "languagePairs").
   */
  const fieldProps = useCallback(
    <K extends TextFieldName<TValues>>(
      name: K,
      { nestedErrors = false } = {},
    ): TextFieldProps<K> => ({
      name,
      value: values[name] as string,
      error: errorOf(String(name), nestedErrors),
      onChange: (event: { target: { value: string } }) =>
        // A select offers only its type's values (a role, a status), so its text is one of them.
        setField(name, event.target.value as TValues[K]),
      onBlur: () => touch(String(name)),
    }),
    [values, errorOf, setField, touch],
  );

  const focusFirstError = useCallback(() => {
    // After React has rendered the messages; the first invalid control gets the focus.
    requestAnimationFrame(() => {
      formElement.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });
  }, []);

  /** Submit handler: validates everything, shows all errors, and calls `onValid` only if clean. */
  const handleSubmit = useCallback(
    (onValid: (input: TInput) => void) => (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      formElement.current = event.currentTarget;
      setSubmitted(true);
      if (Object.keys(clientErrors).length > 0) {
        focusFirstError();
        return;
      }
      onValid(input);
    },
    [clientErrors, focusFirstError, input],
  );

  /** Puts the API's field errors on their fields; returns whether there were any. */
  const showServerErrors = useCallback(
    (error: unknown): boolean => {
      const fieldErrors = describeFieldErrors(error, t);
      if (!fieldErrors) return false;
      setServerErrors(fieldErrors);
      focusFirstError();
      return true;
    },
    [focusFirstError, t],
  );

  const isDirty = useMemo(
    () => JSON.stringify(values) !== JSON.stringify(baseline),
    [values, baseline],
  );

  /** Starts over from `next` (after saving: the saved record is the new baseline). */
  const reset = useCallback((next: TValues) => {
    setValues(next);
    setBaseline(next);
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors({});
  }, []);

  return {
    values,
    input,
    setField,
    fieldProps,
    updateValues,
    touch,
    errorOf,
    handleSubmit,
    showServerErrors,
    reset,
    isDirty,
    hasErrors: Object.keys(clientErrors).length > 0,
  };
}

export type SchemaForm<TValues, TInput> = ReturnType<typeof useSchemaForm<TValues, TInput>>;

/**
 * Errors for the numbers `decimalOfText` could not read: found as UNREADABLE_DECIMAL in the
 * schema's input, explained from the text at the same path in the form's values.
 */
function unreadableNumberErrors(
  input: unknown,
  values: unknown,
  locale: Locale,
  t: Parameters<typeof decimalProblemMessage>[2],
  path: string[] = [],
  errors: FieldErrors = {},
): FieldErrors {
  if (input === UNREADABLE_DECIMAL) {
    const text = typeof values === "string" ? values : "";
    const message = decimalProblemMessage(parseLocaleDecimal(text, locale), locale, t);
    errors[path.join(".")] = message ?? t("validation.number");
  } else if (input && typeof input === "object" && !(input instanceof Date)) {
    for (const [key, child] of Object.entries(input)) {
      const childValues =
        values && typeof values === "object" ? (values as Record<string, unknown>)[key] : undefined;
      unreadableNumberErrors(child, childValues, locale, t, [...path, key], errors);
    }
  }
  return errors;
}
