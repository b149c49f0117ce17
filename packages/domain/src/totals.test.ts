import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "./money.ts";
import { computeDocumentTotals, computeLineAmounts } from "./totals.ts";

const asStrings = (amounts: Record<string, Decimal>) =>
  Object.fromEntries(Object.entries(amounts).map(([key, value]) => [key, value.toFixed(2)]));

describe("computeLineAmounts", () => {
  it("computes seed 000's example: 2 x 85.00 at 19 % is 170.00 + 32.30 = 202.30", () => {
    expect(
      asStrings({ ...computeLineAmounts({ quantity: "2", unitPrice: "85.00", taxRate: "19" }) }),
    ).toEqual({
      subtotal: "170.00",
      discountAmount: "0.00",
      subtotalAfterDiscount: "170.00",
      taxAmount: "32.30",
      total: "202.30",
    });
  });

  it("rounds each step half-up: 3 x 19.99 at 7 % with 10 % discount", () => {
    expect(
      asStrings({
        ...computeLineAmounts({
          quantity: "3",
          unitPrice: "19.99",
          taxRate: "7",
          discountPercent: "10",
        }),
      }),
    ).toEqual({
      subtotal: "59.97",
      discountAmount: "6.00",
      subtotalAfterDiscount: "53.97",
      taxAmount: "3.78",
      total: "57.75",
    });
  });

  it("handles fractional quantities and four-decimal rates", () => {
    const line = computeLineAmounts({ quantity: "1234.5", unitPrice: "0.0875", taxRate: "19" });
    expect(line.subtotal.toFixed(2)).toBe("108.02"); // 108.016875
    expect(line.taxAmount.toFixed(2)).toBe("20.52"); // 20.5238
    expect(line.total.toFixed(2)).toBe("128.54");
  });

  it("is symmetric around zero, so a cancellation exactly negates its invoice", () => {
    const original = computeLineAmounts({
      quantity: "3",
      unitPrice: "19.99",
      taxRate: "7",
      discountPercent: "10",
    });
    const negated = computeLineAmounts({
      quantity: "-3",
      unitPrice: "19.99",
      taxRate: "7",
      discountPercent: "10",
    });
    expect(negated.total.plus(original.total).isZero()).toBe(true);
    expect(negated.taxAmount.negated().equals(original.taxAmount)).toBe(true);
  });
});

describe("computeDocumentTotals", () => {
  it("sums lines and breaks VAT down per rate", () => {
    const totals = computeDocumentTotals([
      { quantity: "2", unitPrice: "85.00", taxRate: "19" },
      { quantity: "3", unitPrice: "19.99", taxRate: "7", discountPercent: "10" },
      { quantity: "1", unitPrice: "100", taxRate: "19", discountPercent: "5" },
    ]);
    expect(
      asStrings({
        subtotal: totals.subtotal,
        discountAmount: totals.discountAmount,
        netAmount: totals.netAmount,
        taxAmount: totals.taxAmount,
        total: totals.total,
      }),
    ).toEqual({
      subtotal: "329.97",
      discountAmount: "11.00",
      netAmount: "318.97",
      taxAmount: "54.13",
      total: "373.10",
    });
    expect(
      totals.vatBreakdown.map((row) => [
        row.taxRate.toString(),
        row.netAmount.toFixed(2),
        row.taxAmount.toFixed(2),
      ]),
    ).toEqual([
      ["19", "265.00", "50.35"],
      ["7", "53.97", "3.78"],
    ]);
  });

  it("gives zeros for no lines", () => {
    const totals = computeDocumentTotals([]);
    expect(totals.total.toFixed(2)).toBe("0.00");
    expect(totals.vatBreakdown).toEqual([]);
  });

  const decimalString = (integerDigits: number, fractionDigits: number) =>
    fc
      .tuple(
        fc.bigInt({ min: 0n, max: 10n ** BigInt(integerDigits) - 1n }),
        fc.bigInt({ min: 0n, max: 10n ** BigInt(fractionDigits) - 1n }),
      )
      .map(([whole, fraction]) => `${whole}.${fraction.toString().padStart(fractionDigits, "0")}`);
  const percent = fc
    .integer({ min: 0, max: 10000 })
    .map((hundredths) => new Decimal(hundredths).dividedBy(100).toString());
  const line = fc.record({
    quantity: fc
      .tuple(fc.boolean(), decimalString(5, 3))
      .map(([negative, value]) => (negative ? `-${value}` : value)),
    unitPrice: decimalString(7, 4),
    taxRate: percent,
    discountPercent: percent,
  });

  it("always adds up to the cent: total = sum of line totals = subtotal - discounts + tax", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const totals = computeDocumentTotals(lines);
        const lineTotals = totals.lines.reduce(
          (sum, amounts) => sum.plus(amounts.total),
          new Decimal(0),
        );
        expect(totals.total.equals(lineTotals)).toBe(true);
        expect(
          totals.total.equals(totals.subtotal.minus(totals.discountAmount).plus(totals.taxAmount)),
        ).toBe(true);
        const breakdownNet = totals.vatBreakdown.reduce(
          (sum, row) => sum.plus(row.netAmount),
          new Decimal(0),
        );
        const breakdownTax = totals.vatBreakdown.reduce(
          (sum, row) => sum.plus(row.taxAmount),
          new Decimal(0),
        );
        expect(breakdownNet.equals(totals.netAmount)).toBe(true);
        expect(breakdownTax.equals(totals.taxAmount)).toBe(true);
        for (const amounts of totals.lines) {
          for (const value of Object.values(amounts))
            expect(value.decimalPlaces()).toBeLessThanOrEqual(2);
        }
      }),
      { numRuns: 300 },
    );
  });
});
