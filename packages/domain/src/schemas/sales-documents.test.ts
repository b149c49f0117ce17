import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import { Decimal } from "../money.ts";
import {
  addSalesDocumentItemInputSchema,
  annotateSalesDocumentInputSchema,
  assertDraftFitsType,
  bulkUpdateSalesDocumentStatusInputSchema,
  cancelSalesDocumentInputSchema,
  createSalesDocumentInputSchema,
  createCreditNoteInputSchema,
  draftIssuesForType,
  draftValuesSchema,
  lineItemInputSchema,
  listSalesDocumentsInputSchema,
  updateSalesDocumentStatusInputSchema,
  updateDraftInputSchema,
} from "./sales-documents.ts";
import { paymentInputSchema, paymentInputSchemaAsOf } from "./payments.ts";

/** The issues a schema reports for an input, as `[path, message]` pairs a test can compare exactly. */
function issuesOf(schema: z.ZodType, input: unknown): [string, string][] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
}

const CUSTOMER_ID = "7f1c9a8e-3b2d-4c5e-9f6a-1b2c3d4e5f60";
const PROJECT_ID = "8a2d0b9f-4c3e-4d6f-8a7b-2c3d4e5f6a71";
const DOCUMENT_ID = "9b3e1c0a-5d4f-4e7a-9b8c-3d4e5f6a7b82";
const LINE_ID = "0c4f2d1b-6e5a-4f8b-8c9d-4e5f6a7b8c93";

const line = { description: "Translation EN>DE", quantity: "2", unitPrice: "85.00", taxRate: "19" };
const invoice = { type: "invoice", customerId: CUSTOMER_ID, lines: [line] };

describe("an item by its net amount (seed 004 amount_nett)", () => {
  const add = (values: Record<string, unknown>) =>
    addSalesDocumentItemInputSchema.safeParse({ salesDocumentId: DOCUMENT_ID, values });
  const valuesOf = (values: Record<string, unknown>) => {
    const result = add(values);
    if (!result.success) throw new Error(JSON.stringify(result.error.issues));
    return result.data.values;
  };
  const pair = { itemType: "language_pair", sourceLanguage: "en", targetLanguage: "de" };

  it("makes 1 × the net of a seed item, described by its languages", () => {
    expect(valuesOf({ ...pair, amountNet: "120.00", currency: "EUR" })).toMatchObject({
      description: "en → de",
      quantity: "1.000",
      unitPrice: "120.0000",
      currency: "EUR",
    });
  });

  it("finds the quantity from the unit price and the price from the quantity, exactly", () => {
    expect(valuesOf({ ...pair, amountNet: "120.00", unitPrice: "0.12" })).toMatchObject({
      quantity: "1000.000",
      unitPrice: "0.1200",
    });
    expect(valuesOf({ ...pair, amountNet: "100.00", quantity: "8" })).toMatchObject({
      quantity: "8.000",
      unitPrice: "12.5000",
    });
    expect(
      issuesOf(addSalesDocumentItemInputSchema, {
        salesDocumentId: DOCUMENT_ID,
        values: { ...pair, amountNet: "100.00", quantity: "3" },
      }),
    ).toContainEqual([
      "values.amountNet",
      "100.00 ÷ 3 gives no unit price with at most 4 decimals.",
    ]);
  });

  it("refuses a net that quantity × unit price do not make, and keeps the description rule", () => {
    expect(
      issuesOf(addSalesDocumentItemInputSchema, {
        salesDocumentId: DOCUMENT_ID,
        values: { ...pair, amountNet: "100.00", quantity: "2", unitPrice: "49.99" },
      }),
    ).toEqual([
      ["values.amountNet", "The net amount 100.00 is not what quantity × unit price make: 99.98."],
    ]);
    expect(
      valuesOf({ ...pair, amountNet: "99.98", quantity: "2", unitPrice: "49.99" }),
    ).toMatchObject({
      quantity: "2.000",
    });
    // Other item types have no languages to be described by: they need a description.
    expect(
      issuesOf(addSalesDocumentItemInputSchema, {
        salesDocumentId: DOCUMENT_ID,
        values: { itemType: "additional_item", amountNet: "20.00" },
      }).map(([path]) => path),
    ).toEqual(["values.description"]);
    expect(
      valuesOf({ itemType: "additional_item", description: "Lektorat", amountNet: "20.00" }),
    ).toMatchObject({
      quantity: "1.000",
      unitPrice: "20.0000",
    });
  });
});

