import { Decimal as PlainDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "./money.ts";
import { AppError } from "./errors.ts";
import { requestTransformer, transformer } from "./transformer.ts";

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

/** A request body as a client writes it, read back as the API reads it. */
const readRequest = (payload: unknown) => requestTransformer.deserialize(payload);

/** The AppError `work` throws, and how long it took to throw it. */
function refusalOf(work: () => unknown): { error: unknown; ms: number } {
  const started = Date.now();
  try {
    work();
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
  throw new Error("Expected a refusal.");
}

describe("requestTransformer", () => {
  it("reads what clients write: Decimals, Dates, undefined, odd numbers, repeated objects", () => {
    const rate = new Decimal("19");
    const input = {
      lines: [
        { unitPrice: new Decimal("85.5"), taxRate: rate },
        { unitPrice: new Decimal("1e-7"), taxRate: rate },
      ],
      on: new Date("2026-01-02T00:00:00.000Z"),
      unit: undefined,
      odd: [Number.NaN, -0, Number.POSITIVE_INFINITY],
      "dotted.key": new Decimal("1.5e+25"),
    };
    const back = readRequest(
      JSON.parse(JSON.stringify(transformer.serialize(input))),
    ) as typeof input;
    expect(back.lines[0]!.unitPrice).toEqual(new Decimal("85.5"));
    expect(back.lines[1]!.taxRate).toEqual(rate);
    expect(back.on).toEqual(input.on);
    expect("unit" in back && back.unit === undefined).toBe(true);
    expect(Object.is(back.odd[1], -0)).toBe(true);
    expect(back["dotted.key"].toString()).toBe("1.5e+25");
  });

  it("refuses a decimal beyond the limits as a bad request, in milliseconds", () => {
    for (const text of ["1e30000000", "1e-30000000", "9".repeat(100_000), "NaN", "Infinity", "x"]) {
      const { error, ms } = refusalOf(() =>
        readRequest({
          json: { unitPrice: text },
          meta: { values: { unitPrice: [["custom", "decimal"]] }, v: 1 },
        }),
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("BAD_REQUEST");
      expect(ms).toBeLessThan(50);
    }
    // The plain transformer (browsers, programs) refuses them as well.
    expect(() =>
      transformer.deserialize({ json: "1e30000000", meta: { values: [["custom", "decimal"]] } }),
    ).toThrow(AppError);
  });

  it.each([
    ["not an object", null],
    ["meta not an object", { json: {}, meta: 1 }],
    ["a Map", { json: { a: [] }, meta: { values: { a: ["map"] } } }],
    ["a RegExp", { json: { a: "/(a+)+$/" }, meta: { values: { a: ["regexp"] } } }],
    ["a class", { json: { a: {} }, meta: { values: { a: [["class", "X"]] } } }],
    ["nested annotations", { json: { a: { b: "1" } }, meta: { values: { a: { b: ["bigint"] } } } }],
    ["children", { json: { a: [] }, meta: { values: { a: ["undefined", { 0: ["bigint"] }] } } }],
    [
      "a path to nothing",
      { json: { lines: [] }, meta: { values: { "lines.99999999": ["undefined"] } } },
    ],
    ["a path past a leaf", { json: { a: "1" }, meta: { values: { "a.b": ["undefined"] } } }],
    [
      "a non-index path into an array",
      { json: { a: [1] }, meta: { values: { "a.length": ["undefined"] } } },
    ],
    [
      "a BigInt of 100,000 digits",
      { json: { a: "9".repeat(100_000) }, meta: { values: { a: ["bigint"] } } },
    ],
    ["a long Date", { json: { a: "2026".repeat(1000) }, meta: { values: { a: ["Date"] } } }],
    [
      "a reference to nothing",
      { json: { a: {} }, meta: { referentialEqualities: { a: ["b.c"] } } },
    ],
    ["a deep path", { json: {}, meta: { values: { ["a.".repeat(50_000) + "a"]: ["undefined"] } } }],
    ["a broken escape", { json: {}, meta: { values: { "a\\x": ["undefined"] }, v: 1 } }],
  ])("refuses %s without reading it", (_label, payload) => {
    const { error, ms } = refusalOf(() => readRequest(payload));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/^The request's input is not accepted/);
    expect(ms).toBeLessThan(50);
  });

  it("refuses deeply nested annotations, which SuperJSON walks recursively", () => {
    let values: unknown = ["undefined"];
    for (let level = 0; level < 100_000; level += 1) values = { a: values };
    expect(refusalOf(() => readRequest({ json: {}, meta: { values } })).error).toBeInstanceOf(
      AppError,
    );
  });
});
