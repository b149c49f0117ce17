import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { toDecimal } from "./money.ts";
import {
  assertNoInvoiceInProgress,
  assertSomethingRemains,
  checkOverInvoicing,
  deductionLinesOf,
  invoicedAmountOf,
  orderInvoicingOf,
  partialInvoiceLinesOf,
  type OrderInvoice,
  type StoredAmountsLine,
} from "./order-invoicing.ts";
import { quoteConversionRefusal } from "./sales-documents.ts";
import { computeDocumentTotals, computeLineAmounts, type LineAmountsInput } from "./totals.ts";

/** A stored line: its amounts computed by the one rule, as the database holds them. */
const stored = (
  quantity: string,
  unitPrice: string,
  taxRate: string,
  discountPercent = "0",
): StoredAmountsLine => {
  const amounts = computeLineAmounts({ quantity, unitPrice, taxRate, discountPercent });
  return {
    quantity,
    unitPrice,
    taxRate,
    discountPercent,
    subtotalAfterDiscount: amounts.subtotalAfterDiscount,
    taxAmount: amounts.taxAmount,
  };
};
const totalOf = (lines: readonly LineAmountsInput[]) => computeDocumentTotals(lines).total;

const invoice = (
  status: OrderInvoice["status"],
  total: string,
  creditedAmount = "0",
): OrderInvoice => ({ id: `id-${status}-${total}`, number: null, status, total, creditedAmount });

const order = { id: "order", type: "order_confirmation" as const, currency: "EUR" };

describe("what is invoiced of an order", () => {
  it("counts issued, not cancelled invoices less their credit notes", () => {
    const invoices = [
      invoice("paid", "595.00"),
      invoice("sent", "119.00", "19.00"),
      invoice("cancelled", "500.00"),
      invoice("draft", "300.00"),
      invoice("pending", "300.00"),
      invoice("refunded", "50.00", "50.00"),
    ];
    expect(invoicedAmountOf(invoices).toFixed(2)).toBe("695.00");
    const figures = orderInvoicingOf("1000.00", invoices);
    expect(figures.remainingAmount.toFixed(2)).toBe("305.00");
    expect(figures.invoiceInProgress?.status).toBe("draft");
  });

  it("refuses a new invoice while one is a draft or pending", () => {
    const figures = orderInvoicingOf("595.00", [invoice("pending", "595.00")]);
    expect(() => assertNoInvoiceInProgress(order, figures)).toThrow(AppError);
    expect(() =>
      assertNoInvoiceInProgress(order, orderInvoicingOf("595.00", [invoice("sent", "100.00")])),
    ).not.toThrow();
  });

  it("refuses an order invoiced in full unless confirmed", () => {
    const figures = orderInvoicingOf("595.00", [invoice("sent", "595.00")]);
    expect(() => assertSomethingRemains(order, figures, false)).toThrow(/invoiced in full/);
    expect(() => assertSomethingRemains(order, figures, true)).not.toThrow();
  });

  it("refuses invoicing above the order total unless confirmed, to the cent", () => {
    const base = { order: { ...order, total: "595.00" }, invoicedAmount: "297.50" };
    expect(checkOverInvoicing({ ...base, invoiceTotal: "297.50", confirmed: false })).toBeNull();
    expect(() => checkOverInvoicing({ ...base, invoiceTotal: "297.51", confirmed: false })).toThrow(
      "This order confirmation totals 595.00 EUR; with this invoice of 297.51 EUR, 595.01 EUR of it would be invoiced. Confirm to invoice more than was ordered.",
    );
    expect(checkOverInvoicing({ ...base, invoiceTotal: "297.51", confirmed: true })).toEqual({
      orderId: "order",
      orderTotal: "595.00",
      invoicedBefore: "297.50",
      confirmed: true,
    });
  });
});

describe("a quote's conversions", () => {
  const oc = (status: "draft" | "sent" | "cancelled") => ({
    id: "oc",
    type: "order_confirmation" as const,
    number: status === "draft" ? null : "AB-2026-0001",
    status,
  });
  it("converts to one live order confirmation, and is invoiced through it", () => {
    expect(quoteConversionRefusal("order_confirmation", [])).toBeNull();
    expect(quoteConversionRefusal("order_confirmation", [oc("draft")])?.message).toBe(
      "This quote already has an order confirmation (without a number yet, “draft”). Cancel it before converting the quote again.",
    );
    expect(quoteConversionRefusal("invoice", [oc("sent")])?.message).toBe(
      "This quote became an order confirmation (AB-2026-0001, “sent”): invoice the order confirmation instead.",
    );
    expect(quoteConversionRefusal("order_confirmation", [oc("cancelled")])).toBeNull();
    expect(quoteConversionRefusal("invoice", [oc("cancelled")])).toBeNull();
  });
  it("is invoiced directly or confirmed, not both", () => {
    const direct = {
      id: "re",
      type: "invoice" as const,
      number: "RE-2026-0001",
      status: "sent" as const,
    };
    expect(quoteConversionRefusal("order_confirmation", [direct])?.appMessage.key).toBe(
      "quote.invoicedDirectly",
    );
    expect(quoteConversionRefusal("invoice", [direct])).toBeNull();
  });
});

