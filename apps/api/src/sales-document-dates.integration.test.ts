import { createDb } from "@ledgerline/db";
import { addDays } from "@ledgerline/domain";
import { companyToday } from "@ledgerline/services";
import { describe, expect, it } from "vitest";
import { errorOf } from "./testing/api-harness.ts";
import { cents, useSalesTestApi } from "./testing/sales-fixtures.ts";

/**
 * Issued dates in the past, due dates that have passed, and numbers that follow issued dates.
 * A file (and so a database) of its own: the first invoice here is backdated, which the
 * chronological rule allows only before later invoices exist. The tests run in order.
 */
const sales = useSalesTestApi();

const today = () => companyToday();

/**
 * Moves an issued invoice's dates back, as if time had passed since it was issued. The database
 * refuses that to everyone (the document is immutable); only a superuser can set its triggers
 * aside, as this does for one transaction.
 */
async function travelBackInTime(id: string, dates: { issuedDate: Date; dueDate: Date }) {
  const owner = createDb({ url: sales.api.ownerUrl, maxConnections: 1 });
  try {
    await owner.$transaction([
      owner.$executeRaw`SET LOCAL session_replication_role = replica`,
      owner.salesDocument.update({ where: { id }, data: dates, select: { id: true } }),
    ]);
  } finally {
    await owner.$disconnect();
  }
}

describe("overdue", () => {
  it("issues a backdated invoice straight into overdue, and the list and statistics find it", async () => {
    const customer = await sales.fixtures.customer();
    const draft = await sales.fixtures.draft("invoice", { customerId: customer.id });
    const issuedDate = addDays(today(), -40);
    const invoice = await sales.as.finance.salesDocuments.issue.mutate({
      id: draft.id,
      issuedDate,
    });
    expect(invoice).toMatchObject({
      status: "overdue",
      issuedDate,
      dueDate: addDays(issuedDate, 14),
      isOverdue: true,
      daysUntilDue: -26,
    });
    expect(invoice.number).toBe(`RE-${issuedDate.slice(0, 4)}-0001`);
    expect(invoice.history.at(-1)).toMatchObject({
      action: "issue",
      fromStatus: "draft",
      toStatus: "overdue",
    });
    const listed = await sales.as.finance.salesDocuments.list.query({
      customerId: customer.id,
      status: "overdue",
    });
    expect(listed.items.map((row) => [row.id, row.isOverdue, row.daysUntilDue])).toEqual([
      [invoice.id, true, -26],
    ]);
    const statistics = await sales.as.finance.salesDocuments.statistics.query({
      customerId: customer.id,
    });
    expect(statistics.byCurrency[0]).toMatchObject({
      overdueCount: 1,
      countsByStatus: { overdue: 1 },
    });
    expect(cents(statistics.byCurrency[0]!.overdueAmount)).toBe("202.30");
  });

  it("keeps numbers in the order of issued dates and refuses an earlier date without using a number", async () => {
    const current = await sales.fixtures.issued("invoice");
    expect(current.number).toBe(`RE-${today().slice(0, 4)}-0002`);
    const late = await sales.fixtures.draft("invoice");
    const earlier = addDays(today(), -41);
    const refused = await errorOf(
      sales.as.finance.salesDocuments.issue.mutate({ id: late.id, issuedDate: earlier }),
    );
    expect(refused.data?.code).toBe("BAD_REQUEST");
    expect(refused.data?.fieldErrors).toEqual({
      issuedDate: [
        `Numbers follow the issued dates: the last invoice was issued on ${today()}, so this one cannot be dated ${earlier}.`,
      ],
    });
    expect(
      (await sales.api.db.salesDocument.findUniqueOrThrow({ where: { id: late.id } })).status,
    ).toBe("draft");
    const next = await sales.as.finance.salesDocuments.issue.mutate({ id: late.id });
    expect(next.number).toBe(`RE-${today().slice(0, 4)}-0003`);
  });

  it("finds an invoice whose due date passed since the last sweep by the predicate, not the stored status", async () => {
    const customer = await sales.fixtures.customer();
    const invoice = await sales.fixtures.issued("invoice", { customerId: customer.id });
    // Time passes: the due date is now three days ago, and no sweep has stored "overdue" yet.
    await travelBackInTime(invoice.id, {
      issuedDate: new Date(`${addDays(today(), -17)}T00:00:00Z`),
      dueDate: new Date(`${addDays(today(), -3)}T00:00:00Z`),
    });
    const stored = await sales.api.db.salesDocument.findUniqueOrThrow({
      where: { id: invoice.id },
    });
    expect(stored.status).toBe("sent");
    const overdue = await sales.as.finance.salesDocuments.list.query({
      customerId: customer.id,
      status: ["overdue"],
    });
    expect(overdue.items.map((row) => [row.id, row.status, row.isOverdue])).toEqual([
      [invoice.id, "sent", true],
    ]);
    expect(
      (
        await sales.as.finance.salesDocuments.list.query({
          customerId: customer.id,
          overdueOnly: true,
        })
      ).total,
    ).toBe(1);
    const detail = await sales.as.finance.salesDocuments.get.query({ id: invoice.id });
    expect(detail).toMatchObject({ isOverdue: true, daysUntilDue: -3 });
    const statistics = await sales.as.finance.salesDocuments.statistics.query({
      customerId: customer.id,
    });
    expect(statistics.byCurrency[0]).toMatchObject({
      overdueCount: 1,
      countsByStatus: { sent: 1, overdue: 0 },
    });

    // A payment re-derives the status: still something open and past due, so "overdue".
    const partial = await sales.as.finance.payments.create.mutate({
      salesDocumentId: invoice.id,
      amount: "50.00",
      paymentDate: today(),
      method: "paypal",
    });
    expect(partial.document.status).toBe("overdue");
    // Overdue with a payment: a cancellation is not the way any more.
    const cancel = await errorOf(
      sales.as.finance.salesDocuments.cancelWithDocument.mutate({ id: invoice.id, reason: "x" }),
    );
    expect(cancel.message).toBe(
      "50.00 EUR is paid on this invoice, so it cannot be cancelled. Correct it with a credit note instead.",
    );
    const paid = await sales.as.finance.payments.create.mutate({
      salesDocumentId: invoice.id,
      amount: "152.30",
      paymentDate: today(),
      method: "paypal",
    });
    expect(paid.document).toMatchObject({ status: "paid", isOverdue: false });
    expect(
      (
        await sales.as.finance.salesDocuments.list.query({
          customerId: customer.id,
          status: "overdue",
        })
      ).total,
    ).toBe(0);
  });

  it("refuses to issue with a due date before the issued date", async () => {
    const draft = await sales.fixtures.draft("invoice", { dueDate: addDays(today(), -5) });
    const error = await errorOf(sales.as.finance.salesDocuments.issue.mutate({ id: draft.id }));
    expect(error.data?.fieldErrors).toEqual({
      dueDate: [
        `The due date (${addDays(today(), -5)}) cannot be before the issued date (${today()}).`,
      ],
    });
  });
});
