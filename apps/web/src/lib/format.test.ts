import { Decimal } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { decimalString, formatDate, formatDateTime, formatMoney, formatNumber } from "./format.ts";

// Intl separates amount and currency sign with a no-break space; spelled out so tests read plainly.
const NBSP = "\u00a0";

describe("formatMoney", () => {
  it("writes euros the German way", () => {
    expect(formatMoney("1234.5", "EUR", "de")).toBe(`1.234,50${NBSP}€`);
    expect(formatMoney(new Decimal("0.05"), "EUR", "de")).toBe(`0,05${NBSP}€`);
    expect(formatMoney("-1234.50", "EUR", "de")).toBe(`-1.234,50${NBSP}€`);
  });

  it("writes euros the British way", () => {
    expect(formatMoney("1234.5", "EUR", "en")).toBe("€1,234.50");
    expect(formatMoney(new Decimal("-1234.50"), "EUR", "en")).toBe("-€1,234.50");
  });

  it("keeps every cent of 12345678901.23", () => {
    expect(formatMoney("12345678901.23", "EUR", "de")).toBe(`12.345.678.901,23${NBSP}€`);
    expect(formatMoney(new Decimal("12345678901.23"), "EUR", "en")).toBe("€12,345,678,901.23");
  });

  it("never goes through a float: digits beyond 2^53 survive", () => {
    // As a double, 9007199254740993.01 would print as 9,007,199,254,740,992.
    expect(formatMoney("9007199254740993.01", "EUR", "en")).toBe("€9,007,199,254,740,993.01");
    expect(formatMoney(new Decimal("9007199254740993.01"), "EUR", "de")).toBe(
      `9.007.199.254.740.993,01${NBSP}€`,
    );
  });

  it("uses the currency's own sign and decimals", () => {
    expect(formatMoney("1500", "CHF", "de")).toBe(`1.500,00${NBSP}CHF`);
    expect(formatMoney("1500", "GBP", "en")).toBe("£1,500.00");
    expect(formatMoney("1500", "JPY", "en")).toBe("JP¥1,500");
  });

  it("refuses what is not a decimal amount", () => {
    expect(() => formatMoney("12,50", "EUR", "de")).toThrow(RangeError);
    expect(() => formatMoney("", "EUR", "de")).toThrow(RangeError);
  });
});

describe("decimalString", () => {
  it("takes a Decimal without exponent notation", () => {
    expect(decimalString(new Decimal("1e-7"))).toBe("0.0000001");
    expect(decimalString(new Decimal("1e21"))).toBe("1000000000000000000000");
  });
});

describe("formatNumber", () => {
  it("groups thousands by language", () => {
    expect(formatNumber(1234567, "de")).toBe("1.234.567");
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
    expect(formatNumber(new Decimal("7.5"), "de")).toBe("7,5");
  });
});

describe("formatDate", () => {
  const moment = new Date("2026-11-21T12:00:00Z");

  it("writes day.month.year in German and day/month/year in English", () => {
    expect(formatDate(moment, "de")).toBe("21.11.2026");
    expect(formatDate(moment, "en")).toBe("21/11/2026");
  });

  it("reads calendar dates (midnight UTC) in UTC, so no one sees the day before", () => {
    const startDate = new Date("2026-03-01T00:00:00.000Z");
    expect(formatDate(startDate, "de", { calendarDate: true })).toBe("01.03.2026");
    expect(formatDate(startDate, "en", { calendarDate: true })).toBe("01/03/2026");
  });

  it("adds the time for moments", () => {
    expect(formatDateTime(new Date("2026-11-21T14:05:00Z"), "de", "UTC")).toBe("21.11.2026, 14:05");
    expect(formatDateTime(new Date("2026-11-21T14:05:00Z"), "en", "UTC")).toBe("21/11/2026, 14:05");
  });
});
