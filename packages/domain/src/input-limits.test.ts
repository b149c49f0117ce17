import { describe, expect, it } from "vitest";
import {
  DECIMAL_LIMITS,
  findInputProblems,
  INPUT_LIMITS,
  readDecimal,
  readWireDecimal,
  textProblem,
} from "./input-limits.ts";
import { isValidBic, isValidIban } from "./iban.ts";
import { Decimal } from "./money.ts";
import { parseDocumentNumber } from "./numbering.ts";
import { emailSchema } from "./schemas/access.ts";
import {
  countryCodeSchema,
  decimalSchema,
  idSchema,
  MAX_PAGE,
  optionalEmail,
  optionalText,
  pageInputSchema,
  requiredText,
} from "./schemas/common.ts";
import { expenseAmountSchema, sanitizeReceiptFileName } from "./schemas/expenses.ts";
import { currencySchema, languagePairSchema } from "./schemas/parties.ts";
import {
  lineQuantitySchema,
  lineUnitPriceSchema,
  paymentAmountSchema,
} from "./schemas/sales-documents.ts";

/** Runs `work` and returns how long it took, in milliseconds. */
function timed(work: () => unknown): number {
  const started = Date.now();
  work();
  return Date.now() - started;
}

/** The largest input the API takes today: a document with 500 full lines. */
const largestRealInput = {
  id: "00000000-0000-4000-8000-000000000000",
  values: {
    customerId: "00000000-0000-4000-8000-000000000001",
    notes: "n".repeat(4000),
    terms: "t".repeat(4000),
    lines: Array.from({ length: 500 }, (_, index) => ({
      description: `Line ${index} ${"d".repeat(1900)}`,
      quantity: "1.000",
      unit: "h",
      unitPrice: new Decimal("85.0000"),
      taxRate: "19.00",
      discountPercent: "0.00",
      itemType: "translation",
      sourceLanguage: "en",
      targetLanguage: "de-DE",
    })),
  },
};

describe("textProblem", () => {
  it("accepts any well-formed text, emoji included", () => {
    expect(textProblem("Grüße 👋 — ½")).toBeNull();
  });

  it("refuses a NUL character and half of a surrogate pair", () => {
    expect(textProblem("a\u0000b")).toMatch(/NUL/);
    expect(textProblem("a\ud800b")).toMatch(/surrogate/);
    expect(textProblem("a\udc00")).toMatch(/surrogate/);
    expect(textProblem("👋".slice(0, 1))).toMatch(/surrogate/);
  });
});