describe("lineItemInputSchema", () => {
  it("normalises decimals to the column's places and fills the defaults", () => {
    expect(lineItemInputSchema.parse(line)).toEqual({
      description: "Translation EN>DE",
      quantity: "2.000",
      unit: null,
      unitPrice: "85.0000",
      taxRate: "19.00",
      discountPercent: "0.00",
      itemType: "other",
      sourceLanguage: null,
      targetLanguage: null,
    });
  });

  it("takes Decimals as well as strings, and trims", () => {
    const values = lineItemInputSchema.parse({
      ...line,
      quantity: new Decimal("1.5"),
      unitPrice: " 0.0875 ",
      discountPercent: new Decimal("7.5"),
    });
    expect(values).toMatchObject({
      quantity: "1.500",
      unitPrice: "0.0875",
      discountPercent: "7.50",
    });
  });

  it("leaves the tax rate out when not given (the company's default applies)", () => {
    const { taxRate: _taxRate, ...withoutRate } = line;
    expect(lineItemInputSchema.parse(withoutRate).taxRate).toBeUndefined();
  });

  it("refuses more places than the column holds instead of rounding", () => {
    expect(issuesOf(lineItemInputSchema, { ...line, quantity: "1.2345" })).toEqual([
      ["quantity", "At most 3 decimal places."],
    ]);
    expect(issuesOf(lineItemInputSchema, { ...line, unitPrice: "85.00001" })).toEqual([
      ["unitPrice", "At most 4 decimal places."],
    ]);
    expect(issuesOf(lineItemInputSchema, { ...line, taxRate: "19.005" })).toEqual([
      ["taxRate", "At most 2 decimal places."],
    ]);
    // Trailing zeros are no extra precision.
    expect(lineItemInputSchema.parse({ ...line, quantity: "2.50000" }).quantity).toBe("2.500");
  });

  it("refuses a zero quantity and a negative price, and allows a negative quantity", () => {
    expect(issuesOf(lineItemInputSchema, { ...line, quantity: "0" })).toEqual([
      ["quantity", "The quantity cannot be 0."],
    ]);
    expect(issuesOf(lineItemInputSchema, { ...line, quantity: "-0.000" })).toEqual([
      ["quantity", "The quantity cannot be 0."],
    ]);
    expect(issuesOf(lineItemInputSchema, { ...line, unitPrice: "-1" })).toEqual([
      ["unitPrice", "The unit price cannot be negative."],
    ]);
    expect(lineItemInputSchema.parse({ ...line, unitPrice: "0" }).unitPrice).toBe("0.0000");
    expect(lineItemInputSchema.parse({ ...line, quantity: "-2" }).quantity).toBe("-2.000");
  });

  it("keeps rates between 0 and 100", () => {
    expect(
      lineItemInputSchema.parse({ ...line, taxRate: "0", discountPercent: "100" }),
    ).toMatchObject({
      taxRate: "0.00",
      discountPercent: "100.00",
    });
    expect(issuesOf(lineItemInputSchema, { ...line, taxRate: "100.01" })).toEqual([
      ["taxRate", "At most 100 %."],
    ]);
    expect(issuesOf(lineItemInputSchema, { ...line, discountPercent: "-5" })).toEqual([
      ["discountPercent", "Cannot be negative."],
    ]);
  });

  it("refuses numbers, commas and text with messages a person understands", () => {
    expect(issuesOf(lineItemInputSchema, { ...line, quantity: 2 })).toEqual([
      ["quantity", "Enter a quantity such as 2 or 1.5."],
    ]);
    expect(issuesOf(lineItemInputSchema, { ...line, unitPrice: "85,50" })).toEqual([
      ["unitPrice", "Use a point for decimals (12.50, not 12,50)."],
    ]);
    expect(issuesOf(lineItemInputSchema, { ...line, taxRate: "nineteen" })).toEqual([
      ["taxRate", "Enter a rate such as 19 or 7."],
    ]);
    expect(issuesOf(lineItemInputSchema, { ...line, quantity: "1e3" })).toEqual([
      ["quantity", "Enter a quantity such as 2 or 1.5."],
    ]);
    // numeric(14,4) holds 10 digits before the point.
    expect(issuesOf(lineItemInputSchema, { ...line, unitPrice: "12345678901" })).toEqual([
      ["unitPrice", "This number is too large."],
    ]);
    expect(lineItemInputSchema.parse({ ...line, unitPrice: "9999999999.9999" }).unitPrice).toBe(
      "9999999999.9999",
    );
  });

  it("limits the description and the unit", () => {
    expect(issuesOf(lineItemInputSchema, { ...line, description: "  " })).toEqual([
      ["description", "Description is required."],
    ]);
    expect(issuesOf(lineItemInputSchema, { ...line, description: "x".repeat(2001) })).toEqual([
      ["description", "At most 2000 characters."],
    ]);
    expect(
      lineItemInputSchema.parse({ ...line, description: "x".repeat(2000) }).description,
    ).toHaveLength(2000);
    expect(issuesOf(lineItemInputSchema, { ...line, unit: "x".repeat(21) })).toEqual([
      ["unit", "At most 20 characters."],
    ]);
    expect(lineItemInputSchema.parse({ ...line, unit: " Hours " }).unit).toBe("Hours");
  });

  it("canonicalises language tags and refuses malformed ones", () => {
    expect(
      lineItemInputSchema.parse({
        ...line,
        itemType: "language_pair",
        sourceLanguage: "en-gb",
        targetLanguage: "DE",
      }),
    ).toMatchObject({ itemType: "language_pair", sourceLanguage: "en-GB", targetLanguage: "de" });
    expect(issuesOf(lineItemInputSchema, { ...line, targetLanguage: "en_GB" })).toEqual([
      ["targetLanguage", "Use a language tag such as de or en-GB."],
    ]);
    expect(issuesOf(lineItemInputSchema, { ...line, itemType: "service" })).toHaveLength(1);
  });
});

