import { randomUUID } from "node:crypto";
import {
  addDays,
  computeDocumentTotals,
  formatDocumentNumber,
  parseDocumentNumber,
} from "@ledgerline/domain";
import { companyToday } from "@ledgerline/services";
import { describe, expect, it } from "vitest";
import { errorOf, outcomeOf } from "./testing/api-harness.ts";
import { cents, SEED_LINE, useSalesTestApi } from "./testing/sales-fixtures.ts";

const sales = useSalesTestApi();

const year = () => Number(companyToday().slice(0, 4));

describe("create", () => {
  it("copies the company's default terms into a document created without terms of its own", async () => {
    const customer = await sales.fixtures.customer({ legalName: "Terms GmbH" });
    const create = (terms?: string) =>
      sales.as.finance.salesDocuments.create.mutate({
        type: "invoice",
        customerId: customer.id,
        lines: [SEED_LINE],
        ...(terms === undefined ? {} : { terms }),
      });
    await sales.as.admin.settings.update.mutate({
      legalName: "Verkäufer GmbH",
      defaultDocumentTerms: "Zahlbar innerhalb von 10 Tagen ohne Abzug.",
    });
    try {
      const defaulted = await create();
      expect(defaulted.terms).toBe("Zahlbar innerhalb von 10 Tagen ohne Abzug.");
      // Empty is "none of its own" (the API stores no empty text), so the default applies too.
      expect((await create("")).terms).toBe("Zahlbar innerhalb von 10 Tagen ohne Abzug.");
      expect((await create("Sofort fällig.")).terms).toBe("Sofort fällig.");
      await sales.as.finance.salesDocuments.issue.mutate({ id: defaulted.id });

      // A later change of the settings changes neither the issued document nor a draft.
      await sales.as.admin.settings.update.mutate({ defaultDocumentTerms: "Neue Bedingungen." });
      const issued = await sales.as.finance.salesDocuments.get.query({ id: defaulted.id });
      expect(issued.terms).toBe("Zahlbar innerhalb von 10 Tagen ohne Abzug.");
      expect((await create()).terms).toBe("Neue Bedingungen.");
    } finally {
      await sales.as.admin.settings.update.mutate({ defaultDocumentTerms: null });
    }
    expect((await create()).terms).toBeNull();
  });

  it("computes seed 000's example line to the cent and copies the customer", async () => {
    const customer = await sales.fixtures.customer({ legalName: "Hafenblick Hotel GmbH & Co. KG" });
    const draft = await sales.as.finance.salesDocuments.create.mutate({
      type: "invoice",
      customerId: customer.id,
      lines: [SEED_LINE],
    });
    expect(draft).toMatchObject({
      type: "invoice",
      status: "draft",
      number: null,
      invoiceKind: "tax_invoice",
      currency: "EUR",
      customerName: customer.name,
      customerVatId: "DE123456789",
      billingAddress: {
        name: "Hafenblick Hotel GmbH & Co. KG",
        street: "Hafenstraße 1",
        postalCode: "24103",
        city: "Kiel",
        country: "DE",
      },
      issuedDate: null,
      allowedActions: ["issue", "delete"],
    });
    const [line] = draft.lineItems;
    expect(line).toMatchObject({ position: 1, description: "IT-Support", unit: "Hours" });
    expect([line!.subtotal, line!.taxAmount, line!.total].map(cents)).toEqual([
      "170.00",
      "32.30",
      "202.30",
    ]);
    expect([draft.subtotal, draft.netAmount, draft.taxAmount, draft.total].map(cents)).toEqual([
      "170.00",
      "170.00",
      "32.30",
      "202.30",
    ]);
    // Stored exactly like that, and the creation is in the document's history.
    const stored = await sales.api.db.salesDocument.findUniqueOrThrow({ where: { id: draft.id } });
    expect(stored.total.toFixed(2)).toBe("202.30");
    expect(draft.history).toMatchObject([
      { action: "create", toStatus: "draft", actorName: "Test finance" },
    ]);
  });

  it("stores totals that match computeDocumentTotals for mixed rates and discounts, positions in order", async () => {
    const lines = [
      {
        description: "Beratung",
        quantity: "3",
        unitPrice: "19.99",
        taxRate: "7",
        discountPercent: "10",
      },
      {
        description: "Lizenz",
        quantity: "1.5",
        unitPrice: "1234.5678",
        taxRate: "19",
        discountPercent: "2.5",
      },
      { description: "Porto", quantity: "7", unitPrice: "0.0049", taxRate: "0" },
      { description: "Schulung", quantity: "0.333", unitPrice: "99.99", taxRate: "19" },
    ];
    const draft = await sales.fixtures.draft("quote", { lines });
    const expected = computeDocumentTotals(lines);
    expect(draft.lineItems.map((line) => line.position)).toEqual([1, 2, 3, 4]);
    expect(draft.lineItems.map((line) => line.description)).toEqual(
      lines.map((l) => l.description),
    );
    expect(draft.lineItems.map((line) => cents(line.total))).toEqual(
      expected.lines.map((line) => line.total.toFixed(2)),
    );
    // 3 × 19.99 at 7 % with 10 % discount: 59.97 - 6.00 + 3.78 = 57.75 (docs/domain-model.md §3).
    expect(cents(draft.lineItems[0]!.total)).toBe("57.75");
    expect(cents(draft.total)).toBe(expected.total.toFixed(2));
    expect(cents(draft.discountAmount)).toBe(expected.discountAmount.toFixed(2));
    expect(cents(draft.taxAmount)).toBe(expected.taxAmount.toFixed(2));
    expect(
      draft.vatBreakdown.map((row) => [
        cents(row.taxRate),
        cents(row.netAmount),
        cents(row.taxAmount),
      ]),
    ).toEqual(
      expected.vatBreakdown.map((row) => [
        row.taxRate.toFixed(2),
        row.netAmount.toFixed(2),
        row.taxAmount.toFixed(2),
      ]),
    );
  });

  it("takes the customer's currency, the company's default tax rate, and the customer from the project", async () => {
    const swiss = await sales.fixtures.customer({ defaultCurrency: "CHF" });
    const project = await sales.as.finance.projects.create.mutate({
      name: "Relaunch",
      customerId: swiss.id,
    });
    const draft = await sales.as.team_lead.salesDocuments.create.mutate({
      type: "order_confirmation",
      projectId: project.id,
      lines: [{ description: "Konzept", quantity: "1", unitPrice: "100" }],
    });
    expect(draft).toMatchObject({
      customerId: swiss.id,
      projectId: project.id,
      currency: "CHF",
      project: { id: project.id, name: "Relaunch", number: project.number },
      customer: { id: swiss.id, name: swiss.name },
    });
    expect(cents(draft.lineItems[0]!.taxRate)).toBe("19.00");
    const usd = await sales.fixtures.draft("invoice", { customerId: swiss.id, currency: "USD" });
    expect(usd.currency).toBe("USD");
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const customer = await sales.fixtures.customer();
    const otherCustomer = await sales.fixtures.customer();
    const project = await sales.as.finance.projects.create.mutate({
      name: "Fremd",
      customerId: otherCustomer.id,
    });
    const before = await sales.fixtures.counts();
    const attempt = (values: Record<string, unknown>) =>
      errorOf(
        sales.as.finance.salesDocuments.create.mutate({
          type: "invoice",
          customerId: customer.id,
          lines: [SEED_LINE],
          ...values,
        } as Parameters<typeof sales.as.finance.salesDocuments.create.mutate>[0]),
      );

    expect((await attempt({ lines: [] })).data?.fieldErrors).toEqual({
      lines: ["Add at least one line."],
    });
    const negative = await attempt({
      lines: [
        { ...SEED_LINE, quantity: "-2" },
        { ...SEED_LINE, unitPrice: "-1" },
        { ...SEED_LINE, taxRate: "101" },
      ],
    });
    expect(negative.data?.code).toBe("BAD_REQUEST");
    // An invoice may carry a deduction line (a final invoice's, §5.4a); a quote may not.
    expect(negative.data?.fieldErrors).toMatchObject({
      "lines.1.unitPrice": ["The unit price cannot be negative."],
      "lines.2.taxRate": ["At most 100 %."],
    });
    expect(
      (await attempt({ type: "quote", lines: [{ ...SEED_LINE, quantity: "-2" }] })).data
        ?.fieldErrors,
    ).toMatchObject({ "lines.0.quantity": ["The quantity must be more than 0."] });
    const dates = await attempt({ issuedDate: "2026-03-10", dueDate: "2026-03-01" });
    expect(dates.data?.fieldErrors).toEqual({
      dueDate: ["The due date cannot be before the issued date."],
    });
    const unknown = await attempt({ customerId: randomUUID() });
    expect(unknown.data?.fieldErrors).toEqual({ customerId: ["This customer does not exist."] });
    const wrongProject = await attempt({ projectId: project.id });
    expect(wrongProject.data?.fieldErrors).toEqual({
      projectId: ["The project “Fremd” belongs to another customer."],
    });
    const noCustomer = await attempt({ customerId: null });
    expect(noCustomer.data?.fieldErrors).toEqual({
      customerId: ["Choose a customer or a project."],
    });
    const creditNote = await attempt({ type: "credit_note" });
    expect(Object.keys(creditNote.data?.fieldErrors ?? {})).toEqual(["type"]);
    const manualTotal = await attempt({ lines: [{ ...SEED_LINE, unitPrice: "85.00001" }] });
    expect(manualTotal.data?.fieldErrors).toEqual({
      "lines.0.unitPrice": ["At most 4 decimal places."],
    });

    await sales.as.finance.customers.archive.mutate({ id: customer.id });
    const archived = await attempt({});
    expect(archived.message).toBe(
      `“${customer.name}” is archived and gets no new documents. Restore the customer first.`,
    );
    expect(archived.data?.fieldErrors).toHaveProperty("customerId");

    // Only the archiving of the customer was written.
    expect(await sales.fixtures.counts()).toEqual({
      ...before,
      auditEvents: before.auditEvents + 1,
    });
  });

  it("takes seed 004's arguments: a job number and one amount instead of lines, a draft status", async () => {
    const customer = await sales.fixtures.customer({ defaultCurrency: "EUR" });
    const project = await sales.as.finance.projects.create.mutate({
      name: "Handbuch DE→EN",
      customerId: customer.id,
    });
    // An invoice from its total (VAT included): one line whose total is exactly that.
    const invoice = await sales.as.team_lead.salesDocuments.create.mutate({
      type: "invoice",
      projectNumber: project.number,
      amount: "1190.00",
      currency: "EUR",
      status: "draft",
    });
    expect(invoice).toMatchObject({
      status: "draft",
      customerId: customer.id,
      projectId: project.id,
    });
    expect(invoice.lineItems).toHaveLength(1);
    expect(invoice.lineItems[0]).toMatchObject({ description: "Handbuch DE→EN" });
    expect(cents(invoice.lineItems[0]!.unitPrice)).toBe("1000.00");
    expect(cents(invoice.total)).toBe("1190.00");
    // A sales order from its net amount.
    const order = await sales.as.team_lead.salesDocuments.create.mutate({
      type: "sales_order",
      projectNumber: project.number,
      amountNet: "480.50",
    });
    expect(cents(order.netAmount)).toBe("480.50");
    expect(cents(order.total)).toBe("571.80");

    const before = await sales.fixtures.counts();
    // 84.07 net gives 100.04 and 84.08 gives 100.06: no line at 19 % totals 100.05.
    const unreachable = await errorOf(
      sales.as.team_lead.salesDocuments.create.mutate({
        type: "invoice",
        projectNumber: project.number,
        amount: "100.05",
      }),
    );
    const reachable = await outcomeOf(
      sales.as.team_lead.salesDocuments.create.mutate({
        type: "invoice",
        customerId: customer.id,
        amount: "100.00",
      }),
    );
    expect(reachable).toBe("OK");
    expect(unreachable.data?.fieldErrors).toEqual({
      amount: [
        "No line totals 100.05 at 19 % VAT (its VAT is rounded to the cent); the nearest totals are 100.04 and 100.06.",
      ],
    });
    const refusals = await Promise.all([
      errorOf(
        sales.as.team_lead.salesDocuments.create.mutate({
          type: "invoice",
          customerId: customer.id,
          amount: "10.00",
          lines: [SEED_LINE],
        }),
      ),
      errorOf(
        sales.as.team_lead.salesDocuments.create.mutate({
          type: "invoice",
          customerId: customer.id,
        }),
      ),
      errorOf(
        sales.as.team_lead.salesDocuments.create.mutate({
          type: "invoice",
          customerId: customer.id,
          amount: "10.00",
          status: "sent" as "draft",
        }),
      ),
      errorOf(
        sales.as.team_lead.salesDocuments.create.mutate({
          type: "invoice",
          projectNumber: 99_999_999,
          amount: "10.00",
        }),
      ),
    ]);
    expect(refusals.map((error) => error.data?.fieldErrors)).toEqual([
      { amount: ["Give the lines, or one amount: the total (amount) or the net (amountNet)."] },
      { lines: ["Give the lines, or one amount: the total (amount) or the net (amountNet)."] },
      { status: ["A new document starts as a draft; issue or submit it then."] },
      { projectNumber: ["There is no project number 99999999."] },
    ]);
    // Only the one reachable invoice was written.
    const after = await sales.fixtures.counts();
    expect(after.documents).toBe(before.documents + 1);
  });

  it("is for team leads and up; team members may not create", async () => {
    const customer = await sales.fixtures.customer();
    const input = { type: "quote" as const, customerId: customer.id, lines: [SEED_LINE] };
    expect(await outcomeOf(sales.as.team_member.salesDocuments.create.mutate(input))).toBe(
      "FORBIDDEN",
    );
    for (const role of ["admin", "finance", "team_lead"] as const) {
      expect(await outcomeOf(sales.as[role].salesDocuments.create.mutate(input))).toBe("OK");
    }
    expect(await sales.api.db.salesDocument.count({ where: { customerId: customer.id } })).toBe(3);
  });
});

