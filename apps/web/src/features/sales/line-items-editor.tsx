import { LINE_ITEM_TYPES, type LineItemType } from "@ledgerline/domain";
import { useState, type KeyboardEvent } from "react";
import { DecimalInput } from "../../components/decimal-field.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import type { DecimalKind } from "../../lib/decimal-entry.ts";
import { languageName, languageOptions } from "../../lib/languages.ts";
import type { SchemaForm } from "../../lib/use-form.ts";
import type { DocumentFormValues, DraftValuesInput } from "./document-form.ts";
import {
  emptyLine,
  LINE_FIELDS,
  LINE_ITEM_FIELDS,
  moveLine,
  type LineDraft,
  type LineField,
  type LineItemField,
  type LiveTotals,
} from "./line-items.ts";

const inputId = (line: LineDraft, field: LineField | LineItemField) => `line-${line.key}-${field}`;
/** One list of language suggestions for every language input of the form. */
const LANGUAGE_LIST_ID = "line-language-options";

/** Focuses a line's field once React has rendered the new order. */
const focusLater = (id: string) =>
  requestAnimationFrame(() => document.getElementById(id)?.focus());

/**
 * The draft's lines as one list saved with the form: add, remove, reorder (buttons, or Alt+↑ /
 * Alt+↓ in any of a line's fields), each field labelled "Line 1: Quantity" for screen readers
 * and tests, with its error under it, and the line's amount from the live totals. A line whose
 * numbers are not valid yet is left out of the totals and says so. Each line's second row holds
 * seed 004's item type and its source and target language: BCP 47 tags typed or picked from a
 * searchable list of the languages Intl names, the name shown in the UI's language.
 */
