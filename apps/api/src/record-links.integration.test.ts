import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { databaseSnapshot } from "./testing/database-snapshot.ts";
import { errorOf, TEST_ORIGIN, TEST_PASSWORD, type ApiClient } from "./testing/api-harness.ts";
import { SEED_LINE, useSalesTestApi } from "./testing/sales-fixtures.ts";

/**
 * Object-level checks (issue 7, item 7): every link a caller can set between two records is
 * tried with a foreign record (another customer's, another document's, an inactive user) over
 * HTTP. Each must be refused with a 4xx that names the field, and write nothing at all.
 */
const sales = useSalesTestApi();
const finance = () => sales.as.finance;

type ExpenseCreateInput = Parameters<ApiClient["expenses"]["create"]["mutate"]>[0];

/** A customer with a project of its own. */
async function customerWithProject() {
  const customer = await sales.fixtures.customer({
    contacts: [{ name: "Anna Becker", isPrimary: true }],
  });
  const project = await finance().projects.create.mutate({
    name: sales.fixtures.unique("Projekt"),
    customerId: customer.id,
  });
  return { customer, project, contactId: customer.contacts[0]!.id };
}

/** A billable expense of `projectId`. */
const billableExpense = (projectId: string, values: Partial<ExpenseCreateInput> = {}) =>
  finance().expenses.create.mutate({
    title: sales.fixtures.unique("Taxi"),
    category: "travel",
    amount: "23.80",
    taxRate: "19",
    isBillable: true,
    projectId,
    ...values,
  });

/** An expense billed on a draft invoice of its project's customer (the invoice has no project). */
async function billedExpense() {
  const own = await customerWithProject();
  const expense = await billableExpense(own.project.id);
  const invoice = await sales.fixtures.draft("invoice", { customerId: own.customer.id });
  await finance().salesDocuments.addBillableExpenses.mutate({
    id: invoice.id,
    expenseIds: [expense.id],
  });
  return { own, expense, invoice };
}

/*
 * The updates below send whole forms, as the web app does: the stored record with the one link
 * changed. So each refusal is the link check's, not a missing field's.
 */
type Document = Awaited<ReturnType<ApiClient["salesDocuments"]["get"]["query"]>>;
type Draft = Parameters<ApiClient["salesDocuments"]["updateDraft"]["mutate"]>[0]["values"];

const isoDate = (date: Date | string | null) =>
  date === null ? null : typeof date === "string" ? date : date.toISOString().slice(0, 10);

/** A draft's whole form with `changes`. */
async function draftForm(id: string, changes: Draft = {}): Promise<Draft> {
  const document: Document = await finance().salesDocuments.get.query({ id });
  return {
    customerId: document.customerId,
    contactId: document.contactId,
    projectId: document.projectId,
    currency: document.currency,
    issuedDate: document.issuedDate,
    dueDate: document.dueDate,
    notes: document.notes,
    terms: document.terms,
    lines: document.lineItems.map((line) => ({
      id: line.id,
      description: line.description,
      quantity: line.quantity.toFixed(3),
      unit: line.unit,
      unitPrice: line.unitPrice.toFixed(4),
      taxRate: line.taxRate.toFixed(2),
      discountPercent: line.discountPercent.toFixed(2),
      itemType: line.itemType,
    })),
    ...changes,
  };
}

/** A project's whole form with `changes`. */
async function projectForm(id: string, changes: Record<string, unknown>) {
  const project = await finance().projects.get.query({ id });
  return {
    name: project.name,
    customerId: project.customerId,
    managerId: project.managerId,
    status: project.status,
    startDate: isoDate(project.startDate),
    endDate: isoDate(project.endDate),
    notes: project.notes,
    ...changes,
  };
}

/** An expense's whole form with `changes`. */
async function expenseForm(id: string, changes: Record<string, unknown>) {
  const expense = await finance().expenses.get.query({ id });
  return {
    title: expense.title,
    category: expense.category,
    amount: expense.amount.toFixed(2),
    taxRate: expense.taxRate.toFixed(2),
    currency: expense.currency,
    expenseDate: isoDate(expense.expenseDate),
    description: expense.description,
    note: expense.note,
    isBillable: expense.isBillable,
    projectId: expense.projectId,
    ...changes,
  };
}

interface LinkCase {
  /** The link, as "procedure: what is linked". */
  name: string;
  /** Makes the records, returns the call that sets the link and the field it must name. */
  arrange: () => Promise<{ attempt: () => Promise<unknown>; field: string }>;
}

