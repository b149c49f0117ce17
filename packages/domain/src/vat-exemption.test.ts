import { describe, expect, it } from "vitest";
import { vatExemptionOf } from "./vat-exemption.ts";

const facts = {
  smallBusiness: false,
  sellerCountry: "DE",
  buyerCountry: "DE",
  buyerVatId: null,
  taxRates: ["19"],
};

describe("vatExemptionOf", () => {
  it("is null when VAT is charged", () => {
    expect(vatExemptionOf(facts)).toBeNull();
    expect(
      vatExemptionOf({ ...facts, buyerCountry: "FR", buyerVatId: "FR123", taxRates: ["0", "19"] }),
    ).toBeNull();
  });
  it("is small business for a § 19 company, whatever the lines say", () => {
    expect(vatExemptionOf({ ...facts, smallBusiness: true, taxRates: ["0"] })).toBe(
      "small_business",
    );
  });
  it("is reverse charge for a business customer in another EU country at 0 %", () => {
    expect(
      vatExemptionOf({ ...facts, buyerCountry: "at", buyerVatId: "ATU12345678", taxRates: ["0"] }),
    ).toBe("reverse_charge");
    // A private customer in another EU country is not reverse charge.
    expect(vatExemptionOf({ ...facts, buyerCountry: "AT", taxRates: ["0"] })).toBeNull();
  });
  it("is outside scope for a customer outside the EU at 0 %, and null for a domestic 0 %", () => {
    expect(vatExemptionOf({ ...facts, buyerCountry: "CH", taxRates: ["0.00"] })).toBe(
      "outside_scope",
    );
    expect(vatExemptionOf({ ...facts, taxRates: ["0"] })).toBeNull();
  });
});
