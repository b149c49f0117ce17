import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./calendar-date.ts";
import { AppError } from "./errors.ts";
import { Decimal } from "./money.ts";
import {
  assertPaymentAllowed,
  assertPaymentDateNotInFuture,
  assertRefundsStayCovered,
  computeReadValues,
  deriveCreditNoteStatus,
  deriveInvoiceStatus,
  formatAmount,
  invoiceOutstanding,
  invoiceRefundDue,
  type InvoiceSettlement,
  type ReadValues,
  paymentActionsOf,
} from "./settlement.ts";

/** The error a call throws; fails the test when it throws nothing. */
function errorFrom(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("Expected the call to throw.");
}

const DUE = "2026-03-31";
const BEFORE_DUE = "2026-03-30";
const AFTER_DUE = "2026-04-01";

const invoice = (overrides: Partial<InvoiceSettlement> = {}): InvoiceSettlement => ({
  total: "100.00",
  creditedAmount: "0.00",
  paidAmount: "0.00",
  refundedAmount: "0.00",
  dueDate: DUE,
  today: BEFORE_DUE,
  ...overrides,
});

describe("deriveInvoiceStatus", () => {
  it("is sent while nothing is paid and the due date has not passed, also on the due date", () => {
    expect(deriveInvoiceStatus(invoice())).toBe("sent");
    expect(deriveInvoiceStatus(invoice({ today: DUE }))).toBe("sent");
  });

  it("is overdue from the day after the due date while something is outstanding", () => {
    expect(deriveInvoiceStatus(invoice({ today: AFTER_DUE }))).toBe("overdue");
    expect(deriveInvoiceStatus(invoice({ today: AFTER_DUE, paidAmount: "40.00" }))).toBe("overdue");
  });

  it("is partial with some payment and something outstanding before the due date", () => {
    expect(deriveInvoiceStatus(invoice({ paidAmount: "0.01" }))).toBe("partial");
    expect(deriveInvoiceStatus(invoice({ paidAmount: "99.99" }))).toBe("partial");
    expect(deriveInvoiceStatus(invoice({ paidAmount: "99.99", today: DUE }))).toBe("partial");
  });

  it("is paid when the payments cover the total exactly, before or after the due date", () => {
    expect(deriveInvoiceStatus(invoice({ paidAmount: "100.00" }))).toBe("paid");
    expect(deriveInvoiceStatus(invoice({ paidAmount: "100", today: AFTER_DUE }))).toBe("paid");
    expect(deriveInvoiceStatus(invoice({ paidAmount: "99.99", today: AFTER_DUE }))).toBe("overdue");
  });

  it("counts credit notes towards the total", () => {
    expect(deriveInvoiceStatus(invoice({ creditedAmount: "40.00", paidAmount: "60.00" }))).toBe(
      "paid",
    );
    expect(deriveInvoiceStatus(invoice({ creditedAmount: "40.00" }))).toBe("sent");
    expect(deriveInvoiceStatus(invoice({ creditedAmount: "40.00", today: AFTER_DUE }))).toBe(
      "overdue",
    );
    expect(deriveInvoiceStatus(invoice({ creditedAmount: "40.00", paidAmount: "59.99" }))).toBe(
      "partial",
    );
  });

  it("is cancelled when fully credited before anything was paid, also past the due date", () => {
    expect(deriveInvoiceStatus(invoice({ creditedAmount: "100.00" }))).toBe("cancelled");
    expect(deriveInvoiceStatus(invoice({ creditedAmount: "100.00", today: AFTER_DUE }))).toBe(
      "cancelled",
    );
  });

  it("is paid when fully credited after payments, until every refund is paid out", () => {
    const credited = { creditedAmount: "100.00", paidAmount: "100.00" };
    expect(deriveInvoiceStatus(invoice(credited))).toBe("paid");
    expect(deriveInvoiceStatus(invoice({ ...credited, refundedAmount: "99.99" }))).toBe("paid");
    expect(deriveInvoiceStatus(invoice({ ...credited, refundedAmount: "100.00" }))).toBe(
      "refunded",
    );
    // Part paid, then credited in full: only the part paid is refunded.
    const partPaid = { creditedAmount: "100.00", paidAmount: "30.00" };
    expect(deriveInvoiceStatus(invoice({ ...partPaid, refundedAmount: "29.99" }))).toBe("paid");
    expect(deriveInvoiceStatus(invoice({ ...partPaid, refundedAmount: "30.00" }))).toBe("refunded");
  });

  it("is paid at once for a total of 0.00, and never overdue without a due date", () => {
    expect(deriveInvoiceStatus(invoice({ total: "0.00" }))).toBe("paid");
    expect(deriveInvoiceStatus(invoice({ dueDate: null, today: "2099-01-01" }))).toBe("sent");
  });

  it("takes Decimals as well as strings", () => {
    expect(
      deriveInvoiceStatus(
        invoice({ total: new Decimal("202.30"), paidAmount: new Decimal("202.3") }),
      ),
    ).toBe("paid");
  });
});

