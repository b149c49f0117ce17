import { isCurrencyCode } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { COMMON_CURRENCIES, currencyOptions } from "./regions.ts";

describe("currencyOptions", () => {
  it("offers exactly the currencies the API accepts, the common ones first", () => {
    const { common, other } = currencyOptions("en");
    const codes = [...common, ...other].map((option) => option.value);
    expect(codes.length).toBeGreaterThan(100);
    expect(codes.every(isCurrencyCode)).toBe(true);
    // No cents (JPY) or three decimals (KWD): stored amounts have two places, so not offered.
    expect(codes).not.toContain("JPY");
    expect(codes).not.toContain("KWD");
    expect(common.map((option) => option.value)).toEqual(COMMON_CURRENCIES);
    expect(other.find((option) => option.value === "AUD")?.label).toBe("AUD – Australian Dollar");
  });
});