const LINKS: LinkCase[] = [
  {
    name: "salesDocuments.create: a contact of another customer",
    arrange: async () => {
      const [own, other] = [await customerWithProject(), await customerWithProject()];
      return {
        field: "contactId",
        attempt: async () =>
          sales.fixtures.draft("invoice", {
            customerId: own.customer.id,
            contactId: other.contactId,
          }),
      };
    },
  },
  {
    name: "salesDocuments.create: a project of another customer",
    arrange: async () => {
      const [own, other] = [await customerWithProject(), await customerWithProject()];
      return {
        field: "projectId",
        attempt: async () =>
          sales.fixtures.draft("quote", {
            customerId: own.customer.id,
            projectId: other.project.id,
          }),
      };
    },
  },
  {
    name: "salesDocuments.updateDraft: a contact of another customer",
    arrange: async () => {
      const [own, other] = [await customerWithProject(), await customerWithProject()];
      const draft = await sales.fixtures.draft("invoice", { customerId: own.customer.id });
      return {
        field: "contactId",
        attempt: async () =>
          finance().salesDocuments.updateDraft.mutate({
            id: draft.id,
            values: await draftForm(draft.id, { contactId: other.contactId }),
          }),
      };
    },
  },
  {
    name: "salesDocuments.updateDraft: a project of another customer",
    arrange: async () => {
      const [own, other] = [await customerWithProject(), await customerWithProject()];
      const draft = await sales.fixtures.draft("invoice", { customerId: own.customer.id });
      return {
        field: "projectId",
        attempt: async () =>
          finance().salesDocuments.updateDraft.mutate({
            id: draft.id,
            values: await draftForm(draft.id, { projectId: other.project.id }),
          }),
      };
    },
  },
  {
    name: "salesDocuments.updateDraft: a line of another draft",
    arrange: async () => {
      const own = await sales.fixtures.draft("invoice");
      const other = await sales.fixtures.draft("invoice");
      return {
        field: "lines.0.id",
        attempt: async () =>
          finance().salesDocuments.updateDraft.mutate({
            id: own.id,
            values: await draftForm(own.id, {
              lines: [{ id: other.lineItems[0]!.id, ...SEED_LINE, description: "Taken over" }],
            }),
          }),
      };
    },
  },
  {
    name: "salesDocuments.updateDraft: another customer while a line bills this one's expense",
    arrange: async () => {
      const { invoice } = await billedExpense();
      const other = await sales.fixtures.customer();
      return {
        field: "customerId",
        attempt: async () =>
          finance().salesDocuments.updateDraft.mutate({
            id: invoice.id,
            values: await draftForm(invoice.id, { customerId: other.id }),
          }),
      };
    },
  },
  {
    name: "salesDocuments.updateDraft: another project while a line bills an expense",
    arrange: async () => {
      const { own, invoice } = await billedExpense();
      const sibling = await finance().projects.create.mutate({
        name: sales.fixtures.unique("Projekt"),
        customerId: own.customer.id,
      });
      return {
        field: "projectId",
        attempt: async () =>
          finance().salesDocuments.updateDraft.mutate({
            id: invoice.id,
            values: await draftForm(invoice.id, { projectId: sibling.id }),
          }),
      };
    },
  },
  {
    name: "salesDocuments.updateDraft: another currency while a line bills an expense",
    arrange: async () => {
      const { invoice } = await billedExpense();
      return {
        field: "currency",
        attempt: async () =>
          finance().salesDocuments.updateDraft.mutate({
            id: invoice.id,
            values: await draftForm(invoice.id, { currency: "CHF" }),
          }),
      };
    },
  },
  {
    name: "salesDocuments.updateDraft: a credit note moved to another customer",
    arrange: async () => {
      const invoice = await sales.fixtures.issued("invoice");
      const creditNote = await finance().salesDocuments.createCreditNote.mutate({
        invoiceId: invoice.id,
        lines: "all",
      });
      const other = await sales.fixtures.customer();
      return {
        field: "customerId",
        attempt: async () =>
          finance().salesDocuments.updateDraft.mutate({
            id: creditNote.id,
            values: await draftForm(creditNote.id, { customerId: other.id }),
          }),
      };
    },
  },
  {
    name: "salesDocuments.updateDraft: a credit note moved to another project than its invoice's",
    arrange: async () => {
      const own = await customerWithProject();
      const invoice = await sales.fixtures.issued("invoice", {
        customerId: own.customer.id,
        projectId: own.project.id,
      });
      const creditNote = await finance().salesDocuments.createCreditNote.mutate({
        invoiceId: invoice.id,
        lines: "all",
      });
      const sibling = await finance().projects.create.mutate({
        name: sales.fixtures.unique("Projekt"),
        customerId: own.customer.id,
      });
      return {
        field: "projectId",
        attempt: async () =>
          finance().salesDocuments.updateDraft.mutate({
            id: creditNote.id,
            values: await draftForm(creditNote.id, { projectId: sibling.id }),
          }),
      };
    },
  },
  {
    // The probe's case: another customer's invoice that has no project.
    name: "salesDocuments.addBillableExpenses: an expense of another customer's project",
    arrange: async () => {
      const other = await customerWithProject();
      const expense = await billableExpense(other.project.id);
      const invoice = await sales.fixtures.draft("invoice");
      return {
        field: "expenseIds",
        attempt: async () =>
          finance().salesDocuments.addBillableExpenses.mutate({
            id: invoice.id,
            expenseIds: [expense.id],
          }),
      };
    },
  },
  {
    name: "salesDocuments.addBillableExpenses: an expense of another project of the customer",
    arrange: async () => {
      const own = await customerWithProject();
      const sibling = await finance().projects.create.mutate({
        name: sales.fixtures.unique("Projekt"),
        customerId: own.customer.id,
      });
      const expense = await billableExpense(sibling.id);
      const invoice = await sales.fixtures.draft("invoice", {
        customerId: own.customer.id,
        projectId: own.project.id,
      });
      return {
        field: "expenseIds",
        attempt: async () =>
          finance().salesDocuments.addBillableExpenses.mutate({
            id: invoice.id,
            expenseIds: [expense.id],
          }),
      };
    },
  },
  {
    name: "salesDocuments.addBillableExpenses: an expense billed on another invoice",
    arrange: async () => {
      const { own, expense } = await billedExpense();
      const second = await sales.fixtures.draft("invoice", { customerId: own.customer.id });
      return {
        field: "expenseIds",
        attempt: async () =>
          finance().salesDocuments.addBillableExpenses.mutate({
            id: second.id,
            expenseIds: [expense.id],
          }),
      };
    },
  },
  {
    name: "salesDocuments.addBillableExpenses: an expense in another currency",
    arrange: async () => {
      const own = await customerWithProject();
      const expense = await billableExpense(own.project.id, { currency: "USD" });
      const invoice = await sales.fixtures.draft("invoice", { customerId: own.customer.id });
      return {
        field: "expenseIds",
        attempt: async () =>
          finance().salesDocuments.addBillableExpenses.mutate({
            id: invoice.id,
            expenseIds: [expense.id],
          }),
      };
    },
  },
  {
    name: "salesDocuments.createCreditNote: a line of another invoice",
    arrange: async () => {
      const invoice = await sales.fixtures.issued("invoice");
      const other = await sales.fixtures.issued("invoice");
      return {
        field: "lines.0.sourceLineItemId",
        attempt: async () =>
          finance().salesDocuments.createCreditNote.mutate({
            invoiceId: invoice.id,
            lines: [{ sourceLineItemId: other.lineItems[0]!.id, quantity: "1" }],
          }),
      };
    },
  },
  {
    name: "payments.create: a quote",
    arrange: async () => {
      const quote = await sales.fixtures.issued("quote");
      return {
        field: "salesDocumentId",
        attempt: async () =>
          finance().payments.create.mutate({
            salesDocumentId: quote.id,
            amount: "10.00",
            paymentDate: "2026-01-05",
            method: "bank_transfer",
          }),
      };
    },
  },
  {
    name: "payments.create: a draft invoice",
    arrange: async () => {
      const draft = await sales.fixtures.draft("invoice");
      return {
        field: "salesDocumentId",
        attempt: async () =>
          finance().payments.create.mutate({
            salesDocumentId: draft.id,
            amount: "10.00",
            paymentDate: "2026-01-05",
            method: "bank_transfer",
          }),
      };
    },
  },
  {
    name: "customers.update: a contact of another customer",
    arrange: async () => {
      const [own, other] = [await customerWithProject(), await customerWithProject()];
      return {
        field: "contacts.0.id",
        attempt: async () =>
          finance().customers.update.mutate({
            id: own.customer.id,
            values: {
              name: own.customer.name,
              contacts: [{ id: other.contactId, name: "Taken over" }],
            },
          }),
      };
    },
  },
  {
    name: "projects.update: another customer while documents of its customer name it",
    arrange: async () => {
      const own = await customerWithProject();
      await sales.fixtures.draft("invoice", {
        customerId: own.customer.id,
        projectId: own.project.id,
      });
      const other = await sales.fixtures.customer();
      return {
        field: "customerId",
        attempt: async () =>
          finance().projects.update.mutate({
            id: own.project.id,
            values: await projectForm(own.project.id, { customerId: other.id }),
          }),
      };
    },
  },
  {
    name: "projects.update: another customer while one of its expenses is billed",
    arrange: async () => {
      const { own } = await billedExpense();
      const other = await sales.fixtures.customer();
      return {
        field: "customerId",
        attempt: async () =>
          finance().projects.update.mutate({
            id: own.project.id,
            values: await projectForm(own.project.id, { customerId: other.id }),
          }),
      };
    },
  },
  {
    name: "projects.update: an archived customer",
    arrange: async () => {
      const own = await customerWithProject();
      const archived = await sales.fixtures.customer();
      await finance().customers.archive.mutate({ id: archived.id });
      return {
        field: "customerId",
        attempt: async () =>
          finance().projects.update.mutate({
            id: own.project.id,
            values: await projectForm(own.project.id, { customerId: archived.id }),
          }),
      };
    },
  },
  {
    name: "projects.update: a manager who is no longer active",
    arrange: async () => {
      const own = await customerWithProject();
      const manager = await sales.as.admin.users.create.mutate({
        email: `${randomUUID()}@test.ledgerline.test`,
        name: "Former Lead",
        role: "team_lead",
        password: TEST_PASSWORD,
      });
      await sales.as.admin.users.setActive.mutate({ id: manager.id, active: false });
      return {
        field: "managerId",
        attempt: async () =>
          finance().projects.update.mutate({
            id: own.project.id,
            values: await projectForm(own.project.id, { managerId: manager.id }),
          }),
      };
    },
  },
  {
    name: "expenses.create: billable without a project (no customer to bill)",
    arrange: async () => ({
      field: "projectId",
      attempt: async () =>
        finance().expenses.create.mutate({
          title: "Taxi",
          category: "travel",
          amount: "12.00",
          isBillable: true,
        }),
    }),
  },
  {
    name: "expenses.create: a project that does not exist",
    arrange: async () => ({
      field: "projectId",
      attempt: async () =>
        finance().expenses.create.mutate({
          title: "Taxi",
          category: "travel",
          amount: "12.00",
          projectId: randomUUID(),
        }),
    }),
  },
  {
    name: "expenses.update: a billed expense moved to another customer's project",
    arrange: async () => {
      const { expense } = await billedExpense();
      const other = await customerWithProject();
      return {
        field: "projectId",
        attempt: async () =>
          finance().expenses.update.mutate({
            id: expense.id,
            values: await expenseForm(expense.id, { projectId: other.project.id }),
          }),
      };
    },
  },
  {
    name: "expenses.update: a billed expense made not billable",
    arrange: async () => {
      const { expense } = await billedExpense();
      return {
        field: "isBillable",
        attempt: async () =>
          finance().expenses.update.mutate({
            id: expense.id,
            values: await expenseForm(expense.id, { isBillable: false }),
          }),
      };
    },
  },
  {
    name: "expenses.update: a billed expense in another currency than its invoice",
    arrange: async () => {
      const { expense } = await billedExpense();
      return {
        field: "currency",
        attempt: async () =>
          finance().expenses.update.mutate({
            id: expense.id,
            values: await expenseForm(expense.id, { currency: "USD" }),
          }),
      };
    },
  },
];