describe("findInputProblems", () => {
  it("finds nothing in the largest input a person can make", () => {
    expect(findInputProblems(largestRealInput)).toEqual({});
  });

  it("names the path of a NUL or a lone surrogate, in values and in keys", () => {
    expect(
      findInputProblems({ values: { lines: [{ description: "ok" }, { description: "a\u0000" }] } }),
    ).toEqual({ "values.lines.1.description": [expect.stringMatching(/NUL/)] });
    expect(findInputProblems({ search: "\udfff" })).toEqual({
      search: [expect.stringMatching(/surrogate/)],
    });
    expect(findInputProblems({ values: { ["na\u0000me"]: "x" } })).toEqual({
      values: [expect.stringMatching(/field name/)],
    });
  });

  it("refuses each limit at its own path", () => {
    const nested = (levels: number): unknown => (levels === 0 ? "x" : [nested(levels - 1)]);
    expect(findInputProblems({ a: nested(INPUT_LIMITS.maxDepth - 1) })).toEqual({});
    expect(Object.keys(findInputProblems({ a: nested(INPUT_LIMITS.maxDepth) }))).toEqual([
      "a" + ".0".repeat(INPUT_LIMITS.maxDepth - 1),
    ]);
    expect(findInputProblems({ ids: Array(INPUT_LIMITS.maxArrayLength + 1).fill("x") })).toEqual({
      ids: [`At most ${INPUT_LIMITS.maxArrayLength} items.`],
    });
    const wide = Object.fromEntries(
      Array.from({ length: INPUT_LIMITS.maxObjectKeys + 1 }, (_, index) => [`k${index}`, 1]),
    );
    expect(findInputProblems({ wide })).toEqual({
      wide: [`At most ${INPUT_LIMITS.maxObjectKeys} fields.`],
    });
    expect(findInputProblems({ name: "x".repeat(INPUT_LIMITS.maxStringLength + 1) })).toEqual({
      name: [`At most ${INPUT_LIMITS.maxStringLength} characters.`],
    });
    expect(findInputProblems({ ["k".repeat(INPUT_LIMITS.maxKeyLength + 1)]: 1 })).toEqual({
      _: [expect.stringMatching(/field name is longer/)],
    });
  });

  it("accepts JSON values, Dates and Decimals, and nothing else", () => {
    expect(
      findInputProblems({ a: 1, b: true, c: null, d: undefined, e: new Date(), f: new Decimal(1) }),
    ).toEqual({});
    expect(
      Object.keys(findInputProblems({ map: new Map(), set: new Set(), re: /x/, f: () => 1 })),
    ).toEqual(["map", "set", "re", "f"]);
  });

  it("refuses in milliseconds what would be huge to walk", () => {
    // An array that claims a hundred million places without holding them.
    const sparse: unknown[] = [];
    sparse.length = 100_000_000;
    // One object reached through 2^40 paths, and an object that contains itself.
    let shared: unknown = "leaf";
    for (let level = 0; level < 40; level += 1) shared = { left: shared, right: shared };
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const input of [{ sparse }, { shared }, cyclic]) {
      let problems = {};
      expect(timed(() => (problems = findInputProblems(input)))).toBeLessThan(100);
      expect(problems).not.toEqual({});
    }
  });
});

describe("decimals", () => {
  it("reads a decimal within the limits, in either form", () => {
    expect(readDecimal(" 12.50 ")).toEqual({ ok: true, value: new Decimal("12.5") });
    expect(readDecimal(new Decimal("1e-7"))).toEqual({ ok: true, value: new Decimal("1e-7") });
    expect(readDecimal("-0")).toEqual({ ok: true, value: new Decimal("-0") });
  });

  it.each([
    ["1e30000000", "1e30000000", "format"],
    ["1e-999999", "1e-999999", "format"],
    ["NaN", "NaN", "format"],
    ["Infinity", "Infinity", "format"],
    ["12,50", "12,50", "comma"],
    ["400 digits", "9".repeat(400), "bounds"],
    ["45 decimal places", "0." + "1".repeat(45), "bounds"],
  ])("refuses the text %s (%s)", (_label, text, problem) => {
    expect(readDecimal(text)).toEqual({ ok: false, problem });
  });

  it.each([
    [new Decimal("1e30000000"), "bounds"],
    [new Decimal("-1e-30000000"), "bounds"],
    [new Decimal("9e9000000000000000"), "bounds"],
    [new Decimal("1." + "1".repeat(DECIMAL_LIMITS.maxSignificantDigits)), "bounds"],
    [new Decimal(NaN), "format"],
    [new Decimal(Infinity), "format"],
  ])("refuses the Decimal %s (%s)", (value, problem) => {
    expect(readDecimal(value)).toEqual({ ok: false, problem });
  });

  it("reads wire text with an exponent, within the limits only", () => {
    expect(readWireDecimal("1.5e+25")?.toString()).toBe("1.5e+25");
    expect(readWireDecimal("1e-7")?.toString()).toBe("1e-7");
    expect(readWireDecimal("1e+41")).toBeNull();
    expect(readWireDecimal("1e30000000")).toBeNull();
    expect(readWireDecimal("NaN")).toBeNull();
    expect(readWireDecimal("9".repeat(60))).toBeNull();
    expect(readWireDecimal(12)).toBeNull();
  });

  it("refuses a decimal with a huge exponent in milliseconds, in every form and field", () => {
    // decimal.js reads these at once but writes 1e30000000 out digit by digit: seconds.
    const schemas = [
      lineUnitPriceSchema,
      lineQuantitySchema,
      paymentAmountSchema,
      expenseAmountSchema,
      decimalSchema({ places: 2, precision: 5, invalid: "Enter a rate." }),
    ];
    for (const schema of schemas) {
      for (const input of [
        new Decimal("1e30000000"),
        new Decimal("-1e-30000000"),
        "1e30000000",
        "1" + "0".repeat(100_000),
      ]) {
        let success = true;
        expect(timed(() => (success = schema.safeParse(input).success))).toBeLessThan(50);
        expect(success).toBe(false);
      }
    }
    expect(lineUnitPriceSchema.safeParse(new Decimal("1e30000000")).error?.issues).toEqual([
      expect.objectContaining({ message: "This number has too many digits." }),
    ]);
  });
});

