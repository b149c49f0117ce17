import { expenseInputSchema } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { amountFromInput, expenseInputOf, newExpenseValues } from "./expense-form.ts";
import { shareOf } from "./expense-kpis.tsx";

describe("expense form", () => {
  it("takes a decimal comma and leaves other input for the schema to judge", () => {
    expect(amountFromInput(" 12,5 ")).toBe("12.5");
    expect(amountFromInput("1.234,50")).toBe("1.234,50");
  });

  it("turns a filled form into what the API accepts", () => {
    const values = { ...newExpenseValues("EUR"), title: "Train", amount: "49,90" };
    const parsed = expenseInputSchema.parse(expenseInputOf(values));
    expect(parsed).toMatchObject({ title: "Train", amount: "49.90", projectId: null });
  });

  it("is refused without a title or amount", () => {
    expect(expenseInputSchema.safeParse(expenseInputOf(newExpenseValues("EUR"))).success).toBe(
      false,
    );
  });

  it("computes category shares with decimals", () => {
    expect(shareOf("0.10", "0.30")).toBe("33.3%");
    expect(shareOf("5", "0")).toBe("0%");
  });
});
