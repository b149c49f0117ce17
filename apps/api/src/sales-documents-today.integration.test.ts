import { companyToday } from "@ledgerline/services";
import { describe, expect, it } from "vitest";
import { outcomeOf } from "./testing/api-harness.ts";
import { cents, useSalesTestApi } from "./testing/sales-fixtures.ts";

const sales = useSalesTestApi();

describe("salesDocuments.today (the home page)", () => {
  it("counts what needs doing and sums the month per currency, each as its list filter selects it", async () => {
    const before = await sales.as.finance.salesDocuments.today.query();
    // A currency no other test uses, so its figures are exactly this test's.
    const customer = await sales.fixtures.customer({ defaultCurrency: "NOK" });
    await sales.fixtures.draft("invoice", { customerId: customer.id });
    await sales.fixtures.draft("quote", { customerId: customer.id });
    await sales.fixtures.issued("invoice", { customerId: customer.id });
    const paid = await sales.fixtures.issued("invoice", { customerId: customer.id });
    await sales.as.finance.payments.create.mutate({
      salesDocumentId: paid.id,
      amount: "100.00",
      paymentDate: companyToday(),
      method: "bank_transfer",
    });

    const today = await sales.as.finance.salesDocuments.today.query();
    expect(today.today).toBe(companyToday());
    expect(today.monthStart).toBe(`${companyToday().slice(0, 7)}-01`);
    // Invoice drafts only: the quote draft is not an invoice to issue.
    expect(today.draftsToIssue).toBe(before.draftsToIssue + 1);
    const nok = today.month.find((row) => row.currency === "NOK")!;
    expect(nok).toMatchObject({ issuedCount: 2, openCount: 2 });
    // Two invoices of 202.30 issued; 100.00 paid; 202.30 + 102.30 still open.
    expect([nok.issued, nok.paid, nok.open].map(cents)).toEqual(["404.60", "100.00", "304.60"]);
    expect(today.recentPayments[0]).toMatchObject({
      salesDocumentId: paid.id,
      documentNumber: paid.number,
      currency: "NOK",
      paymentDate: companyToday(),
    });
    expect(cents(today.recentPayments[0]!.amount)).toBe("100.00");
    expect(today.overdue.every((row) => row.count > 0)).toBe(true);
  });

  it("is for the roles that see the company's figures", async () => {
    expect(await outcomeOf(sales.as.team_lead.salesDocuments.today.query())).toBe("OK");
    expect(await outcomeOf(sales.as.team_member.salesDocuments.today.query())).toBe("FORBIDDEN");
  });
});