describe("get, getByNumber and list", () => {
  it("gets by id and by number with lines, payments, relations, history and allowed actions per role", async () => {
    const document = await sales.fixtures.issued("invoice");
    const byNumber = await sales.as.team_member.salesDocuments.getByNumber.query({
      number: document.number!.toLowerCase(),
    });
    expect(byNumber.id).toBe(document.id);
    expect(byNumber).toMatchObject({
      status: "sent",
      lineItems: [{ position: 1 }],
      payments: [],
      sourceDocument: null,
      followUps: [],
      isPaid: false,
      isOverdue: false,
      daysUntilDue: 14,
      issuedBy: { id: sales.api.users.finance.id, name: "Test finance" },
    });
    expect(cents(byNumber.outstandingAmount)).toBe("202.30");
    expect(cents(byNumber.paymentRate)).toBe("0.00");
    expect(
      byNumber.history.map((entry) => [entry.action, entry.fromStatus, entry.toStatus]),
    ).toEqual([
      ["create", null, "draft"],
      ["issue", "draft", "sent"],
    ]);
    // What each role may do now: the domain's allowed actions for the role.
    expect(byNumber.allowedActions).toEqual([]);
    expect(
      (await sales.as.team_lead.salesDocuments.get.query({ id: document.id })).allowedActions,
    ).toEqual([]);
    expect(
      (await sales.as.finance.salesDocuments.get.query({ id: document.id })).allowedActions,
    ).toEqual(["createCreditNote", "cancelWithDocument", "delete"]);

    const missing = await errorOf(
      sales.as.finance.salesDocuments.getByNumber.query({ number: "RE-1999-0001" }),
    );
    expect(missing.data?.code).toBe("NOT_FOUND");
    expect(missing.message).toBe("There is no document with the number RE-1999-0001.");
    expect(await outcomeOf(sales.as.finance.salesDocuments.get.query({ id: randomUUID() }))).toBe(
      "NOT_FOUND",
    );
  });

  it("lists with filters, sorting, pagination metadata and exact per-currency totals of the selection", async () => {
    const customer = await sales.fixtures.customer({ name: sales.fixtures.unique("Listenkunde") });
    const project = await sales.as.finance.projects.create.mutate({
      name: "Listen",
      customerId: customer.id,
    });
    const sent = [];
    for (let index = 1; index <= 5; index++) {
      sent.push(
        await sales.fixtures.issued("invoice", {
          customerId: customer.id,
          projectId: index <= 2 ? project.id : null,
          lines: [
            {
              description: `Leistung ${index}`,
              quantity: String(index),
              unitPrice: "10.01",
              taxRate: "19",
            },
          ],
        }),
      );
    }
    await sales.fixtures.draft("invoice", { customerId: customer.id, currency: "USD" });
    await sales.fixtures.issued("quote", { customerId: customer.id });

    const all = await sales.as.team_member.salesDocuments.list.query({
      customerId: customer.id,
      pageSize: 3,
    });
    expect(all).toMatchObject({ total: 7, page: 1, pageSize: 3, pages: 3 });
    // Seed 004's job number: the project's two invoices, in the list and its totals.
    const ofJob = await sales.as.team_member.salesDocuments.list.query({
      projectNumber: project.number,
    });
    expect(ofJob.items.map((row) => row.id).sort()).toEqual(
      sent
        .slice(0, 2)
        .map((invoice) => invoice.id)
        .sort(),
    );
    const jobTotals = await sales.as.team_member.salesDocuments.selectionTotals.query({
      projectNumber: project.number,
    });
    expect(jobTotals).toMatchObject([{ currency: "EUR", count: 2 }]);
    expect(
      await sales.as.team_member.salesDocuments.list.query({ projectNumber: 99_999_999 }),
    ).toMatchObject({ total: 0, items: [] });
    // Pages cut one order: three pages of three are the one page of ten, newest first.
    const whole = await sales.as.finance.salesDocuments.list.query({
      customerId: customer.id,
      pageSize: 10,
    });
    const paged = [];
    for (const page of [1, 2, 3]) {
      const { items } = await sales.as.finance.salesDocuments.list.query({
        customerId: customer.id,
        pageSize: 3,
        page,
      });
      paged.push(...items.map((row) => row.id));
    }
    expect(paged).toEqual(whole.items.map((row) => row.id));
    expect(whole.items.map((row) => row.createdAt.getTime())).toEqual(
      whole.items.map((row) => row.createdAt.getTime()).sort((a, b) => b - a),
    );
    // The selection's totals cover every page of it.
    const allTotals = await sales.as.team_member.salesDocuments.selectionTotals.query({
      customerId: customer.id,
    });
    expect(allTotals.map((row) => [row.currency, row.count])).toEqual([
      ["EUR", 6],
      ["USD", 1],
    ]);
    // Totals are the exact sums of what is stored, computed by PostgreSQL.
    const eurInvoices = { customerId: customer.id, type: "invoice", currency: "EUR" } as const;
    const invoicesEur = await sales.as.finance.salesDocuments.list.query(eurInvoices);
    const [eurTotals] = await sales.as.finance.salesDocuments.selectionTotals.query(eurInvoices);
    const expectedTotal = sent.reduce(
      (sum, document) => sum + Math.round(Number(document.total) * 100),
      0,
    );
    expect(eurTotals).toMatchObject({ currency: "EUR", count: 5 });
    expect(cents(eurTotals!.total)).toBe((expectedTotal / 100).toFixed(2));
    expect(cents(eurTotals!.outstandingAmount)).toBe((expectedTotal / 100).toFixed(2));
    expect(invoicesEur.items[0]).toMatchObject({
      type: "invoice",
      status: "sent",
      customerName: customer.name,
      isOverdue: false,
      issuedDate: companyToday(),
    });

    const byTotal = await sales.as.finance.salesDocuments.list.query({
      customerId: customer.id,
      type: "invoice",
      sortBy: "total",
      sortDirection: "asc",
      status: ["sent"],
    });
    expect(byTotal.items.map((row) => row.number)).toEqual(sent.map((document) => document.number));
    const byProject = await sales.as.finance.salesDocuments.list.query({ projectId: project.id });
    expect(byProject.items.map((row) => row.id).sort()).toEqual([sent[0]!.id, sent[1]!.id].sort());
    const byStatus = await sales.as.finance.salesDocuments.list.query({
      customerId: customer.id,
      status: "draft",
    });
    expect(byStatus.items.map((row) => [row.currency, row.number])).toEqual([["USD", null]]);
    const byNumber = await sales.as.finance.salesDocuments.list.query({
      search: sent[2]!.number!.toLowerCase(),
    });
    expect(byNumber.items.map((row) => row.id)).toEqual([sent[2]!.id]);
    const byName = await sales.as.finance.salesDocuments.list.query({
      search: customer.name.slice(0, 14).toUpperCase(),
    });
    expect(byName.total).toBe(7);
    const today = companyToday();
    const dated = await sales.as.finance.salesDocuments.list.query({
      customerId: customer.id,
      dateFrom: today,
      dateTo: today,
    });
    expect(dated.total).toBe(6);
    const future = await sales.as.finance.salesDocuments.list.query({
      customerId: customer.id,
      dateFrom: addDays(today, 1),
    });
    expect(future).toMatchObject({ total: 0, items: [] });
    expect(
      await sales.as.finance.salesDocuments.selectionTotals.query({
        customerId: customer.id,
        dateFrom: addDays(today, 1),
      }),
    ).toEqual([]);

    const invalid = await errorOf(
      sales.as.finance.salesDocuments.list.query({
        type: "quote",
        status: ["paid"],
        dateFrom: today,
        dateTo: addDays(today, -1),
      }),
    );
    expect(invalid.data?.fieldErrors).toEqual({
      dateTo: ["The end date cannot be before the start date."],
      status: ['A quote is never "paid".'],
    });
  });
});

