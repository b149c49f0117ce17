import { createDb, type Db } from "@ledgerline/db";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import { AppError, formatLocaleDate, toDecimal, type AppMessageKey } from "@ledgerline/domain";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemActor } from "../actor.ts";
import { createCustomer } from "../customers/customers.ts";
import { convertSalesDocument, transformSalesOrder } from "./convert-sales-document.ts";
import { createCreditNote } from "./correct-invoice.ts";
import { createSalesDocument } from "./create-sales-document.ts";
import { deleteSalesDocument } from "./delete-sales-document.ts";
import { getSalesDocument } from "./read-sales-document.ts";
import { approveSalesDocument, issueSalesDocument, submitSalesDocument } from "./status-actions.ts";

/**
 * An order is invoiced once (§5.4a, issue 11 part 5): one order confirmation converted twice
 * gave two invoices that could both be issued in full (595.00 each), and a quote converted again
 * and again. These tests reproduce that and hold the rules that replace it.
 */
const actor = systemActor("order invoicing test");
let database: TestDatabase;
let db: Db;
let customerId: string;

beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "invoice_once_money",
    adminUrl: inject("databaseAdminUrl"),
  });
  db = createDb({ url: database.url, maxConnections: 6 });
  customerId = (await createCustomer(db, actor, { name: "Auftrag GmbH" })).id;
  await db.companySettings.upsert({
    where: { id: 1 },
    create: { legalName: "Test GmbH", invoiceApprovalThreshold: null },
    update: { invoiceApprovalThreshold: null },
  });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

type Line = {
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
  discountPercent?: string;
};
const ONE_LINE: Line[] = [
  { description: "Übersetzung", quantity: "1", unitPrice: "500.00", taxRate: "19" },
];
/** Three VAT rates and amounts whose VAT rounds, so an off-by-a-cent deduction shows. */
const MIXED_LINES: Line[] = [
  { description: "Übersetzung", quantity: "3", unitPrice: "333.33", taxRate: "19" },
  {
    description: "Lektorat",
    quantity: "2",
    unitPrice: "77.77",
    taxRate: "7",
    discountPercent: "10",
  },
  { description: "Beglaubigung", quantity: "1", unitPrice: "50.00", taxRate: "0" },
  { description: "Satz", quantity: "1.5", unitPrice: "12.35", taxRate: "19" },
];

