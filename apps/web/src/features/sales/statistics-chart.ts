import { toDecimal, ZERO, type Decimal } from "@ledgerline/domain";
import { decimalString, type DecimalValue } from "../../lib/format.ts";

/**
 * The 12-month chart of invoiced vs paid: one bar pair per month for one currency, scaled to the
 * largest value. Months without documents are zero, so the axis always has twelve steps.
 */
export interface MonthlyFigure {
  /** "YYYY-MM" */
  month: string;
  currency: string;
  invoiced: DecimalValue;
  paid: DecimalValue;
}

export interface ChartMonth {
  month: string;
  invoiced: Decimal;
  paid: Decimal;
  /** Bar heights in percent of the tallest bar (0-100, one decimal). */
  invoicedPercent: number;
  paidPercent: number;
}

/** "2026-03" -> the month before, "2026-02". */
export function previousMonth(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return monthNumber === 1
    ? `${year - 1}-12`
    : `${year}-${String(monthNumber - 1).padStart(2, "0")}`;
}

/** The `count` months up to and including `last`, oldest first. */
export function monthWindow(last: string, count = 12): string[] {
  const months = [last];
  while (months.length < count) months.unshift(previousMonth(months[0]!));
  return months;
}

/** The "YYYY-MM" of a date: the `to` of a range, or today. */
export const monthOf = (isoDate: string): string => isoDate.slice(0, 7);

/** Percent of `max`, one decimal: a bar's height (not an amount, so a number is fine here). */
function percentOf(value: Decimal, max: Decimal): number {
  if (!max.greaterThan(0) || !value.greaterThan(0)) return 0;
  return Number(value.dividedBy(max).times(100).toDecimalPlaces(1).toFixed(1));
}

/** Twelve months of one currency ending with `lastMonth`, each with its bar heights. */
export function chartMonths(
  figures: readonly MonthlyFigure[],
  currency: string,
  lastMonth: string,
): ChartMonth[] {
  const byMonth = new Map<string, { invoiced: Decimal; paid: Decimal }>();
  for (const figure of figures) {
    if (figure.currency !== currency) continue;
    const current = byMonth.get(figure.month) ?? { invoiced: ZERO, paid: ZERO };
    byMonth.set(figure.month, {
      invoiced: current.invoiced.plus(toDecimal(decimalString(figure.invoiced))),
      paid: current.paid.plus(toDecimal(decimalString(figure.paid))),
    });
  }
  const months = monthWindow(lastMonth).map((month) => ({
    month,
    ...(byMonth.get(month) ?? { invoiced: ZERO, paid: ZERO }),
  }));
  const max = months.reduce(
    (largest, month) =>
      [month.invoiced, month.paid].reduce((a, b) => (b.greaterThan(a) ? b : a), largest),
    ZERO,
  );
  return months.map((month) => ({
    ...month,
    invoicedPercent: percentOf(month.invoiced, max),
    paidPercent: percentOf(month.paid, max),
  }));
}

/** The currencies the figures cover, in first-seen order. */
export const currenciesOf = (figures: readonly { currency: string }[]): string[] => [
  ...new Set(figures.map((figure) => figure.currency)),
];