describe("drafts: update, notes, recalculate, delete", () => {
  it("replaces a draft's lines in the given order, keeps a line by its id and recomputes the totals", async () => {
    const draft = await sales.fixtures.draft("invoice", {
      lines: [SEED_LINE, { description: "Anfahrt", quantity: "1", unitPrice: "40", taxRate: "19" }],
    });
    const [first, second] = draft.lineItems;
    const updated = await sales.as.team_lead.salesDocuments.updateDraft.mutate({
      id: draft.id,
      values: {
        customerId: draft.customerId,
        notes: "Bitte bis Monatsende",
        dueDate: "2099-01-31",
        lines: [
          { id: second!.id, description: "Anfahrt", quantity: "2", unitPrice: "40", taxRate: "19" },
          { description: "Material", quantity: "1", unitPrice: "9.99", taxRate: "7" },
          { id: first!.id, ...SEED_LINE },
        ],
      },
    });
    expect(updated.lineItems.map((line) => [line.position, line.description])).toEqual([
      [1, "Anfahrt"],
      [2, "Material"],
      [3, "IT-Support"],
    ]);
    expect(updated.lineItems[0]!.id).toBe(second!.id);
    expect(updated.lineItems[2]!.id).toBe(first!.id);
    expect(cents(updated.total)).toBe(
      computeDocumentTotals(updated.lineItems.map((line) => ({ ...line }))).total.toFixed(2),
    );
    expect(cents(updated.total)).toBe("308.19"); // 95.20 + 10.69 + 202.30
    expect(updated).toMatchObject({ notes: "Bitte bis Monatsende", dueDate: "2099-01-31" });
    expect(await sales.api.db.lineItem.count({ where: { salesDocumentId: draft.id } })).toBe(3);

    const unknownLine = await errorOf(
      sales.as.finance.salesDocuments.updateDraft.mutate({
        id: draft.id,
        values: { customerId: draft.customerId, lines: [{ id: randomUUID(), ...SEED_LINE }] },
      }),
    );
    expect(unknownLine.data?.fieldErrors).toEqual({
      "lines.0.id": ["This line is not a line of this draft."],
    });
    expect(
      await outcomeOf(
        sales.as.team_member.salesDocuments.updateDraft.mutate({
          id: draft.id,
          values: { customerId: draft.customerId, lines: [SEED_LINE] },
        }),
      ),
    ).toBe("FORBIDDEN");
  });

  it("never changes an issued document's lines", async () => {
    const document = await sales.fixtures.issued("invoice");
    const before = await sales.fixtures.counts();
    const error = await errorOf(
      sales.as.finance.salesDocuments.updateDraft.mutate({
        id: document.id,
        values: { customerId: document.customerId, lines: [{ ...SEED_LINE, quantity: "3" }] },
      }),
    );
    expect(error.data?.code).toBe("UNPROCESSABLE_CONTENT");
    expect(error.message).toBe(
      'Only drafts can be changed; this invoice is "sent". Correct it with a credit note or a cancellation.',
    );
    expect(await sales.fixtures.counts()).toEqual(before);
  });

  it("changes notes in any status and terms while a draft; team members change notes only", async () => {
    const draft = await sales.fixtures.draft("invoice");
    const drafted = await sales.as.finance.salesDocuments.update.mutate({
      id: draft.id,
      notes: "Kunde ruft zurück",
      terms: "Zahlbar in 14 Tagen ohne Abzug",
    });
    expect(drafted).toMatchObject({
      notes: "Kunde ruft zurück",
      terms: "Zahlbar in 14 Tagen ohne Abzug",
    });
    const document = await sales.as.finance.salesDocuments.issue.mutate({ id: draft.id });
    const annotated = await sales.as.team_member.salesDocuments.annotate.mutate({
      id: document.id,
      notes: "Erledigt",
    });
    expect(annotated).toMatchObject({ notes: "Erledigt", terms: "Zahlbar in 14 Tagen ohne Abzug" });
    const terms = await errorOf(
      sales.as.team_member.salesDocuments.annotate.mutate({ id: document.id, terms: "Sofort" }),
    );
    expect(terms.data?.code).toBe("FORBIDDEN");
    expect(terms.message).toBe(
      "Your role (team_member) may not do this (needs salesDocument.write).",
    );
    expect(
      await outcomeOf(
        sales.as.team_member.salesDocuments.update.mutate({ id: document.id, notes: "x" }),
      ),
    ).toBe("FORBIDDEN");
    expect(annotated.history.map((entry) => entry.action)).toEqual([
      "create",
      "update",
      "issue",
      "annotate",
    ]);
  });

  it("recalculates a draft from its lines and only verifies an issued document", async () => {
    const draft = await sales.fixtures.draft("invoice");
    // Stored figures that disagree with the lines (as an older version might have left them).
    await sales.api.db.lineItem.updateMany({
      where: { salesDocumentId: draft.id },
      data: { taxAmount: "30.00", total: "200.00" },
    });
    await sales.api.db.salesDocument.update({
      where: { id: draft.id },
      data: { taxAmount: "30.00", total: "200.00" },
    });
    const recalculated = await sales.as.team_lead.salesDocuments.recalculate.mutate({
      id: draft.id,
    });
    expect(
      [recalculated.taxAmount, recalculated.total, recalculated.lineItems[0]!.total].map(cents),
    ).toEqual(["32.30", "202.30", "202.30"]);
    expect(recalculated.history.at(-1)).toMatchObject({ action: "recalculate" });

    const issued = await sales.fixtures.issued("invoice");
    const verified = await sales.as.finance.salesDocuments.recalculate.mutate({ id: issued.id });
    expect(verified.updatedAt).toEqual(issued.updatedAt);
    expect(
      await outcomeOf(sales.as.team_member.salesDocuments.recalculate.mutate({ id: issued.id })),
    ).toBe("FORBIDDEN");
  });

  it("removes drafts for good and leaves no gap in the numbers; soft-deletes issued documents", async () => {
    const customer = await sales.fixtures.customer();
    const first = await sales.fixtures.issued("sales_order", { customerId: customer.id });
    const draft = await sales.fixtures.draft("sales_order", { customerId: customer.id });
    // Team leads delete nothing (seed 004), not even a draft.
    for (const role of ["team_member", "team_lead"] as const) {
      expect(await outcomeOf(sales.as[role].salesDocuments.delete.mutate({ id: draft.id }))).toBe(
        "FORBIDDEN",
      );
    }
    expect(await sales.as.finance.salesDocuments.delete.mutate({ id: draft.id })).toEqual({
      id: draft.id,
      softDeleted: false,
    });
    expect(await sales.api.db.salesDocument.count({ where: { id: draft.id } })).toBe(0);
    expect(await sales.api.db.lineItem.count({ where: { salesDocumentId: draft.id } })).toBe(0);
    const second = await sales.fixtures.issued("sales_order", { customerId: customer.id });
    expect(parseDocumentNumber(second.number!)!.sequence).toBe(
      parseDocumentNumber(first.number!)!.sequence + 1,
    );

    // Seed 004's DELETE of an issued document hides it; it keeps its number and status.
    expect(await sales.as.finance.salesDocuments.delete.mutate({ id: second.id })).toEqual({
      id: second.id,
      softDeleted: true,
    });
    const kept = await sales.as.finance.salesDocuments.get.query({ id: second.id });
    expect(kept).toMatchObject({ number: second.number, status: "sent", allowedActions: [] });
    expect(kept.deletedAt).not.toBeNull();
    const search = { search: second.number! };
    expect((await sales.as.finance.salesDocuments.list.query(search)).total).toBe(0);
    expect(
      (await sales.as.finance.salesDocuments.list.query({ ...search, deleted: "only" })).total,
    ).toBe(1);
    expect(
      await outcomeOf(
        sales.as.team_member.salesDocuments.list.query({ ...search, deleted: "only" }),
      ),
    ).toBe("FORBIDDEN");
    const restored = await sales.as.finance.salesDocuments.restoreDeleted.mutate({ id: second.id });
    expect(restored.deletedAt).toBeNull();
    expect((await sales.as.finance.salesDocuments.list.query(search)).total).toBe(1);
    const deleteEvent = await sales.api.db.auditEvent.findFirstOrThrow({
      where: { entityType: "salesDocument", entityId: draft.id, action: "delete" },
    });
    expect(deleteEvent.actorId).toBe(sales.api.users.finance.id);
  });

  it("archives any document that is not a draft and restores it; drafts are not archived", async () => {
    const quote = await sales.fixtures.issued("quote");
    const archived = await sales.as.team_lead.salesDocuments.archive.mutate({ id: quote.id });
    expect(archived.archivedAt).not.toBeNull();
    expect(archived.status).toBe("sent");
    const search = { search: quote.number! };
    expect((await sales.as.finance.salesDocuments.list.query(search)).total).toBe(0);
    expect(
      (await sales.as.finance.salesDocuments.list.query({ ...search, archived: "archived" })).total,
    ).toBe(1);
    const restored = await sales.as.team_lead.salesDocuments.restore.mutate({ id: quote.id });
    expect(restored.archivedAt).toBeNull();
    expect((await sales.as.finance.salesDocuments.list.query(search)).total).toBe(1);

    const draft = await sales.fixtures.draft("quote");
    expect(
      (await errorOf(sales.as.finance.salesDocuments.archive.mutate({ id: draft.id }))).message,
    ).toBe("A draft is not archived: delete it instead (it has no number yet).");
    expect(
      await outcomeOf(sales.as.team_member.salesDocuments.archive.mutate({ id: quote.id })),
    ).toBe("FORBIDDEN");
  });
});

