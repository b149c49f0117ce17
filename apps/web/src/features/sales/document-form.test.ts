import {
  createSalesDocumentInputSchema,
  dateFieldsOf,
  Decimal,
  SALES_DOCUMENT_TYPES,
} from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import {
  createInputOf,
  dateInputText,
  documentValuesOf,
  draftFormSchema,
  draftInputOf,
  newDocumentValues,
} from "./document-form.ts";

const CUSTOMER_ID = "7f1c9a8e-3b2d-4c5e-9f6a-1b2c3d4e5f60";
const LINE_ID = "0c4f2d1b-6e5a-4f8b-8c9d-4e5f6a7b8c93";

const filled = () => {
  const values = newDocumentValues({ defaultTaxRate: "19", customerId: CUSTOMER_ID });
  values.lines = [
    { ...values.lines[0]!, description: "Translation", quantity: "2", unitPrice: "85" },
  ];
  return values;
};

const issuesOf = (type: Parameters<typeof draftFormSchema>[0], input: unknown) => {
  const result = draftFormSchema(type).safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
};

describe("the document form", () => {
  it("starts with one line at the company's tax rate", () => {
    const values = newDocumentValues({ defaultTaxRate: "7" });
    expect(values.customerId).toBe("");
    expect(values.lines).toHaveLength(1);
    expect(values.lines[0]).toMatchObject({ quantity: "1", taxRate: "7", discountPercent: "0" });
  });

  it("becomes the API's input: empty choices and dates are null, no currency means the customer's", () => {
    const input = draftInputOf(filled(), "en");
    expect(input).toMatchObject({
      customerId: CUSTOMER_ID,
      projectId: null,
      contactId: null,
      issuedDate: null,
      dueDate: null,
    });
    expect(input).not.toHaveProperty("currency");
    const create = createInputOf("invoice", input);
    expect(createSalesDocumentInputSchema.parse(create)).toMatchObject({
      type: "invoice",
      customerId: CUSTOMER_ID,
      notes: null,
      lines: [{ description: "Translation", quantity: "2.000", unitPrice: "85.0000" }],
    });
  });

  it("reports what the API would, under the same paths (lines.0.quantity)", () => {
    const values = filled();
    values.customerId = "";
    values.dueDate = "2026-01-01";
    values.issuedDate = "2026-02-01";
    values.lines[0] = { ...values.lines[0]!, quantity: "0", unitPrice: "x" };
    expect(issuesOf("invoice", draftInputOf(values, "en"))).toEqual(
      expect.arrayContaining([
        ["customerId", "Choose a customer or a project."],
        ["dueDate", "The due date cannot be before the issued date."],
        ["lines.0.quantity", "The quantity cannot be 0."],
        ["lines.0.unitPrice", "Enter a price such as 85.00."],
      ]),
    );
    expect(issuesOf("invoice", draftInputOf({ ...filled(), lines: [] }, "en"))).toEqual([
      ["lines", "Add at least one line."],
    ]);
  });

  it("applies the type's rules: positive quantities, negative on credit notes, dates per type", () => {
    const negative = filled();
    negative.lines[0] = { ...negative.lines[0]!, quantity: "-2" };
    expect(issuesOf("quote", draftInputOf(negative, "en"))).toEqual([
      ["lines.0.quantity", "The quantity must be more than 0."],
    ]);
    // An invoice may deduct (a final invoice's deduction lines), but never below 0 in all.
    expect(issuesOf("invoice", draftInputOf(negative, "en"))).toEqual([
      [
        "lines",
        "The lines of an invoice cannot total less than 0: deduct at most what it charges.",
      ],
    ]);
    expect(issuesOf("credit_note", draftInputOf(negative, "en"))).toEqual([]);
    expect(issuesOf("quote", draftInputOf({ ...filled(), dueDate: "2026-03-01" }, "en"))).toEqual([
      ["dueDate", "Only invoices, sales orders and pro forma have a due date."],
    ]);
    // The form shows a date field exactly where the domain lets the draft keep a value in it.
    for (const type of SALES_DOCUMENT_TYPES) {
      const dated = draftInputOf(
        { ...filled(), dueDate: "2026-03-01", validUntil: "2026-03-01" },
        "en",
      );
      const refused = issuesOf(type, dated).map(([path]) => path);
      expect(refused.includes("dueDate"), type).toBe(!dateFieldsOf(type).dueDate);
      expect(refused.includes("validUntil"), type).toBe(!dateFieldsOf(type).validUntil);
    }
  });

  it("reads a stored draft back into the inputs", () => {
    const values = documentValuesOf(
      {
        customerId: CUSTOMER_ID,
        projectId: null,
        contactId: null,
        currency: "CHF",
        issuedDate: "2026-03-02",
        dueDate: new Date("2026-03-16T00:00:00.000Z"),
        validUntil: null,
        servicePeriodStart: null,
        servicePeriodEnd: null,
        notes: null,
        terms: "Net 14 days",
        lineOrder: "language",
        // The API lists lines in the document's order (here by language): the form edits them
        // as entered.
        lineItems: [
          {
            id: "b7a1c2d3-0000-4000-8000-000000000002",
            position: 2,
            description: "Formatting",
            quantity: new Decimal("1.000"),
            unit: null,
            unitPrice: new Decimal("30.0000"),
            taxRate: new Decimal("7.00"),
            discountPercent: new Decimal("0.00"),
            itemType: "additional_item",
            sourceLanguage: null,
            targetLanguage: null,
          },
          {
            id: LINE_ID,
            position: 1,
            description: "Review",
            quantity: new Decimal("1.500"),
            unit: "h",
            unitPrice: new Decimal("90.0000"),
            taxRate: new Decimal("19.00"),
            discountPercent: new Decimal("0.00"),
            itemType: "language_pair",
            sourceLanguage: "en",
            targetLanguage: "de-AT",
          },
        ],
      },
      "en",
    );
    expect(values).toMatchObject({
      currency: "CHF",
      projectId: "",
      issuedDate: "2026-03-02",
      dueDate: "2026-03-16",
      notes: "",
      terms: "Net 14 days",
    });
    expect(values.lines[0]).toMatchObject({
      id: LINE_ID,
      quantity: "1.5",
      unitPrice: "90.00",
      itemType: "language_pair",
      sourceLanguage: "en",
      targetLanguage: "de-AT",
    });
    expect(values.lines.map((line) => line.description)).toEqual(["Review", "Formatting"]);
    expect(draftInputOf(values, "en")).toMatchObject({
      currency: "CHF",
      lineOrder: "language",
      lines: [
        { id: LINE_ID, itemType: "language_pair", sourceLanguage: "en", targetLanguage: "de-AT" },
        { itemType: "additional_item" },
      ],
    });
    expect(dateInputText(null)).toBe("");
  });
});
