/**
 * Calendar dates (issued date, due date, payment date, "today") are ISO `YYYY-MM-DD` strings in
 * the domain, never `Date`s: a calendar date has no time and no time zone, the string compares
 * chronologically with `<` and `>`, and it is what the schemas accept and the wire carries.
 * A `Date` from the database (`@db.Date`, stored as UTC midnight) becomes one with `isoDateOf`;
 * "today" is the company's calendar day, `isoDateInTimeZone(now, timeZone)`.
 */
export type IsoDate = string;

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** Milliseconds since the epoch at UTC midnight of the date, or null when it is no real date. */
function utcMidnightOf(value: string): number | null {
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip unchanged.
  return date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
    ? time
    : null;
}

function requireUtcMidnight(value: IsoDate): number {
  const time = utcMidnightOf(value);
  if (time === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${value}".`);
  return time;
}

/** True for a real calendar date written `YYYY-MM-DD` (so 2026-02-30 is refused). */
export const isIsoDate = (value: unknown): value is IsoDate =>
  typeof value === "string" && utcMidnightOf(value) !== null;

/** The calendar date of a database `date` value, which arrives as UTC midnight. */
export const isoDateOf = (date: Date): IsoDate => date.toISOString().slice(0, 10);

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using it. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date an instant falls on in a time zone, e.g. the company's "today". */
export function isoDateInTimeZone(instant: Date, timeZone: string): IsoDate {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Whole days from `from` to `to`: positive when `to` is later, negative when earlier. */
export const daysBetween = (from: IsoDate, to: IsoDate): number =>
  Math.round((requireUtcMidnight(to) - requireUtcMidnight(from)) / MS_PER_DAY);

/** The date `days` days after `date` (before it for negative days), e.g. a due date. */
export const addDays = (date: IsoDate, days: number): IsoDate =>
  new Date(requireUtcMidnight(date) + days * MS_PER_DAY).toISOString().slice(0, 10);