describe("every link a caller sets is checked against a foreign record", () => {
  for (const link of LINKS) {
    it(`refuses ${link.name}, naming the field, and writes nothing`, async () => {
      const { attempt, field } = await link.arrange();
      const before = await databaseSnapshot(sales.api.db);
      const error = await errorOf(attempt());
      expect(error.data?.httpStatus).toBeGreaterThanOrEqual(400);
      expect(error.data?.httpStatus).toBeLessThan(500);
      expect(Object.keys(error.data?.fieldErrors ?? {})).toContain(field);
      expect(await databaseSnapshot(sales.api.db)).toEqual(before);
    });
  }

  it("still lets each link be set to a record that belongs", async () => {
    const own = await customerWithProject();
    const draft = await sales.fixtures.draft("invoice", {
      customerId: own.customer.id,
      contactId: own.contactId,
      projectId: own.project.id,
    });
    const expense = await billableExpense(own.project.id);
    const billed = await finance().salesDocuments.addBillableExpenses.mutate({
      id: draft.id,
      expenseIds: [expense.id],
    });
    expect(billed.lineItems.map((line) => line.expenseId)).toEqual([null, expense.id]);
    // A line of the draft itself, and the customer it already has.
    const kept = await finance().salesDocuments.updateDraft.mutate({
      id: draft.id,
      values: {
        customerId: own.customer.id,
        lines: [{ id: billed.lineItems[1]!.id, description: "Taxi zum Kunden" }],
      },
    });
    expect(kept.lineItems.map((line) => [line.description, line.expenseId])).toEqual([
      ["Taxi zum Kunden", expense.id],
    ]);
  });
});

