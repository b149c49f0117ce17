import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { isDecimal, MAX_RECEIPT_BYTES, type CreateExpenseInput } from "@ledgerline/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  errorOf,
  outcomeOf,
  startTestApi,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type ApiClient,
  type CookieClient,
  type TestApi,
} from "./testing/api-harness.ts";

let api: TestApi;
let financeBrowser: CookieClient;
let memberBrowser: CookieClient;
let finance: ApiClient;
let member: ApiClient;

/** A browser: sends our Origin, keeps its session cookie, and can also send raw requests. */
async function browserAs(role: "finance" | "team_member"): Promise<CookieClient> {
  const browser = api.client({ headers: { origin: TEST_ORIGIN } });
  await browser.trpc.auth.signIn.mutate({ email: api.users[role].email, password: TEST_PASSWORD });
  return browser;
}

beforeAll(async () => {
  api = await startTestApi();
  financeBrowser = await browserAs("finance");
  memberBrowser = await browserAs("team_member");
  finance = financeBrowser.trpc;
  member = memberBrowser.trpc;
});
afterAll(() => api?.close());

const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n");
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82,
]);
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

let projectCounter = 0;
async function newProject() {
  projectCounter += 1;
  const customer = await finance.customers.create.mutate({
    name: `Expense Host ${projectCounter}`,
  });
  const project = await finance.projects.create.mutate({
    name: `Expense Project ${projectCounter}`,
    customerId: customer.id,
  });
  return { customerId: customer.id, projectId: project.id };
}

const expense = (values: Partial<CreateExpenseInput> = {}): CreateExpenseInput => ({
  title: "Train to Hamburg",
  category: "travel",
  amount: "89.90",
  ...values,
});

let invoiceCounter = 0;
/** An invoice row as the sales documents would leave it (billing is not built here). */
async function invoiceFor(customerId: string, issued: boolean) {
  invoiceCounter += 1;
  return api.db.salesDocument.create({
    data: {
      type: "invoice",
      currency: "EUR",
      customerId,
      customerName: "Expense Host",
      billingAddress: {},
      ...(issued
        ? {
            status: "sent",
            number: `RE-2026-${String(9000 + invoiceCounter)}`,
            issuedAt: new Date(),
            issuedDate: new Date("2026-03-02T00:00:00.000Z"),
          }
        : {}),
    },
  });
}

const money = (value: unknown) => {
  expect(isDecimal(value)).toBe(true);
  return (value as { toFixed(places: number): string }).toFixed(2);
};

const uploadUrl = (expenseId: string) => `${api.url}/files/expenses/${expenseId}/receipts`;
const fileUrl = (id: string) => `${api.url}/files/${id}`;

/** Uploads as the finance browser (session cookie and our Origin). */
const upload = (
  expenseId: string,
  body: Uint8Array,
  headers: Record<string, string> = { "content-type": "application/pdf" },
  browser: CookieClient = financeBrowser,
) => browser.fetch(uploadUrl(expenseId), { method: "POST", body, headers });

/** Storage keys of every file in the test API's file store. */
async function storedKeys(): Promise<string[]> {
  const entries = await readdir(api.env.STORAGE_DIR, { recursive: true });
  return entries
    .map((entry) => entry.split("/").pop()!)
    .filter((name) => /^[0-9a-f]{32}$/.test(name));
}

const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
};

