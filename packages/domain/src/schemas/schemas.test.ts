import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  changePasswordInputSchema,
  createApiTokenInputSchema,
  createUserInputSchema,
  signInInputSchema,
} from "./access.ts";
import { pageOf } from "./common.ts";
import {
  contactInputSchema,
  currencySchema,
  createCustomerInputSchema,
  languagePairSchema,
  listCustomersInputSchema,
  listProjectsInputSchema,
  listSuppliersInputSchema,
  createProjectInputSchema,
  createSupplierInputSchema,
} from "./parties.ts";
import { companySettingsInputSchema } from "./settings.ts";

/** The issues a schema reports for an input, as `[path, message]` pairs a test can compare exactly. */
function issuesOf(schema: z.ZodType, input: unknown): [string, string][] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
}

const CUSTOMER_ID = "7f1c9a8e-3b2d-4c5e-9f6a-1b2c3d4e5f60";
const VALID_IBAN = "DE89370400440532013000";

describe("createCustomerInputSchema", () => {
  it("trims text, turns empty strings into null and fills the defaults", () => {
    expect(
      createCustomerInputSchema.parse({
        name: "  Acme GmbH  ",
        legalName: "",
        phone: "   ",
        city: " Berlin ",
        notes: "  pays late  ",
      }),
    ).toEqual({
      name: "Acme GmbH",
      legalName: null,
      email: null,
      phone: null,
      website: null,
      street: null,
      postalCode: null,
      city: "Berlin",
      country: "DE",
      vatId: null,
      defaultCurrency: "EUR",
      paymentTermsDays: 14,
      buyerReference: null,
      electronicAddress: null,
      notes: "pays late",
      contacts: [],
    });
  });

  it("requires a name that is more than spaces, and caps its length", () => {
    expect(issuesOf(createCustomerInputSchema, { name: "   " })).toEqual([
      ["name", "Name is required."],
    ]);
    expect(issuesOf(createCustomerInputSchema, { name: "x".repeat(201) })).toEqual([
      ["name", "At most 200 characters."],
    ]);
    expect(createCustomerInputSchema.parse({ name: "x".repeat(200) }).name).toHaveLength(200);
  });

  it("trims and lowercases the email, and turns an empty one into null", () => {
    expect(
      createCustomerInputSchema.parse({ name: "A", email: "  Billing@Example.COM " }).email,
    ).toBe("billing@example.com");
    expect(createCustomerInputSchema.parse({ name: "A", email: "" }).email).toBeNull();
    expect(createCustomerInputSchema.parse({ name: "A", email: null }).email).toBeNull();
  });

  it("refuses an invalid email with a message a form can show", () => {
    expect(
      issuesOf(createCustomerInputSchema, { name: "A", email: "billing.example.com" }),
    ).toEqual([["email", "Enter a valid email address."]]);
  });

  it("accepts payment terms from 0 to 365 whole days", () => {
    expect(
      createCustomerInputSchema.parse({ name: "A", paymentTermsDays: 0 }).paymentTermsDays,
    ).toBe(0);
    expect(
      createCustomerInputSchema.parse({ name: "A", paymentTermsDays: 365 }).paymentTermsDays,
    ).toBe(365);
    expect(issuesOf(createCustomerInputSchema, { name: "A", paymentTermsDays: -1 })).toEqual([
      ["paymentTermsDays", "Cannot be negative."],
    ]);
    expect(issuesOf(createCustomerInputSchema, { name: "A", paymentTermsDays: 366 })).toEqual([
      ["paymentTermsDays", "At most 365 days."],
    ]);
    expect(issuesOf(createCustomerInputSchema, { name: "A", paymentTermsDays: 1.5 })).toEqual([
      ["paymentTermsDays", "Whole days only."],
    ]);
    expect(issuesOf(createCustomerInputSchema, { name: "A", paymentTermsDays: "14" })).toEqual([
      ["paymentTermsDays", "Enter a number of days."],
    ]);
  });

  it("upper-cases a two-letter country code and refuses anything else", () => {
    expect(createCustomerInputSchema.parse({ name: "A", country: " at " }).country).toBe("AT");
    for (const country of ["DEU", "D", "D1", ""]) {
      expect(issuesOf(createCustomerInputSchema, { name: "A", country }), country).toEqual([
        ["country", "Use a two-letter country code such as DE."],
      ]);
    }
  });

  it("accepts a contact list with at most one primary contact", () => {
    const values = createCustomerInputSchema.parse({
      name: "A",
      contacts: [
        { name: " Jana ", email: "Jana@Example.com", isPrimary: true },
        { name: "Tom", phone: "" },
      ],
    });
    expect(values.contacts).toEqual([
      { name: "Jana", email: "jana@example.com", phone: null, position: null, isPrimary: true },
      { name: "Tom", email: null, phone: null, position: null, isPrimary: false },
    ]);
  });

  it("refuses two primary contacts on the contacts field", () => {
    expect(
      issuesOf(createCustomerInputSchema, {
        name: "A",
        contacts: [
          { name: "Jana", isPrimary: true },
          { name: "Tom", isPrimary: true },
        ],
      }),
    ).toEqual([["contacts", "Only one primary contact."]]);
  });

  it("reports a contact's own errors on its position in the list", () => {
    expect(
      issuesOf(createCustomerInputSchema, {
        name: "A",
        contacts: [{ name: "Jana" }, { name: " " }],
      }),
    ).toEqual([["contacts.1.name", "Name is required."]]);
    expect(issuesOf(contactInputSchema, { name: "Jana", email: "jana@" })).toEqual([
      ["email", "Enter a valid email address."],
    ]);
  });
});