describe("partial and final invoices", () => {
  const orderLines = [
    stored("3", "333.33", "19"),
    stored("2", "77.77", "7", "10"),
    stored("1", "50.00", "0"),
    stored("1.5", "12.35", "19"),
  ];
  const orderTotal = computeDocumentTotals(orderLines).total;

  it("asks for a percentage of what is left, one line per VAT rate", () => {
    const lines = partialInvoiceLinesOf({
      order: { type: "order_confirmation", number: "AB-2026-0007", lines: orderLines },
      earlier: [],
      percent: "30",
      locale: "de",
    });
    expect(lines).toEqual([
      {
        description:
          "Abschlagsrechnung: 30 % des offenen Betrags der Auftragsbestätigung AB-2026-0007 (19 % USt.)",
        quantity: "1",
        unitPrice: "305.56",
        taxRate: "19.00",
        discountPercent: "0",
      },
      expect.objectContaining({ unitPrice: "42.00", taxRate: "7.00" }),
      expect.objectContaining({ unitPrice: "15.00", taxRate: "0.00" }),
    ]);
    const english = partialInvoiceLinesOf({
      order: { type: "quote", number: "AN-2026-0001", lines: [stored("1", "100", "19")] },
      earlier: [],
      percent: "12.5",
      locale: "en",
    });
    expect(english[0]!.description).toBe(
      "Partial invoice: 12.5 % of the amount open on quote AN-2026-0001",
    );
  });

  it("deducts every earlier invoice per VAT rate, so the final invoice is exactly what is left", () => {
    const first = partialInvoiceLinesOf({
      order: { type: "order_confirmation", number: null, lines: orderLines },
      earlier: [],
      percent: "30",
      locale: "de",
    });
    const firstStored = first.map((line) => stored(line.quantity, line.unitPrice, line.taxRate));
    const earlierFirst = { number: "RE-2026-0001", issuedDate: "2026-12-01", lines: firstStored };
    const second = partialInvoiceLinesOf({
      order: { type: "order_confirmation", number: null, lines: orderLines },
      earlier: [earlierFirst],
      percent: "50",
      locale: "de",
    });
    expect(second.map((line) => line.unitPrice)).toEqual(["356.48", "49.00", "17.50"]);
    const secondStored = second.map((line) => stored(line.quantity, line.unitPrice, line.taxRate));
    const earlier = [
      earlierFirst,
      { number: "RE-2026-0002", issuedDate: "2026-12-03", lines: secondStored },
    ];
    const deductions = deductionLinesOf(earlier, "de");
    expect(deductions).toHaveLength(6);
    expect(deductions[0]).toEqual({
      description: "Abzüglich Abschlagsrechnung RE-2026-0001 vom 01.12.2026 (19 % USt.)",
      quantity: "-1",
      unitPrice: "305.56",
      taxRate: "19.00",
      discountPercent: "0",
    });
    expect(deductionLinesOf(earlier, "en")[3]!.description).toBe(
      "Less partial invoice RE-2026-0002 of 03/12/2026 (VAT 19 %)",
    );
    const finalLines = [
      ...orderLines.map((line) => ({
        quantity: String(line.quantity),
        unitPrice: String(line.unitPrice),
        taxRate: String(line.taxRate),
        discountPercent: String(line.discountPercent),
      })),
      ...deductions,
    ];
    const final = totalOf(finalLines);
    const invoiced = totalOf(first).plus(totalOf(second));
    expect(final.plus(invoiced).toFixed(2)).toBe(orderTotal.toFixed(2));
    expect(orderTotal.toFixed(2)).toBe("1411.83");
  });

  it("mirrors the lines of an invoice whose VAT is not its rate applied to its net", () => {
    // Two lines of 0.13 at 19 %: VAT 0.02 each, 0.04 together; 19 % of 0.26 would be 0.05.
    const lines = [stored("1", "0.13", "19"), stored("1", "0.13", "19")];
    const deductions = deductionLinesOf(
      [{ number: "RE-2026-0003", issuedDate: "2026-12-04", lines }],
      "de",
    );
    expect(deductions.map((line) => [line.quantity, line.unitPrice])).toEqual([
      ["-1.000", "0.1300"],
      ["-1.000", "0.1300"],
    ]);
    expect(totalOf(deductions).toFixed(2)).toBe(toDecimal(totalOf(lines)).negated().toFixed(2));
  });

  it("deducts nothing for an invoice credited in full, and less for a partly credited one", () => {
    const invoiceLines = [stored("1", "200.00", "19")];
    const creditLines = [stored("-1", "200.00", "19")];
    expect(
      deductionLinesOf(
        [{ number: "RE-1", issuedDate: "2026-12-04", lines: [...invoiceLines, ...creditLines] }],
        "en",
      ),
    ).toEqual([]);
    const partCredit = [stored("-1", "50.00", "19")];
    const [line] = deductionLinesOf(
      [{ number: "RE-1", issuedDate: "2026-12-04", lines: [...invoiceLines, ...partCredit] }],
      "en",
    );
    expect(line).toMatchObject({ quantity: "-1", unitPrice: "150.00" });
  });
});
