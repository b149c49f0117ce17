import { Decimal as DecimalJs } from "decimal.js";

/**
 * Money is Decimal end to end. This clone carries enough precision for quantity x unit price
 * on any amount we store (numeric(14,x) x numeric(14,x)) and rounds commercially (half up),
 * the rule German and most EU invoicing uses. Every rounding in Ledgerline goes through
 * `roundToCents` so the rule lives here only.
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = DecimalJs;

/** Anything that names an exact decimal: a decimal string, a Decimal, or an integer. */
export type DecimalInput = DecimalJs | string | number;

export const toDecimal = (value: DecimalInput): Decimal => new Decimal(value);

/** True for decimal.js instances of any clone, including the one Prisma ships. */
export const isDecimal = (value: unknown): value is Decimal => DecimalJs.isDecimal(value);

export const roundToCents = (value: DecimalInput): Decimal =>
  toDecimal(value).toDecimalPlaces(2, DecimalJs.ROUND_HALF_UP);

export const ZERO = new Decimal(0);

/**
 * ISO 4217 codes the runtime's Intl knows that have cents: amounts are stored with two decimals,
 * so currencies without minor units (JPY) or with three (KWD) are not offered.
 */
export const isCurrencyCode = (code: string): boolean =>
  /^[A-Z]{3}$/.test(code) &&
  Intl.supportedValuesOf("currency").includes(code) &&
  new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions()
    .maximumFractionDigits === 2;