describe("currencySchema", () => {
  it("accepts ISO 4217 codes with cents, upper-cased", () => {
    expect(currencySchema.parse("EUR")).toBe("EUR");
    expect(currencySchema.parse(" usd ")).toBe("USD");
    expect(currencySchema.parse("chf")).toBe("CHF");
  });

  it.each([
    ["JPY", "has no minor unit"],
    ["KWD", "has three decimals"],
    ["XYZ", "is no ISO 4217 code"],
    ["EURO", "is not three letters"],
  ])("refuses %s, which %s", (code) => {
    expect(issuesOf(currencySchema, code)).toEqual([
      ["", "Use an ISO 4217 currency code such as EUR."],
    ]);
  });

  it("is what customers default to and validate", () => {
    expect(
      createCustomerInputSchema.parse({ name: "A", defaultCurrency: "gbp" }).defaultCurrency,
    ).toBe("GBP");
    expect(issuesOf(createCustomerInputSchema, { name: "A", defaultCurrency: "JPY" })).toEqual([
      ["defaultCurrency", "Use an ISO 4217 currency code such as EUR."],
    ]);
  });
});

describe("createSupplierInputSchema", () => {
  it("fills the defaults", () => {
    expect(createSupplierInputSchema.parse({ name: " Lena Vogel " })).toEqual({
      name: "Lena Vogel",
      kind: "freelancer",
      email: null,
      phone: null,
      street: null,
      postalCode: null,
      city: null,
      country: "DE",
      taxId: null,
      iban: null,
      bic: null,
      defaultCurrency: "EUR",
      languagePairs: [],
      notes: null,
    });
  });

  it("accepts the two supplier kinds only", () => {
    expect(createSupplierInputSchema.parse({ name: "A", kind: "agency" }).kind).toBe("agency");
    expect(
      issuesOf(createSupplierInputSchema, { name: "A", kind: "company" }).map(([path]) => path),
    ).toEqual(["kind"]);
  });

  it("normalises the IBAN: no spaces, upper case", () => {
    expect(
      createSupplierInputSchema.parse({ name: "A", iban: " de89 3704 0044 0532 0130 00 " }).iban,
    ).toBe(VALID_IBAN);
    expect(createSupplierInputSchema.parse({ name: "A", iban: "" }).iban).toBeNull();
  });

  it("refuses an IBAN with a wrong checksum", () => {
    expect(
      issuesOf(createSupplierInputSchema, { name: "A", iban: "DE89 3704 0044 0532 0130 01" }),
    ).toEqual([["iban", "This IBAN is not valid (checksum)."]]);
  });

  it("normalises a BIC of 8 or 11 characters, with or without spaces", () => {
    expect(createSupplierInputSchema.parse({ name: "A", bic: "cobadeff" }).bic).toBe("COBADEFF");
    expect(createSupplierInputSchema.parse({ name: "A", bic: "COBADEFFXXX" }).bic).toBe(
      "COBADEFFXXX",
    );
    expect(createSupplierInputSchema.parse({ name: "A", bic: "coba de ff xxx" }).bic).toBe(
      "COBADEFFXXX",
    );
    expect(createSupplierInputSchema.parse({ name: "A", bic: "" }).bic).toBeNull();
  });

  it.each(["COBADE", "COBADEFFX", "COBADEFFXX", "12BADEFF"])("refuses the BIC %s", (bic) => {
    expect(issuesOf(createSupplierInputSchema, { name: "A", bic })).toEqual([
      ["bic", "A BIC has 8 or 11 letters and digits."],
    ]);
  });

  it("lowercases language pairs and accepts regional tags", () => {
    expect(
      createSupplierInputSchema.parse({
        name: "A",
        languagePairs: ["EN>DE", " en>pt-br ", "de-CH>fr"],
      }).languagePairs,
    ).toEqual(["en>de", "en>pt-br", "de-ch>fr"]);
  });

  it.each(["english", "en-de", "en>", ">de", "en>de>fr", "e>de"])(
    "refuses the language pair %s",
    (pair) => {
      expect(issuesOf(languagePairSchema, pair)).toEqual([["", 'Write a pair as "en>de".']]);
    },
  );

  it("reports a bad language pair on its position in the list", () => {
    expect(
      issuesOf(createSupplierInputSchema, { name: "A", languagePairs: ["en>de", "english"] }),
    ).toEqual([["languagePairs.1", 'Write a pair as "en>de".']]);
  });
});

