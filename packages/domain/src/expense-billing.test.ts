import { describe, expect, it } from "vitest";
import {
  expenseBillingProblem,
  type ExpenseBillingFacts,
  type InvoiceBillingFacts,
} from "./expense-billing.ts";
import { createExpenseInputSchema } from "./schemas/expenses.ts";

const invoice: InvoiceBillingFacts = {
  id: "invoice-1",
  customerId: "customer-a",
  projectId: null,
  currency: "EUR",
};
const expense: ExpenseBillingFacts = {
  title: "Taxi",
  isBillable: true,
  currency: "EUR",
  projectId: "project-a",
  projectCustomerId: "customer-a",
  invoiceId: null,
};

describe("expenseBillingProblem", () => {
  it("lets an expense of the invoice's customer be billed, and stay billed", () => {
    expect(expenseBillingProblem(expense, invoice)).toBeNull();
    expect(expenseBillingProblem({ ...expense, invoiceId: "invoice-1" }, invoice)).toBeNull();
    expect(expenseBillingProblem(expense, { ...invoice, projectId: "project-a" })).toBeNull();
  });

  it("refuses an expense of another customer's project, also on an invoice without project", () => {
    // The probe's case: billed on another customer's invoice that has no project.
    expect(
      expenseBillingProblem({ ...expense, projectCustomerId: "customer-b" }, invoice),
    ).toMatchObject({
      field: "customerId",
      message: "“Taxi” is an expense of another customer's project.",
    });
  });

  it("refuses what is not billable, billed elsewhere, without project, of another project or currency", () => {
    const fieldOf = (facts: Partial<ExpenseBillingFacts>, on = invoice) =>
      expenseBillingProblem({ ...expense, ...facts }, on)?.field;
    expect(fieldOf({ isBillable: false })).toBe("isBillable");
    expect(fieldOf({ invoiceId: "invoice-2" })).toBe("invoiceId");
    expect(fieldOf({ projectId: null, projectCustomerId: null })).toBe("projectId");
    expect(fieldOf({ projectId: "project-b" }, { ...invoice, projectId: "project-a" })).toBe(
      "projectId",
    );
    expect(fieldOf({ currency: "USD" })).toBe("currency");
  });
});

describe("createExpenseInputSchema: a billable expense names its project", () => {
  it("refuses a billable expense without a project, on the project field", () => {
    const result = createExpenseInputSchema.safeParse({
      title: "Taxi",
      category: "travel",
      amount: "12.00",
      isBillable: true,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["projectId", "A billable expense needs a project: it is billed to the project's customer."],
    ]);
  });
});
