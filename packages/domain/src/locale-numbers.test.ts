import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "./money.ts";
import {
  formatLocaleDecimal,
  formatLocaleWholeNumber,
  parseLocaleDecimal,
  parseLocaleWholeNumber,
} from "./locale-numbers.ts";
import { formatLocaleDate, parseLocaleDate } from "./locale-dates.ts";
import { LOCALES } from "./schemas/access.ts";

const value = (text: string, locale: "de" | "en") => {
  const reading = parseLocaleDecimal(text, locale);
  return reading.ok ? reading.value : reading.problem;
};

describe("parseLocaleDecimal", () => {
  it("reads what a German types", () => {
    expect(value("1.234,50", "de")).toBe("1234.50");
    expect(value("1234,50", "de")).toBe("1234.50");
    expect(value("1.234", "de")).toBe("1234");
    expect(value("1.234.567,891", "de")).toBe("1234567.891");
    expect(value("12,5", "de")).toBe("12.5");
    expect(value(",5", "de")).toBe("0.5");
    expect(value("12,", "de")).toBe("12");
    expect(value(" 007 ", "de")).toBe("7");
    expect(value("-3,5", "de")).toBe("-3.5");
    expect(value("−3,5", "de")).toBe("-3.5");
    expect(value("-0,00", "de")).toBe("0.00");
  });

  it("reads what an English speaker types", () => {
    expect(value("1,234.50", "en")).toBe("1234.50");
    expect(value("1234.50", "en")).toBe("1234.50");
    expect(value("1,234", "en")).toBe("1234");
    expect(value("1.234", "en")).toBe("1.234");
    expect(value(".5", "en")).toBe("0.5");
  });

  it("refuses the other locale's decimal separator and suggests this locale's spelling", () => {
    expect(parseLocaleDecimal("12.50", "de")).toEqual({
      ok: false,
      problem: "decimalSeparator",
      suggestion: "12,50",
    });
    expect(parseLocaleDecimal("1,000.50", "de")).toEqual({
      ok: false,
      problem: "decimalSeparator",
      suggestion: "1.000,50",
    });
    expect(parseLocaleDecimal("1.000,50", "en")).toEqual({
      ok: false,
      problem: "decimalSeparator",
      suggestion: "1,000.50",
    });
    expect(parseLocaleDecimal("12,5", "en")).toMatchObject({ suggestion: "12.5" });
  });

  it("refuses broken grouping and anything that is not a number", () => {
    expect(value("1.23.4", "de")).toBe("grouping");
    expect(value("12.34,5", "de")).toBe("grouping");
    expect(value("1,2,3", "de")).toBe("grouping");
    expect(value("1,234,5", "en")).toBe("grouping");
    expect(value("", "de")).toBe("empty");
    expect(value("   ", "en")).toBe("empty");
    for (const text of ["abc", "1e5", "12 €", "1 234", "--1", "+-1", "0x10", ".", ","]) {
      expect(["format", "grouping"]).toContain(value(text, "de"));
      expect(["format", "grouping"]).toContain(value(text, "en"));
    }
  });
});

describe("formatLocaleDecimal", () => {
  it("groups and pads without rounding", () => {
    expect(formatLocaleDecimal("1234.5", "de", { minPlaces: 2 })).toBe("1.234,50");
    expect(formatLocaleDecimal("1234.5", "en", { minPlaces: 2 })).toBe("1,234.50");
    expect(formatLocaleDecimal("-1234567.891", "de")).toBe("-1.234.567,891");
    expect(formatLocaleDecimal("1234", "de", { grouping: false })).toBe("1234");
    expect(formatLocaleDecimal("999", "en")).toBe("999");
    expect(() => formatLocaleDecimal("1,5", "en")).toThrow(RangeError);
  });
});

/** Decimal strings as the server sends them: up to 14 digits before the point, up to 4 after. */
const decimalStrings = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 10n ** 14n - 1n }),
    fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined }),
  )
  .map(([negative, whole, fraction]) => {
    const text = fraction === undefined ? String(whole) : `${whole}.${fraction}`;
    return negative && !/^[0.]+$/.test(text) ? `-${text}` : text;
  });

