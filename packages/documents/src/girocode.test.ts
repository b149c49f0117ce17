import { toDecimal } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { GIROCODE_MAX_BYTES, GirocodeError, girocodePayload, girocodeSvg } from "./girocode.ts";

const base = {
  name: "Musterfirma Übersetzungen GmbH",
  iban: "DE89 3704 0044 0532 0130 00",
  bic: "COBADEFFXXX",
  currency: "EUR",
  amount: toDecimal("1175.21"),
  reference: "RE-2026-0042",
};

describe("girocodePayload (EPC069-12)", () => {
  it("writes version 002, UTF-8, the BIC, the IBAN without spaces, EUR amount and the reference", () => {
    expect(girocodePayload(base).split("\n")).toEqual([
      "BCD",
      "002",
      "1",
      "SCT",
      "COBADEFFXXX",
      "Musterfirma Übersetzungen GmbH",
      "DE89370400440532013000",
      "EUR1175.21",
      "",
      "",
      "RE-2026-0042",
      "",
    ]);
  });

  it("leaves the BIC empty when there is none (optional in version 002)", () => {
    expect(girocodePayload({ ...base, bic: null }).split("\n")[4]).toBe("");
  });

  it("rounds the amount to cents and keeps large amounts exact", () => {
    expect(girocodePayload({ ...base, amount: toDecimal("0.005") }).split("\n")[7]).toBe("EUR0.01");
    expect(girocodePayload({ ...base, amount: toDecimal("999999999.99") }).split("\n")[7]).toBe(
      "EUR999999999.99",
    );
  });

  it("refuses other currencies, nothing to pay, too much, and a bad IBAN", () => {
    expect(() => girocodePayload({ ...base, currency: "USD" })).toThrow(GirocodeError);
    expect(() => girocodePayload({ ...base, amount: toDecimal("0") })).toThrow(GirocodeError);
    expect(() => girocodePayload({ ...base, amount: toDecimal("1000000000") })).toThrow(
      GirocodeError,
    );
    expect(() => girocodePayload({ ...base, iban: "DE00 1234" })).toThrow(GirocodeError);
  });

  it(`refuses a payload over ${GIROCODE_MAX_BYTES} bytes (counted in UTF-8, not characters)`, () => {
    // 70 + 140 characters pass the library's length checks, but "€" takes three bytes each.
    const payload = () =>
      girocodePayload({ ...base, name: "Ä".repeat(70), reference: "€".repeat(140) });
    expect(payload).toThrow(/bytes; EPC069-12 allows 331/);
    expect(() => girocodePayload({ ...base, reference: "R".repeat(140) })).not.toThrow();
  });

  it("draws an SVG QR code", async () => {
    const svg = await girocodeSvg(girocodePayload(base));
    expect(svg).toMatch(/^<svg[^>]*viewBox/);
  });
});
