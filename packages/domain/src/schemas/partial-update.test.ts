import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { Decimal } from "../money.ts";
import { createExpenseInputSchema, updateExpenseInputSchema } from "./expenses.ts";
import {
  createCustomerInputSchema,
  createProjectInputSchema,
  createSupplierInputSchema,
  updateCustomerInputSchema,
  updateProjectInputSchema,
  updateSupplierInputSchema,
} from "./parties.ts";
import { mergeUpdate, storedValuesOf, updateInputOf, updateSchemaOf } from "./partial-update.ts";
import { draftValuesSchema, updateDraftInputSchema } from "./sales-documents.ts";
import { paymentInputSchema } from "./payments.ts";
import { companySettingsInputSchema, updateCompanySettingsInputSchema } from "./settings.ts";

const ID = "7f1c9a8e-3b2d-4c5e-9f6a-1b2c3d4e5f60";
const OTHER_ID = "8a2d0b9f-4c3e-4d6f-8a7b-2c3d4e5f6a71";

/** The issues as `[path, message]` pairs. */
function issuesOf(schema: z.ZodType, input: unknown): [string, string][] {
  const result = schema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
}

/** Every update procedure's values schema beside the create schema it is built from. */
const UPDATES = {
  customer: [updateCustomerInputSchema.shape.values, createCustomerInputSchema],
  supplier: [updateSupplierInputSchema.shape.values, createSupplierInputSchema],
  project: [updateProjectInputSchema.shape.values, createProjectInputSchema],
  expense: [updateExpenseInputSchema.shape.values, createExpenseInputSchema],
  draft: [updateDraftInputSchema.shape.values, draftValuesSchema],
  payment: [updateInputOf(paymentInputSchema).shape.values, paymentInputSchema],
  settings: [updateCompanySettingsInputSchema, companySettingsInputSchema],
} as const;

describe("updateSchemaOf: the input of every update procedure", () => {
  for (const [entity, [update, create]] of Object.entries(UPDATES)) {
    it(`${entity}: fills no field that was not sent, and each field may be left out`, () => {
      // The root cause of lost data: `.default()` and `.nullish().transform()` filled missing keys.
      expect(update.parse({})).toEqual({});
      expect(Object.keys(update.shape).sort()).toEqual(Object.keys(create.shape).sort());
      for (const [key, field] of Object.entries(update.shape as Record<string, z.ZodType>)) {
        const absent = field.safeParse(undefined);
        expect({ key, absent }).toEqual({ key, absent: { success: true, data: undefined } });
      }
    });

    it(`${entity}: refuses a key the record does not have instead of ignoring it`, () => {
      expect(issuesOf(update, { notAField: 1 })).toEqual([["", 'Unrecognized key: "notAField"']]);
    });
  }

  it("keeps every field's own validation", () => {
    const [customer] = UPDATES.customer;
    expect(issuesOf(customer, { name: "  " })).toEqual([["name", "Name is required."]]);
    expect(issuesOf(customer, { email: "not-an-email" })).toEqual([
      ["email", "Enter a valid email address."],
    ]);
    expect(issuesOf(customer, { paymentTermsDays: 400 })).toEqual([
      ["paymentTermsDays", "At most 365 days."],
    ]);
    expect(issuesOf(UPDATES.supplier[0], { iban: "DE00 1234" })).toEqual([
      ["iban", "This IBAN is not valid (checksum)."],
    ]);
    expect(issuesOf(UPDATES.expense[0], { amount: "0" })).toEqual([
      ["amount", "The amount must be greater than 0."],
    ]);
    expect(issuesOf(UPDATES.payment[0], { method: "cheque" })).toEqual([
      ["method", "Choose a payment method."],
    ]);
    expect(issuesOf(UPDATES.settings[0], { defaultTaxRate: "101" })).toEqual([
      ["defaultTaxRate", "At most 100 %."],
    ]);
  });

  it("normalises what was sent as the create schema does", () => {
    expect(
      UPDATES.customer[0].parse({ email: " Info@Example.DE ", defaultCurrency: "chf" }),
    ).toEqual({ email: "info@example.de", defaultCurrency: "CHF" });
    expect(UPDATES.expense[0].parse({ amount: "12.5", taxRate: "7" })).toEqual({
      amount: "12.50",
      taxRate: "7.00",
    });
  });

  it('clears an optional field with null or "", and refuses to clear a required one', () => {
    const [customer] = UPDATES.customer;
    expect(customer.parse({ legalName: null, phone: "", email: "" })).toEqual({
      legalName: null,
      phone: null,
      email: null,
    });
    expect(UPDATES.project[0].parse({ managerId: null, endDate: null })).toEqual({
      managerId: null,
      endDate: null,
    });
    expect(issuesOf(customer, { name: null })[0]?.[0]).toBe("name");
    expect(issuesOf(customer, { country: null })[0]?.[0]).toBe("country");
    expect(issuesOf(UPDATES.expense[0], { isBillable: null })[0]?.[0]).toBe("isBillable");
  });

  it("makes the items of a list with ids partial, keeping the list's own rules", () => {
    const [customer] = UPDATES.customer;
    expect(customer.parse({ contacts: [{ id: ID, phone: "+49 40 1" }, { name: "New" }] })).toEqual({
      contacts: [{ id: ID, phone: "+49 40 1" }, { name: "New" }],
    });
    expect(
      issuesOf(customer, { contacts: [{ id: ID, isPrimary: true }, { isPrimary: true }] }),
    ).toEqual([["contacts", "Only one primary contact."]]);
    expect(issuesOf(customer, { contacts: [{ id: ID, email: "x" }] })).toEqual([
      ["contacts.0.email", "Enter a valid email address."],
    ]);
    expect(UPDATES.draft[0].parse({ lines: [{ id: ID, quantity: "3" }] })).toEqual({
      lines: [{ id: ID, quantity: "3.000" }],
    });
    expect(issuesOf(UPDATES.draft[0], { lines: [] })).toEqual([
      ["lines", "Add at least one line."],
    ]);
  });

  it("refuses to build an update schema whose field would still fill a missing value", () => {
    const hidden = z.object({ kind: z.string().default("a").pipe(z.string()) });
    expect(() => updateSchemaOf(hidden)).toThrow(/"kind" still fills a missing value/);
  });
});

