import { Decimal } from "@ledgerline/domain";
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

  it("paid this month is the total of payments.received for the month, the list it opens", async () => {
    // A currency no other test uses: a payment this month, one before it, and a refund.
    const customer = await sales.fixtures.customer({ defaultCurrency: "SEK" });
    const invoice = await sales.fixtures.issued("invoice", { customerId: customer.id });
    const pay = (amount: string, paymentDate: string) =>
      sales.as.finance.payments.create.mutate({
        salesDocumentId: invoice.id,
        amount,
        paymentDate,
        method: "bank_transfer",
      });
    await pay("40.00", companyToday());
    await pay("2.30", companyToday());
    const today = await sales.as.finance.salesDocuments.today.query();
    const { monthStart: from, monthEnd: to } = today;
    const received = await sales.as.team_member.payments.received.query({ from, to });
    const sek = received.totals.find((row) => row.currency === "SEK")!;
    expect({ count: sek.count, amount: cents(sek.amount) }).toEqual({ count: 2, amount: "42.30" });
    expect(cents(today.month.find((row) => row.currency === "SEK")!.paid)).toBe("42.30");
    // Every received payment of the month, by the same rule: the rows sum to the totals.
    const all = await sales.as.finance.payments.received.query({ from, to, pageSize: 500 });
    for (const { currency, amount, count } of all.totals) {
      const rows = all.items.filter((item) => item.currency === currency);
      expect(rows.length, currency).toBe(count);
      expect(cents(rows.reduce((sum, row) => sum.plus(row.amount), new Decimal(0))), currency).toBe(
        cents(amount),
      );
    }
    expect(all.items.map((item) => item.paymentDate).every((day) => day >= from && day <= to)).toBe(
      true,
    );
  });

  it("refuses a period that ends before it starts, by field", async () => {
    expect(
      await outcomeOf(
        sales.as.finance.payments.received.query({ from: "2026-12-31", to: "2026-12-01" }),
      ),
    ).toBe("BAD_REQUEST");
  });

  it("is for every role, team members included (seed 004: read access)", async () => {
    expect(await outcomeOf(sales.as.team_lead.salesDocuments.today.query())).toBe("OK");
    expect(await outcomeOf(sales.as.team_member.salesDocuments.today.query())).toBe("OK");
  });
});
