import { describe, expect, it } from "vitest";
import { APP_ERROR_CODES, AppError, isAppError } from "./errors.ts";

describe("AppError", () => {
  it("keeps its code, message, field errors, details and cause", () => {
    const cause = new Error("unique constraint violated");
    const error = new AppError("CONFLICT", "This number is taken.", {
      fieldErrors: { number: ["Already used by another invoice."] },
      details: { number: "RE-2025-0001" },
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("AppError");
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("This number is taken.");
    expect(error.fieldErrors).toEqual({ number: ["Already used by another invoice."] });
    expect(error.details).toEqual({ number: "RE-2025-0001" });
    expect(error.cause).toBe(cause);
  });

  it("leaves the optional parts undefined when not given", () => {
    const error = new AppError("NOT_FOUND", "No such customer.");
    expect(error.fieldErrors).toBeUndefined();
    expect(error.details).toBeUndefined();
    expect(error.cause).toBeUndefined();
  });

  it("carries each of its codes to the one place that maps them (isAppError, code)", () => {
    for (const code of APP_ERROR_CODES) {
      const error: unknown = new AppError(code, `Refused: ${code}.`);
      expect(isAppError(error), code).toBe(true);
      expect(error, code).toMatchObject({ code, message: `Refused: ${code}.` });
    }
    expect(new Set(APP_ERROR_CODES).size).toBe(APP_ERROR_CODES.length);
  });
});

describe("isAppError", () => {
  it("is true for an AppError only", () => {
    expect(isAppError(new AppError("FORBIDDEN", "No."))).toBe(true);
    expect(isAppError(new Error("No."))).toBe(false);
    expect(isAppError({ name: "AppError", code: "FORBIDDEN", message: "No." })).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});
