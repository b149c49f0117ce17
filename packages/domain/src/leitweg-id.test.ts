import { describe, expect, it } from "vitest";
import { isValidLeitwegId, leitwegIdCheckDigits, looksLikeLeitwegId } from "./leitweg-id.ts";

describe("Leitweg-ID", () => {
  it("accepts published IDs: the XRechnung test ID and KoSIT's examples", () => {
    expect(isValidLeitwegId("991-33333TEST-33")).toBe(true);
    expect(isValidLeitwegId("04011000-1234512345-06")).toBe(true);
    expect(isValidLeitwegId("04011000-12345-03")).toBe(true);
    // Without Feinadressierung, and letters in either case.
    expect(isValidLeitwegId(`991-${leitwegIdCheckDigits("991")}`)).toBe(true);
    expect(isValidLeitwegId("991-33333test-33")).toBe(true);
  });

  it("refuses a wrong check digit and a wrong shape", () => {
    expect(isValidLeitwegId("991-33333TEST-34")).toBe(false);
    expect(isValidLeitwegId("04011000-1234512345-60")).toBe(false);
    expect(isValidLeitwegId("9-33333TEST-33")).toBe(false);
    expect(isValidLeitwegId("991-33333_TEST-33")).toBe(false);
    expect(isValidLeitwegId("991-33333TEST-3")).toBe(false);
  });

  it("holds only what begins as a Leitweg-ID to the rule", () => {
    expect(looksLikeLeitwegId("991-33333TEST-34")).toBe(true);
    expect(looksLikeLeitwegId("PO 4711")).toBe(false);
    expect(looksLikeLeitwegId("4711")).toBe(false);
  });
});