describe("deriveCreditNoteStatus", () => {
  it("is paid when the invoice's refund due is 0, also when wholly offset at issue", () => {
    expect(deriveCreditNoteStatus({ invoiceRefundDue: "0.00", paidAmount: "0.00" })).toBe("paid");
    expect(deriveCreditNoteStatus({ invoiceRefundDue: "0", paidAmount: "50.00" })).toBe("paid");
  });

  it("is partial when some refund is paid out on it and some is still due", () => {
    expect(deriveCreditNoteStatus({ invoiceRefundDue: "20.00", paidAmount: "30.00" })).toBe(
      "partial",
    );
  });

  it("is sent while a refund is due and none is paid out on it", () => {
    expect(deriveCreditNoteStatus({ invoiceRefundDue: "0.01", paidAmount: "0.00" })).toBe("sent");
  });
});

describe("invoiceOutstanding and invoiceRefundDue", () => {
  it("never owe less than nothing", () => {
    const figures = { total: "100", creditedAmount: "40", paidAmount: "90", refundedAmount: "10" };
    expect(invoiceOutstanding(figures).toFixed(2)).toBe("0.00");
    expect(invoiceRefundDue(figures).toFixed(2)).toBe("20.00");
  });
});

/** ReadValues with Decimals as strings, so expectations read like the API's JSON. */
const plain = (values: ReadValues) =>
  Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      value instanceof Decimal ? value.toFixed(2) : value,
    ]),
  );

