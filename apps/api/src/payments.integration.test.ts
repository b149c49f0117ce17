import { randomUUID } from "node:crypto";
import { addDays } from "@ledgerline/domain";
import { companyToday } from "@ledgerline/services";
import { describe, expect, it } from "vitest";
import { errorOf, outcomeOf } from "./testing/api-harness.ts";
import { cents, useSalesTestApi } from "./testing/sales-fixtures.ts";

const sales = useSalesTestApi();

const pay = (salesDocumentId: string, amount: string, values: Record<string, unknown> = {}) =>
  sales.as.finance.payments.create.mutate({
    salesDocumentId,
    amount,
    paymentDate: companyToday(),
    method: "bank_transfer",
    ...values,
  } as Parameters<typeof sales.as.finance.payments.create.mutate>[0]);

const storedPaidAmount = async (id: string) =>
  (await sales.api.db.salesDocument.findUniqueOrThrow({ where: { id } })).paidAmount.toFixed(2);

describe("payments move the status", () => {
  it("goes draft → sent → partial → paid and back when payments are deleted", async () => {
    const draft = await sales.fixtures.draft("invoice");
    const onDraft = await errorOf(pay(draft.id, "10.00"));
    expect(onDraft.data?.code).toBe("UNPROCESSABLE_CONTENT");
    expect(onDraft.message).toBe(
      'Payments are recorded on issued documents only; this invoice is "draft". Issue it first.',
    );
    const invoice = await sales.as.finance.salesDocuments.issue.mutate({ id: draft.id });
    expect(invoice.status).toBe("sent");

    const first = await pay(invoice.id, "100.00", {
      reference: "RE Teil 1",
      note: "per Überweisung",
    });
    expect(first.payment).toMatchObject({
      salesDocumentId: invoice.id,
      paymentDate: companyToday(),
      method: "bank_transfer",
      reference: "RE Teil 1",
    });
    expect(cents(first.payment.amount)).toBe("100.00");
    expect(first.document.status).toBe("partial");
    expect(
      [first.document.paidAmount, first.document.outstandingAmount, first.document.paymentRate].map(
        cents,
      ),
    ).toEqual(["100.00", "102.30", "49.43"]);
    expect(await storedPaidAmount(invoice.id)).toBe("100.00");

    const second = await pay(invoice.id, "102.30", { method: "sepa" });
    expect(second.document).toMatchObject({ status: "paid", isPaid: true, daysUntilDue: null });
    expect([second.document.outstandingAmount, second.document.paymentRate].map(cents)).toEqual([
      "0.00",
      "100.00",
    ]);
    expect(second.document.payments.map((payment) => payment.id)).toEqual([
      second.payment.id,
      first.payment.id,
    ]);

    const partialAgain = await sales.as.finance.payments.delete.mutate({ id: second.payment.id });
    expect(partialAgain).toMatchObject({ id: second.payment.id, document: { status: "partial" } });
    const sentAgain = await sales.as.finance.payments.delete.mutate({ id: first.payment.id });
    expect(sentAgain.document.status).toBe("sent");
    expect(await storedPaidAmount(invoice.id)).toBe("0.00");
    expect(
      sentAgain.document.history.map((entry) => [entry.action, entry.fromStatus, entry.toStatus]),
    ).toEqual([
      ["create", null, "draft"],
      ["issue", "draft", "sent"],
      ["settle", "sent", "partial"],
      ["settle", "partial", "paid"],
      ["settle", "paid", "partial"],
      ["settle", "partial", "sent"],
    ]);
    const paymentEvents = await sales.api.db.auditEvent.findMany({
      where: { entityType: "payment", entityId: { in: [first.payment.id, second.payment.id] } },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    });
    expect(paymentEvents.map((event) => event.action)).toEqual([
      "create",
      "create",
      "delete",
      "delete",
    ]);
    expect(paymentEvents.every((event) => event.actorId === sales.api.users.finance.id)).toBe(true);
  });

  it("refuses an overpayment, naming the open amount, and writes nothing", async () => {
    const invoice = await sales.fixtures.issued("invoice");
    const before = await sales.fixtures.counts();
    const over = await errorOf(pay(invoice.id, "300.00"));
    expect(over.data?.code).toBe("BAD_REQUEST");
    expect(over.message).toBe("This payment of 300.00 EUR is more than the 202.30 EUR still open.");
    expect(over.data?.fieldErrors).toEqual({ amount: [over.message] });
    expect(await sales.fixtures.counts()).toEqual(before);
    await pay(invoice.id, "202.30");
    const nothingOpen = await errorOf(pay(invoice.id, "0.01"));
    expect(nothingOpen.message).toBe(
      "Nothing is open on this invoice, so a payment of 0.01 EUR cannot be recorded.",
    );
    expect(await storedPaidAmount(invoice.id)).toBe("202.30");
  });

  it("lets only one of two simultaneous payments of the whole amount through", async () => {
    const invoice = await sales.fixtures.issued("invoice");
    const outcomes = await Promise.all([
      outcomeOf(pay(invoice.id, "202.30")),
      outcomeOf(pay(invoice.id, "202.30")),
      outcomeOf(pay(invoice.id, "150.00")),
    ]);
    expect(outcomes.filter((outcome) => outcome === "OK")).toHaveLength(1);
    expect(await sales.api.db.payment.count({ where: { salesDocumentId: invoice.id } })).toBe(1);
    const stored = await storedPaidAmount(invoice.id);
    expect(["202.30", "150.00"]).toContain(stored);
  });

  it("refuses bad input: amounts of 0 or less, more than cents, future dates, other documents", async () => {
    const invoice = await sales.fixtures.issued("invoice");
    const quote = await sales.fixtures.issued("quote");
    const before = await sales.fixtures.counts();
    expect((await errorOf(pay(invoice.id, "0"))).data?.fieldErrors).toEqual({
      amount: ["The amount must be more than 0."],
    });
    expect((await errorOf(pay(invoice.id, "-5.00"))).data?.fieldErrors).toEqual({
      amount: ["The amount must be more than 0."],
    });
    expect((await errorOf(pay(invoice.id, "1.005"))).data?.fieldErrors).toEqual({
      amount: ["At most 2 decimal places."],
    });
    const future = await errorOf(
      pay(invoice.id, "10.00", { paymentDate: addDays(companyToday(), 1) }),
    );
    expect(future.data?.fieldErrors).toEqual({
      paymentDate: ["The payment date cannot be in the future."],
    });
    expect(
      (await errorOf(pay(invoice.id, "10.00", { method: "cheque" }))).data?.fieldErrors,
    ).toEqual({
      method: ["Choose a payment method."],
    });
    expect((await errorOf(pay(quote.id, "10.00"))).message).toBe(
      "Payments are recorded on invoices and credit notes only; this is a quote.",
    );
    expect(await outcomeOf(pay(randomUUID(), "10.00"))).toBe("NOT_FOUND");
    const cancelled = await sales.fixtures.issued("invoice");
    await sales.as.finance.salesDocuments.cancelWithDocument.mutate({
      id: cancelled.id,
      reason: "Doppelt",
    });
    expect((await errorOf(pay(cancelled.id, "10.00"))).message).toBe(
      "This invoice is cancelled; it takes no payments.",
    );
    const afterCancel = await sales.fixtures.counts();
    expect(afterCancel.payments).toBe(before.payments);
  });
});