async function issuedOrder(
  type: "order_confirmation" | "quote" | "sales_order",
  lines: readonly Line[] = ONE_LINE,
) {
  const draft = await createSalesDocument(db, actor, { type, customerId, lines: [...lines] });
  return issueSalesDocument(db, actor, { id: draft.id });
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const keyOf = async (work: Promise<unknown>): Promise<AppMessageKey> =>
  (await refusal(work)).appMessage.key;

const auditAfter = async (entityId: string, action: string) =>
  (
    await db.auditEvent.findMany({
      where: { entityId, action },
      select: { after: true },
      orderBy: { id: "asc" },
    })
  ).map((event) => event.after as Record<string, unknown>);

describe("converting an order confirmation to invoices", () => {
  it("refuses a second invoice while the first is a draft, and invoicing it in full twice", async () => {
    const order = await issuedOrder("order_confirmation");
    expect(order.total.toFixed(2)).toBe("595.00");
    const first = await convertSalesDocument(db, actor, { id: order.id, to: "invoice" });
    expect(first.total.toFixed(2)).toBe("595.00");

    // The defect: a second conversion gave a second full draft. Now it names the open one.
    const inProgress = await refusal(
      convertSalesDocument(db, actor, { id: order.id, to: "invoice" }),
    );
    expect(inProgress.code).toBe("CONFLICT");
    expect(inProgress.appMessage.key).toBe("order.invoiceInProgress");
    expect(inProgress.details).toMatchObject({ invoiceId: first.id, status: "draft" });
    const whileDraft = await getSalesDocument(db, actor, order.id);
    expect(whileDraft.allowedActions).not.toContain("convertToInvoice");
    expect(whileDraft.invoicedAmount?.toFixed(2)).toBe("0.00");
    expect(whileDraft.invoiceInProgress).toMatchObject({ id: first.id, status: "draft" });

    await issueSalesDocument(db, actor, { id: first.id });
    const invoiced = await getSalesDocument(db, actor, order.id);
    expect(invoiced.invoicedAmount?.toFixed(2)).toBe("595.00");
    expect(invoiced.remainingAmount?.toFixed(2)).toBe("0.00");

    // Nothing is left: a further invoice needs the person's confirmation.
    expect(await keyOf(convertSalesDocument(db, actor, { id: order.id, to: "invoice" }))).toBe(
      "order.fullyInvoiced",
    );
    const extra = await convertSalesDocument(db, actor, {
      id: order.id,
      to: "invoice",
      confirmOverInvoicing: true,
    });
    expect(extra.total.toFixed(2)).toBe("595.00");
    const [convertEvent] = (await auditAfter(order.id, "convertToInvoice")).slice(-1);
    expect(convertEvent).toMatchObject({
      followUpId: extra.id,
      overInvoicing: { confirmed: true, orderTotal: "595.00", invoicedBefore: "595.00" },
    });

    // Issuing it pushes the order to 1,190.00: refused without the confirmation, nothing written.
    const over = await refusal(issueSalesDocument(db, actor, { id: extra.id }));
    expect(over.appMessage.key).toBe("order.overInvoicing");
    expect(over.details).toMatchObject({ overInvoicing: true, invoicedBefore: "595.00" });
    expect((await getSalesDocument(db, actor, extra.id)).status).toBe("draft");
    const issued = await issueSalesDocument(db, actor, {
      id: extra.id,
      confirmOverInvoicing: true,
    });
    expect(issued.number).toMatch(/^RE-/);
    const issueEvents = await db.auditEvent.findMany({
      where: { entityId: extra.id, action: "issue" },
      select: { after: true },
    });
    expect(issueEvents.map((event) => event.after)).toEqual([
      expect.objectContaining({
        overInvoicing: expect.objectContaining({ confirmed: true, invoicedBefore: "595.00" }),
      }),
    ]);
    const after = await getSalesDocument(db, actor, order.id);
    expect(after.invoicedAmount?.toFixed(2)).toBe("1190.00");
    expect(after.remainingAmount?.toFixed(2)).toBe("-595.00");
  });

  it("invoices partial invoices and a final invoice that deducts them, to the cent", async () => {
    const order = await issuedOrder("order_confirmation", MIXED_LINES);
    // 999.99 + 18.53 at 19 % -> 1018.52 + 193.52; 139.99 at 7 % -> 9.80; 50.00 at 0 %.
    expect(order.total.toFixed(2)).toBe("1411.83");

    const firstDraft = await convertSalesDocument(db, actor, {
      id: order.id,
      to: "invoice",
      invoicePart: "partial",
      percent: "30",
    });
    expect(firstDraft.invoiceKind).toBe("deposit");
    // One line per VAT rate: 30 % of each rate's net, rounded to the cent.
    expect(
      firstDraft.lineItems.map((line) => [line.taxRate.toFixed(2), line.unitPrice.toFixed(2)]),
    ).toEqual([
      ["19.00", "305.56"],
      ["7.00", "42.00"],
      ["0.00", "15.00"],
    ]);
    const first = await issueSalesDocument(db, actor, { id: firstDraft.id });

    const secondDraft = await convertSalesDocument(db, actor, {
      id: order.id,
      to: "invoice",
      invoicePart: "partial",
      percent: "50",
    });
    // 50 % of what is left per rate: (1018.52 - 305.56) / 2, (139.99 - 42.00) / 2, (50 - 15) / 2.
    expect(secondDraft.lineItems.map((line) => line.unitPrice.toFixed(2))).toEqual([
      "356.48",
      "49.00",
      "17.50",
    ]);
    const second = await issueSalesDocument(db, actor, { id: secondDraft.id });

    const midway = await getSalesDocument(db, actor, order.id);
    expect(midway.invoicedAmount?.toFixed(2)).toBe(first.total.plus(second.total).toFixed(2));
    expect(midway.remainingAmount?.toFixed(2)).toBe(
      order.total.minus(first.total).minus(second.total).toFixed(2),
    );

    const finalDraft = await convertSalesDocument(db, actor, { id: order.id, to: "invoice" });
    expect(finalDraft.invoiceKind).toBe("tax_invoice");
    const deductions = finalDraft.lineItems.filter((line) => line.quantity.isNegative());
    // One per earlier invoice and VAT rate.
    expect(deductions).toHaveLength(6);
    const date = formatLocaleDate(first.issuedDate!, "de");
    expect(deductions[0]!.description).toBe(
      `Abzüglich Abschlagsrechnung ${first.number} vom ${date} (19 % USt.)`,
    );
    expect(deductions.map((line) => line.quantity.toFixed(3))).toEqual(Array(6).fill("-1.000"));
    expect(finalDraft.total.toFixed(2)).toBe(midway.remainingAmount?.toFixed(2));
    const final = await issueSalesDocument(db, actor, { id: finalDraft.id });
    // The final invoice and the earlier ones add up to the order exactly.
    expect(final.total.plus(first.total).plus(second.total).toFixed(2)).toBe("1411.83");
    // Each VAT rate too: the final invoice's breakdown is what is left at that rate.
    const vat = (document: typeof final) =>
      new Map(document.vatBreakdown.map((row) => [row.taxRate.toFixed(2), row.taxAmount]));
    for (const [rate, tax] of vat(order)) {
      expect(
        vat(final).get(rate)!.plus(vat(first).get(rate)!).plus(vat(second).get(rate)!).toFixed(2),
      ).toBe(tax.toFixed(2));
    }
    const done = await getSalesDocument(db, actor, order.id);
    expect(done.remainingAmount?.toFixed(2)).toBe("0.00");
  });

  it("deducts line by line where an earlier invoice's VAT is not its rate applied to its net", async () => {
    const order = await issuedOrder("order_confirmation", [
      { description: "A", quantity: "1", unitPrice: "1000.00", taxRate: "19" },
    ]);
    // A partial invoice of two lines whose VAT each rounds down: 0.02 + 0.02, but 19 % of 0.26
    // is 0.05.
    const partial = await createSalesDocument(db, actor, {
      type: "invoice",
      customerId,
      lines: [
        { description: "Abschlag 1", quantity: "1", unitPrice: "0.13", taxRate: "19" },
        { description: "Abschlag 2", quantity: "1", unitPrice: "0.13", taxRate: "19" },
      ],
    });
    await db.salesDocument.update({
      where: { id: partial.id },
      data: { sourceDocumentId: order.id },
    });
    const issuedPartial = await issueSalesDocument(db, actor, { id: partial.id });
    expect(issuedPartial.taxAmount.toFixed(2)).toBe("0.04");
    const final = await convertSalesDocument(db, actor, { id: order.id, to: "invoice" });
    const deductions = final.lineItems.filter((line) => line.quantity.isNegative());
    expect(deductions).toHaveLength(2);
    expect(final.total.plus(issuedPartial.total).toFixed(2)).toBe(order.total.toFixed(2));
  });

  it("counts a credit note on an earlier invoice as not invoiced", async () => {
    const order = await issuedOrder("order_confirmation");
    const partial = await convertSalesDocument(db, actor, {
      id: order.id,
      to: "invoice",
      invoicePart: "partial",
      percent: "40",
    });
    const issued = await issueSalesDocument(db, actor, { id: partial.id });
    expect(issued.total.toFixed(2)).toBe("238.00");
    const note = await createCreditNote(db, actor, { invoiceId: issued.id, lines: "all" });
    await issueSalesDocument(db, actor, { id: note.id });
    const credited = await getSalesDocument(db, actor, order.id);
    expect(credited.invoicedAmount?.toFixed(2)).toBe("0.00");
    expect(credited.remainingAmount?.toFixed(2)).toBe("595.00");
    // The final invoice deducts nothing of the credited invoice: its net at the rate is 0.
    const final = await convertSalesDocument(db, actor, { id: order.id, to: "invoice" });
    expect(final.total.toFixed(2)).toBe("595.00");
    expect(final.lineItems.every((line) => line.quantity.greaterThan(0))).toBe(true);
  });

  it("lets only one of two parallel conversions through", async () => {
    const order = await issuedOrder("order_confirmation");
    const results = await Promise.allSettled([
      convertSalesDocument(db, actor, { id: order.id, to: "invoice" }),
      convertSalesDocument(db, actor, { id: order.id, to: "invoice" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const [rejected] = results.filter((result) => result.status === "rejected");
    expect((rejected!.reason as AppError).appMessage.key).toBe("order.invoiceInProgress");
    expect(
      await db.salesDocument.count({ where: { sourceDocumentId: order.id, type: "invoice" } }),
    ).toBe(1);
  });

  it("does not let two parallel issues of over-invoicing invoices both pass", async () => {
    const order = await issuedOrder("order_confirmation");
    const first = await convertSalesDocument(db, actor, { id: order.id, to: "invoice" });
    // A second draft that slipped past the conversion rule (made from the order by hand).
    const second = await createSalesDocument(db, actor, {
      type: "invoice",
      customerId,
      lines: [...ONE_LINE],
    });
    await db.salesDocument.update({
      where: { id: second.id },
      data: { sourceDocumentId: order.id },
    });
    const results = await Promise.allSettled([
      issueSalesDocument(db, actor, { id: first.id }),
      issueSalesDocument(db, actor, { id: second.id }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const [rejected] = results.filter((result) => result.status === "rejected");
    expect((rejected!.reason as AppError).appMessage.key).toBe("order.overInvoicing");
    expect((await getSalesDocument(db, actor, order.id)).invoicedAmount?.toFixed(2)).toBe("595.00");
  });

  it("asks the submitter and the approver to confirm over-invoicing", async () => {
    const order = await issuedOrder("order_confirmation");
    const first = await convertSalesDocument(db, actor, { id: order.id, to: "invoice" });
    await issueSalesDocument(db, actor, { id: first.id });
    const extra = await convertSalesDocument(db, actor, {
      id: order.id,
      to: "invoice",
      confirmOverInvoicing: true,
    });
    await db.companySettings.update({
      where: { id: 1 },
      data: { invoiceApprovalPolicy: "threshold", invoiceApprovalThreshold: "100.00" },
    });
    try {
      expect(await keyOf(submitSalesDocument(db, actor, extra.id))).toBe("order.overInvoicing");
      await submitSalesDocument(db, actor, extra.id, { confirmOverInvoicing: true });
      expect(await keyOf(approveSalesDocument(db, actor, extra.id))).toBe("order.overInvoicing");
      const approved = await approveSalesDocument(db, actor, extra.id, {
        confirmOverInvoicing: true,
      });
      expect(approved.number).toMatch(/^RE-/);
    } finally {
      await db.companySettings.update({
        where: { id: 1 },
        data: { invoiceApprovalPolicy: "never", invoiceApprovalThreshold: null },
      });
    }
  });
});

describe("converting a quote", () => {
  it("makes one order confirmation, and invoices it through that one", async () => {
    const quote = await issuedOrder("quote");
    const confirmation = await convertSalesDocument(db, actor, {
      id: quote.id,
      to: "order_confirmation",
    });
    const again = await refusal(
      convertSalesDocument(db, actor, { id: quote.id, to: "order_confirmation" }),
    );
    expect(again.code).toBe("CONFLICT");
    expect(again.appMessage.key).toBe("quote.alreadyConfirmed");
    expect(again.details).toMatchObject({ orderConfirmationId: confirmation.id });
    expect(await keyOf(convertSalesDocument(db, actor, { id: quote.id, to: "invoice" }))).toBe(
      "quote.invoiceTheConfirmation",
    );
    const read = await getSalesDocument(db, actor, quote.id);
    expect(read.allowedActions).not.toContain("convertToOrderConfirmation");
    expect(read.allowedActions).not.toContain("convertToInvoice");
    expect(read.invoicedAmount).toBeNull();

    // The draft deleted, the quote converts again.
    await deleteSalesDocument(db, actor, confirmation.id);
    const second = await convertSalesDocument(db, actor, {
      id: quote.id,
      to: "order_confirmation",
    });
    expect(second.type).toBe("order_confirmation");
  });

  it("is invoiced directly as an order, and then becomes no order confirmation", async () => {
    const quote = await issuedOrder("quote");
    const partial = await convertSalesDocument(db, actor, {
      id: quote.id,
      to: "invoice",
      invoicePart: "partial",
      percent: "50",
    });
    expect(partial.total.toFixed(2)).toBe("297.50");
    expect(
      await keyOf(convertSalesDocument(db, actor, { id: quote.id, to: "order_confirmation" })),
    ).toBe("quote.invoicedDirectly");
    expect(await keyOf(convertSalesDocument(db, actor, { id: quote.id, to: "invoice" }))).toBe(
      "order.invoiceInProgress",
    );
    const issued = await issueSalesDocument(db, actor, { id: partial.id });
    const final = await convertSalesDocument(db, actor, { id: quote.id, to: "invoice" });
    expect(final.total.plus(issued.total).toFixed(2)).toBe("595.00");
    expect((await getSalesDocument(db, actor, quote.id)).invoicedAmount?.toFixed(2)).toBe("297.50");
  });
});

describe("transforming a sales order", () => {
  it("transforms once: a second transform is refused and writes nothing", async () => {
    const order = await issuedOrder("sales_order");
    const invoice = await transformSalesOrder(db, actor, order.id);
    expect(invoice.total.toFixed(2)).toBe("595.00");
    const twice = await refusal(transformSalesOrder(db, actor, order.id));
    expect(twice.code).toBe("INVALID_TRANSITION");
    expect(twice.details).toMatchObject({ status: "transformed", action: "transform" });
    expect(
      await db.salesDocument.count({ where: { sourceDocumentId: order.id, type: "invoice" } }),
    ).toBe(1);
    const read = await getSalesDocument(db, actor, order.id);
    expect(read.invoicedAmount?.toFixed(2)).toBe("595.00");
    expect(read.remainingAmount?.toFixed(2)).toBe("0.00");
    expect(toDecimal(read.total).toFixed(2)).toBe("595.00");
  });
});