describe("computeReadValues", () => {
  const read = (overrides: Partial<Parameters<typeof computeReadValues>[0]> = {}) =>
    plain(
      computeReadValues({
        type: "invoice",
        status: "partial",
        total: "119.00",
        paidAmount: "50.00",
        dueDate: DUE,
        today: "2026-03-01",
        ...overrides,
      }),
    );

  it("computes seed 000's properties for a part-paid invoice", () => {
    expect(read()).toEqual({
      paidAmount: "50.00",
      creditedAmount: "0.00",
      refundedAmount: "0.00",
      outstandingAmount: "69.00",
      refundDue: "0.00",
      isPaid: false,
      isOverdue: false,
      daysUntilDue: 30,
      paymentRate: "42.02",
    });
  });

  it("is overdue from the day after the due date, with negative days", () => {
    expect(read({ status: "overdue", today: AFTER_DUE })).toMatchObject({
      isOverdue: true,
      daysUntilDue: -1,
    });
    // The predicate holds also while the stored status still says partial (before the sweep).
    expect(read({ today: AFTER_DUE })).toMatchObject({ isOverdue: true });
    expect(read({ today: DUE })).toMatchObject({ isOverdue: false, daysUntilDue: 0 });
  });

  it("has no days until due once nothing is outstanding", () => {
    expect(read({ status: "paid", paidAmount: "119.00", today: AFTER_DUE })).toMatchObject({
      outstandingAmount: "0.00",
      isPaid: true,
      isOverdue: false,
      daysUntilDue: null,
      paymentRate: "100.00",
    });
    expect(read({ dueDate: null })).toMatchObject({ daysUntilDue: null, isOverdue: false });
  });

  it("owes nothing when cancelled, and nothing counts as overdue then", () => {
    expect(read({ status: "cancelled", paidAmount: "0.00", today: AFTER_DUE })).toMatchObject({
      outstandingAmount: "0.00",
      isOverdue: false,
      daysUntilDue: null,
      isPaid: false,
    });
  });

  it("counts credit notes and refunds", () => {
    expect(
      read({
        status: "paid",
        total: "100.00",
        paidAmount: "100.00",
        creditedAmount: "100.00",
        refundedAmount: "30.00",
      }),
    ).toMatchObject({
      creditedAmount: "100.00",
      refundedAmount: "30.00",
      outstandingAmount: "0.00",
      refundDue: "70.00",
      isPaid: true,
      // Nothing is left to pay against: fully credited.
      paymentRate: null,
    });
    expect(
      read({
        status: "refunded",
        total: "100",
        paidAmount: "100",
        creditedAmount: "100",
        refundedAmount: "100",
      }),
    ).toMatchObject({
      isPaid: true,
      refundDue: "0.00",
    });
  });

  it("rounds the payment rate half-up to 2 decimals and caps it at 100", () => {
    const rate = (paidAmount: string, total: string, creditedAmount = "0") =>
      read({ paidAmount, total, creditedAmount }).paymentRate;
    expect(rate("1.00", "3.00")).toBe("33.33");
    expect(rate("2.00", "3.00")).toBe("66.67");
    expect(rate("1.00", "800.00")).toBe("0.13"); // 0.125
    expect(rate("1.00", "1600.00")).toBe("0.06"); // 0.0625
    expect(rate("0.00", "50.00")).toBe("0.00");
    expect(rate("100.00", "100.00", "40.00")).toBe("100.00"); // 166.67 before the cap
    expect(rate("0.00", "0.00")).toBeNull();
  });

  it("takes a draft invoice's outstanding as its total, but never calls a draft overdue", () => {
    expect(read({ status: "draft", paidAmount: "0", today: AFTER_DUE })).toMatchObject({
      outstandingAmount: "119.00",
      isOverdue: false,
      daysUntilDue: -1,
    });
  });

  it("gives a credit note its invoice's refund due as what is open", () => {
    expect(
      read({
        type: "credit_note",
        status: "partial",
        total: "-50.00",
        paidAmount: "20.00",
        invoiceRefundDue: "30.00",
        dueDate: null,
      }),
    ).toEqual({
      paidAmount: "20.00",
      creditedAmount: null,
      refundedAmount: null,
      outstandingAmount: "30.00",
      refundDue: "30.00",
      isPaid: false,
      isOverdue: false,
      daysUntilDue: null,
      paymentRate: null,
    });
    expect(
      read({
        type: "credit_note",
        status: "sent",
        total: "-50.00",
        paidAmount: "0",
        dueDate: null,
      }),
    ).toMatchObject({ outstandingAmount: null, refundDue: null });
  });

  it("leaves the payment figures null for types that take no payments", () => {
    expect(
      read({ type: "sales_order", status: "sent", paidAmount: "0", today: AFTER_DUE }),
    ).toEqual({
      paidAmount: "0.00",
      creditedAmount: null,
      refundedAmount: null,
      outstandingAmount: null,
      refundDue: null,
      isPaid: false,
      isOverdue: false,
      daysUntilDue: null,
      paymentRate: null,
    });
  });
});

