import { addDays, type Role } from "@ledgerline/domain";
import { companyToday, sweepDueDates } from "@ledgerline/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type ApiClient, type TestApi } from "./testing/api-harness.ts";
import { salesFixtures, signInEveryone } from "./testing/sales-fixtures.ts";

let api: TestApi;
let as: Record<Role, ApiClient>;
let fixtures: ReturnType<typeof salesFixtures>;
beforeAll(async () => {
  api = await startTestApi();
  as = await signInEveryone(api);
  fixtures = salesFixtures(api, as);
});
afterAll(() => api?.close());

describe("the due-date sweep", () => {
  it("stores overdue for open invoices past due and expired for old quotes, once, with history", async () => {
    const customer = await fixtures.customer();
    const open = await fixtures.issued("invoice", { customerId: customer.id });
    const paid = await fixtures.issued("invoice", { customerId: customer.id });
    await as.finance.payments.create.mutate({
      salesDocumentId: paid.id,
      amount: paid.total.toFixed(2),
      paymentDate: companyToday(),
      method: "bank_transfer",
    });
    const quote = await fixtures.issued("quote", { customerId: customer.id });
    expect(open.status).toBe("sent");
    expect(quote.status).toBe("sent");

    // Nothing is due yet today.
    expect(await sweepDueDates(api.db)).toMatchObject({ overdue: 0, expired: 0 });

    const later = addDays(companyToday(), 30);
    expect(await sweepDueDates(api.db, { today: later })).toMatchObject({ overdue: 1, expired: 1 });
    const stored = await api.db.salesDocument.findMany({
      where: { id: { in: [open.id, paid.id, quote.id] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(stored.map((row) => [row.id, row.status]))).toEqual({
      [open.id]: "overdue",
      [paid.id]: "paid",
      [quote.id]: "expired",
    });
    const events = await api.db.auditEvent.findMany({
      where: { entityId: { in: [open.id, quote.id] }, action: { in: ["settle", "expire"] } },
      select: { entityId: true, action: true, actorId: true, apiTokenId: true },
    });
    expect(events).toHaveLength(2);
    for (const event of events) expect(event).toMatchObject({ actorId: null, apiTokenId: null });

    // A second run (a retry, an overlapping schedule) changes nothing.
    expect(await sweepDueDates(api.db, { today: later })).toMatchObject({ overdue: 0, expired: 0 });
  });
});