describe("text patterns", () => {
  // Strings shaped to make a backtracking pattern retry at every position, at the longest length
  // the API lets through (INPUT_LIMITS.maxStringLength).
  const n = INPUT_LIMITS.maxStringLength;
  const adversarial = [
    "a".repeat(n) + "!",
    "1".repeat(n) + "x",
    ".".repeat(n) + "x",
    " ".repeat(n) + "x",
    "-".repeat(n) + "!",
    "a@" + "a.".repeat(n / 2 - 2) + "!",
    "a@" + "a-".repeat(n / 2 - 2) + "!",
    "en>" + "de-".repeat(n / 3 - 2),
    "RE-2026-" + "1".repeat(n - 9) + "x",
    "DE89" + "A".repeat(n - 5) + "!",
  ];

  it.each([
    ["emails", (text: string) => emailSchema.safeParse(text)],
    ["optional emails", (text: string) => optionalEmail.safeParse(text)],
    ["ids", (text: string) => idSchema.safeParse(text)],
    ["country codes", (text: string) => countryCodeSchema.safeParse(text)],
    ["currencies", (text: string) => currencySchema.safeParse(text)],
    ["language pairs", (text: string) => languagePairSchema.safeParse(text)],
    ["IBANs", (text: string) => isValidIban(text)],
    ["BICs", (text: string) => isValidBic(text)],
    ["document numbers", (text: string) => parseDocumentNumber(text)],
    ["receipt file names", (text: string) => sanitizeReceiptFileName(text, "application/pdf")],
    ["decimals", (text: string) => readDecimal(text)],
    ["texts", (text: string) => textProblem(text)],
  ])("answers for %s in milliseconds", (_label, check) => {
    for (const text of adversarial) expect(timed(() => check(text))).toBeLessThan(50);
  });
});

describe("the schemas' own bounds (for use cases called without the API)", () => {
  it("refuses text PostgreSQL cannot store in every text field", () => {
    for (const schema of [requiredText(200), optionalText(200)]) {
      expect(schema.safeParse("Acme GmbH").success).toBe(true);
      expect(schema.safeParse("Acme\u0000GmbH").error?.issues[0]?.message).toMatch(/NUL/);
      expect(schema.safeParse("Acme \ud800").error?.issues[0]?.message).toMatch(/surrogate/);
    }
  });

  it("measures an email's length before its pattern", () => {
    expect(optionalEmail.safeParse(`${"a".repeat(250)}@example.test`).error?.issues).toEqual([
      expect.objectContaining({ message: "At most 254 characters." }),
    ]);
  });

  it("caps page numbers", () => {
    expect(pageInputSchema.safeParse({ page: MAX_PAGE }).success).toBe(true);
    expect(pageInputSchema.safeParse({ page: MAX_PAGE + 1 }).success).toBe(false);
    expect(pageInputSchema.safeParse({ page: 1e300 }).success).toBe(false);
  });
});