describe("assertPaymentAllowed", () => {
  const payment =
    (overrides: Partial<Parameters<typeof assertPaymentAllowed>[0]> = {}) =>
    () =>
      assertPaymentAllowed({
        type: "invoice",
        status: "sent",
        amount: "100.00",
        currency: "EUR",
        outstandingAmount: "100.00",
        ...overrides,
      });

  it("accepts a payment up to what is open", () => {
    expect(payment()).not.toThrow();
    expect(payment({ amount: "0.01", status: "overdue" })).not.toThrow();
    expect(payment({ status: "partial" })).not.toThrow();
  });

  it("refuses an overpayment with the amounts in the message and on the amount field", () => {
    const error = errorFrom(payment({ amount: "120" }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: "This payment of 120.00 EUR is more than the 100.00 EUR still open.",
      fieldErrors: {
        amount: ["This payment of 120.00 EUR is more than the 100.00 EUR still open."],
      },
    });
    expect(errorFrom(payment({ amount: "100.01" }))).toMatchObject({
      message: "This payment of 100.01 EUR is more than the 100.00 EUR still open.",
    });
  });

  it("says so when nothing is open", () => {
    expect(
      errorFrom(payment({ status: "paid", amount: "5", outstandingAmount: "0" })),
    ).toMatchObject({
      code: "BAD_REQUEST",
      message: "Nothing is open on this invoice, so a payment of 5.00 EUR cannot be recorded.",
    });
  });

  it("refuses a payment that is not more than 0", () => {
    expect(errorFrom(payment({ amount: "0.00" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: "The amount must be more than 0.",
    });
    expect(errorFrom(payment({ amount: "-5.00" }))).toMatchObject({
      message: "The amount must be more than 0.",
    });
  });

  it("takes payments on issued invoices and credit notes only", () => {
    expect(errorFrom(payment({ status: "draft" }))).toMatchObject({
      code: "INVALID_TRANSITION",
      message:
        'Payments are recorded on issued documents only; this invoice is "draft". Issue it first.',
    });
    expect(errorFrom(payment({ status: "pending" }))).toMatchObject({
      message:
        'Payments are recorded on issued documents only; this invoice is "pending". Issue it first.',
    });
    expect(errorFrom(payment({ status: "cancelled" }))).toMatchObject({
      code: "INVALID_TRANSITION",
      message: "This invoice is cancelled; it takes no payments.",
    });
    expect(errorFrom(payment({ type: "quote", status: "accepted" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: "Payments are recorded on invoices and credit notes only; this is a quote.",
    });
    expect(errorFrom(payment({ type: "order_confirmation" }))).toMatchObject({
      message:
        "Payments are recorded on invoices and credit notes only; this is an order confirmation.",
    });
  });

  it("limits a refund on a credit note to the invoice's refund due", () => {
    const refund = { type: "credit_note" as const, outstandingAmount: null };
    expect(payment({ ...refund, amount: "30.00", refundDue: "30.00" })).not.toThrow();
    expect(errorFrom(payment({ ...refund, amount: "50.00", refundDue: "30.00" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: "This refund of 50.00 EUR is more than the 30.00 EUR still due to the customer.",
    });
    expect(
      errorFrom(payment({ ...refund, amount: "5.00", refundDue: "0", status: "paid" })),
    ).toMatchObject({
      message: "No refund is due on this credit note, so a payment of 5.00 EUR cannot be recorded.",
    });
  });
});

describe("assertRefundsStayCovered", () => {
  it("refuses a change that leaves more paid back than was due", () => {
    // Paid 100, credited in full, 40 refunded; deleting the payment would leave the 40 unbacked.
    const error = errorFrom(() =>
      assertRefundsStayCovered({
        total: "100.00",
        creditedAmount: "100.00",
        paidAmount: "0.00",
        refundedAmount: "40.00",
        currency: "EUR",
      }),
    );
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message:
        "This change would leave 40.00 EUR paid back to the customer that was never due. Reduce or delete the refund on the credit note first.",
    });
  });

  it("lets a change pass that keeps every refund covered", () => {
    expect(() =>
      assertRefundsStayCovered({
        total: "100.00",
        creditedAmount: "100.00",
        paidAmount: "40.00",
        refundedAmount: "40.00",
        currency: "EUR",
      }),
    ).not.toThrow();
  });
});

describe("assertPaymentDateNotInFuture", () => {
  it("accepts today and earlier, refuses tomorrow on the paymentDate field", () => {
    expect(() => assertPaymentDateNotInFuture("2026-03-31", "2026-03-31")).not.toThrow();
    expect(() => assertPaymentDateNotInFuture("2025-12-31", "2026-03-31")).not.toThrow();
    expect(errorFrom(() => assertPaymentDateNotInFuture("2026-04-01", "2026-03-31"))).toMatchObject(
      {
        code: "BAD_REQUEST",
        message: "The payment date cannot be in the future.",
        fieldErrors: { paymentDate: ["The payment date cannot be in the future."] },
      },
    );
  });
});

describe("formatAmount", () => {
  it("writes two decimals and the currency", () => {
    expect(formatAmount("120", "EUR")).toBe("120.00 EUR");
    expect(formatAmount(new Decimal("0.5"), "USD")).toBe("0.50 USD");
  });
});

// ---------------------------------------------------------------- properties

const cents = (value: number) => new Decimal(value).dividedBy(100);

describe("settlement properties", () => {
  const dates = fc.record({
    dueOffset: fc.integer({ min: -60, max: 60 }),
  });

  it("is paid exactly when nothing is outstanding, and never partial without a payment", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 12 }),
        dates,
        (totalCents, paymentCents, { dueOffset }) => {
          const total = cents(totalCents);
          const today = "2026-06-15";
          const dueDate = addDays(today, dueOffset);
          let paidAmount = new Decimal(0);
          // Each prefix of the sequence is a moment in the invoice's life; payments never exceed
          // what is open (assertPaymentAllowed), so clamp them as the service would refuse them.
          const moments = [0, ...paymentCents].map((amountCents) => {
            const open = invoiceOutstanding({ total, creditedAmount: 0, paidAmount });
            paidAmount = paidAmount.plus(Decimal.min(cents(amountCents), open));
            return paidAmount;
          });
          for (const paid of moments) {
            const figures = { total, creditedAmount: 0, paidAmount: paid, refundedAmount: 0 };
            const status = deriveInvoiceStatus({ ...figures, dueDate, today });
            const outstanding = invoiceOutstanding(figures);
            expect(status === "paid").toBe(outstanding.isZero());
            if (paid.isZero()) expect(status).not.toBe("partial");
            if (status === "partial") expect(paid.greaterThan(0)).toBe(true);
            if (status === "overdue")
              expect(today > dueDate && outstanding.greaterThan(0)).toBe(true);
          }
        },
      ),
    );
  });

  it("with credit notes and refunds: settled exactly when nothing is outstanding, and reads agree", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1.5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        dates,
        (totalCents, creditShare, paidShare, refundShare, fullCredit, { dueOffset }) => {
          const total = cents(totalCents);
          const creditedAmount = fullCredit ? total : cents(Math.floor(totalCents * creditShare));
          const paidAmount = cents(Math.floor(totalCents * paidShare));
          const owedBack = invoiceRefundDue({
            total,
            creditedAmount,
            paidAmount,
            refundedAmount: 0,
          });
          const refundedAmount = owedBack.times(refundShare).toDecimalPlaces(2, Decimal.ROUND_DOWN);
          const figures = { total, creditedAmount, paidAmount, refundedAmount };
          const today = "2026-06-15";
          const dueDate = addDays(today, dueOffset);
          const status = deriveInvoiceStatus({ ...figures, dueDate, today });
          const outstanding = invoiceOutstanding(figures);

          expect(["paid", "refunded", "cancelled"].includes(status)).toBe(outstanding.isZero());
          if (paidAmount.isZero()) expect(status).not.toBe("partial");
          if (status === "cancelled") expect(paidAmount.isZero()).toBe(true);
          if (status === "refunded") expect(invoiceRefundDue(figures).isZero()).toBe(true);
          // What a read says about overdue matches what the sweep would store.
          const read = computeReadValues({ type: "invoice", status, ...figures, dueDate, today });
          expect(read.isOverdue).toBe(status === "overdue");
          expect(read.isPaid).toBe(status === "paid" || status === "refunded");
        },
      ),
    );
  });
});