/** Rows that join records of two customers; none may ever exist. */
async function foreignLinks() {
  const [row] = await sales.api.db.$queryRaw<{ documents: number; expenses: number }[]>`
    SELECT
      (SELECT count(*)::int FROM sales_documents d JOIN projects p ON p.id = d.project_id
        WHERE p.customer_id <> d.customer_id) AS documents,
      (SELECT count(*)::int FROM expenses e JOIN sales_documents d ON d.id = e.invoice_id
        LEFT JOIN projects p ON p.id = e.project_id
        WHERE p.customer_id IS DISTINCT FROM d.customer_id) AS expenses`;
  return row;
}

describe("links decided at the same time as the records they join change", () => {
  it("never lets a project move to another customer while a document naming it is written", async () => {
    for (let round = 0; round < 5; round += 1) {
      const own = await customerWithProject();
      const other = await sales.fixtures.customer();
      const moved = await projectForm(own.project.id, { customerId: other.id });
      const [move, create] = await Promise.allSettled([
        finance().projects.update.mutate({ id: own.project.id, values: moved }),
        sales.fixtures.draft("invoice", {
          customerId: own.customer.id,
          projectId: own.project.id,
        }),
      ]);
      // One of the two, never both: either the document came first or the move did.
      expect([move.status, create.status].sort()).toEqual(["fulfilled", "rejected"]);
    }
    expect(await foreignLinks()).toEqual({ documents: 0, expenses: 0 });
  });

  it("never bills an expense that moves to another customer's project at the same time", async () => {
    for (let round = 0; round < 5; round += 1) {
      const own = await customerWithProject();
      const other = await customerWithProject();
      const expense = await billableExpense(own.project.id);
      const invoice = await sales.fixtures.draft("invoice", { customerId: own.customer.id });
      const moved = await expenseForm(expense.id, { projectId: other.project.id });
      await Promise.allSettled([
        finance().expenses.update.mutate({ id: expense.id, values: moved }),
        finance().salesDocuments.addBillableExpenses.mutate({
          id: invoice.id,
          expenseIds: [expense.id],
        }),
      ]);
    }
    expect(await foreignLinks()).toEqual({ documents: 0, expenses: 0 });
  });

  it("left no record joining two customers behind any test of this file", async () => {
    expect(await foreignLinks()).toEqual({ documents: 0, expenses: 0 });
  });
});

describe("receipts attach to the expense the URL names", () => {
  it("refuses a receipt for an expense that does not exist, keeping no file and no row", async () => {
    const browser = sales.api.client({ headers: { origin: TEST_ORIGIN } });
    await browser.trpc.auth.signIn.mutate({
      email: sales.api.users.finance.email,
      password: TEST_PASSWORD,
    });
    const filesBefore = await readdir(sales.api.env.STORAGE_DIR, { recursive: true });
    const before = await databaseSnapshot(sales.api.db);
    const response = await browser.fetch(
      `${sales.api.url}/files/expenses/${randomUUID()}/receipts`,
      {
        method: "POST",
        body: Buffer.from("%PDF-1.4\n%%EOF\n"),
        headers: { "content-type": "application/pdf" },
      },
    );
    expect(response.status).toBe(404);
    expect(await databaseSnapshot(sales.api.db)).toEqual(before);
    expect(await readdir(sales.api.env.STORAGE_DIR, { recursive: true })).toEqual(filesBefore);
  });
});