describe("issue and numbers", () => {
  it("issues each type with its own yearly range, dates, frozen customer copy and who issued it", async () => {
    const customer = await sales.fixtures.customer({ paymentTermsDays: 30 });
    const today = companyToday();
    const draft = await sales.fixtures.draft("invoice", { customerId: customer.id });
    // While a draft, the copy follows the customer; issuing freezes it.
    await sales.as.finance.customers.update.mutate({
      id: customer.id,
      values: { name: `${customer.name} AG`, city: "Bonn", paymentTermsDays: 30 },
    });
    const invoice = await sales.as.team_lead.salesDocuments.issue.mutate({ id: draft.id });
    expect(invoice).toMatchObject({
      status: "sent",
      issuedDate: today,
      dueDate: addDays(today, 30),
      validUntil: null,
      customerName: `${customer.name} AG`,
      billingAddress: { city: "Bonn" },
      issuedBy: { id: sales.api.users.team_lead.id },
    });
    expect(invoice.issuedAt).not.toBeNull();
    expect(invoice.number).toMatch(new RegExp(`^RE-${year()}-\\d{4}$`));
    await sales.as.finance.customers.update.mutate({
      id: customer.id,
      values: { name: "Renamed Later GmbH" },
    });
    expect((await sales.as.finance.salesDocuments.get.query({ id: invoice.id })).customerName).toBe(
      `${customer.name} AG`,
    );

    const quote = await sales.fixtures.issued("quote", { customerId: customer.id });
    expect(quote).toMatchObject({ validUntil: addDays(today, 14), dueDate: null });
    const prefixes: Record<string, string> = {
      quote: "AN",
      order_confirmation: "AB",
      sales_order: "SO",
      pro_forma: "PF",
    };
    for (const [type, prefix] of Object.entries(prefixes)) {
      const document =
        type === "quote"
          ? quote
          : await sales.fixtures.issued(type as "order_confirmation", { customerId: customer.id });
      expect(document.number).toMatch(new RegExp(`^${prefix}-${year()}-\\d{4}$`));
    }

    const again = await errorOf(sales.as.finance.salesDocuments.issue.mutate({ id: invoice.id }));
    expect(again.data?.code).toBe("UNPROCESSABLE_CONTENT");
    expect(again.message).toBe(
      'Cannot issue this invoice while it is "sent". Allowed now: create credit note, cancel (with a cancellation document), delete.',
    );
    expect(
      await outcomeOf(sales.as.team_member.salesDocuments.issue.mutate({ id: draft.id })),
    ).toBe("FORBIDDEN");
  });

  it("refuses an issued date in the future or a due date before it, and takes no number", async () => {
    const before = await sales.fixtures.counts();
    const draft = await sales.fixtures.draft("invoice", { dueDate: companyToday() });
    const afterDraft = await sales.fixtures.counts();
    const future = await errorOf(
      sales.as.finance.salesDocuments.issue.mutate({
        id: draft.id,
        issuedDate: addDays(companyToday(), 1),
      }),
    );
    expect(future.data?.fieldErrors).toEqual({
      issuedDate: ["The issued date cannot be in the future."],
    });
    expect(afterDraft.numbers).toBe(before.numbers);
    expect(await sales.fixtures.counts()).toEqual(afterDraft);
  });

  it("uses the company's number prefixes", async () => {
    await sales.as.admin.settings.update.mutate({
      legalName: "Ledgerline Test GmbH",
      numberPrefixes: { pro_forma: "PRO" },
    });
    try {
      const document = await sales.fixtures.issued("pro_forma");
      expect(document.number).toMatch(new RegExp(`^PRO-${year()}-\\d{4}$`));
    } finally {
      await sales.as.admin.settings.update.mutate({ legalName: "Ledgerline Test GmbH" });
    }
  });

  it("gives 32 documents issued at once over HTTP 32 consecutive numbers, without gaps or duplicates", async () => {
    const customer = await sales.fixtures.customer();
    const drafts = [];
    for (let index = 0; index < 32; index++) {
      drafts.push(await sales.fixtures.draft("invoice", { customerId: customer.id }));
    }
    const issued = await Promise.all(
      drafts.map((draft) => sales.as.finance.salesDocuments.issue.mutate({ id: draft.id })),
    );
    const sequences = issued
      .map((document) => parseDocumentNumber(document.number!)!.sequence)
      .sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(32);
    expect(sequences.at(-1)! - sequences[0]!).toBe(31);
    // And the whole range of the year is gapless from 1, with the counter at its end.
    const numbers = await sales.api.db.salesDocument.findMany({
      where: { type: "invoice", number: { not: null } },
      select: { number: true },
    });
    const all = numbers
      .map((row) => parseDocumentNumber(row.number!)!.sequence)
      .sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: all.length }, (_, index) => index + 1));
    const counter = await sales.api.db.numberSequence.findUniqueOrThrow({
      where: { scope_year: { scope: "invoice", year: year() } },
    });
    expect(counter.lastNumber).toBe(all.length);
    expect(issued[0]!.number).toBe(
      formatDocumentNumber("RE", year(), parseDocumentNumber(issued[0]!.number!)!.sequence),
    );
  });
});