describe("paymentActionsOf", () => {
  const invoice = {
    type: "invoice" as const,
    status: "partial" as const,
    deleted: false,
    open: "100.00",
    invoiceStatus: "partial" as const,
  };
  it("records while something is open on an issued payable document, with payment.write", () => {
    expect(paymentActionsOf(invoice, "finance")).toEqual(["record", "edit", "delete"]);
    expect(
      paymentActionsOf({ ...invoice, status: "paid", open: "0.00", invoiceStatus: "paid" }),
    ).toEqual(["edit", "delete"]);
    expect(paymentActionsOf({ ...invoice, status: "draft", invoiceStatus: "draft" })).toEqual([
      "edit",
      "delete",
    ]);
    expect(paymentActionsOf(invoice, "team_member")).toEqual([]);
    expect(paymentActionsOf({ ...invoice, deleted: true })).toEqual([]);
  });
  it("changes no payment of a refunded invoice or of its credit notes (final, §5.6)", () => {
    expect(
      paymentActionsOf({ ...invoice, status: "refunded", open: "0.00", invoiceStatus: "refunded" }),
    ).toEqual([]);
    expect(
      paymentActionsOf({
        type: "credit_note",
        status: "paid",
        deleted: false,
        open: "0.00",
        invoiceStatus: "refunded",
      }),
    ).toEqual([]);
  });
});