describe("changing and reading payments", () => {
  it("updates within what is open (its own amount counted as open again)", async () => {
    const invoice = await sales.fixtures.issued("invoice");
    const { payment } = await pay(invoice.id, "100.00");
    const changed = await sales.as.admin.payments.update.mutate({
      id: payment.id,
      values: { amount: "150.00", paymentDate: companyToday(), method: "cash", reference: "bar" },
    });
    expect(changed.payment).toMatchObject({ method: "cash", reference: "bar" });
    expect(changed.document.status).toBe("partial");
    expect(await storedPaidAmount(invoice.id)).toBe("150.00");
    const over = await errorOf(
      sales.as.finance.payments.update.mutate({
        id: payment.id,
        values: { amount: "202.31", paymentDate: companyToday(), method: "cash" },
      }),
    );
    expect(over.message).toBe("This payment of 202.31 EUR is more than the 202.30 EUR still open.");
    const full = await sales.as.finance.payments.update.mutate({
      id: payment.id,
      values: { amount: "202.30", paymentDate: companyToday(), method: "cash" },
    });
    expect(full.document.status).toBe("paid");
    const future = await errorOf(
      sales.as.finance.payments.update.mutate({
        id: payment.id,
        values: { amount: "202.30", paymentDate: addDays(companyToday(), 3), method: "cash" },
      }),
    );
    expect(future.data?.fieldErrors).toEqual({
      paymentDate: ["The payment date cannot be in the future."],
    });
    const updateEvent = await sales.api.db.auditEvent.findFirstOrThrow({
      where: { entityType: "payment", entityId: payment.id, action: "update" },
    });
    expect((updateEvent.before as { amount: string }).amount).toBe("100");
    expect((updateEvent.after as { amount: string }).amount).toBe("150");
  });

  it("lists a document's payments newest first and gets one with its document; readable by all", async () => {
    const invoice = await sales.fixtures.issued("invoice");
    const today = companyToday();
    const older = await pay(invoice.id, "10.00", { paymentDate: addDays(today, -3) });
    const newer = await pay(invoice.id, "20.00", { paymentDate: today });
    const listed = await sales.as.team_member.payments.listByDocument.query({
      salesDocumentId: invoice.id,
    });
    expect(listed.map((payment) => payment.id)).toEqual([newer.payment.id, older.payment.id]);
    expect(listed[1]!.paymentDate).toBe(addDays(today, -3));
    const one = await sales.as.team_member.payments.get.query({ id: older.payment.id });
    expect(one).toMatchObject({
      id: older.payment.id,
      document: { id: invoice.id, number: invoice.number, type: "invoice", status: "partial" },
    });
    expect(await outcomeOf(sales.as.finance.payments.get.query({ id: randomUUID() }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await outcomeOf(
        sales.as.finance.payments.listByDocument.query({ salesDocumentId: randomUUID() }),
      ),
    ).toBe("NOT_FOUND");
    expect(await outcomeOf(pay(invoice.id, "1.00").then(() => null))).toBe("OK");
    const lead = await outcomeOf(
      sales.as.team_lead.payments.create.mutate({
        salesDocumentId: invoice.id,
        amount: "1.00",
        paymentDate: today,
        method: "cash",
      }),
    );
    expect(lead).toBe("FORBIDDEN");
    expect(
      await outcomeOf(sales.as.team_lead.payments.delete.mutate({ id: older.payment.id })),
    ).toBe("FORBIDDEN");
  });
});

describe("refunds on credit notes", () => {
  it("moves a fully paid, fully credited invoice to refunded once the refund is paid out, which is final", async () => {
    const invoice = await sales.fixtures.issued("invoice");
    const received = await pay(invoice.id, "202.30");
    expect(received.document.status).toBe("paid");
    const draft = await sales.as.finance.salesDocuments.createCreditNote.mutate({
      invoiceId: invoice.id,
      lines: "all",
    });
    const note = await sales.as.finance.salesDocuments.issue.mutate({ id: draft.id });
    expect(note.status).toBe("sent");
    expect(cents(note.outstandingAmount)).toBe("202.30"); // refund due to the customer
    let current = await sales.as.finance.salesDocuments.get.query({ id: invoice.id });
    expect(current.status).toBe("paid");
    expect(
      [current.creditedAmount, current.refundDue, current.outstandingAmount].map(cents),
    ).toEqual(["202.30", "202.30", "0.00"]);

    const part = await pay(note.id, "100.00");
    expect(part.document.status).toBe("partial");
    expect(cents(part.document.outstandingAmount)).toBe("102.30");
    // The money received cannot vanish while some of it has been paid back.
    const removeReceived = await errorOf(
      sales.as.finance.payments.delete.mutate({ id: received.payment.id }),
    );
    expect(removeReceived.message).toBe(
      "This change would leave 100.00 EUR paid back to the customer that was never due. Reduce or delete the refund on the credit note first.",
    );
    const tooMuch = await errorOf(pay(note.id, "200.00"));
    expect(tooMuch.message).toBe(
      "This refund of 200.00 EUR is more than the 102.30 EUR still due to the customer.",
    );
    const rest = await pay(note.id, "102.30");
    expect(rest.document.status).toBe("paid");
    current = await sales.as.finance.salesDocuments.get.query({ id: invoice.id });
    expect(current).toMatchObject({ status: "refunded", isPaid: true });
    expect(cents(current.refundedAmount)).toBe("202.30");
    expect(current.history.at(-1)).toMatchObject({
      action: "settle",
      fromStatus: "paid",
      toStatus: "refunded",
    });

    // Refunded is final (seed 004): neither the payment received nor the refund changes now,
    // and the read model offers no change to them (the panel showed Edit and Delete before).
    expect(current.paymentActions).toEqual([]);
    const paidNote = await sales.as.finance.salesDocuments.get.query({ id: note.id });
    expect(paidNote.paymentActions).toEqual([]);
    expect(part.document.paymentActions).toEqual(["record", "edit", "delete"]);
    for (const id of [received.payment.id, rest.payment.id]) {
      const refused = await errorOf(sales.as.finance.payments.delete.mutate({ id }));
      expect(refused.data?.name).toBe("InvalidStatusTransitionError");
      expect(refused.message).toBe(
        "This invoice is refunded, which is final: its payments and refunds no longer change.",
      );
    }
    expect((await sales.as.finance.salesDocuments.get.query({ id: invoice.id })).status).toBe(
      "refunded",
    );
  });
});