describe("status requests", () => {
  it("routes a requested status to its action and refuses derived statuses with the domain's message", async () => {
    const draft = await sales.fixtures.draft("invoice");
    const issued = await sales.as.finance.salesDocuments.updateStatus.mutate({
      id: draft.id,
      status: "sent",
    });
    expect(issued.number).toMatch(/^RE-/);

    const paid = await errorOf(
      sales.as.finance.salesDocuments.updateStatus.mutate({ id: draft.id, status: "paid" }),
    );
    expect(paid.data?.code).toBe("UNPROCESSABLE_CONTENT");
    expect(paid.message).toBe(
      'An invoice becomes "paid" from its payments and credit notes: record a payment instead.',
    );
    const back = await errorOf(
      sales.as.finance.salesDocuments.updateStatus.mutate({ id: draft.id, status: "draft" }),
    );
    expect(back.message).toBe(
      'Cannot move this invoice from "sent" to "draft". From "sent" it can be moved to: cancelled.',
    );
    const accepted = await errorOf(
      sales.as.finance.salesDocuments.updateStatus.mutate({ id: draft.id, status: "accepted" }),
    );
    expect(accepted.message).toBe(
      'An invoice is never "accepted". Its statuses are: draft, pending, sent, partial, paid, overdue, cancelled, refunded.',
    );
    // "cancelled" on an invoice is its cancellation document, which needs a reason and "correct".
    const noReason = await errorOf(
      sales.as.finance.salesDocuments.updateStatus.mutate({ id: draft.id, status: "cancelled" }),
    );
    expect(noReason.data?.fieldErrors).toEqual({ reason: ["A reason is required."] });
    expect(
      await outcomeOf(
        sales.as.team_lead.salesDocuments.updateStatus.mutate({
          id: draft.id,
          status: "cancelled",
          reason: "Fehler",
        }),
      ),
    ).toBe("FORBIDDEN");
    const cancelled = await sales.as.finance.salesDocuments.updateStatus.mutate({
      id: draft.id,
      status: "cancelled",
      reason: "Doppelt erfasst",
    });
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "Doppelt erfasst" });
    expect(cancelled.followUps).toMatchObject([{ type: "cancellation", status: "sent" }]);
  });

  it("updates many documents, each on its own, and reports what failed and why", async () => {
    const drafts = [
      await sales.fixtures.draft("quote"),
      await sales.fixtures.draft("quote"),
      await sales.fixtures.draft("quote"),
    ];
    const alreadySent = await sales.fixtures.issued("quote");
    const missing = randomUUID();
    const result = await sales.as.team_lead.salesDocuments.bulkStatusUpdate.mutate({
      ids: [...drafts.map((draft) => draft.id), alreadySent.id, missing],
      status: "sent",
    });
    expect(result).toEqual({
      successCount: 3,
      failedCount: 2,
      failedIds: [alreadySent.id, missing],
      failures: [
        {
          id: alreadySent.id,
          message: 'This quote is already "sent".',
          appMessage: {
            key: "document.alreadyStatus",
            params: {
              type: { term: "documentType", value: "quote" },
              status: { term: "salesStatus", value: "sent" },
            },
          },
        },
        {
          id: missing,
          message: "This sales document does not exist.",
          appMessage: { key: "document.notFound" },
        },
      ],
    });
    const statuses = await sales.api.db.salesDocument.findMany({
      where: { id: { in: drafts.map((draft) => draft.id) } },
      select: { status: true, number: true },
    });
    expect(statuses.every((row) => row.status === "sent" && row.number?.startsWith("AN-"))).toBe(
      true,
    );
    expect(
      await outcomeOf(
        sales.as.team_member.salesDocuments.bulkStatusUpdate.mutate({
          ids: [missing],
          status: "sent",
        }),
      ),
    ).toBe("FORBIDDEN");
  });

  it("accepts and declines quotes, with the decline reason in the history", async () => {
    const accepted = await sales.fixtures.issued("quote");
    expect(
      (await sales.as.team_lead.salesDocuments.accept.mutate({ id: accepted.id })).status,
    ).toBe("accepted");
    const declined = await sales.fixtures.issued("quote");
    const result = await sales.as.team_lead.salesDocuments.decline.mutate({
      id: declined.id,
      reason: "Zu teuer",
    });
    expect(result.status).toBe("declined");
    expect(result.history.at(-1)).toMatchObject({
      action: "decline",
      fromStatus: "sent",
      toStatus: "declined",
      reason: "Zu teuer",
      actorName: "Test team_lead",
    });
    const again = await errorOf(sales.as.finance.salesDocuments.accept.mutate({ id: declined.id }));
    expect(again.message).toBe(
      'Cannot accept this quote while it is "declined". Allowed now: delete.',
    );
  });
});