export function LineItemsEditor({
  form,
  live,
  currency,
  defaultTaxRate,
  disabled,
}: {
  form: SchemaForm<DocumentFormValues, DraftValuesInput>;
  live: LiveTotals;
  currency: string;
  defaultTaxRate: string;
  disabled: boolean;
}) {
  const { t, money, locale } = useI18n();
  const [addedKey, setAddedKey] = useState<string | null>(null);
  const lines = form.values.lines;

  const setLines = (update: (lines: LineDraft[]) => LineDraft[], path = "lines") =>
    form.updateValues((values) => ({ ...values, lines: update(values.lines) }), path);

  const setField = (index: number, field: LineField, value: string) =>
    setLines(
      (current) =>
        current.map((line, position) => (position === index ? { ...line, [field]: value } : line)),
      `lines.${index}.${field}`,
    );

  const setItemField = (index: number, field: LineItemField, value: string) =>
    setLines(
      (current) =>
        current.map((line, position) => (position === index ? { ...line, [field]: value } : line)),
      `lines.${index}.${field}`,
    );

  const move = (from: number, to: number, focusField?: LineField | LineItemField) => {
    if (to < 0 || to >= lines.length) return;
    const line = lines[from]!;
    setLines((current) => moveLine(current, from, to));
    // Focus follows the line; a move button that is now disabled (top or bottom) hands over to
    // its twin.
    const edge = to === 0 ? "down" : to === lines.length - 1 ? "up" : null;
    const button = to < from ? (edge === "down" ? "down" : "up") : edge === "up" ? "up" : "down";
    focusLater(focusField ? inputId(line, focusField) : `line-${line.key}-${button}`);
  };

  const add = () => {
    const line = emptyLine(defaultTaxRate);
    setAddedKey(line.key);
    setLines((current) => [...current, line]);
  };

  const remove = (index: number) => {
    setLines((current) => current.filter((_, position) => position !== index));
    // Focus stays in the list: on the line that took this one's place, or on "Add line".
    const next = lines[index + 1] ?? lines[index - 1];
    focusLater(next ? inputId(next, "description") : "line-add");
  };

  const onKeyDown = (index: number, field: LineField | LineItemField) => (event: KeyboardEvent) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    move(index, event.key === "ArrowUp" ? index - 1 : index + 1, field);
  };

  const listError = form.errorOf("lines");

  return (
    <div className="line-editor">
      <div className="line-editor__head" aria-hidden="true">
        <span>#</span>
        <span>{t("sales.line.description")}</span>
        <span className="cell--end">{t("sales.line.quantity")}</span>
        <span>{t("sales.line.unit")}</span>
        <span className="cell--end">{t("sales.line.unitPrice")}</span>
        <span className="cell--end">{t("sales.line.taxRate")}</span>
        <span className="cell--end">{t("sales.line.discountPercent")}</span>
        <span className="cell--end">{t("sales.line.amount")}</span>
        <span />
      </div>
      <ol className="line-editor__list">
        {lines.map((line, index) => {
          const number = index + 1;
          const amounts = live.lines[index];
          // Errors sit under the whole line, named by their field: the number columns are too
          // narrow for a sentence.
          const errors = [...LINE_FIELDS, ...LINE_ITEM_FIELDS].flatMap((name) => {
            const error = form.errorOf(`lines.${index}.${name}`);
            return error ? [{ name, error }] : [];
          });
          const field = (name: LineField, options: { numeric?: DecimalKind } = {}) => {
            const id = inputId(line, name);
            const error = errors.find((candidate) => candidate.name === name)?.error;
            const label = t(`sales.line.${name}`);
            const common = {
              id,
              value: line[name],
              "aria-invalid": error ? true : undefined,
              "aria-describedby": error ? `${id}-error` : undefined,
              "aria-keyshortcuts": "Alt+ArrowUp Alt+ArrowDown",
              onBlur: () => form.touch(`lines.${index}.${name}`),
              onKeyDown: onKeyDown(index, name),
            } as const;
            return (
              <div className={`line-editor__field line-editor__field--${name}`}>
                <label className="visually-hidden" htmlFor={id}>
                  {t("sales.line.label", { number, field: label })}
                </label>
                {name === "description" ? (
                  <textarea
                    {...common}
                    rows={1}
                    className="input input--textarea line-editor__description"
                    placeholder={label}
                    autoFocus={line.key === addedKey}
                    aria-required
                    onChange={(event) => setField(index, name, event.target.value)}
                  />
                ) : options.numeric ? (
                  <DecimalInput
                    {...common}
                    kind={options.numeric}
                    aria-required={name === "quantity" || name === "unitPrice" || undefined}
                    onChange={(event) => setField(index, name, event.target.value)}
                  />
                ) : (
                  <input
                    {...common}
                    className="input"
                    autoComplete="off"
                    onChange={(event) => setField(index, name, event.target.value)}
                  />
                )}
              </div>
            );
          };
          const itemField = (name: LineItemField) => {
            const id = inputId(line, name);
            const error = errors.find((candidate) => candidate.name === name)?.error;
            const common = {
              id,
              disabled,
              "aria-invalid": error ? true : undefined,
              "aria-describedby": error ? `${id}-error` : `${id}-name`,
              "aria-keyshortcuts": "Alt+ArrowUp Alt+ArrowDown",
              onBlur: () => form.touch(`lines.${index}.${name}`),
              onKeyDown: onKeyDown(index, name),
            } as const;
            // Seen: the field's name; heard: "Line 2: Target language", as for the other fields.
            const label = (
              <label className="line-editor__item-label" htmlFor={id}>
                <span aria-hidden="true">{t(`sales.line.${name}`)}</span>
                <span className="visually-hidden">
                  {t("sales.line.label", { number, field: t(`sales.line.${name}`) })}
                </span>
              </label>
            );
            if (name === "itemType") {
              return (
                <div className="line-editor__item-field">
                  {label}
                  <select
                    {...common}
                    aria-describedby={error ? `${id}-error` : undefined}
                    className="input input--select input--compact"
                    value={line.itemType}
                    onChange={(event) =>
                      setItemField(index, name, event.target.value as LineItemType)
                    }
                  >
                    {LINE_ITEM_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {t(`sales.itemType.${type}`)}
                      </option>
                    ))}
                  </select>
                </div>
              );
            }
            const value = line[name];
            const languageLabel = languageName(value, locale);
            return (
              <div className="line-editor__item-field">
                {label}
                <input
                  {...common}
                  className="input input--compact line-editor__language"
                  list={LANGUAGE_LIST_ID}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={t("sales.line.languagePlaceholder")}
                  value={value}
                  onChange={(event) => setItemField(index, name, event.target.value)}
                />
                <span id={`${id}-name`} className="line-editor__language-name muted">
                  {value.trim() === "" ? "" : (languageLabel ?? t("sales.line.languageUnknown"))}
                </span>
              </div>
            );
          };
          return (
            <li key={line.key} className="line-editor__row">
              <span className="line-editor__number" aria-hidden="true">
                {number}
              </span>
              {field("description")}
              {field("quantity", { numeric: "quantity" })}
              {field("unit")}
              {field("unitPrice", { numeric: "amount" })}
              {field("taxRate", { numeric: "percent" })}
              {field("discountPercent", { numeric: "percent" })}
              <div className="line-editor__amount">
                <span className="visually-hidden">
                  {t("sales.line.label", { number, field: t("sales.line.amount") })}:{" "}
                </span>
                {amounts ? (
                  <>
                    <span className="line-editor__net">
                      {money(amounts.subtotalAfterDiscount, currency)}
                    </span>
                    <span className="line-editor__gross">
                      {t("sales.line.gross", { amount: money(amounts.total, currency) })}
                    </span>
                  </>
                ) : (
                  <span className="line-editor__skipped">{t("sales.line.notCounted")}</span>
                )}
              </div>
              {disabled ? (
                <span />
              ) : (
                <div className="line-editor__actions">
                  {/* Moving is Alt+↑ / Alt+↓ in any field of the line (the hint under the list
                      says so): the arrow buttons are for the mouse and stay out of the Tab
                      order, two stops fewer per line. */}
                  <button
                    type="button"
                    id={`line-${line.key}-up`}
                    tabIndex={-1}
                    className="icon-button icon-button--small"
                    disabled={index === 0}
                    onClick={() => move(index, index - 1)}
                    aria-label={t("sales.line.moveUp", { number })}
                    title={t("sales.line.moveUp", { number })}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    id={`line-${line.key}-down`}
                    tabIndex={-1}
                    className="icon-button icon-button--small"
                    disabled={index === lines.length - 1}
                    onClick={() => move(index, index + 1)}
                    aria-label={t("sales.line.moveDown", { number })}
                    title={t("sales.line.moveDown", { number })}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button
                    type="button"
                    className="icon-button icon-button--small icon-button--danger"
                    onClick={() => remove(index)}
                    aria-label={t("sales.line.remove", { number })}
                    title={t("sales.line.remove", { number })}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </div>
              )}
              <div className="line-editor__item">
                {itemField("itemType")}
                {itemField("sourceLanguage")}
                {itemField("targetLanguage")}
              </div>
              {errors.length > 0 ? (
                <div className="line-editor__errors">
                  {errors.map(({ name, error }) => (
                    <p key={name} className="field__error" id={`${inputId(line, name)}-error`}>
                      {t(`sales.line.${name}`)}: {error}
                    </p>
                  ))}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      <datalist id={LANGUAGE_LIST_ID}>
        {languageOptions(locale).map((option) => (
          <option key={option.value} value={option.value} label={option.label}>
            {option.label}
          </option>
        ))}
      </datalist>
      {listError ? (
        <p className="field__error" role="alert">
          {listError}
        </p>
      ) : null}
      <div className="line-editor__footer">
        {disabled ? null : (
          <button type="button" id="line-add" className="button button--small" onClick={add}>
            + {t("sales.line.add")}
          </button>
        )}
        <p className="field__hint">{t("sales.line.keyboardHint")}</p>
        {live.skipped > 0 ? (
          <p className="line-editor__skipped-note" role="status">
            {live.skipped === 1
              ? t("sales.line.skippedNoteOne")
              : t("sales.line.skippedNote", { count: live.skipped })}
          </p>
        ) : null}
      </div>
    </div>
  );
}
