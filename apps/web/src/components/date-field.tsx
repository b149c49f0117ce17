import {
  formatLocaleDate,
  isIsoDate,
  LOCALE_DATE_PATTERN,
  parseLocaleDate,
  type Locale,
} from "@ledgerline/domain";
import { useRef, useState, type InputHTMLAttributes, type KeyboardEvent } from "react";
import { useI18n } from "../i18n/i18n.tsx";
import { FieldFrame, splitFrameProps, type CommonProps } from "./field.tsx";

type DateInputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "value" | "onChange" | "type" | "min" | "max"
> & {
  /** The date as the form holds it: ISO `YYYY-MM-DD`, "" for none, or unreadable text as typed. */
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  /** Earliest and latest date the calendar offers (ISO). */
  min?: string | undefined;
  max?: string | undefined;
};

/** What the text box shows for a value: the locale's spelling of a date, else the text as it is. */
const textOf = (value: string, locale: Locale) =>
  isIsoDate(value) ? formatLocaleDate(value, locale) : value;

/**
 * A date typed the locale's way (21.11.2026 in German, 21/11/2026 in English) with the browser's
 * calendar beside it. One Tab stop: the calendar button is left out of the Tab order (it is there
 * for the mouse); from the keyboard, Alt+↓ or F4 in the box opens the calendar. The form holds
 * the ISO date as soon as the text reads as one; text that does not stays as typed, so the
 * schema refuses it ("Enter a date") instead of the form guessing.
 */
export function DateInput({
  value,
  onChange,
  onBlur,
  min,
  max,
  className,
  ...rest
}: DateInputProps) {
  const { locale, t } = useI18n();
  // The text shown, with the value and locale it was written for. A new value from outside
  // (reset, the calendar) or a language switch re-spells it, during render as React advises
  // for state that follows props; a value the text already means keeps the text as typed.
  const [shown, setShown] = useState(() => ({ value, locale, text: textOf(value, locale) }));
  let text = shown.text;
  if (shown.value !== value || shown.locale !== locale) {
    text = shown.locale === locale && value === shown.value ? shown.text : textOf(value, locale);
    setShown({ value, locale, text });
  }
  const picker = useRef<HTMLInputElement>(null);

  const change = (next: string) => {
    const reading = parseLocaleDate(next, locale);
    const nextValue = reading.ok ? reading.value : next.trim();
    setShown({ value: nextValue, locale, text: next });
    onChange({ target: { value: nextValue } });
  };

  const openCalendar = () => {
    const input = picker.current;
    if (!input) return;
    input.value = isIsoDate(value) ? value : "";
    try {
      input.showPicker();
    } catch {
      // No picker without a user gesture or in an old browser: typing still works.
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.altKey && event.key === "ArrowDown") || event.key === "F4") {
      event.preventDefault();
      openCalendar();
    }
    rest.onKeyDown?.(event);
  };

  return (
    <div className="date-input">
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder={LOCALE_DATE_PATTERN[locale]}
        aria-keyshortcuts="Alt+ArrowDown"
        {...rest}
        value={text}
        className={["input date-input__text", className ?? ""].join(" ").trim()}
        onChange={(event) => change(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={(event) => {
          // Re-spell what was understood (1.2.26 -> 01.02.2026).
          const reading = parseLocaleDate(text, locale);
          if (reading.ok)
            setShown({ value, locale, text: formatLocaleDate(reading.value, locale) });
          onBlur?.(event);
        }}
      />
      <button
        type="button"
        className="date-input__button"
        tabIndex={-1}
        title={t("date.openCalendar")}
        aria-label={t("date.openCalendar")}
        disabled={rest.disabled}
        onClick={openCalendar}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <rect x="2" y="3" width="12" height="11" rx="1.5" fill="none" stroke="currentColor" />
          <path d="M2 6.5h12M5 1.5v3M11 1.5v3" stroke="currentColor" />
        </svg>
      </button>
      {/* The browser's calendar, opened by the button: never focused, never read out. */}
      <input
        ref={picker}
        type="date"
        className="date-input__picker"
        tabIndex={-1}
        aria-hidden="true"
        min={min}
        max={max}
        onChange={(event) => {
          if (event.target.value) change(formatLocaleDate(event.target.value, locale));
        }}
      />
    </div>
  );
}

/** A labelled DateInput (the placeholder and the error message say how to write a date). */
export function DateField(props: CommonProps & DateInputProps) {
  const [frame, input] = splitFrameProps(props);
  return <FieldFrame {...frame}>{(control) => <DateInput {...input} {...control} />}</FieldFrame>;
}