describe("statistics", () => {
  it("counts by status and sums revenue and outstanding per currency, with a 12-month series", async () => {
    const customer = await sales.fixtures.customer({ defaultCurrency: "GBP" });
    const open = await sales.fixtures.issued("invoice", { customerId: customer.id });
    const paid = await sales.fixtures.issued("invoice", { customerId: customer.id });
    await sales.as.finance.payments.create.mutate({
      salesDocumentId: paid.id,
      amount: "202.30",
      paymentDate: companyToday(),
      method: "bank_transfer",
    });
    const partial = await sales.fixtures.issued("invoice", { customerId: customer.id });
    await sales.as.finance.payments.create.mutate({
      salesDocumentId: partial.id,
      amount: "2.30",
      paymentDate: companyToday(),
      method: "cash",
    });
    await sales.fixtures.draft("invoice", { customerId: customer.id });
    await sales.fixtures.draft("invoice", { customerId: customer.id, currency: "EUR" });

    const statistics = await sales.as.team_lead.salesDocuments.statistics.query({
      customerId: customer.id,
    });
    expect(statistics.byCurrency.map((row) => row.currency)).toEqual(["EUR", "GBP"]);
    const gbp = statistics.byCurrency[1]!;
    expect(gbp).toMatchObject({
      totalCount: 4,
      countsByStatus: {
        draft: 1,
        pending: 0,
        sent: 1,
        partial: 1,
        paid: 1,
        overdue: 0,
        cancelled: 0,
        refunded: 0,
      },
      overdueCount: 0,
    });
    expect([gbp.totalRevenue, gbp.outstandingAmount, gbp.overdueAmount].map(cents)).toEqual([
      "202.30",
      "402.30",
      "0.00",
    ]);
    // Every currency of the selection has all 12 months, for charts.
    expect(statistics.monthly).toHaveLength(24);
    const thisMonth = statistics.monthly.find(
      (row) => row.month === companyToday().slice(0, 7) && row.currency === "GBP",
    )!;
    expect([thisMonth.invoiced, thisMonth.paid].map(cents)).toEqual(["606.90", "204.60"]);
    expect(statistics.monthly[0]!.month < statistics.monthly.at(-1)!.month).toBe(true);
    expect(open.currency).toBe("GBP");

    const quotes = await sales.as.finance.salesDocuments.statistics.query({
      type: "quote",
      customerId: customer.id,
    });
    expect(quotes).toEqual({ byCurrency: [], monthly: [] });
    // Seed 004 gives team members read access, the company's figures included (8988e37).
    expect(await outcomeOf(sales.as.team_member.salesDocuments.statistics.query({}))).toBe("OK");
  });
});

