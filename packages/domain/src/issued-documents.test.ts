import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { assertTermsEditable } from "./issued-documents.ts";

const errorFrom = (run: () => void): AppError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("Expected an AppError");
};

describe("issued documents", () => {
  it("keep their printed terms: only a draft's change", () => {
    expect(() => assertTermsEditable("invoice", "draft")).not.toThrow();
    expect(errorFrom(() => assertTermsEditable("invoice", "paid"))).toMatchObject({
      code: "INVALID_TRANSITION",
      message:
        'The terms are printed on the document, so they change only while it is a draft; this invoice is "paid". Its notes can still change.',
      details: { type: "invoice", status: "paid", field: "terms" },
    });
    expect(errorFrom(() => assertTermsEditable("sales_order", "pending"))).toMatchObject({
      message:
        'The terms are printed on the document, so they change only while it is a draft; this sales order is "pending". Return or withdraw it to draft to change them.',
    });
  });
});