describe("createProjectInputSchema", () => {
  it("fills the defaults", () => {
    expect(
      createProjectInputSchema.parse({ name: " Website relaunch ", customerId: CUSTOMER_ID }),
    ).toEqual({
      name: "Website relaunch",
      customerId: CUSTOMER_ID,
      managerId: null,
      status: "active",
      startDate: null,
      endDate: null,
      notes: null,
    });
  });

  it("refuses an end date before the start date, on the endDate field", () => {
    expect(
      issuesOf(createProjectInputSchema, {
        name: "P",
        customerId: CUSTOMER_ID,
        startDate: "2025-03-10",
        endDate: "2025-03-09",
      }),
    ).toEqual([["endDate", "The end date cannot be before the start date."]]);
  });

  it("accepts a project that ends on its start day, or has only one of the dates", () => {
    const sameDay = {
      name: "P",
      customerId: CUSTOMER_ID,
      startDate: "2025-03-10",
      endDate: "2025-03-10",
    };
    expect(createProjectInputSchema.parse(sameDay)).toMatchObject({
      startDate: "2025-03-10",
      endDate: "2025-03-10",
    });
    expect(
      createProjectInputSchema.parse({ name: "P", customerId: CUSTOMER_ID, endDate: "2025-03-09" })
        .endDate,
    ).toBe("2025-03-09");
    expect(
      createProjectInputSchema.parse({
        name: "P",
        customerId: CUSTOMER_ID,
        startDate: "2025-03-10",
      }).startDate,
    ).toBe("2025-03-10");
  });

  it("refuses an id that is not a UUID and a date that is not YYYY-MM-DD", () => {
    expect(
      issuesOf(createProjectInputSchema, { name: "P", customerId: "42", startDate: "10.03.2025" }),
    ).toEqual([
      ["customerId", "Must be a valid id."],
      ["startDate", "Use a date (YYYY-MM-DD)."],
    ]);
  });
});

describe("list schemas", () => {
  it("default to the first page of 25 active rows", () => {
    expect(listCustomersInputSchema.parse({})).toEqual({
      page: 1,
      pageSize: 25,
      archived: "active",
      sortBy: "name",
      sortDirection: "asc",
    });
    expect(listSuppliersInputSchema.parse({})).toEqual({
      page: 1,
      pageSize: 25,
      archived: "active",
      sortBy: "name",
      sortDirection: "asc",
    });
    expect(listProjectsInputSchema.parse({})).toEqual({
      page: 1,
      pageSize: 25,
      archived: "active",
      sortBy: "number",
      sortDirection: "desc",
    });
  });

  it("allows at most 500 rows per page", () => {
    expect(listCustomersInputSchema.parse({ pageSize: 500 }).pageSize).toBe(500);
    expect(issuesOf(listCustomersInputSchema, { pageSize: 501 })).toEqual([
      ["pageSize", "At most 500 rows per page."],
    ]);
    expect(issuesOf(listProjectsInputSchema, { pageSize: 501 })).toEqual([
      ["pageSize", "At most 500 rows per page."],
    ]);
  });

  it("refuses page 0, page size 0 and an unknown archive filter", () => {
    expect(
      issuesOf(listSuppliersInputSchema, { page: 0, pageSize: 0, archived: "deleted" }).map(
        ([path]) => path,
      ),
    ).toEqual(["page", "pageSize", "archived"]);
  });

  it("normalises the filters like the inputs they filter", () => {
    expect(
      listSuppliersInputSchema.parse({ languagePair: "EN>DE", search: "  vogel " }),
    ).toMatchObject({
      languagePair: "en>de",
      search: "vogel",
    });
    expect(listCustomersInputSchema.parse({ country: "ch" }).country).toBe("CH");
  });
});

