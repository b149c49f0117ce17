import { createExpenseInputSchema } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { expenseInputOf, liveVatOf, newExpenseValues } from "./expense-form.ts";
import { shareOf } from "./expense-kpis.tsx";

describe("expense form", () => {
  it("reads the amount the way the UI's language writes it", () => {
    const values = { ...newExpenseValues("EUR"), title: "Hotel" };
    expect(expenseInputOf({ ...values, amount: "1.234,50" }, "de").amount).toBe("1234.50");
    expect(expenseInputOf({ ...values, amount: "1,234.50" }, "en").amount).toBe("1234.50");
    // "12.50" in the German screen is refused, not stored as 1250 or guessed as 12.50.
    expect(
      createExpenseInputSchema.safeParse(expenseInputOf({ ...values, amount: "12.50" }, "de"))
        .success,
    ).toBe(false);
  });

  it("turns a filled form into what the API accepts", () => {
    const values = { ...newExpenseValues("EUR"), title: "Train", amount: "49,90" };
    const parsed = createExpenseInputSchema.parse(expenseInputOf(values, "de"));
    expect(parsed).toMatchObject({ title: "Train", amount: "49.90", projectId: null });
  });

  it("starts with the company's VAT rate, or 0 when it has none, and takes a decimal comma", () => {
    expect(newExpenseValues("EUR").taxRate).toBe("0");
    const values = { ...newExpenseValues("EUR", "19"), title: "Hotel", amount: "107,00" };
    expect(values.taxRate).toBe("19");
    expect(
      createExpenseInputSchema.parse(expenseInputOf({ ...values, taxRate: "7,5" }, "de")),
    ).toMatchObject({
      amount: "107.00",
      taxRate: "7.50",
    });
  });

  it("refuses an empty or out-of-range VAT rate", () => {
    const values = { ...newExpenseValues("EUR"), title: "Hotel", amount: "10" };
    for (const taxRate of ["", "101", "-1"]) {
      const result = createExpenseInputSchema.safeParse(
        expenseInputOf({ ...values, taxRate }, "de"),
      );
      expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["taxRate"]);
    }
  });

  it("shows the net amount and VAT live, as the API computes them", () => {
    const live = (amount: string, taxRate: string) => {
      const split = liveVatOf({ amount, taxRate }, "de");
      return split && [split.netAmount.toFixed(2), split.taxAmount.toFixed(2)];
    };
    expect(live("119,00", "19")).toEqual(["100.00", "19.00"]);
    expect(live("10,70", "7")).toEqual(["10.00", "0.70"]);
    expect(live("50", "0")).toEqual(["50.00", "0.00"]);
    expect(live("", "19")).toBeNull();
    expect(live("119,00", "")).toBeNull();
    expect(live("119,00", "120")).toBeNull();
    expect(live("119.00", "19")).toBeNull();
  });

  it("is refused without a title or amount", () => {
    expect(
      createExpenseInputSchema.safeParse(expenseInputOf(newExpenseValues("EUR"), "en")).success,
    ).toBe(false);
  });

  it("computes category shares with decimals", () => {
    expect(shareOf("0.10", "0.30")).toBe("33.3%");
    expect(shareOf("5", "0")).toBe("0%");
  });
});
