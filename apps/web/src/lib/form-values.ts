/**
 * Inputs hold strings; schemas take numbers, nulls and arrays. These convert between the two
 * without hiding mistakes. Numbers are read in the UI's locale by lib/decimal-entry.ts: one
 * that does not read becomes NaN (whole numbers) or an unreadable marker (decimals), which the
 * schema refuses instead of quietly taking a default.
 */

/** A stored null/undefined as an input's empty string. */
export const textOf = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? "" : String(value);

/** "en>de, en>fr" (commas, spaces or new lines) as a list; empty entries are dropped. */
export const listFromInput = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);

let draftCounter = 0;
/** A key for a list row that has no id yet (a contact just added). */
export const draftKey = (): string => `draft-${++draftCounter}`;

/** A date-only value (stored as midnight UTC) for `<input type="date">`: YYYY-MM-DD, or "". */
export const toDateInputValueOrEmpty = (value: Date | null | undefined): string =>
  value ? value.toISOString().slice(0, 10) : "";
