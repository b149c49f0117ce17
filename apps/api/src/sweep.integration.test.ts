import { addDays } from "@ledgerline/domain";
import { companyToday, sweepDueDates } from "@ledgerline/services";
import { describe, expect, it } from "vitest";
import { useSalesTestApi } from "./testing/sales-fixtures.ts";

const sales = useSalesTestApi();

describe("the due-date sweep", () => {
  it("stores overdue for open invoices past due and expired for old quotes, once, with history", async () => {
    const customer = await sales.fixtures.customer();
    const open = await sales.fixtures.issued("invoice", { customerId: customer.id });
    const paid = await sales.fixtures.issued("invoice", { customerId: customer.id });
    await sales.as.finance.payments.create.mutate({
      salesDocumentId: paid.id,
      amount: paid.total.toFixed(2),
      paymentDate: companyToday(),
      method: "bank_transfer",
    });
    const quote = await sales.fixtures.issued("quote", { customerId: customer.id });
    expect(open.status).toBe("sent");
    expect(quote.status).toBe("sent");

    // Nothing is due yet today.
    expect(await sweepDueDates(sales.api.db)).toMatchObject({ overdue: 0, expired: 0 });

    const later = addDays(companyToday(), 30);
    expect(await sweepDueDates(sales.api.db, { today: later })).toMatchObject({
      overdue: 1,
      expired: 1,
    });
    const stored = await sales.api.db.salesDocument.findMany({
      where: { id: { in: [open.id, paid.id, quote.id] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(stored.map((row) => [row.id, row.status]))).toEqual({
      [open.id]: "overdue",
      [paid.id]: "paid",
      [quote.id]: "expired",
    });
    const events = await sales.api.db.auditEvent.findMany({
      where: { entityId: { in: [open.id, quote.id] }, action: { in: ["settle", "expire"] } },
      select: { entityId: true, action: true, actorId: true, apiTokenId: true },
    });
    expect(events).toHaveLength(2);
    for (const event of events) expect(event).toMatchObject({ actorId: null, apiTokenId: null });

    // A second run (a retry, an overlapping schedule) changes nothing.
    expect(await sweepDueDates(sales.api.db, { today: later })).toMatchObject({
      overdue: 0,
      expired: 0,
    });
  });
});
