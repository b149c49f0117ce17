import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { Decimal } from "../money.ts";
import { MAX_PAGE_SIZE } from "./common.ts";
import {
  EXPENSE_CATEGORIES,
  expenseAmountSchema,
  createExpenseInputSchema,
  getExpenseKpisInputSchema,
  isReceiptMimeType,
  listExpensesInputSchema,
  matchesMagicBytes,
  sanitizeReceiptFileName,
} from "./expenses.ts";

function issuesOf(schema: z.ZodType, input: unknown): [string, string][] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
}

const PROJECT_ID = "7f1c9a8e-3b2d-4c5e-9f6a-1b2c3d4e5f60";
const valid = { title: "Train to Hamburg", category: "travel", amount: "89.90" };

describe("createExpenseInputSchema", () => {
  it("trims, fills defaults and leaves currency and date to the use case", () => {
    expect(
      createExpenseInputSchema.parse({ ...valid, title: "  Train to Hamburg ", description: "" }),
    ).toEqual({
      title: "Train to Hamburg",
      category: "travel",
      amount: "89.90",
      taxRate: undefined,
      currency: undefined,
      expenseDate: null,
      description: null,
      note: null,
      isBillable: false,
      projectId: null,
    });
  });

  it("takes every field a form sends", () => {
    expect(
      createExpenseInputSchema.parse({
        ...valid,
        taxRate: "8.1",
        currency: " chf ",
        expenseDate: "2026-03-01",
        description: "Return ticket",
        note: "BahnCard 50",
        isBillable: true,
        projectId: PROJECT_ID,
      }),
    ).toMatchObject({
      taxRate: "8.10",
      currency: "CHF",
      expenseDate: "2026-03-01",
      isBillable: true,
      projectId: PROJECT_ID,
    });
  });

  it("takes each of its categories and refuses others", () => {
    for (const category of EXPENSE_CATEGORIES) {
      expect(issuesOf(createExpenseInputSchema, { ...valid, category }), category).toEqual([]);
    }
    expect(issuesOf(createExpenseInputSchema, { ...valid, category: "food" })).toEqual([
      ["category", "Choose a category."],
    ]);
  });

  it("requires a title of 1 to 200 characters", () => {
    expect(issuesOf(createExpenseInputSchema, { ...valid, title: "  " })).toEqual([
      ["title", "Title is required."],
    ]);
    expect(issuesOf(createExpenseInputSchema, { ...valid, title: "x".repeat(201) })).toEqual([
      ["title", "At most 200 characters."],
    ]);
  });

  it("refuses currencies without cents, malformed dates and ids", () => {
    expect(
      issuesOf(createExpenseInputSchema, {
        ...valid,
        currency: "JPY",
        expenseDate: "01.03.2026",
        projectId: "42",
      }),
    ).toEqual([
      ["currency", "Use an ISO 4217 currency code such as EUR."],
      ["expenseDate", "Use a date (YYYY-MM-DD)."],
      ["projectId", "Must be a valid id."],
    ]);
  });
});

describe("createExpenseInputSchema taxRate", () => {
  it.each([
    ["19", "19.00"],
    [" 7 ", "7.00"],
    ["0", "0.00"],
    ["100", "100.00"],
    ["5.5", "5.50"],
  ])("takes %j as %j", (taxRate, expected) => {
    expect(createExpenseInputSchema.parse({ ...valid, taxRate }).taxRate).toBe(expected);
  });

  it("takes a Decimal", () => {
    expect(createExpenseInputSchema.parse({ ...valid, taxRate: new Decimal("19") }).taxRate).toBe(
      "19.00",
    );
  });

  it.each([
    ["-1", "Cannot be negative."],
    ["100.01", "At most 100 %."],
    ["19.005", "At most 2 decimal places."],
    ["19,5", "Use a point for decimals (12.50, not 12,50)."],
    ["abc", "Enter a rate such as 19 or 7."],
    [19, "Enter a rate such as 19 or 7."],
  ])("refuses %j: %s", (taxRate, message) => {
    expect(issuesOf(createExpenseInputSchema, { ...valid, taxRate })).toEqual([
      ["taxRate", message],
    ]);
  });
});

describe("expenseAmountSchema", () => {
  it.each([
    ["0.01", "0.01"],
    ["12.5", "12.50"],
    [" 7 ", "7.00"],
    ["1.500", "1.50"],
    ["999999999999.99", "999999999999.99"],
  ])("accepts %j as %j", (input, expected) => {
    expect(expenseAmountSchema.parse(input)).toBe(expected);
  });

  it("accepts a Decimal and returns its exact string", () => {
    expect(expenseAmountSchema.parse(new Decimal("0.1").plus("0.2"))).toBe("0.30");
  });

  it.each([
    ["0", "The amount must be greater than 0."],
    ["0.00", "The amount must be greater than 0."],
    ["-5", "The amount must be greater than 0."],
    ["-0.01", "The amount must be greater than 0."],
    ["1.005", "At most 2 decimal places (cents)."],
    ["1000000000000", "At most 999999999999.99."],
    ["12,50", "Use a point for decimals (12.50, not 12,50)."],
    ["1e3", "Enter an amount such as 12.50."],
    ["1e30000000", "Enter an amount such as 12.50."],
    ["9".repeat(400), "This number has too many digits."],
    ["", "Enter an amount such as 12.50."],
    ["abc", "Enter an amount such as 12.50."],
  ])("refuses %j: %s", (input, message) => {
    expect(issuesOf(expenseAmountSchema, input)).toEqual([["", message]]);
  });

  it("refuses a JavaScript number, which cannot carry every cent exactly", () => {
    expect(issuesOf(expenseAmountSchema, 0.1)).toEqual([["", "Enter an amount such as 12.50."]]);
    expect(issuesOf(expenseAmountSchema, 10)).toEqual([["", "Enter an amount such as 12.50."]]);
  });
});