describe("format -> parse round trip (property)", () => {
  for (const locale of LOCALES) {
    it(`gives back every amount exactly in ${locale}, grouped or not, padded or not`, () => {
      fc.assert(
        fc.property(
          decimalStrings,
          fc.boolean(),
          fc.integer({ min: 0, max: 4 }),
          (text, grouping, minPlaces) => {
            const shown = formatLocaleDecimal(text, locale, { grouping, minPlaces });
            const reading = parseLocaleDecimal(shown, locale);
            expect(reading.ok).toBe(true);
            if (!reading.ok) return;
            // The same number, digit for digit (padding adds only trailing zeros).
            expect(new Decimal(reading.value).equals(new Decimal(text))).toBe(true);
            if (minPlaces === 0) expect(reading.value).toBe(text);
          },
        ),
        { numRuns: 1000 },
      );
    });
  }

  it("never reads a number a German wrote with grouping and a comma as a different number in English", () => {
    // The dangerous direction: a German amount in the English screen is refused or, when the
    // text is valid English too (only "1.234"-like grouping), the screen shows the reading.
    fc.assert(
      fc.property(decimalStrings, (text) => {
        const german = formatLocaleDecimal(text, "de", { minPlaces: 2 });
        const reading = parseLocaleDecimal(german, "en");
        if (reading.ok) expect(new Decimal(reading.value).equals(new Decimal(text))).toBe(false);
        else expect(["decimalSeparator", "grouping"]).toContain(reading.problem);
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseLocaleWholeNumber", () => {
  const whole = (text: string, locale: "de" | "en") => {
    const reading = parseLocaleWholeNumber(text, locale);
    return reading.ok ? reading.value : reading.problem;
  };

  it("reads whole numbers with the locale's grouping", () => {
    expect(whole("1.000", "de")).toBe(1000);
    expect(whole("1000", "de")).toBe(1000);
    expect(whole("1,000", "en")).toBe(1000);
    expect(whole(" 30 ", "de")).toBe(30);
    expect(whole("-0", "de")).toBe(0);
    expect(whole("-14", "en")).toBe(-14);
  });

  it("refuses fractions, the other locale's decimal point, and what is no number", () => {
    expect(whole("1,5", "de")).toBe("fraction");
    expect(whole("1,0", "de")).toBe("fraction");
    expect(whole("30,", "de")).toBe("fraction");
    expect(whole("1.5", "de")).toBe("fraction");
    expect(whole("1.5", "en")).toBe("fraction");
    expect(whole("1,5", "en")).toBe("fraction");
    expect(whole("1.00.0", "de")).toBe("grouping");
    expect(whole("", "de")).toBe("empty");
    expect(whole("zehn", "de")).toBe("format");
    expect(whole("1e3", "en")).toBe("format");
    expect(whole("9.007.199.254.740.992", "de")).toBe("tooLarge");
  });

  for (const locale of LOCALES) {
    it(`gives back every whole number exactly in ${locale}, grouped or not (property)`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
          fc.boolean(),
          (value, grouped) => {
            const text = grouped
              ? formatLocaleWholeNumber(value, locale)
              : formatLocaleDecimal(String(value), locale, { grouping: false });
            expect(parseLocaleWholeNumber(text, locale)).toEqual({
              ok: true,
              value: value === 0 ? 0 : value,
            });
          },
        ),
      );
    });

    it(`refuses every number with a fraction in ${locale} (property)`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 10 ** 9 }),
          fc.stringMatching(/^\d{1,3}$/),
          (value, fraction) => {
            const text = formatLocaleDecimal(`${value}.${fraction}`, locale);
            expect(parseLocaleWholeNumber(text, locale)).toEqual({
              ok: false,
              problem: "fraction",
            });
          },
        ),
      );
    });
  }
});

describe("locale dates", () => {
  it("reads and writes the locale's order", () => {
    expect(parseLocaleDate("21.11.2026", "de")).toEqual({ ok: true, value: "2026-11-21" });
    expect(parseLocaleDate("1.2.26", "de")).toEqual({ ok: true, value: "2026-02-01" });
    expect(parseLocaleDate("21/11/2026", "en")).toEqual({ ok: true, value: "2026-11-21" });
    expect(parseLocaleDate("2026-11-21", "de")).toEqual({ ok: true, value: "2026-11-21" });
    expect(parseLocaleDate("21/11/2026", "de")).toMatchObject({ problem: "format" });
    expect(parseLocaleDate("30.02.2026", "de")).toMatchObject({ problem: "noSuchDate" });
    expect(parseLocaleDate("", "en")).toMatchObject({ problem: "empty" });
    expect(formatLocaleDate("2026-01-05", "de")).toBe("05.01.2026");
    expect(formatLocaleDate("2026-01-05", "en")).toBe("05/01/2026");
  });

  it("round-trips every date in both locales (property)", () => {
    const dates = fc
      .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z") })
      .filter((date) => !Number.isNaN(date.getTime()))
      .map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, fc.constantFrom(...LOCALES), (iso, locale) => {
        expect(parseLocaleDate(formatLocaleDate(iso, locale), locale)).toEqual({
          ok: true,
          value: iso,
        });
      }),
    );
  });
});