describe("expenses: create, read, update, delete", () => {
  it("creates an expense with today's date and the default currency, and audits it", async () => {
    const { projectId } = await newProject();
    const created = await finance.expenses.create.mutate(
      expense({ title: "  Train to Hamburg ", isBillable: true, projectId }),
    );
    expect(created).toMatchObject({
      title: "Train to Hamburg",
      category: "travel",
      currency: "EUR",
      isBillable: true,
      isInvoiced: false,
      invoiceId: null,
      receipts: [],
      project: { id: projectId, name: expect.stringMatching(/^Expense Project/) },
    });
    expect(money(created.amount)).toBe("89.90");
    expect(created.expenseDate.toISOString().slice(0, 10)).toBe(today());
    // No company settings yet, so no default VAT rate: 0, and the gross amount is all net.
    expect(await api.db.companySettings.count()).toBe(0);
    expect([created.taxRate, created.netAmount, created.taxAmount].map(money)).toEqual([
      "0.00",
      "89.90",
      "0.00",
    ]);

    const audit = await api.db.auditEvent.findFirstOrThrow({
      where: { entityType: "expense", entityId: created.id },
    });
    expect(audit).toMatchObject({ action: "create", actorId: api.users.finance.id });
    expect((audit.after as { amount: string }).amount).toBe("89.9");

    const fetched = await member.expenses.get.query({ id: created.id });
    expect(fetched).toMatchObject({ id: created.id, title: "Train to Hamburg", receipts: [] });
  });

  it("takes the company's default currency and VAT rate when none is given", async () => {
    const admin = await api.signInAs("admin");
    await admin.settings.update.mutate({
      legalName: "Expense Test GmbH",
      defaultCurrency: "CHF",
      defaultTaxRate: "8.1",
    });
    try {
      const created = await finance.expenses.create.mutate(
        expense({ title: "Zürich lunch", amount: "54.05" }),
      );
      expect(created.currency).toBe("CHF");
      expect([created.taxRate, created.netAmount, created.taxAmount].map(money)).toEqual([
        "8.10",
        "50.00",
        "4.05",
      ]);
      const explicit = await finance.expenses.create.mutate(
        expense({ title: "Paris metro", currency: "EUR", taxRate: "10" }),
      );
      expect(explicit.currency).toBe("EUR");
      expect(money(explicit.taxRate)).toBe("10.00");
    } finally {
      await admin.settings.update.mutate({
        legalName: "Expense Test GmbH",
        defaultCurrency: "EUR",
      });
    }
  });

  it("updates every field, keeps currency and date when left out, with before and after audited", async () => {
    const { projectId } = await newProject();
    const created = await finance.expenses.create.mutate(
      expense({ currency: "USD", expenseDate: "2026-02-03" }),
    );
    const updated = await finance.expenses.update.mutate({
      id: created.id,
      values: {
        title: "Train to Berlin",
        category: "consulting",
        amount: "120.5",
        taxRate: "7",
        description: "Workshop",
        note: "Receipt follows",
        isBillable: true,
        projectId,
      },
    });
    expect(updated).toMatchObject({
      title: "Train to Berlin",
      category: "consulting",
      currency: "USD",
      description: "Workshop",
      note: "Receipt follows",
      isBillable: true,
      projectId,
    });
    expect(money(updated.amount)).toBe("120.50");
    // 120.50 / 1.07 = 112.6168... -> 112.62; the VAT in it is the rest.
    expect([updated.taxRate, updated.netAmount, updated.taxAmount].map(money)).toEqual([
      "7.00",
      "112.62",
      "7.88",
    ]);
    expect(updated.expenseDate.toISOString().slice(0, 10)).toBe("2026-02-03");

    const audit = await api.db.auditEvent.findFirstOrThrow({
      where: { entityId: created.id, action: "update" },
    });
    expect(audit.before).toMatchObject({ title: "Train to Hamburg", amount: "89.9" });
    expect(audit.after).toMatchObject({ title: "Train to Berlin", amount: "120.5", taxRate: "7" });

    // Fields left out stay; null clears (a billable expense keeps a project, so both go).
    const cleared = await finance.expenses.update.mutate({
      id: created.id,
      values: { expenseDate: "2026-02-04", description: null, isBillable: false, projectId: null },
    });
    expect(cleared.title).toBe("Train to Berlin");
    expect(cleared.projectId).toBeNull();
    expect(cleared.description).toBeNull();
    expect(money(cleared.taxRate)).toBe("7.00");
    expect(cleared.expenseDate.toISOString().slice(0, 10)).toBe("2026-02-04");
  });

  it("deletes an expense and keeps the deleted record in the audit trail", async () => {
    const created = await finance.expenses.create.mutate(expense({ title: "Delete me" }));
    expect(await finance.expenses.delete.mutate({ id: created.id })).toEqual({ id: created.id });
    expect((await errorOf(finance.expenses.get.query({ id: created.id }))).data?.code).toBe(
      "NOT_FOUND",
    );
    const deletion = await api.db.auditEvent.findFirstOrThrow({
      where: { entityId: created.id, action: "delete" },
    });
    expect(deletion.before).toMatchObject({ title: "Delete me", amount: "89.9" });
    expect(deletion.after).toBeNull();
    expect((await errorOf(finance.expenses.delete.mutate({ id: created.id }))).data?.code).toBe(
      "NOT_FOUND",
    );
  });

  it("refuses to delete an expense billed on an issued invoice, but not on a draft", async () => {
    const { customerId } = await newProject();
    const billed = await finance.expenses.create.mutate(expense({ title: "Billed taxi" }));
    const issued = await invoiceFor(customerId, true);
    await api.db.expense.update({ where: { id: billed.id }, data: { invoiceId: issued.id } });

    const refused = await errorOf(finance.expenses.delete.mutate({ id: billed.id }));
    expect(refused.data?.code).toBe("CONFLICT");
    expect(refused.message).toBe(
      `“Billed taxi” is billed on invoice ${issued.number}, which is sent, so it cannot be deleted. Correct the invoice with a credit note or a cancellation instead.`,
    );
    expect(await api.db.expense.count({ where: { id: billed.id } })).toBe(1);
    const fetched = await finance.expenses.get.query({ id: billed.id });
    expect(fetched).toMatchObject({
      isInvoiced: true,
      invoice: { id: issued.id, number: issued.number, status: "sent" },
    });

    const onDraft = await finance.expenses.create.mutate(expense({ title: "Draft taxi" }));
    const draft = await invoiceFor(customerId, false);
    await api.db.expense.update({ where: { id: onDraft.id }, data: { invoiceId: draft.id } });
    await finance.expenses.delete.mutate({ id: onDraft.id });
    expect(await api.db.expense.count({ where: { id: onDraft.id } })).toBe(0);
    expect(await api.db.salesDocument.count({ where: { id: draft.id } })).toBe(1);
  });

  it("keeps the amount, VAT rate and currency of an expense billed on an issued invoice", async () => {
    const { customerId, projectId } = await newProject();
    const billed = await finance.expenses.create.mutate(
      expense({
        title: "Billed train",
        amount: "80.00",
        taxRate: "19",
        isBillable: true,
        projectId,
      }),
    );
    const issued = await invoiceFor(customerId, true);
    await api.db.expense.update({ where: { id: billed.id }, data: { invoiceId: issued.id } });
    const values = {
      title: "Billed train",
      category: billed.category,
      amount: "80.00",
      currency: "EUR",
      isBillable: true,
    };

    const refused = await errorOf(
      finance.expenses.update.mutate({ id: billed.id, values: { ...values, amount: "95.00" } }),
    );
    expect(refused.data?.code).toBe("CONFLICT");
    expect(refused.data?.fieldErrors).toEqual({
      amount: ["Billed on an issued invoice; correct the invoice instead."],
    });
    expect(
      (await api.db.expense.findUniqueOrThrow({ where: { id: billed.id } })).amount.toFixed(2),
    ).toBe("80.00");
    const rate = await errorOf(
      finance.expenses.update.mutate({ id: billed.id, values: { ...values, taxRate: "7" } }),
    );
    expect(rate.data?.code).toBe("CONFLICT");
    expect(rate.message).toBe(
      `“Billed train” is billed on invoice ${issued.number}, so its amount, VAT rate and currency cannot change. Correct the invoice with a credit note instead.`,
    );
    expect(rate.data?.fieldErrors).toEqual({
      taxRate: ["Billed on an issued invoice; correct the invoice instead."],
    });
    expect(
      (await api.db.expense.findUniqueOrThrow({ where: { id: billed.id } })).taxRate.toFixed(2),
    ).toBe("19.00");

    // The same rate written differently ("19.0") is no change; left out, the rate is kept.
    const noted = await finance.expenses.update.mutate({
      id: billed.id,
      values: { ...values, taxRate: "19.0", note: "Receipt follows" },
    });
    expect(noted.note).toBe("Receipt follows");
    const renamed = await finance.expenses.update.mutate({
      id: billed.id,
      values: { ...values, title: "Billed train to Kiel" },
    });
    expect(money(renamed.taxRate)).toBe("19.00");
  });
});

