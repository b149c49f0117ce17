import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import {
  assertTermsEditable,
  COLUMNS_CHANGEABLE_AFTER_ISSUE,
  isIssuedDocument,
  statusMoveKeys,
} from "./issued-documents.ts";
import { SALES_DOCUMENT_TYPES, STATUS_MACHINES } from "./sales-documents.ts";

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
  it("are the numbered ones", () => {
    expect(isIssuedDocument({ number: null })).toBe(false);
    expect(isIssuedDocument({ number: "RE-2026-0001" })).toBe(true);
  });

  it("keep every column the database compares, except the listed ones, each with its reason", () => {
    expect(Object.keys(COLUMNS_CHANGEABLE_AFTER_ISSUE).sort()).toEqual([
      "archived_at",
      "cancel_reason",
      "contact_id",
      "deleted_at",
      "deleted_by_id",
      "notes",
      "paid_amount",
      "status",
      "updated_at",
    ]);
    for (const reason of Object.values(COLUMNS_CHANGEABLE_AFTER_ISSUE)) {
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it("move their status as the status machines say, in the form the SQL function lists", () => {
    const keys = statusMoveKeys();
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain("invoice:sent>partial");
    expect(keys).not.toContain("invoice:paid>draft");
    const count = SALES_DOCUMENT_TYPES.reduce(
      (sum, type) =>
        sum +
        Object.values(STATUS_MACHINES[type].moves).reduce(
          (inner, targets) => inner + targets.length,
          0,
        ),
      0,
    );
    expect(keys).toHaveLength(count);
  });

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