describe("billable expenses", () => {
  it("bills a project's billable expenses on a draft invoice as lines and releases them again", async () => {
    const customer = await sales.fixtures.customer();
    const project = await sales.as.finance.projects.create.mutate({
      name: "Messe",
      customerId: customer.id,
    });
    const expense = (title: string, values: Record<string, unknown> = {}) =>
      sales.as.finance.expenses.create.mutate({
        title,
        category: "travel",
        amount: "119.00",
        isBillable: true,
        projectId: project.id,
        ...values,
      } as Parameters<typeof sales.as.finance.expenses.create.mutate>[0]);
    const train = await expense("Bahnfahrt", { taxRate: "19" });
    // 0 %: a receipt without VAT (or one whose VAT was not recorded) is billed at its gross.
    const hotel = await expense("Hotel", { amount: "250.50", taxRate: "0" });
    const internal = await expense("Kaffee", { isBillable: false });
    const dollars = await expense("Taxi NYC", { currency: "USD" });
    const draft = await sales.fixtures.draft("invoice", {
      customerId: customer.id,
      projectId: project.id,
    });

    const billed = await sales.as.team_lead.salesDocuments.addBillableExpenses.mutate({
      id: draft.id,
    });
    expect(
      billed.lineItems.map((line) => [line.position, line.description, line.expenseId]),
    ).toEqual([
      [1, "IT-Support", null],
      [2, "Bahnfahrt", train.id],
      [3, "Hotel", hotel.id],
    ]);
    // Billed at the receipt's net amount and its VAT rate, so the line totals the receipt again
    // (before, 119.00 became the unit price with 19 % added on top: 141.61).
    const lineFigures = (line: (typeof billed.lineItems)[number]) => ({
      quantity: line.quantity.toFixed(3),
      unitPrice: cents(line.unitPrice),
      taxRate: cents(line.taxRate),
      taxAmount: cents(line.taxAmount),
      total: cents(line.total),
      itemType: line.itemType,
    });
    expect(billed.lineItems.slice(1).map(lineFigures)).toEqual([
      {
        quantity: "1.000",
        unitPrice: "100.00",
        taxRate: "19.00",
        taxAmount: "19.00",
        total: "119.00",
        itemType: "additional_item",
      },
      {
        quantity: "1.000",
        unitPrice: "250.50",
        taxRate: "0.00",
        taxAmount: "0.00",
        total: "250.50",
        itemType: "additional_item",
      },
    ]);
    // Seed 000's line (202.30) plus the two receipts' gross amounts.
    expect(cents(billed.total)).toBe("571.80");
    expect(cents(billed.total)).toBe(computeDocumentTotals(billed.lineItems).total.toFixed(2));
    const invoiced = await sales.api.db.expense.findMany({
      where: { id: { in: [train.id, hotel.id, internal.id, dollars.id] } },
      select: { title: true, invoiceId: true },
      orderBy: { title: "asc" },
    });
    expect(invoiced).toEqual([
      { title: "Bahnfahrt", invoiceId: draft.id },
      { title: "Hotel", invoiceId: draft.id },
      { title: "Kaffee", invoiceId: null },
      { title: "Taxi NYC", invoiceId: null },
    ]);
    const again = await errorOf(
      sales.as.finance.salesDocuments.addBillableExpenses.mutate({ id: draft.id }),
    );
    expect(again.message).toBe(
      "The invoice's project has no billable expenses in EUR that are not invoiced yet.",
    );
    const notBillable = await errorOf(
      sales.as.finance.salesDocuments.addBillableExpenses.mutate({
        id: draft.id,
        expenseIds: [internal.id],
      }),
    );
    expect(notBillable.data?.fieldErrors).toEqual({ expenseIds: ["“Kaffee” is not billable."] });

    // Removing a line releases its expense; deleting the draft releases the rest.
    const [own, trainLine, hotelLine] = billed.lineItems;
    await sales.as.finance.salesDocuments.updateDraft.mutate({
      id: draft.id,
      values: {
        customerId: customer.id,
        projectId: project.id,
        lines: [
          { id: own!.id, ...SEED_LINE },
          {
            id: hotelLine!.id,
            description: "Hotel",
            quantity: "1",
            unitPrice: "250.50",
            taxRate: "19",
          },
        ],
      },
    });
    expect(
      (await sales.api.db.expense.findUniqueOrThrow({ where: { id: train.id } })).invoiceId,
    ).toBeNull();
    expect(
      (await sales.api.db.lineItem.findUniqueOrThrow({ where: { id: hotelLine!.id } })).expenseId,
    ).toBe(hotel.id);
    expect(trainLine!.expenseId).toBe(train.id);
    await sales.as.finance.salesDocuments.delete.mutate({ id: draft.id });
    expect(
      (await sales.api.db.expense.findUniqueOrThrow({ where: { id: hotel.id } })).invoiceId,
    ).toBeNull();
  });
});