describe("createSalesDocumentInputSchema", () => {
  it("accepts an invoice with one line", () => {
    expect(createSalesDocumentInputSchema.parse(invoice)).toMatchObject({
      type: "invoice",
      customerId: CUSTOMER_ID,
      projectId: null,
      contactId: null,
      issuedDate: null,
      dueDate: null,
      notes: null,
      lines: [{ quantity: "2.000", unitPrice: "85.0000" }],
    });
  });

  it("refuses a document without lines, and more than 500", () => {
    expect(issuesOf(createSalesDocumentInputSchema, { ...invoice, lines: [] })).toEqual([
      ["lines", "Add at least one line."],
    ]);
    expect(
      issuesOf(createSalesDocumentInputSchema, { ...invoice, lines: Array(501).fill(line) }),
    ).toEqual([["lines", "At most 500 lines."]]);
  });

  it("refuses credit notes and cancellations: they are made from an invoice", () => {
    for (const type of ["credit_note", "cancellation"]) {
      expect(issuesOf(createSalesDocumentInputSchema, { ...invoice, type })).toEqual([
        [
          "type",
          "Choose quote, order confirmation, sales order, pro forma or invoice. Credit notes and cancellations are made from an invoice.",
        ],
      ]);
    }
  });

  it("needs a customer or a project (the customer then comes from the project)", () => {
    expect(issuesOf(createSalesDocumentInputSchema, { ...invoice, customerId: undefined })).toEqual(
      [["customerId", "Choose a customer or a project."]],
    );
    expect(
      createSalesDocumentInputSchema.parse({ ...invoice, customerId: null, projectId: PROJECT_ID })
        .projectId,
    ).toBe(PROJECT_ID);
  });

  it("refuses a due date before the issued date, on dueDate", () => {
    expect(
      issuesOf(createSalesDocumentInputSchema, {
        ...invoice,
        issuedDate: "2026-03-10",
        dueDate: "2026-03-09",
      }),
    ).toEqual([["dueDate", "The due date cannot be before the issued date."]]);
    expect(
      createSalesDocumentInputSchema.parse({
        ...invoice,
        issuedDate: "2026-03-10",
        dueDate: "2026-03-10",
      }).dueDate,
    ).toBe("2026-03-10");
  });

  it("reports cross-field rules together with other fields' errors", () => {
    expect(
      issuesOf(createSalesDocumentInputSchema, {
        ...invoice,
        issuedDate: "2026-03-10",
        dueDate: "2026-03-01",
        lines: [],
      }),
    ).toEqual([
      ["lines", "Add at least one line."],
      ["dueDate", "The due date cannot be before the issued date."],
    ]);
  });

  it("keeps valid-until to quotes, after the issued date", () => {
    expect(
      issuesOf(createSalesDocumentInputSchema, { ...invoice, validUntil: "2026-04-01" }),
    ).toEqual([["validUntil", "Only quotes have a valid-until date."]]);
    expect(
      issuesOf(createSalesDocumentInputSchema, {
        ...invoice,
        type: "quote",
        issuedDate: "2026-03-10",
        validUntil: "2026-03-01",
      }),
    ).toEqual([["validUntil", "The valid-until date cannot be before the issued date."]]);
    expect(
      createSalesDocumentInputSchema.parse({ ...invoice, type: "quote", validUntil: "2026-04-01" })
        .validUntil,
    ).toBe("2026-04-01");
  });

  it("keeps due dates to invoices, sales orders and pro forma, and kinds to invoices", () => {
    expect(
      issuesOf(createSalesDocumentInputSchema, {
        ...invoice,
        type: "quote",
        dueDate: "2026-04-01",
      }),
    ).toEqual([["dueDate", "Only invoices, sales orders and pro forma have a due date."]]);
    expect(
      issuesOf(createSalesDocumentInputSchema, {
        ...invoice,
        type: "sales_order",
        invoiceKind: "deposit",
      }),
    ).toEqual([["invoiceKind", "Only invoices have a kind (tax invoice or deposit)."]]);
    expect(
      createSalesDocumentInputSchema.parse({ ...invoice, invoiceKind: "deposit" }).invoiceKind,
    ).toBe("deposit");
    expect(
      createSalesDocumentInputSchema.parse({ ...invoice, type: "pro_forma", dueDate: "2026-04-01" })
        .dueDate,
    ).toBe("2026-04-01");
  });

  it("orders the service period and needs its start", () => {
    expect(
      issuesOf(createSalesDocumentInputSchema, {
        ...invoice,
        servicePeriodStart: "2026-03-10",
        servicePeriodEnd: "2026-03-09",
      }),
    ).toEqual([["servicePeriodEnd", "The end of the service period cannot be before its start."]]);
    expect(
      issuesOf(createSalesDocumentInputSchema, { ...invoice, servicePeriodEnd: "2026-03-09" }),
    ).toEqual([["servicePeriodStart", "Enter the start of the service period too."]]);
    expect(
      createSalesDocumentInputSchema.parse({ ...invoice, servicePeriodStart: "2026-03-10" }),
    ).toMatchObject({ servicePeriodStart: "2026-03-10", servicePeriodEnd: null });
  });

  it("refuses malformed dates and impossible ones", () => {
    expect(
      issuesOf(createSalesDocumentInputSchema, { ...invoice, issuedDate: "10.03.2026" }),
    ).toEqual([["issuedDate", "Use a date (YYYY-MM-DD)."]]);
    expect(issuesOf(createSalesDocumentInputSchema, { ...invoice, dueDate: "2026-02-30" })).toEqual(
      [["dueDate", "Use a date (YYYY-MM-DD)."]],
    );
  });

  it("refuses negative quantities on the types a person creates, but for invoice deductions", () => {
    for (const type of ["quote", "order_confirmation", "sales_order", "pro_forma"]) {
      expect(
        issuesOf(createSalesDocumentInputSchema, {
          ...invoice,
          type,
          lines: [line, { ...line, quantity: "-1" }],
        }),
      ).toEqual([["lines.1.quantity", "The quantity must be more than 0."]]);
    }
    // An invoice deducts (the final invoice of an order): 170.00 less 85.00 at 19 %.
    expect(
      issuesOf(createSalesDocumentInputSchema, {
        ...invoice,
        lines: [line, { ...line, quantity: "-1" }],
      }),
    ).toEqual([]);
    // ... but never below 0.
    expect(
      issuesOf(createSalesDocumentInputSchema, {
        ...invoice,
        lines: [line, { ...line, quantity: "-3" }],
      }),
    ).toEqual([
      [
        "lines",
        "The lines of an invoice cannot total less than 0: deduct at most what it charges.",
      ],
    ]);
  });

  it("takes currencies with cents only, upper-cased", () => {
    expect(createSalesDocumentInputSchema.parse({ ...invoice, currency: "usd" }).currency).toBe(
      "USD",
    );
    expect(issuesOf(createSalesDocumentInputSchema, { ...invoice, currency: "JPY" })).toEqual([
      ["currency", "Use an ISO 4217 currency code such as EUR."],
    ]);
  });
});

