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