describe("listExpensesInputSchema and getExpenseKpisInputSchema", () => {
  it("defaults to the newest first, 25 a page", () => {
    expect(listExpensesInputSchema.parse({})).toEqual({
      page: 1,
      pageSize: 25,
      sortBy: "expenseDate",
      sortDirection: "desc",
    });
  });

  it("caps the page size at 500 (seed 000's limit)", () => {
    expect(issuesOf(listExpensesInputSchema, { pageSize: MAX_PAGE_SIZE + 1 })).toEqual([
      ["pageSize", "At most 500 rows per page."],
    ]);
  });

  it("takes seed 000's filters and ours", () => {
    const filters = {
      title: " taxi ",
      category: "travel",
      projectId: PROJECT_ID,
      invoiceId: PROJECT_ID,
      fromDate: "2026-01-01",
      toDate: "2026-01-31",
      isBillable: true,
      invoiced: false,
      currency: "eur",
    };
    expect(getExpenseKpisInputSchema.parse(filters)).toEqual({
      ...filters,
      title: "taxi",
      currency: "EUR",
    });
    expect(listExpensesInputSchema.parse(filters)).toMatchObject({
      ...filters,
      title: "taxi",
      currency: "EUR",
    });
  });

  it("accepts a one-day range and refuses one that ends before it starts", () => {
    const oneDay = { fromDate: "2026-01-31", toDate: "2026-01-31" };
    expect(getExpenseKpisInputSchema.parse(oneDay)).toEqual(oneDay);
    for (const schema of [listExpensesInputSchema, getExpenseKpisInputSchema]) {
      expect(issuesOf(schema, { fromDate: "2026-02-01", toDate: "2026-01-31" })).toEqual([
        ["toDate", "The end of the date range cannot be before its start."],
      ]);
    }
  });

  it("reports a malformed date once, without comparing it", () => {
    expect(
      issuesOf(getExpenseKpisInputSchema, { fromDate: "2026-02-01", toDate: "31.01.2026" }),
    ).toEqual([["toDate", "Use a date (YYYY-MM-DD)."]]);
  });
});

describe("receipts", () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);
  const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
  const PDF = ascii("%PDF-1.7\n");
  const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0);
  const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);

  it("allows PDF, PNG and JPEG up to 10 MiB", () => {
    expect(["application/pdf", "image/png", "image/jpeg"].every(isReceiptMimeType)).toBe(true);
    expect(isReceiptMimeType("image/svg+xml")).toBe(false);
    expect(isReceiptMimeType("text/html")).toBe(false);
  });

  it("checks the first bytes against the declared type", () => {
    expect(matchesMagicBytes("application/pdf", PDF)).toBe(true);
    expect(matchesMagicBytes("image/png", PNG)).toBe(true);
    expect(matchesMagicBytes("image/jpeg", JPEG)).toBe(true);
    expect(matchesMagicBytes("application/pdf", PNG)).toBe(false);
    expect(matchesMagicBytes("image/png", JPEG)).toBe(false);
    expect(matchesMagicBytes("image/jpeg", PDF)).toBe(false);
    expect(matchesMagicBytes("application/pdf", ascii("%PD"))).toBe(false);
    expect(matchesMagicBytes("application/pdf", ascii("<html>%PDF-"))).toBe(false);
  });

  it.each([
    ["Rechnung März.pdf", "application/pdf", "Rechnung März.pdf"],
    ["../../etc/passwd", "application/pdf", "passwd.pdf"],
    ["C:\\Users\\jana\\scan.JPG", "image/jpeg", "scan.jpg"],
    ["photo.jpeg", "image/jpeg", "photo.jpeg"],
    ["scan", "image/png", "scan.png"],
    ["invoice.pdf", "image/png", "invoice.pdf.png"],
    ['a"b<c>d|e?f*.pdf', "application/pdf", "abcdef.pdf"],
    ["line\r\nbreak.pdf", "application/pdf", "linebreak.pdf"],
    ["evil\u202Efdp.exe", "application/pdf", "evilfdp.exe.pdf"],
    ["...hidden.pdf", "application/pdf", "hidden.pdf"],
    ["", "application/pdf", "receipt.pdf"],
    [null, "image/jpeg", "receipt.jpg"],
    ["   .pdf", "application/pdf", "receipt.pdf"],
    [".bashrc", "application/pdf", "bashrc.pdf"],
    ["report.pdf...", "application/pdf", "report.pdf.pdf"],
  ] as const)("names %j (%s) %j", (raw, mimeType, expected) => {
    expect(sanitizeReceiptFileName(raw, mimeType)).toBe(expected);
  });

  it("caps a long name at 200 characters and keeps the extension", () => {
    const name = sanitizeReceiptFileName(`${"x".repeat(300)}.pdf`, "application/pdf");
    expect(name).toHaveLength(200);
    expect(name.endsWith("x.pdf")).toBe(true);
  });
});
