import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "./money.ts";
import {
  computeDocumentTotals,
  computeLineAmounts,
  netPriceForGross,
  splitGrossAmount,
} from "./totals.ts";

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

describe("splitGrossAmount", () => {
  it.each([
    ["119.00", "19", "100.00", "19.00"],
    ["10.70", "7", "10.00", "0.70"],
    ["50.00", "0", "50.00", "0.00"],
    ["212.40", "19", "178.49", "33.91"], // 178.4873...
    ["100.00", "100", "50.00", "50.00"],
    ["0.01", "100", "0.01", "0.00"], // 0.005 rounds half up
    ["9.99", "7.7", "9.28", "0.71"], // 9.2757...
  ])("splits %s at %s %% into net %s and VAT %s", (gross, rate, net, tax) => {
    const split = splitGrossAmount(gross, rate);
    expect([split.netAmount.toFixed(2), split.taxAmount.toFixed(2)]).toEqual([net, tax]);
  });

  it("bills 119.00 at 19 % as a line of 1 x 100.00 that totals 119.00 again", () => {
    const { netAmount } = splitGrossAmount("119.00", "19");
    const line = computeLineAmounts({ quantity: "1", unitPrice: netAmount, taxRate: "19" });
    expect([line.subtotal, line.taxAmount, line.total].map((value) => value.toFixed(2))).toEqual([
      "100.00",
      "19.00",
      "119.00",
    ]);
  });

  it("misses by one cent where no net price reaches the gross amount (10.05 at 19 %)", () => {
    // 8.44 -> 8.44 + 1.60 = 10.04; 8.45 -> 8.45 + 1.61 = 10.06: per-line rounding skips 10.05.
    const { netAmount, taxAmount } = splitGrossAmount("10.05", "19");
    expect([netAmount.toFixed(2), taxAmount.toFixed(2)]).toEqual(["8.45", "1.60"]);
    const line = computeLineAmounts({ quantity: "1", unitPrice: netAmount, taxRate: "19" });
    expect(line.total.toFixed(2)).toBe("10.06");
  });

  it("refuses a rate outside 0 to 100", () => {
    expect(() => splitGrossAmount("10.00", "-1")).toThrow(RangeError);
    expect(() => splitGrossAmount("10.00", "100.01")).toThrow(RangeError);
  });

  const cents = fc
    .bigInt({ min: 1n, max: 99_999_999_999_999n })
    .map((value) => new Decimal(value.toString()).dividedBy(100));
  const rate = fc
    .integer({ min: 0, max: 10000 })
    .map((hundredths) => new Decimal(hundredths).dividedBy(100));
  const lineTotal = (net: Decimal, taxRate: Decimal) =>
    net.plus(computeLineAmounts({ quantity: "1", unitPrice: net, taxRate }).taxAmount);

  it("gives a net in cents whose line (net + tax of net) is within 0.01 of the gross amount", () => {
    fc.assert(
      fc.property(cents, rate, (gross, taxRate) => {
        const { netAmount, taxAmount } = splitGrossAmount(gross, taxRate);
        expect(netAmount.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(netAmount.plus(taxAmount).equals(gross)).toBe(true);
        expect(netAmount.greaterThan(0) && netAmount.lessThanOrEqualTo(gross)).toBe(true);
        expect(lineTotal(netAmount, taxRate).minus(gross).abs().lessThanOrEqualTo("0.01")).toBe(
          true,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("reproduces the gross amount exactly whenever a neighbouring net price would", () => {
    fc.assert(
      fc.property(cents, rate, (gross, taxRate) => {
        const { netAmount } = splitGrossAmount(gross, taxRate);
        const neighbours = [netAmount.minus("0.01"), netAmount.plus("0.01")];
        if (neighbours.some((net) => lineTotal(net, taxRate).equals(gross))) {
          expect(lineTotal(netAmount, taxRate).equals(gross)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("netPriceForGross", () => {
  const totalOf = (net: Decimal, taxRate: string) =>
    computeLineAmounts({ quantity: 1, unitPrice: net, taxRate }).total;
  const cents = fc.integer({ min: 1, max: 99_999_999 }).map((n) => new Decimal(n).dividedBy(100));
  const rates = fc.oneof(
    fc.constantFrom("0", "7", "19"),
    fc.integer({ min: 0, max: 10_000 }).map((n) => new Decimal(n).dividedBy(100).toFixed(2)),
  );

  it("finds the price whose line total is the amount, or names the totals on either side", () => {
    fc.assert(
      fc.property(cents, rates, (gross, taxRate) => {
        const found = netPriceForGross(gross, taxRate);
        if (found.net) {
          expect(totalOf(found.net, taxRate).equals(gross)).toBe(true);
          return;
        }
        const [below, above] = found.nearest;
        expect(below.lessThan(gross) && above.greaterThan(gross)).toBe(true);
        // No price in cents near it reaches the amount: it truly has none.
        const start = splitGrossAmount(gross, taxRate).netAmount;
        for (let step = -5; step <= 5; step++) {
          const net = start.plus(new Decimal(step).dividedBy(100));
          expect(totalOf(net, taxRate).equals(gross)).toBe(false);
        }
      }),
    );
  });

  it("reaches every amount at 0 %; at 19 % about one total in five has no price", () => {
    expect(netPriceForGross("1234.56", "0")).toEqual({ net: new Decimal("1234.56") });
    expect(netPriceForGross("119.00", "19")).toEqual({ net: new Decimal("100.00") });
    const gaps = [];
    for (let cent = 1; cent <= 200; cent++) {
      const gross = new Decimal(cent).dividedBy(100);
      if (!netPriceForGross(gross, "19").net) gaps.push(gross.toFixed(2));
    }
    expect(gaps.length).toBeGreaterThan(20);
    expect(gaps.length).toBeLessThan(50);
  });
});