describe("expenses: bad input writes nothing", () => {
  const counts = async () => ({
    expenses: await api.db.expense.count(),
    events: await api.db.auditEvent.count({ where: { entityType: "expense" } }),
  });

  it("refuses a zero or negative amount with a field error", async () => {
    const before = await counts();
    for (const amount of ["0", "0.00", "-5.00", "-0.01"]) {
      const error = await errorOf(finance.expenses.create.mutate(expense({ amount })));
      expect({ amount, code: error.data?.code, fieldErrors: error.data?.fieldErrors }).toEqual({
        amount,
        code: "BAD_REQUEST",
        fieldErrors: { amount: ["The amount must be greater than 0."] },
      });
    }
    const existing = await finance.expenses.create.mutate(expense());
    const afterCreate = await counts();
    const update = await errorOf(
      finance.expenses.update.mutate({ id: existing.id, values: expense({ amount: "-1" }) }),
    );
    expect(update.data?.fieldErrors).toEqual({
      "values.amount": ["The amount must be greater than 0."],
    });
    expect(await counts()).toEqual(afterCreate);
    expect(afterCreate).toEqual({
      expenses: before.expenses + 1,
      events: before.events + 1,
    });
  });

  it("refuses a float, sub-cent amounts and other malformed fields", async () => {
    const before = await counts();
    const float = await errorOf(
      finance.expenses.create.mutate(expense({ amount: 12.5 as unknown as string })),
    );
    expect(float.data?.fieldErrors).toEqual({ amount: ["Enter an amount such as 12.50."] });
    const floatRate = await errorOf(
      finance.expenses.create.mutate(expense({ taxRate: 19 as unknown as string })),
    );
    expect(floatRate.data?.fieldErrors).toEqual({ taxRate: ["Enter a rate such as 19 or 7."] });
    for (const [taxRate, message] of [
      ["100.01", "At most 100 %."],
      ["-1", "Cannot be negative."],
      ["19.005", "At most 2 decimal places."],
      ["19,5", "Use a point for decimals (12.50, not 12,50)."],
    ]) {
      const refused = await errorOf(finance.expenses.create.mutate(expense({ taxRate })));
      expect({ taxRate, fieldErrors: refused.data?.fieldErrors }).toEqual({
        taxRate,
        fieldErrors: { taxRate: [message] },
      });
    }
    const error = await errorOf(
      finance.expenses.create.mutate({
        title: "",
        category: "food" as "travel",
        amount: "1.005",
        currency: "JPY",
        expenseDate: "31.01.2026",
      }),
    );
    expect(error.data?.fieldErrors).toEqual({
      title: ["Title is required."],
      category: ["Choose a category."],
      amount: ["At most 2 decimal places (cents)."],
      currency: ["Use an ISO 4217 currency code such as EUR."],
      expenseDate: ["Use a date (YYYY-MM-DD)."],
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses an unknown project with a field error", async () => {
    const before = await counts();
    const error = await errorOf(finance.expenses.create.mutate(expense({ projectId: UNKNOWN_ID })));
    expect(error.data?.code).toBe("BAD_REQUEST");
    expect(error.data?.fieldErrors).toEqual({ projectId: ["Choose an existing project."] });
    expect(await counts()).toEqual(before);
  });
});

describe("expenses: filters, pages and totals", () => {
  it("filters by title, category, project, date range, billable and invoice", async () => {
    const p = await newProject();
    const q = await newProject();
    const add = (values: Partial<CreateExpenseInput>) =>
      finance.expenses.create.mutate(expense(values));
    const a = await add({
      title: "Filtertest Taxi Flughafen",
      expenseDate: "2026-01-10",
      isBillable: true,
      projectId: p.projectId,
    });
    const b = await add({
      title: "Filtertest Hotel Berlin",
      expenseDate: "2026-01-31",
      taxRate: "19",
      projectId: p.projectId,
    });
    const c = await add({
      title: "Filtertest IDE licence",
      category: "software",
      expenseDate: "2026-02-01",
      isBillable: true,
      projectId: p.projectId,
    });
    const d = await add({
      title: "Filtertest Taxi Bahnhof",
      expenseDate: "2026-01-15",
      projectId: q.projectId,
    });
    const draft = await invoiceFor(p.customerId, false);
    await api.db.expense.update({ where: { id: b.id }, data: { invoiceId: draft.id } });

    const ids = async (filters: Parameters<typeof finance.expenses.list.query>[0]) =>
      (await member.expenses.list.query(filters)).items.map((item) => item.id);
    const inP = { projectId: p.projectId };

    expect(await ids({ title: "filtertest TAXI" })).toEqual([d.id, a.id]);
    expect(await ids({ ...inP })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ projectId: q.projectId })).toEqual([d.id]);
    expect(await ids({ ...inP, category: "software" })).toEqual([c.id]);
    expect(await ids({ ...inP, fromDate: "2026-01-10", toDate: "2026-01-31" })).toEqual([
      b.id,
      a.id,
    ]);
    expect(await ids({ ...inP, fromDate: "2026-02-01" })).toEqual([c.id]);
    expect(await ids({ ...inP, toDate: "2026-01-09" })).toEqual([]);
    expect(await ids({ ...inP, isBillable: true })).toEqual([c.id, a.id]);
    expect(await ids({ ...inP, isBillable: false })).toEqual([b.id]);
    expect(await ids({ ...inP, invoiced: true })).toEqual([b.id]);
    expect(await ids({ ...inP, invoiced: false })).toEqual([c.id, a.id]);
    expect(await ids({ invoiceId: draft.id })).toEqual([b.id]);

    const listed = await member.expenses.list.query({ invoiceId: draft.id });
    // 89.90 / 1.19 = 75.546... -> 75.55 net, 14.35 VAT.
    const [hotel] = listed.items;
    expect([hotel!.amount, hotel!.taxRate, hotel!.netAmount, hotel!.taxAmount].map(money)).toEqual([
      "89.90",
      "19.00",
      "75.55",
      "14.35",
    ]);
    expect(listed.items[0]).toMatchObject({
      isInvoiced: true,
      receiptCount: 0,
      invoice: { id: draft.id, number: null, status: "draft" },
      project: { id: p.projectId },
    });

    const backwards = await errorOf(
      member.expenses.list.query({ fromDate: "2026-02-01", toDate: "2026-01-31" }),
    );
    expect(backwards.data?.fieldErrors).toEqual({
      toDate: ["The end of the date range cannot be before its start."],
    });
  });

  it("pages and sorts, with the total count and the sums of the whole selection", async () => {
    const { projectId } = await newProject();
    for (const [title, amount] of [
      ["Paging A", "10.00"],
      ["Paging B", "0.10"],
      ["Paging C", "0.20"],
    ] as const)
      await finance.expenses.create.mutate(expense({ title, amount, projectId }));
    await finance.expenses.create.mutate(
      expense({ title: "Paging D", amount: "5.55", currency: "GBP", projectId }),
    );

    const second = await member.expenses.list.query({
      projectId,
      sortBy: "title",
      sortDirection: "asc",
      pageSize: 2,
      page: 2,
    });
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 2, pages: 2 });
    expect(second.items.map((item) => item.title)).toEqual(["Paging C", "Paging D"]);
    expect(second.totals.map((sum) => ({ ...sum, total: money(sum.total) }))).toEqual([
      { currency: "EUR", count: 3, total: "10.30" },
      { currency: "GBP", count: 1, total: "5.55" },
    ]);
    const byAmount = await member.expenses.list.query({
      projectId,
      currency: "EUR",
      sortBy: "amount",
    });
    expect(byAmount.items.map((item) => item.title)).toEqual(["Paging A", "Paging C", "Paging B"]);

    const tooBig = await errorOf(member.expenses.list.query({ pageSize: 501 }));
    expect(tooBig.data?.fieldErrors).toEqual({ pageSize: ["At most 500 rows per page."] });
  });
});

