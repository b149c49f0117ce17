import {
  formatLocaleDecimal,
  formatLocaleWholeNumber,
  isCurrencyCode,
  parseLocaleDecimal,
  parseLocaleWholeNumber,
  type Locale,
} from "@ledgerline/domain";
import { useEffect, useRef, type InputHTMLAttributes } from "react";
import { useI18n } from "../i18n/i18n.tsx";
import {
  MIN_PLACES,
  tidyDecimalText,
  wholeNumberProblemMessage,
  type DecimalKind,
} from "../lib/decimal-entry.ts";
import { FieldFrame, splitFrameProps, type CommonProps } from "./field.tsx";

type DecimalInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange"> & {
  /** What the person typed, in the UI's locale ("1.234,50"). */
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  kind: DecimalKind;
};

/**
 * The one input for amounts, quantities and percentages. It holds the text as typed in the
 * UI's language and, when left, spells what it understood the locale's way ("1234,5" ->
 * "1.234,50"), so a reading is never silent; text it cannot read stays as typed and the form
 * says why (useSchemaForm). When the language changes, a readable number is re-spelt in the new
 * locale, so the form never holds German text under an English screen.
 */
export function DecimalInput({
  value,
  onChange,
  onBlur,
  kind,
  className,
  ...rest
}: DecimalInputProps) {
  const { locale } = useI18n();
  const shownLocale = useRef<Locale>(locale);
  useEffect(() => {
    const previous = shownLocale.current;
    shownLocale.current = locale;
    if (previous === locale) return;
    const reading = parseLocaleDecimal(value, previous);
    if (reading.ok) {
      onChange({
        target: {
          value: formatLocaleDecimal(reading.value, locale, { minPlaces: MIN_PLACES[kind] }),
        },
      });
    }
    // Only a change of language re-spells; typing is the person's own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [locale]);

  return (
    <input
      type="text"
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      {...rest}
      value={value}
      className={["input input--numeric", className ?? ""].join(" ").trim()}
      onChange={(event) => onChange({ target: { value: event.target.value } })}
      onBlur={(event) => {
        const tidy = tidyDecimalText(value, locale, kind);
        if (tidy !== null && tidy !== value) onChange({ target: { value: tidy } });
        onBlur?.(event);
      }}
    />
  );
}

/**
 * A labelled DecimalInput that shows what it understood under the field while typing ("= 1.234,50 €"),
 * in place of its hint, until the field has an error.
 */
export function DecimalField(
  props: CommonProps &
    DecimalInputProps & {
      /** Shows the reading as money in this currency. */
      currency?: string | undefined;
    },
) {
  const { locale, money, t } = useI18n();
  const [frame, { currency, ...input }] = splitFrameProps(props);
  const reading = parseLocaleDecimal(input.value, locale);
  const understood = reading.ok
    ? input.kind === "amount" && currency && isCurrencyCode(currency)
      ? money(reading.value, currency)
      : `${formatLocaleDecimal(reading.value, locale, { minPlaces: MIN_PLACES[input.kind] })}${input.kind === "percent" ? " %" : ""}`
    : null;
  const hint = understood ? t("number.understood", { value: understood }) : frame.hint;
  return (
    <FieldFrame {...frame} hint={hint}>
      {(control) => <DecimalInput {...input} {...control} />}
    </FieldFrame>
  );
}

type WholeNumberInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange"> & {
  /** What the person typed, in the UI's locale ("1.000"). */
  value: string;
  onChange: (event: { target: { value: string } }) => void;
};

/**
 * The input for counts (days, units, a percentage of progress): DecimalInput's sibling, by the
 * domain's `parseLocaleWholeNumber`. "1.000" is one thousand in German; "1,5" is refused. When
 * left it spells what it understood the locale's way ("1000" -> "1.000"); a change of language
 * re-spells a readable number. One text input, so one Tab stop (no spin buttons).
 */
export function WholeNumberInput({
  value,
  onChange,
  onBlur,
  className,
  ...rest
}: WholeNumberInputProps) {
  const { locale } = useI18n();
  const shownLocale = useRef<Locale>(locale);
  useEffect(() => {
    const previous = shownLocale.current;
    shownLocale.current = locale;
    if (previous === locale) return;
    const reading = parseLocaleWholeNumber(value, previous);
    if (reading.ok) onChange({ target: { value: formatLocaleWholeNumber(reading.value, locale) } });
    // Only a change of language re-spells; typing is the person's own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [locale]);

  return (
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      {...rest}
      value={value}
      className={["input input--numeric", className ?? ""].join(" ").trim()}
      onChange={(event) => onChange({ target: { value: event.target.value } })}
      onBlur={(event) => {
        const reading = parseLocaleWholeNumber(value, locale);
        const tidy = reading.ok ? formatLocaleWholeNumber(reading.value, locale) : value;
        if (tidy !== value) onChange({ target: { value: tidy } });
        onBlur?.(event);
      }}
    />
  );
}

/**
 * A labelled WholeNumberInput. While typing it shows what it read ("Read as 1.000") in place of
 * its hint; when the form refuses the field, the message says why in the locale's terms ("whole
 * numbers only") rather than the schema's "enter a number", which "1,5" already is.
 */
export function WholeNumberField(props: CommonProps & WholeNumberInputProps) {
  const { locale, t } = useI18n();
  const [frame, input] = splitFrameProps(props);
  const reading = parseLocaleWholeNumber(input.value, locale);
  const hint = reading.ok
    ? t("number.understood", { value: formatLocaleWholeNumber(reading.value, locale) })
    : frame.hint;
  const error = frame.error
    ? (wholeNumberProblemMessage(reading, locale, t) ?? frame.error)
    : undefined;
  return (
    <FieldFrame {...frame} hint={hint} error={error}>
      {(control) => <WholeNumberInput {...input} {...control} />}
    </FieldFrame>
  );
}
