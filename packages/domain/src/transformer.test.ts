import { Decimal as PlainDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "./money.ts";
import { transformer } from "./transformer.ts";

/** What the browser receives and sends back: the serialised value through real JSON text. */
function overTheWire<T>(value: T): T {
  return transformer.deserialize<T>(JSON.parse(JSON.stringify(transformer.serialize(value))));
}

describe("transformer", () => {
  it("sends a Decimal as its exact string, never as a number", () => {
    const { json } = transformer.serialize({
      total: new Decimal("12345678901234.56"),
      rate: new Decimal("0.1"),
    });
    expect(json).toEqual({ total: "12345678901234.56", rate: "0.1" });
  });

  it("brings a Decimal back as a Decimal with every digit", () => {
    const back = overTheWire({ total: new Decimal("12345678901234.56"), rate: new Decimal("0.1") });
    expect(back.total).toBeInstanceOf(Decimal);
    expect(back.total.toString()).toBe("12345678901234.56");
    expect(back.rate.toString()).toBe("0.1");
    expect(back.total.plus("0.01").toString()).toBe("12345678901234.57");
  });

  it("serialises a Decimal from another decimal.js clone (Prisma's) too", () => {
    const back = overTheWire({ amount: new PlainDecimal("99999999999999.99") });
    expect(back.amount).toBeInstanceOf(Decimal);
    expect(back.amount.toString()).toBe("99999999999999.99");
  });

  it("keeps Dates as Dates", () => {
    const issuedAt = new Date("2025-01-02T03:04:05.678Z");
    const back = overTheWire({ issuedAt });
    expect(back.issuedAt).toBeInstanceOf(Date);
    expect(back.issuedAt.toISOString()).toBe("2025-01-02T03:04:05.678Z");
  });

  it("restores Decimals and Dates nested in objects and arrays", () => {
    const document = {
      number: "RE-2025-0001",
      issuedAt: new Date("2025-03-01T00:00:00.000Z"),
      lines: [
        {
          quantity: new Decimal("1.5"),
          unitPrice: new Decimal("80.0000"),
          total: new Decimal("120.00"),
        },
        {
          quantity: new Decimal("3"),
          unitPrice: new Decimal("0.3333"),
          total: new Decimal("1.00"),
        },
      ],
      totals: { net: new Decimal("121.00"), tax: null },
    };
    const back = overTheWire(document);
    expect(back.issuedAt).toEqual(new Date("2025-03-01T00:00:00.000Z"));
    expect(
      back.lines.map((line) => [
        line.quantity.toString(),
        line.unitPrice.toString(),
        line.total.toString(),
      ]),
    ).toEqual([
      ["1.5", "80", "120"],
      ["3", "0.3333", "1"],
    ]);
    expect(back.lines[1]!.unitPrice).toBeInstanceOf(Decimal);
    expect(back.totals).toEqual({ net: new Decimal("121.00"), tax: null });
    expect(back.number).toBe("RE-2025-0001");
  });

  it("gives back an equal Decimal with the same string for any amount we store", () => {
    // Canonical decimal strings: up to 14 integer and 4 fractional digits, no redundant zeros.
    const decimalString = fc
      .stringMatching(/^-?(0|[1-9]\d{0,13})(\.\d{0,3}[1-9])?$/)
      .filter((value) => value !== "-0");
    fc.assert(
      fc.property(decimalString, (value) => {
        const back = overTheWire({ value: new Decimal(value) }).value;
        expect(back).toBeInstanceOf(Decimal);
        expect(back.equals(new Decimal(value))).toBe(true);
        expect(back.toString()).toBe(value);
      }),
    );
  });
});
