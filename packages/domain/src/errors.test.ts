import { describe, expect, it } from "vitest";
import { APP_ERROR_CODES, AppError, isAppError } from "./errors.ts";
import { appMessage, moneyParam } from "./messages.ts";

describe("AppError", () => {
  it("keeps its code, message, key, field errors, details and cause", () => {
    const cause = new Error("unique constraint violated");
    const message = appMessage("record.duplicate");
    const error = new AppError("CONFLICT", message, {
      fieldErrors: { number: [message] },
      details: { number: "RE-2025-0001" },
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("AppError");
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("A record with these values already exists.");
    expect(error.appMessage).toEqual({ key: "record.duplicate" });
    expect(error.fieldErrors).toEqual({ number: ["A record with these values already exists."] });
    expect(error.fieldMessages).toEqual({ number: [{ key: "record.duplicate" }] });
    expect(error.details).toEqual({ number: "RE-2025-0001" });
    expect(error.cause).toBe(cause);
  });

  it("writes its English sentence from the template, with amounts exact to the cent", () => {
    const error = new AppError(
      "BAD_REQUEST",
      appMessage("payment.exceedsOutstanding", {
        amount: moneyParam("1400", "CHF"),
        open: moneyParam("1330.005", "CHF"),
      }),
    );
    expect(error.message).toBe(
      "This payment of 1400.00 CHF is more than the 1330.01 CHF still open.",
    );
    expect(error.appMessage.params).toEqual({
      amount: { money: "1400.00", currency: "CHF" },
      open: { money: "1330.01", currency: "CHF" },
    });
  });

  it("keeps a given English sentence, also on the fields that carry the same message", () => {
    const message = appMessage("field.required");
    const error = new AppError("BAD_REQUEST", message, {
      english: "The name is required.",
      fieldErrors: { name: [message], other: ["At most 50 contacts.", "A rule of its own."] },
    });
    expect(error.message).toBe("The name is required.");
    expect(error.fieldErrors).toEqual({
      name: ["The name is required."],
      other: ["At most 50 contacts.", "A rule of its own."],
    });
    // A sentence of the registry gets its key; any other is passed on as it is.
    expect(error.fieldMessages).toEqual({
      name: [{ key: "field.required" }],
      other: [
        { key: "field.maxContacts" },
        { key: "text", params: { text: "A rule of its own." } },
      ],
    });
  });

  it("leaves the optional parts undefined when not given", () => {
    const error = new AppError("NOT_FOUND", appMessage("customer.notFound"));
    expect(error.fieldErrors).toBeUndefined();
    expect(error.fieldMessages).toBeUndefined();
    expect(error.details).toBeUndefined();
    expect(error.cause).toBeUndefined();
  });

  it("carries each of its codes to the one place that maps them (isAppError, code)", () => {
    for (const code of APP_ERROR_CODES) {
      const message = appMessage("text", { text: `Refused: ${code}.` });
      const error: unknown =
        code === "INVALID_TRANSITION"
          ? new AppError(code, message, { details: { status: "draft", allowed: ["issue"] } })
          : new AppError(code, message);
      expect(isAppError(error), code).toBe(true);
      expect(error, code).toMatchObject({ code, message: `Refused: ${code}.` });
    }
    expect(new Set(APP_ERROR_CODES).size).toBe(APP_ERROR_CODES.length);
  });
});

describe("isAppError", () => {
  it("is true for an AppError only", () => {
    expect(isAppError(new AppError("FORBIDDEN", appMessage("document.ownSubmission")))).toBe(true);
    expect(isAppError(new Error("No."))).toBe(false);
    expect(isAppError({ name: "AppError", code: "FORBIDDEN", message: "No." })).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});
