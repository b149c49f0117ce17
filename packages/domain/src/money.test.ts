import { Decimal as PlainDecimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { Decimal, ZERO, isCurrencyCode, isDecimal, roundToCents, toDecimal } from "./money.ts";

describe("roundToCents", () => {
  it.each([
    ["0.005", "0.01"],
    ["0.004", "0.00"],
    ["0.015", "0.02"],
    ["2.675", "2.68"],
    ["1.994999", "1.99"],
    ["19.995", "20.00"],
    ["100", "100.00"],
  ])("rounds %s half up to %s", (value, expected) => {
    expect(roundToCents(value).toFixed(2)).toBe(expected);
  });

  it("rounds a half away from zero for negative amounts (credit notes round like invoices)", () => {
    expect(roundToCents("-0.005").toFixed(2)).toBe("-0.01");
    expect(roundToCents("-2.675").toFixed(2)).toBe("-2.68");
    expect(roundToCents("-0.0049").isZero()).toBe(true);
    expect(roundToCents("-0.0049").toFixed(2)).toBe("0.00");
  });

  it("rounds the decimal a number literal stands for, not its binary approximation", () => {
    // 2.675 is 2.67499999999999982236431605997495353221893310546875 as a double.
    expect((2.675).toFixed(2)).toBe("2.67");
    expect(roundToCents(2.675).toFixed(2)).toBe("2.68");
  });

  it("returns a Decimal of the Ledgerline clone", () => {
    expect(roundToCents("1.234")).toBeInstanceOf(Decimal);
    expect(roundToCents("1.234").equals("1.23")).toBe(true);
  });
});

describe("Decimal", () => {
  it("adds 0.1 and 0.2 to exactly 0.3, where floats do not", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(new Decimal("0.1").plus("0.2").toString()).toBe("0.3");
    expect(toDecimal(0.1).plus(toDecimal(0.2)).equals("0.3")).toBe(true);
  });

  it("keeps every digit of the largest amount times the largest rate", () => {
    const product = new Decimal("99999999999999.99").times("9999.999");
    expect(product.toFixed()).toBe("999999899999999900.00001");
    // Why the clone carries 40 digits: decimal.js's default of 20 would lose the tail.
    expect(new PlainDecimal("99999999999999.99").times("9999.999").toFixed()).not.toBe(
      "999999899999999900.00001",
    );
  });

  it("keeps every digit of a numeric(14,3) quantity times a numeric(14,4) unit price", () => {
    const total = new Decimal("12345678901.234").times("1234567890.1234");
    expect(total.toFixed()).toBe("15241578753237434552.6722756");
    expect(roundToCents(total).toFixed(2)).toBe("15241578753237434552.67");
  });

  it("has ZERO as an exact zero", () => {
    expect(ZERO.isZero()).toBe(true);
    expect(ZERO.plus("0.01").toString()).toBe("0.01");
  });
});

describe("isDecimal", () => {
  it("recognises Decimals from any decimal.js clone, such as Prisma's", () => {
    const OtherClone = PlainDecimal.clone({ precision: 10 });
    expect(isDecimal(new Decimal("1.5"))).toBe(true);
    expect(isDecimal(new PlainDecimal("1.5"))).toBe(true);
    expect(isDecimal(new OtherClone("1.5"))).toBe(true);
    expect(new OtherClone("1.5").constructor).not.toBe(Decimal);
  });

  it.each([["1.5"], [1.5], [null], [undefined], [{ toString: () => "1.5" }]])(
    "is false for %j",
    (value) => {
      expect(isDecimal(value)).toBe(false);
    },
  );
});

describe("isCurrencyCode", () => {
  it.each(["EUR", "USD", "GBP", "CHF", "PLN"])("accepts %s, which has cents", (code) => {
    expect(isCurrencyCode(code)).toBe(true);
  });

  it.each([
    ["JPY", "no minor unit"],
    ["KWD", "three decimals"],
    ["XYZ", "not an ISO 4217 code"],
    ["eur", "not upper case"],
    ["EU", "too short"],
  ])("refuses %s (%s)", (code) => {
    expect(isCurrencyCode(code)).toBe(false);
  });
});