describe("mergeUpdate: the record after an update meets the create rules", () => {
  const project = {
    id: ID,
    number: 1042,
    name: "Website",
    customerId: ID,
    managerId: null,
    status: "active",
    startDate: new Date("2026-03-01T00:00:00.000Z"),
    endDate: new Date("2026-03-31T00:00:00.000Z"),
    notes: "Phase 1",
    archivedAt: null,
  };

  it("keeps what was not sent and changes what was", () => {
    const changes = UPDATES.project[0].parse({ name: "Website relaunch", notes: "" });
    expect(mergeUpdate(createProjectInputSchema, project, changes)).toEqual({
      name: "Website relaunch",
      customerId: ID,
      managerId: null,
      status: "active",
      startDate: "2026-03-01",
      endDate: "2026-03-31",
      notes: null,
    });
  });

  it("applies the rules across fields to the merged record, whichever field was sent", () => {
    const changes = UPDATES.project[0].parse({ endDate: "2026-02-01" });
    expect(() => mergeUpdate(createProjectInputSchema, project, changes)).toThrow(
      "The end date cannot be before the start date.",
    );
    const expense = {
      title: "Taxi",
      category: "travel",
      amount: new Decimal("19.9"),
      taxRate: new Decimal("7"),
      currency: "EUR",
      expenseDate: new Date("2026-03-02T00:00:00.000Z"),
      description: null,
      note: null,
      isBillable: false,
      projectId: null,
    };
    const billable = UPDATES.expense[0].parse({ isBillable: true });
    expect(() => mergeUpdate(createExpenseInputSchema, expense, billable)).toThrow(
      "A billable expense needs a project",
    );
    expect(mergeUpdate(createExpenseInputSchema, expense, { note: "Receipt lost" })).toMatchObject({
      amount: "19.90",
      taxRate: "7.00",
      expenseDate: "2026-03-02",
      note: "Receipt lost",
    });
  });

  it("merges list items by id, adds new ones, drops the rest, and refuses a foreign id", () => {
    const customer = {
      name: "Hafenkontor",
      country: "DE",
      defaultCurrency: "EUR",
      paymentTermsDays: 14,
      contacts: [
        { id: ID, customerId: ID, name: "Anna", email: "anna@example.de", isPrimary: true },
        { id: OTHER_ID, customerId: ID, name: "Ben", email: null, isPrimary: false },
      ],
    };
    const merged = mergeUpdate(createCustomerInputSchema, customer, {
      contacts: [{ id: ID, phone: "+49 40 1" }, { name: "Cem" }],
    });
    expect(merged.contacts).toEqual([
      {
        id: ID,
        name: "Anna",
        email: "anna@example.de",
        phone: "+49 40 1",
        position: null,
        isPrimary: true,
      },
      { name: "Cem", email: null, phone: null, position: null, isPrimary: false },
    ]);
    expect(mergeUpdate(createCustomerInputSchema, customer, { name: "Neu" }).contacts).toHaveLength(
      2,
    );

    const foreign = "9b3e1c0a-5d4f-4e7a-9b8c-3d4e5f6a7b82";
    let error: unknown;
    try {
      mergeUpdate(
        createCustomerInputSchema,
        customer,
        { contacts: [{ id: foreign, name: "Eve" }] },
        { foreignItem: { contacts: "This contact is not a contact of this customer." } },
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toEqual({
      "contacts.0.id": ["This contact is not a contact of this customer."],
    });
  });

  it("reads stored decimals and calendar dates as the create schema's input", () => {
    expect(
      storedValuesOf(paymentInputSchema, {
        id: ID,
        amount: new Decimal("120"),
        paymentDate: new Date("2026-03-05T00:00:00.000Z"),
        method: "sepa",
        reference: null,
        note: null,
      }),
    ).toEqual({
      amount: "120",
      paymentDate: "2026-03-05",
      method: "sepa",
      reference: null,
      note: null,
    });
  });
});