describe("pageOf", () => {
  it("counts the pages, and never fewer than one", () => {
    expect(pageOf([], 0, 1, 25).pages).toBe(1);
    expect(pageOf([], 50, 1, 25).pages).toBe(2);
    expect(pageOf([], 51, 1, 25).pages).toBe(3);
    expect(pageOf(["a"], 1, 1, 25)).toEqual({
      items: ["a"],
      total: 1,
      page: 1,
      pageSize: 25,
      pages: 1,
    });
  });
});

describe("user and access schemas", () => {
  const user = {
    email: " Jana@Example.COM ",
    name: " Jana ",
    role: "finance",
    password: "correct horse",
  };

  it("normalises a new user's email and name", () => {
    expect(createUserInputSchema.parse(user)).toEqual({
      email: "jana@example.com",
      name: "Jana",
      role: "finance",
      password: "correct horse",
    });
  });

  it("requires a password of 12 to 256 characters", () => {
    expect(createUserInputSchema.parse({ ...user, password: "x".repeat(12) }).password).toBe(
      "x".repeat(12),
    );
    expect(issuesOf(createUserInputSchema, { ...user, password: "x".repeat(11) })).toEqual([
      ["password", "At least 12 characters."],
    ]);
    expect(issuesOf(createUserInputSchema, { ...user, password: "x".repeat(257) })).toEqual([
      ["password", "At most 256 characters."],
    ]);
    expect(
      issuesOf(changePasswordInputSchema, { currentPassword: "old", newPassword: "short" }),
    ).toEqual([["newPassword", "At least 12 characters."]]);
  });

  it("refuses an unknown role and an invalid email", () => {
    expect(
      issuesOf(createUserInputSchema, { ...user, role: "owner", email: "jana" }).map(
        ([path]) => path,
      ),
    ).toEqual(["email", "role"]);
  });

  it("checks a sign-in password of any length against the hash, but not an empty one", () => {
    expect(signInInputSchema.parse({ email: " A@B.DE ", password: "short" })).toEqual({
      email: "a@b.de",
      password: "short",
    });
    expect(issuesOf(signInInputSchema, { email: "a@b.de", password: "" })).toEqual([
      ["password", "Enter your password."],
    ]);
  });

  it("gives an API token no expiry and no note unless asked", () => {
    expect(
      createApiTokenInputSchema.parse({ name: " CI ", role: "team_member", note: "" }),
    ).toEqual({
      name: "CI",
      role: "team_member",
      expiresInDays: null,
      note: null,
    });
    expect(
      createApiTokenInputSchema.parse({ name: "CI", role: "admin", expiresInDays: 30 })
        .expiresInDays,
    ).toBe(30);
    expect(
      issuesOf(createApiTokenInputSchema, { name: "CI", role: "admin", expiresInDays: 0 }).map(
        ([path]) => path,
      ),
    ).toEqual(["expiresInDays"]);
  });
});

