import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { termParam } from "./messages.ts";
import { defineStateMachine } from "./state-machine.ts";

type Status = "draft" | "sent" | "overdue" | "paid";

const machine = defineStateMachine<Status>(
  "sales document",
  { draft: ["sent"], sent: ["paid", "overdue"], overdue: ["paid"], paid: [] },
  { record: termParam("documentType", "invoice"), status: "salesStatus" },
);

/** The error a call throws; fails the test when it throws nothing. */
function errorFrom(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("Expected the call to throw.");
}

describe("defineStateMachine", () => {
  it("lists the moves allowed from each status", () => {
    expect(machine.name).toBe("sales document");
    expect(machine.allowedFrom("sent")).toEqual(["paid", "overdue"]);
    expect(machine.allowedFrom("paid")).toEqual([]);
  });

  it("allows exactly the moves in the table", () => {
    expect(machine.canMove("draft", "sent")).toBe(true);
    expect(machine.canMove("sent", "overdue")).toBe(true);
    expect(machine.canMove("draft", "paid")).toBe(false);
    expect(machine.canMove("sent", "draft")).toBe(false);
    expect(machine.canMove("paid", "paid")).toBe(false);
  });

  it("lets an allowed move pass", () => {
    expect(() => machine.assertMove("sent", "paid")).not.toThrow();
    expect(() => machine.assertMove("overdue", "paid")).not.toThrow();
  });

  it("refuses a move outside the table with an error that names the allowed moves", () => {
    const error = errorFrom(() => machine.assertMove("sent", "draft"));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "INVALID_TRANSITION",
      message:
        'Cannot move this sales document from "sent" to "draft". Allowed from "sent": paid, overdue.',
      details: { status: "sent", from: "sent", to: "draft", allowed: ["paid", "overdue"] },
    });
  });

  it('says "none (final status)" when nothing may follow', () => {
    const error = errorFrom(() => machine.assertMove("paid", "sent"));
    expect(error).toMatchObject({
      code: "INVALID_TRANSITION",
      message:
        'Cannot move this sales document from "paid" to "sent". Allowed from "paid": none (final status).',
      details: { status: "paid", from: "paid", to: "sent", allowed: [] },
    });
  });

  it("hands out a copy of the allowed moves, so a caller cannot change the table", () => {
    const error = errorFrom(() => machine.assertMove("draft", "paid")) as AppError;
    (error.details?.allowed as string[]).push("paid");
    expect(machine.allowedFrom("draft")).toEqual(["sent"]);
    expect(machine.canMove("draft", "paid")).toBe(false);
  });
});