describe("expense KPIs", () => {
  it("sums exactly per currency and per category, with the list's filters", async () => {
    const { projectId } = await newProject();
    const add = (values: Partial<CreateExpenseInput>) =>
      finance.expenses.create.mutate(expense({ projectId, ...values }));
    await add({ title: "Bus", amount: "0.10", expenseDate: "2026-04-01" });
    await add({ title: "Tram", amount: "0.20", expenseDate: "2026-04-02" });
    await add({
      title: "Licence",
      category: "software",
      amount: "19.99",
      expenseDate: "2026-04-03",
    });
    await add({ title: "Postbus", amount: "0.05", currency: "CHF", expenseDate: "2026-04-04" });
    await add({
      title: "Old licence",
      category: "software",
      amount: "7.00",
      expenseDate: "2026-03-01",
    });
    // What floats would make of it: the sums below are not this.
    expect(0.1 + 0.2).not.toBe(0.3);

    const shape = (kpis: Awaited<ReturnType<typeof finance.expenses.kpis.query>>) => ({
      count: kpis.count,
      byCurrency: kpis.byCurrency.map((entry) => ({
        currency: entry.currency,
        count: entry.count,
        total: money(entry.total),
        byCategory: entry.byCategory.map((category) => ({
          category: category.category,
          count: category.count,
          total: money(category.total),
        })),
      })),
    });

    const lead = await api.signInAs("team_lead");
    expect(shape(await lead.expenses.kpis.query({ projectId, fromDate: "2026-04-01" }))).toEqual({
      count: 4,
      byCurrency: [
        {
          currency: "CHF",
          count: 1,
          total: "0.05",
          byCategory: [{ category: "travel", count: 1, total: "0.05" }],
        },
        {
          currency: "EUR",
          count: 3,
          total: "20.29",
          byCategory: [
            { category: "travel", count: 2, total: "0.30" },
            { category: "software", count: 1, total: "19.99" },
          ],
        },
      ],
    });
    expect(
      shape(await finance.expenses.kpis.query({ projectId, category: "travel", currency: "EUR" })),
    ).toEqual({
      count: 2,
      byCurrency: [
        {
          currency: "EUR",
          count: 2,
          total: "0.30",
          byCategory: [{ category: "travel", count: 2, total: "0.30" }],
        },
      ],
    });
    expect(shape(await finance.expenses.kpis.query({ projectId, title: "licence" }))).toMatchObject(
      {
        count: 2,
        byCurrency: [{ currency: "EUR", total: "26.99" }],
      },
    );
    expect(await finance.expenses.kpis.query({ projectId, toDate: "2026-01-01" })).toEqual({
      count: 0,
      byCurrency: [],
    });
  });
});