describe("companySettingsInputSchema", () => {
  it("fills the defaults", () => {
    expect(companySettingsInputSchema.parse({ legalName: " Ledgerline Demo GmbH " })).toEqual({
      legalName: "Ledgerline Demo GmbH",
      street: null,
      postalCode: null,
      city: null,
      country: "DE",
      email: null,
      phone: null,
      website: null,
      vatId: null,
      taxNumber: null,
      bankName: null,
      iban: null,
      bic: null,
      defaultCurrency: "EUR",
      defaultPaymentTermsDays: 14,
      quoteValidityDays: 14,
      defaultTaxRate: "19",
      defaultLocale: "de",
      invoiceApprovalPolicy: "never",
      invoiceApprovalThreshold: null,
      purchaseOrderAutoApprovalThreshold: null,
      purchaseOrderAutoApprovalThresholds: {},
      numberPrefixes: {},
      documentFooter: null,
      defaultDocumentTerms: null,
      pdfFileNamePrefix: null,
      contactName: null,
      electronicAddress: null,
      smallBusiness: false,
    });
  });

  it("normalises the bank details and refuses a bad IBAN", () => {
    expect(
      companySettingsInputSchema.parse({
        legalName: "X",
        iban: "de89 3704 0044 0532 0130 00",
        bic: "coba de ff xxx",
      }),
    ).toMatchObject({ iban: VALID_IBAN, bic: "COBADEFFXXX" });
    expect(
      issuesOf(companySettingsInputSchema, { legalName: "X", iban: "DE88 3704 0044 0532 0130 00" }),
    ).toEqual([["iban", "This IBAN is not valid (checksum)."]]);
  });

  it("upper-cases number prefixes and refuses anything but 1 to 6 letters", () => {
    expect(
      companySettingsInputSchema.parse({ legalName: "X", numberPrefixes: { invoice: " re " } })
        .numberPrefixes,
    ).toEqual({
      invoice: "RE",
    });
    expect(
      issuesOf(companySettingsInputSchema, { legalName: "X", numberPrefixes: { quote: "AN1" } }),
    ).toEqual([["numberPrefixes.quote", "1 to 6 letters, such as RE."]]);
    expect(
      issuesOf(companySettingsInputSchema, {
        legalName: "X",
        numberPrefixes: { receipt: "RC" },
      }).map(([path]) => path),
    ).toEqual(["numberPrefixes"]);
  });

  it("accepts a tax rate up to 100 % with at most two decimals", () => {
    expect(
      companySettingsInputSchema.parse({ legalName: "X", defaultTaxRate: "7.5" }).defaultTaxRate,
    ).toBe("7.50");
    expect(
      companySettingsInputSchema.parse({ legalName: "X", defaultTaxRate: "100" }).defaultTaxRate,
    ).toBe("100.00");
    expect(
      issuesOf(companySettingsInputSchema, { legalName: "X", defaultTaxRate: "100.01" }),
    ).toEqual([["defaultTaxRate", "At most 100 %."]]);
    expect(
      issuesOf(companySettingsInputSchema, { legalName: "X", defaultTaxRate: "7.125" }),
    ).toContainEqual(["defaultTaxRate", "A rate such as 19 or 7.5."]);
  });

  it("takes thresholds as decimal strings with at most two decimals", () => {
    expect(
      companySettingsInputSchema.parse({
        legalName: "X",
        invoiceApprovalThreshold: " 5000.00 ",
        purchaseOrderAutoApprovalThreshold: "250",
      }),
    ).toMatchObject({
      invoiceApprovalThreshold: "5000.00",
      purchaseOrderAutoApprovalThreshold: "250.00",
    });
    expect(
      issuesOf(companySettingsInputSchema, {
        legalName: "X",
        invoiceApprovalThreshold: "5000.001",
      }),
    ).toEqual([["invoiceApprovalThreshold", "An amount such as 5000.00."]]);
  });
});

describe("one error per mistake", () => {
  const issuesOf = (result: {
    success: boolean;
    error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
  }) => (result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]);

  it("reports a malformed project date once, on its own field", () => {
    const result = createProjectInputSchema.safeParse({
      name: "P",
      customerId: "00000000-0000-4000-8000-000000000000",
      startDate: "01.05.2026",
      endDate: "2026-04-01",
    });
    expect(issuesOf(result)).toEqual([["startDate", "Use a date (YYYY-MM-DD)."]]);
  });

  it("reports a tax rate with a comma once", () => {
    const result = companySettingsInputSchema.safeParse({ legalName: "X", defaultTaxRate: "19,5" });
    expect(issuesOf(result)).toEqual([
      ["defaultTaxRate", "Use a point for decimals (12.50, not 12,50)."],
    ]);
  });

  it("treats an empty approval threshold as not set", () => {
    const parsed = companySettingsInputSchema.parse({
      legalName: "X",
      invoiceApprovalThreshold: "",
      purchaseOrderAutoApprovalThreshold: " 500.00 ",
    });
    expect(parsed.invoiceApprovalThreshold).toBeNull();
    expect(parsed.purchaseOrderAutoApprovalThreshold).toBe("500.00");
  });
});
