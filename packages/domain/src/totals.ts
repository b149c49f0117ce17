import { roundToCents, toDecimal, ZERO, type Decimal, type DecimalInput } from "./money.ts";

/**
 * Line and document totals: seed 000 §1.1, rounded half-up to the cent at each step of each
 * line, documents as sums of their lines (docs/domain-model.md §3). The browser form and the
 * server both call these functions, so what a person sees while typing is what gets stored.
 */
export interface LineAmountsInput {
  quantity: DecimalInput;
  unitPrice: DecimalInput;
  /** Percent, 0-100. */
  taxRate: DecimalInput;
  /** Percent, 0-100. */
  discountPercent?: DecimalInput | null;
}

export interface LineAmounts {
  subtotal: Decimal;
  discountAmount: Decimal;
  subtotalAfterDiscount: Decimal;
  taxAmount: Decimal;
  total: Decimal;
}

export function computeLineAmounts(line: LineAmountsInput): LineAmounts {
  const subtotal = roundToCents(toDecimal(line.quantity).times(toDecimal(line.unitPrice)));
  const discountAmount = roundToCents(
    subtotal.times(toDecimal(line.discountPercent ?? 0)).dividedBy(100),
  );
  const subtotalAfterDiscount = subtotal.minus(discountAmount);
  const taxAmount = roundToCents(
    subtotalAfterDiscount.times(toDecimal(line.taxRate)).dividedBy(100),
  );
  return {
    subtotal,
    discountAmount,
    subtotalAfterDiscount,
    taxAmount,
    total: subtotalAfterDiscount.plus(taxAmount),
  };
}

export interface VatBreakdownRow {
  taxRate: Decimal;
  netAmount: Decimal;
  taxAmount: Decimal;
}

export interface DocumentTotals {
  subtotal: Decimal;
  discountAmount: Decimal;
  netAmount: Decimal;
  taxAmount: Decimal;
  total: Decimal;
  /** One row per distinct tax rate, highest rate first; sums to netAmount and taxAmount. */
  vatBreakdown: VatBreakdownRow[];
  lines: LineAmounts[];
}

export function computeDocumentTotals(lines: readonly LineAmountsInput[]): DocumentTotals {
  const amounts = lines.map(computeLineAmounts);
  const sum = (pick: (line: LineAmounts) => Decimal) =>
    amounts.reduce((total, line) => total.plus(pick(line)), ZERO);
  const byRate = new Map<string, VatBreakdownRow>();
  lines.forEach((line, index) => {
    const rate = toDecimal(line.taxRate);
    const key = rate.toFixed(2);
    const row = byRate.get(key) ?? { taxRate: rate, netAmount: ZERO, taxAmount: ZERO };
    row.netAmount = row.netAmount.plus(amounts[index]!.subtotalAfterDiscount);
    row.taxAmount = row.taxAmount.plus(amounts[index]!.taxAmount);
    byRate.set(key, row);
  });
  const subtotal = sum((line) => line.subtotal);
  const discountAmount = sum((line) => line.discountAmount);
  const taxAmount = sum((line) => line.taxAmount);
  const netAmount = subtotal.minus(discountAmount);
  return {
    subtotal,
    discountAmount,
    netAmount,
    taxAmount,
    total: netAmount.plus(taxAmount),
    vatBreakdown: [...byRate.values()].sort((a, b) => b.taxRate.comparedTo(a.taxRate)),
    lines: amounts,
  };
}

export interface GrossAmountSplit {
  netAmount: Decimal;
  taxAmount: Decimal;
}

/**
 * The net amount and the VAT contained in a gross amount at `taxRate` percent, such as an
 * expense's receipt total: `netAmount = round2(gross / (1 + taxRate / 100))` and
 * `taxAmount = gross - netAmount`, so the two always add up to the gross amount.
 *
 * Billing an expense makes a line of quantity 1 at `netAmount` and `taxRate`; that line's tax
 * (`computeLineAmounts`, round2(net x rate / 100)) equals `taxAmount` in almost every case and
 * differs by at most one cent, so the billed line reproduces the receipt to the cent or within
 * one (docs/domain-model.md §3).
 */
export function splitGrossAmount(gross: DecimalInput, taxRate: DecimalInput): GrossAmountSplit {
  const rate = toDecimal(taxRate);
  // The schemas hold rates to 0-100; outside that range the division means nothing (-100: none).
  if (rate.isNegative() || rate.greaterThan(100)) {
    throw new RangeError(`A tax rate is 0 to 100 percent, not ${rate.toString()}.`);
  }
  const grossAmount = toDecimal(gross);
  const netAmount = roundToCents(grossAmount.dividedBy(rate.dividedBy(100).plus(1)));
  return { netAmount, taxAmount: grossAmount.minus(netAmount) };
}

/**
 * The net price of one line (quantity 1, no discount) whose total at `taxRate` is exactly
 * `gross`: how seed 004's "create with a total amount" becomes a line (docs/domain-model.md §3).
 * Each line's VAT is rounded to the cent, so at 19 % the totals step by one or two cents and
 * about one gross amount in five has no such price; then there is none, and `nearest` names the
 * totals just below and above that a line can have.
 */
export function netPriceForGross(
  gross: DecimalInput,
  taxRate: DecimalInput,
): { net: Decimal } | { net: null; nearest: [Decimal, Decimal] } {
  const target = roundToCents(gross);
  const totalOf = (net: Decimal) =>
    computeLineAmounts({ quantity: 1, unitPrice: net, taxRate }).total;
  const cent = toDecimal("0.01");
  // The line's total grows with its net, so the price is next to gross / (1 + rate).
  let net = splitGrossAmount(target, taxRate).netAmount;
  while (net.greaterThan(ZERO) && totalOf(net).greaterThan(target)) net = net.minus(cent);
  while (totalOf(net).lessThan(target)) net = net.plus(cent);
  if (totalOf(net).equals(target)) return { net };
  return { net: null, nearest: [totalOf(net.minus(cent)), totalOf(net)] };
}