describe("expense permissions", () => {
  it("lets a team member read expenses and their KPIs (seed 004: read access) but not change them", async () => {
    const created = await finance.expenses.create.mutate(expense({ title: "Readable" }));
    expect((await member.expenses.get.query({ id: created.id })).title).toBe("Readable");
    expect((await member.expenses.list.query({ title: "Readable" })).total).toBeGreaterThan(0);

    const before = await api.db.expense.count();
    expect(await outcomeOf(member.expenses.create.mutate(expense({ title: "Nope" })))).toBe(
      "FORBIDDEN",
    );
    expect(
      await outcomeOf(member.expenses.update.mutate({ id: created.id, values: expense() })),
    ).toBe("FORBIDDEN");
    expect(await outcomeOf(member.expenses.delete.mutate({ id: created.id }))).toBe("FORBIDDEN");
    expect(await outcomeOf(member.expenses.kpis.query({}))).toBe("OK");
    expect(await api.db.expense.count()).toBe(before);
    expect((await finance.expenses.get.query({ id: created.id })).title).toBe("Readable");
  });
});

describe("receipts", () => {
  it("stores an uploaded PDF, lists it, audits it and sends back the same bytes", async () => {
    const created = await finance.expenses.create.mutate(expense({ title: "With receipt" }));
    const response = await upload(created.id, PDF, {
      "content-type": "application/pdf",
      "x-file-name": encodeURIComponent("C:\\Scans\\../Rechnung März.pdf"),
    });
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as Record<string, unknown>;
    const sha256 = createHash("sha256").update(PDF).digest("hex");
    expect(receipt).toMatchObject({
      expenseId: created.id,
      fileName: "Rechnung März.pdf",
      mimeType: "application/pdf",
      sizeBytes: PDF.length,
      sha256,
    });
    expect(receipt).not.toHaveProperty("storageKey");

    const row = await api.db.storedFile.findUniqueOrThrow({
      where: { id: receipt.id as string },
    });
    expect(row).toMatchObject({ kind: "expense_receipt", expenseId: created.id, sha256 });
    expect(await storedKeys()).toContain(row.storageKey);
    const audit = await api.db.auditEvent.findFirstOrThrow({
      where: { entityId: created.id, action: "addReceipt" },
    });
    expect(audit).toMatchObject({ entityType: "expense", actorId: api.users.finance.id });
    expect(audit.after).toMatchObject({ id: receipt.id, fileName: "Rechnung März.pdf" });

    const detail = await member.expenses.get.query({ id: created.id });
    expect(detail.receipts).toEqual([
      expect.objectContaining({ id: receipt.id, fileName: "Rechnung März.pdf", sha256 }),
    ]);
    expect(JSON.stringify(detail)).not.toContain(row.storageKey);
    expect(
      (await member.expenses.list.query({ title: "With receipt" })).items[0]?.receiptCount,
    ).toBe(1);

    // Every role with expense.read can open it: here a team member.
    const download = await memberBrowser.fetch(fileUrl(receipt.id as string));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-length")).toBe(String(PDF.length));
    expect(download.headers.get("content-disposition")).toBe(
      `inline; filename="Rechnung M_rz.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf`,
    );
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const attachment = await memberBrowser.fetch(`${fileUrl(receipt.id as string)}?download=1`);
    expect(attachment.headers.get("content-disposition")).toMatch(/^attachment; /);
    await attachment.arrayBuffer();
    const cached = await memberBrowser.fetch(fileUrl(receipt.id as string), {
      headers: { "if-none-match": `"${sha256}"` },
    });
    expect(cached.status).toBe(304);

    expect((await fetch(fileUrl(receipt.id as string))).status).toBe(401);
    expect((await financeBrowser.fetch(fileUrl(UNKNOWN_ID))).status).toBe(404);
    expect((await financeBrowser.fetch(fileUrl("not-an-id"))).status).toBe(404);
  });

  it("accepts PNG and JPEG, and uploads with an API token need no Origin", async () => {
    const created = await finance.expenses.create.mutate(expense({ title: "Images" }));
    const png = await upload(created.id, PNG, {
      "content-type": "image/png",
      "x-file-name": "scan",
    });
    expect(png.status).toBe(201);
    expect(await png.json()).toMatchObject({ fileName: "scan.png", mimeType: "image/png" });

    const admin = await api.signInAs("admin");
    const { secret } = await admin.apiTokens.create.mutate({ name: "Scanner", role: "finance" });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]);
    const viaToken = await fetch(uploadUrl(created.id), {
      method: "POST",
      body: jpeg,
      headers: { authorization: `Bearer ${secret}`, "content-type": "image/jpeg" },
    });
    expect(viaToken.status).toBe(201);
    expect(await viaToken.json()).toMatchObject({
      fileName: "receipt.jpg",
      mimeType: "image/jpeg",
    });
    const events = await api.db.auditEvent.findMany({
      where: { entityId: created.id, action: "addReceipt" },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => [event.actorId, event.apiTokenId !== null])).toEqual([
      [api.users.finance.id, false],
      [api.users.admin.id, true],
    ]);
  });

  it("refuses other types and content that does not match its type (415)", async () => {
    const created = await finance.expenses.create.mutate(expense({ title: "Bad files" }));
    const before = await api.db.storedFile.count();
    const filesBefore = (await storedKeys()).length;
    const cases: [Record<string, string>, Uint8Array][] = [
      [{ "content-type": "text/html" }, Buffer.from("<html>%PDF-</html>")],
      [{ "content-type": "image/svg+xml" }, Buffer.from("<svg/>")],
      [{}, PDF],
      [{ "content-type": "image/png" }, PDF],
      [{ "content-type": "application/pdf" }, PNG],
      [{ "content-type": "image/jpeg" }, Buffer.from("GIF89a")],
    ];
    for (const [headers, body] of cases) {
      const response = await upload(created.id, body, headers);
      expect({ headers, status: response.status }).toEqual({ headers, status: 415 });
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /PDF, PNG or JPEG|does not match its type/,
      );
    }
    expect(await api.db.storedFile.count()).toBe(before);
    expect((await storedKeys()).length).toBe(filesBefore);
  });

  it("refuses a file over 10 MiB (413), announced or streamed, and an empty one", async () => {
    const created = await finance.expenses.create.mutate(expense({ title: "Huge" }));
    const before = await api.db.storedFile.count();
    const huge = Buffer.alloc(MAX_RECEIPT_BYTES + 1);
    PDF.copy(huge);
    const announced = await upload(created.id, huge);
    expect(announced.status).toBe(413);
    // By key too, so the web says it in its person's language (German: "… höchstens 10 MiB …").
    expect(await announced.json()).toEqual({
      error: {
        message: "A receipt may be at most 10 MiB.",
        code: "PAYLOAD_TOO_LARGE",
        appMessage: { key: "receipt.tooLarge" },
      },
    });

    // Without Content-Length the server counts while reading.
    const chunks = [huge.subarray(0, 4 * 1024 * 1024), huge.subarray(4 * 1024 * 1024)];
    const streamed = await financeBrowser.fetch(uploadUrl(created.id), {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: new ReadableStream({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(new Uint8Array(chunk));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(
      ((await streamed.json()) as { error: { appMessage: unknown } }).error.appMessage,
    ).toEqual({ key: "receipt.tooLarge" });

    const exactly = await upload(created.id, huge.subarray(0, MAX_RECEIPT_BYTES));
    expect(exactly.status).toBe(201);
    const empty = await upload(created.id, new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { appMessage: unknown } }).error.appMessage).toEqual({
      key: "receipt.empty",
    });
    expect(await api.db.storedFile.count()).toBe(before + 1);
  });

  it("refuses cross-site uploads with the cookie, anonymous ones and team members", async () => {
    const created = await finance.expenses.create.mutate(expense({ title: "Guarded" }));
    const cookie = [...financeBrowser.cookies]
      .map(([name, value]) => `${name}=${value}`)
      .join("; ");
    const post = (headers: Record<string, string>) =>
      fetch(uploadUrl(created.id), {
        method: "POST",
        body: PDF,
        headers: { "content-type": "application/pdf", ...headers },
      });
    const foreign = await post({ cookie, origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({
      error: { message: "Cross-site request refused: this origin may not change data." },
    });
    expect((await post({ cookie })).status).toBe(403);
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: "Bearer llt_not-a-token" })).status).toBe(401);

    const asMember = await upload(created.id, PDF, undefined, memberBrowser);
    expect(asMember.status).toBe(403);
    expect(await asMember.json()).toMatchObject({
      error: {
        code: "FORBIDDEN",
        message: "Your role (team_member) may not do this (needs expense.write).",
      },
    });
    expect(await api.db.storedFile.count({ where: { expenseId: created.id } })).toBe(0);

    expect((await post({ cookie, origin: TEST_ORIGIN })).status).toBe(201);
    expect((await upload(UNKNOWN_ID, PDF)).status).toBe(404);
    expect((await financeBrowser.fetch(uploadUrl(created.id))).status).toBe(405);
  });

  it("deletes one receipt with its file, and an expense with all of its files", async () => {
    const created = await finance.expenses.create.mutate(expense({ title: "Two receipts" }));
    const first = (await (await upload(created.id, PDF)).json()) as { id: string };
    const second = (await (
      await upload(created.id, PNG, { "content-type": "image/png" })
    ).json()) as {
      id: string;
    };
    const keyOf = async (id: string) =>
      (await api.db.storedFile.findUniqueOrThrow({ where: { id } })).storageKey;
    const firstKey = await keyOf(first.id);
    const secondKey = await keyOf(second.id);
    expect(await storedKeys()).toEqual(expect.arrayContaining([firstKey, secondKey]));

    expect(await outcomeOf(member.expenses.deleteReceipt.mutate({ id: first.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await finance.expenses.deleteReceipt.mutate({ id: first.id })).toEqual({
      id: first.id,
      expenseId: created.id,
    });
    expect(await storedKeys()).not.toContain(firstKey);
    expect(
      (await finance.expenses.get.query({ id: created.id })).receipts.map((r) => r.id),
    ).toEqual([second.id]);
    const audit = await api.db.auditEvent.findFirstOrThrow({
      where: { entityId: created.id, action: "deleteReceipt" },
    });
    expect(audit.before).toMatchObject({ id: first.id, sha256: expect.any(String) });
    expect(
      (await errorOf(finance.expenses.deleteReceipt.mutate({ id: first.id }))).data?.code,
    ).toBe("NOT_FOUND");
    expect((await financeBrowser.fetch(fileUrl(first.id))).status).toBe(404);

    await finance.expenses.delete.mutate({ id: created.id });
    expect(await api.db.storedFile.count({ where: { expenseId: created.id } })).toBe(0);
    expect(await storedKeys()).not.toContain(secondKey);
    const deletion = await api.db.auditEvent.findFirstOrThrow({
      where: { entityId: created.id, action: "delete" },
    });
    expect((deletion.before as { receipts: { id: string }[] }).receipts.map((r) => r.id)).toEqual([
      second.id,
    ]);
  });
});
