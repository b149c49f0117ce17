import { Decimal, paymentInputSchemaAsOf } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { newPaymentValues, paymentInputOf, paymentValuesOf, todayIso } from "./payment-form.ts";

describe("the payment dialog's values", () => {
  it("start with what is still open, paid today by bank transfer", () => {
    expect(newPaymentValues(new Decimal("1330"), "2026-03-02", "de")).toEqual({
      amount: "1.330,00",
      paymentDate: "2026-03-02",
      method: "bank_transfer",
      reference: "",
      note: "",
    });
    expect(newPaymentValues(new Decimal("1330"), "2026-03-02", "en").amount).toBe("1,330.00");
    expect(newPaymentValues(null, "2026-03-02", "en").amount).toBe("");
  });

  it("become the schema's input, the amount read in the UI's language", () => {
    const schema = paymentInputSchemaAsOf("2026-03-02");
    const values = { ...newPaymentValues("10", "2026-03-02", "de"), amount: "1.000,50" };
    expect(schema.parse(paymentInputOf(values, "de"))).toEqual({
      amount: "1000.50",
      paymentDate: "2026-03-02",
      method: "bank_transfer",
      reference: null,
      note: null,
    });
  });

  it("are refused for a future date or no amount, as the API would", () => {
    const schema = paymentInputSchemaAsOf("2026-03-02");
    const result = schema.safeParse(
      paymentInputOf({ ...newPaymentValues("10", "2026-03-03", "en"), amount: "0" }, "en"),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["amount", "The amount must be more than 0."],
      ["paymentDate", "The payment date cannot be in the future."],
    ]);
  });

  it("read a stored payment back", () => {
    expect(
      paymentValuesOf(
        {
          amount: new Decimal("50.00"),
          paymentDate: "2026-02-10",
          method: "sepa",
          reference: null,
          note: "First instalment",
        },
        "en",
      ),
    ).toEqual({
      amount: "50.00",
      paymentDate: "2026-02-10",
      method: "sepa",
      reference: "",
      note: "First instalment",
    });
  });

  it("know today as the browser's calendar day", () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });
});