describe("malformed input", () => {
  it("is refused with issues, never with a crash", () => {
    const schemas: z.ZodType[] = [
      createSalesDocumentInputSchema,
      updateDraftInputSchema,
      listSalesDocumentsInputSchema,
      createCreditNoteInputSchema,
      paymentInputSchemaAsOf("2026-03-31"),
    ];
    const inputs = [
      null,
      undefined,
      5,
      "invoice",
      [],
      { id: DOCUMENT_ID, values: null },
      { ...invoice, lines: [null, 5, "x"] },
      { invoiceId: DOCUMENT_ID, lines: [null, { sourceLineItemId: 5 }] },
    ];
    for (const schema of schemas) {
      for (const input of inputs) {
        expect(() => schema.safeParse(input)).not.toThrow();
        if (typeof input !== "object" || input === null || Array.isArray(input)) {
          expect(schema.safeParse(input).success).toBe(false);
        }
      }
    }
  });
});

describe("updateDraftInputSchema and the type rules for a stored draft", () => {
  it("takes the draft's fields without a type, each one optional", () => {
    const parsed = updateDraftInputSchema.parse({
      id: DOCUMENT_ID,
      values: { lines: [{ id: LINE_ID, description: "Proofreading" }] },
    });
    // Only what was sent: no customer, no dates, no defaults for the line's other fields.
    expect(parsed.values).toEqual({ lines: [{ id: LINE_ID, description: "Proofreading" }] });
    expect(updateDraftInputSchema.parse({ id: DOCUMENT_ID, values: {} }).values).toEqual({});
    // The type is fixed at creation: naming it is a mistake, not something to ignore.
    expect(
      issuesOf(updateDraftInputSchema, { id: DOCUMENT_ID, values: { type: "quote" } }),
    ).toEqual([["values", 'Unrecognized key: "type"']]);
    // Each field keeps its rules; rules across fields apply to the merged draft (services).
    expect(
      issuesOf(updateDraftInputSchema, {
        id: DOCUMENT_ID,
        values: { dueDate: "2026-02-30", lines: [] },
      }),
    ).toEqual([
      ["values.dueDate", "Use a date (YYYY-MM-DD)."],
      ["values.lines", "Add at least one line."],
    ]);
  });

  it("holds the whole draft to the create rules across fields (draftValuesSchema)", () => {
    expect(
      issuesOf(draftValuesSchema, {
        customerId: CUSTOMER_ID,
        lines: [line],
        issuedDate: "2026-03-10",
        dueDate: "2026-03-01",
      }),
    ).toEqual([["dueDate", "The due date cannot be before the issued date."]]);
  });

  it("holds each type to its fields and quantity sign", () => {
    expect(draftIssuesForType("invoice", { lines: [{ quantity: "2.000" }] })).toEqual({});
    expect(draftIssuesForType("credit_note", { lines: [{ quantity: "-2.000" }] })).toEqual({});
    expect(
      draftIssuesForType("credit_note", {
        dueDate: "2026-03-01",
        lines: [{ quantity: "-1.000" }, { quantity: "2.000" }],
      }),
    ).toEqual({
      dueDate: ["Only invoices, sales orders and pro forma have a due date."],
      "lines.1.quantity": [
        "On a credit note or cancellation the quantity is negative: the amount taken back.",
      ],
    });
    const error = (() => {
      try {
        assertDraftFitsType("quote", { validUntil: "2026-04-01", invoiceKind: "deposit" });
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: "Only invoices have a kind (tax invoice or deposit).",
      fieldErrors: { invoiceKind: ["Only invoices have a kind (tax invoice or deposit)."] },
    });
    expect(() => assertDraftFitsType("quote", { validUntil: "2026-04-01" })).not.toThrow();
  });
});

describe("annotateSalesDocumentInputSchema", () => {
  it("changes only what is given; an empty field clears it", () => {
    expect(
      annotateSalesDocumentInputSchema.parse({ id: DOCUMENT_ID, notes: " call Tom " }),
    ).toEqual({
      id: DOCUMENT_ID,
      notes: "call Tom",
    });
    expect(annotateSalesDocumentInputSchema.parse({ id: DOCUMENT_ID, terms: "" })).toEqual({
      id: DOCUMENT_ID,
      terms: null,
    });
    expect(issuesOf(annotateSalesDocumentInputSchema, { id: DOCUMENT_ID })).toEqual([
      ["notes", "Change the notes or the terms."],
    ]);
  });
});

describe("listSalesDocumentsInputSchema", () => {
  it("fills the defaults", () => {
    expect(listSalesDocumentsInputSchema.parse({})).toEqual({
      page: 1,
      pageSize: 25,
      archived: "active",
      deleted: "hidden",
      overdueOnly: false,
      sortBy: "createdAt",
      sortDirection: "desc",
    });
  });

  it("takes one status or several, always as a list", () => {
    expect(listSalesDocumentsInputSchema.parse({ status: "paid" }).status).toEqual(["paid"]);
    expect(
      listSalesDocumentsInputSchema.parse({ status: ["sent", "partial", "sent"] }).status,
    ).toEqual(["sent", "partial"]);
    expect(issuesOf(listSalesDocumentsInputSchema, { status: "settled" })).toEqual([
      ["status", "Choose a valid status."],
    ]);
    expect(
      issuesOf(listSalesDocumentsInputSchema, { type: "quote", status: ["sent", "paid"] }),
    ).toEqual([["status", 'A quote is never "paid".']]);
    expect(
      issuesOf(listSalesDocumentsInputSchema, { type: "order_confirmation", status: "paid" }),
    ).toEqual([["status", 'An order confirmation is never "paid".']]);
  });

  it("refuses a date range that ends before it starts", () => {
    expect(
      issuesOf(listSalesDocumentsInputSchema, { dateFrom: "2026-03-10", dateTo: "2026-03-09" }),
    ).toEqual([["dateTo", "The end date cannot be before the start date."]]);
    expect(
      listSalesDocumentsInputSchema.parse({ dateFrom: "2026-03-10", dateTo: "2026-03-10" }),
    ).toMatchObject({ dateFrom: "2026-03-10", dateTo: "2026-03-10" });
  });

  it("trims the search and drops an empty one, and checks sorting and page size", () => {
    expect(listSalesDocumentsInputSchema.parse({ search: "  RE-2026 " }).search).toBe("RE-2026");
    expect(listSalesDocumentsInputSchema.parse({ search: "   " }).search).toBeUndefined();
    expect(issuesOf(listSalesDocumentsInputSchema, { sortBy: "amount" })).toHaveLength(1);
    expect(
      listSalesDocumentsInputSchema.parse({ sortBy: "customerName", sortDirection: "asc" }),
    ).toMatchObject({
      sortBy: "customerName",
      sortDirection: "asc",
    });
    expect(issuesOf(listSalesDocumentsInputSchema, { pageSize: 501 })).toEqual([
      ["pageSize", "At most 500 rows per page."],
    ]);
  });
});

describe("status updates", () => {
  it("takes 1 to 500 ids, each once", () => {
    expect(
      bulkUpdateSalesDocumentStatusInputSchema.parse({
        ids: [DOCUMENT_ID, DOCUMENT_ID],
        status: "sent",
      }),
    ).toEqual({ ids: [DOCUMENT_ID], status: "sent", reason: null });
    expect(issuesOf(bulkUpdateSalesDocumentStatusInputSchema, { ids: [], status: "sent" })).toEqual(
      [["ids", "Choose at least one document."]],
    );
    expect(
      issuesOf(bulkUpdateSalesDocumentStatusInputSchema, {
        ids: Array(501).fill(DOCUMENT_ID),
        status: "sent",
      }),
    ).toEqual([["ids", "At most 500 documents at once."]]);
    expect(
      issuesOf(bulkUpdateSalesDocumentStatusInputSchema, { ids: ["42"], status: "sent" }),
    ).toEqual([["ids.0", "Must be a valid id."]]);
  });

  it("takes a single status with an optional reason", () => {
    expect(
      updateSalesDocumentStatusInputSchema.parse({
        id: DOCUMENT_ID,
        status: "cancelled",
        reason: " wrong customer ",
      }),
    ).toEqual({ id: DOCUMENT_ID, status: "cancelled", reason: "wrong customer" });
    expect(
      issuesOf(updateSalesDocumentStatusInputSchema, { id: DOCUMENT_ID, status: "archived" }),
    ).toEqual([["status", "Choose a valid status."]]);
  });
});

describe("paymentInputSchema", () => {
  const payment = { amount: "120.5", paymentDate: "2026-03-31", method: "bank_transfer" };

  it("normalises the amount to cents", () => {
    expect(paymentInputSchema.parse(payment)).toEqual({
      amount: "120.50",
      paymentDate: "2026-03-31",
      method: "bank_transfer",
      reference: null,
      note: null,
    });
  });

  it("refuses 0, negative amounts and fractions of a cent", () => {
    expect(issuesOf(paymentInputSchema, { ...payment, amount: "0" })).toEqual([
      ["amount", "The amount must be more than 0."],
    ]);
    expect(issuesOf(paymentInputSchema, { ...payment, amount: "-10.00" })).toEqual([
      ["amount", "The amount must be more than 0."],
    ]);
    expect(issuesOf(paymentInputSchema, { ...payment, amount: "12.345" })).toEqual([
      ["amount", "At most 2 decimal places."],
    ]);
    expect(issuesOf(paymentInputSchema, { ...payment, amount: 12.5 })).toEqual([
      ["amount", "Enter an amount such as 120.00."],
    ]);
  });

  it("checks the method and the reference's SEPA length", () => {
    expect(issuesOf(paymentInputSchema, { ...payment, method: "cheque" })).toEqual([
      ["method", "Choose a payment method."],
    ]);
    expect(issuesOf(paymentInputSchema, { ...payment, reference: "x".repeat(141) })).toEqual([
      ["reference", "At most 140 characters."],
    ]);
    expect(
      paymentInputSchema.parse({ ...payment, reference: "x".repeat(140) }).reference,
    ).toHaveLength(140);
  });

  it("refuses a payment date after today with the form's schema", () => {
    const schema = paymentInputSchemaAsOf("2026-03-31");
    expect(schema.parse(payment).paymentDate).toBe("2026-03-31");
    expect(issuesOf(schema, { ...payment, paymentDate: "2026-04-01" })).toEqual([
      ["paymentDate", "The payment date cannot be in the future."],
    ]);
    expect(issuesOf(schema, { ...payment, amount: "0", paymentDate: "2026-04-01" })).toEqual([
      ["amount", "The amount must be more than 0."],
      ["paymentDate", "The payment date cannot be in the future."],
    ]);
    // The static schema leaves that to the service (assertPaymentDateNotInFuture).
    expect(paymentInputSchema.parse({ ...payment, paymentDate: "2026-04-01" }).paymentDate).toBe(
      "2026-04-01",
    );
  });
});

describe("createCreditNoteInputSchema", () => {
  it("credits all lines", () => {
    expect(createCreditNoteInputSchema.parse({ invoiceId: DOCUMENT_ID, lines: "all" })).toEqual({
      invoiceId: DOCUMENT_ID,
      lines: "all",
      goodwillLines: [],
      reason: null,
    });
  });

  it("credits chosen lines with positive quantities, each line once", () => {
    expect(
      createCreditNoteInputSchema.parse({
        invoiceId: DOCUMENT_ID,
        lines: [{ sourceLineItemId: LINE_ID, quantity: "1" }],
        reason: "One page not delivered",
      }).lines,
    ).toEqual([{ sourceLineItemId: LINE_ID, quantity: "1.000" }]);
    expect(
      issuesOf(createCreditNoteInputSchema, {
        invoiceId: DOCUMENT_ID,
        lines: [{ sourceLineItemId: LINE_ID, quantity: "-1" }],
      }),
    ).toEqual([["lines.0.quantity", "The quantity to credit must be more than 0."]]);
    expect(
      issuesOf(createCreditNoteInputSchema, {
        invoiceId: DOCUMENT_ID,
        lines: [
          { sourceLineItemId: LINE_ID, quantity: "1" },
          { sourceLineItemId: LINE_ID, quantity: "2" },
        ],
      }),
    ).toEqual([
      ["lines.1.sourceLineItemId", "Each invoice line can be credited once per credit note."],
    ]);
  });

  it("takes goodwill lines alone, and needs something to credit", () => {
    expect(
      createCreditNoteInputSchema.parse({
        invoiceId: DOCUMENT_ID,
        goodwillLines: [{ description: "Goodwill", quantity: "1", unitPrice: "50", taxRate: "19" }],
      }).goodwillLines,
    ).toHaveLength(1);
    expect(issuesOf(createCreditNoteInputSchema, { invoiceId: DOCUMENT_ID })).toEqual([
      ["lines", "Choose at least one line to credit or add a goodwill line."],
    ]);
    expect(
      issuesOf(createCreditNoteInputSchema, {
        invoiceId: DOCUMENT_ID,
        goodwillLines: [
          { description: "Goodwill", quantity: "-1", unitPrice: "50", taxRate: "19" },
        ],
      }),
    ).toEqual([["goodwillLines.0.quantity", "The quantity to credit must be more than 0."]]);
  });
});

describe("cancelSalesDocumentInputSchema", () => {
  it("requires a reason of at most 500 characters", () => {
    expect(
      cancelSalesDocumentInputSchema.parse({ id: DOCUMENT_ID, reason: " Wrong customer " }).reason,
    ).toBe("Wrong customer");
    expect(issuesOf(cancelSalesDocumentInputSchema, { id: DOCUMENT_ID, reason: " " })).toEqual([
      ["reason", "A reason is required."],
    ]);
    expect(
      issuesOf(cancelSalesDocumentInputSchema, { id: DOCUMENT_ID, reason: "x".repeat(501) }),
    ).toEqual([["reason", "At most 500 characters."]]);
  });
});
