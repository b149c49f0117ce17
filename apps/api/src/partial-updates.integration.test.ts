import { companyToday } from "@ledgerline/services";
import { describe, expect, it } from "vitest";
import { databaseSnapshot } from "./testing/database-snapshot.ts";
import { errorOf, type ApiClient } from "./testing/api-harness.ts";
import { useSalesTestApi } from "./testing/sales-fixtures.ts";

/**
 * Updates never lose data (issue 7, item 10; seed 000: "fields left out stay as they are"). Every
 * update procedure is called with one field: that field changes and every other field of the
 * record reads exactly as before; null or "" clears an optional field; an invalid field is
 * refused with its field error and writes nothing; the audit event's before and after differ in
 * that field only.
 */
const sales = useSalesTestApi();

type Values = Record<string, unknown>;
type StoredRecord = Record<string, unknown>;

/** A record as JSON reads it (Decimal → string, Date → ISO), so two reads compare by value. */
const plain = (value: unknown): StoredRecord => JSON.parse(JSON.stringify(value)) as StoredRecord;

const without = (record: StoredRecord, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));

/** The keys whose values differ between two records. */
const changedKeys = (before: StoredRecord, after: StoredRecord) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .sort();

interface UpdateCase {
  procedure: string;
  /** The audit trail's name for the record. */
  entityType: string;
  /** Makes a record with every field filled; returns its id. */
  create: () => Promise<string>;
  read: (id: string) => Promise<unknown>;
  update: (id: string, values: Values) => Promise<unknown>;
  /** One field with a new, valid value, and how it reads afterwards. */
  change: { values: Values; reads: unknown };
  /** One optional field emptied (null or ""). */
  clear: Values;
  /** One field with an invalid value, and the field error's path. */
  invalid: { values: Values; field: string };
  /** What changes with any write (timestamps, the document's history). */
  volatile?: readonly string[];
  /** What a read derives from the cleared field (the manager of `managerId`). */
  derivedFromClear?: readonly string[];
}

const finance = (): ApiClient => sales.as.finance;
const unique = (label: string) => sales.fixtures.unique(label);

async function fullCustomer() {
  return sales.fixtures.customer({
    legalName: "Hafenkontor Kiel GmbH",
    email: "info@hafenkontor.example",
    phone: "+49 431 1234",
    website: "https://hafenkontor.example",
    country: "DE",
    defaultCurrency: "EUR",
    paymentTermsDays: 30,
    notes: "Bestandskunde",
    contacts: [
      { name: "Anna Becker", email: "anna@hafenkontor.example", isPrimary: true },
      { name: "Ben Krüger", phone: "+49 431 5678", position: "Einkauf" },
    ],
  });
}

async function fullProject() {
  const customer = await fullCustomer();
  return finance().projects.create.mutate({
    name: unique("Relaunch"),
    customerId: customer.id,
    managerId: sales.api.users.team_lead.id,
    status: "on_hold",
    startDate: "2026-03-01",
    endDate: "2026-06-30",
    notes: "Phase 1",
  });
}

async function fullDraft() {
  const project = await fullProject();
  const customer = await finance().customers.get.query({ id: project.customerId });
  return sales.fixtures.draft("invoice", {
    customerId: customer.id,
    contactId: customer.contacts[0]!.id,
    projectId: project.id,
    currency: "EUR",
    locale: "en",
    issuedDate: "2026-03-02",
    dueDate: "2026-03-16",
    servicePeriodStart: "2026-02-01",
    servicePeriodEnd: "2026-02-28",
    notes: "Intern: Abschlag",
    terms: "Zahlbar in 14 Tagen",
    lines: [
      { description: "Übersetzung EN>DE", quantity: "2", unitPrice: "85", taxRate: "19" },
      {
        description: "Korrektorat",
        quantity: "1.5",
        unit: "Stunden",
        unitPrice: "60",
        taxRate: "7",
        discountPercent: "10",
        itemType: "additional_item",
      },
    ],
  });
}

const UPDATES: UpdateCase[] = [
  {
    procedure: "customers.update",
    entityType: "customer",
    create: async () => (await fullCustomer()).id,
    read: (id) => finance().customers.get.query({ id }),
    update: (id, values) => finance().customers.update.mutate({ id, values }),
    change: { values: { phone: "+49 431 9999" }, reads: "+49 431 9999" },
    clear: { legalName: "" },
    invalid: { values: { email: "not-an-email" }, field: "values.email" },
  },
  {
    procedure: "projects.update",
    entityType: "project",
    create: async () => (await fullProject()).id,
    read: (id) => finance().projects.get.query({ id }),
    update: (id, values) => finance().projects.update.mutate({ id, values }),
    change: { values: { notes: "Phase 2" }, reads: "Phase 2" },
    clear: { managerId: null },
    derivedFromClear: ["manager"],
    invalid: { values: { endDate: "2026-13-01" }, field: "values.endDate" },
  },
  {
    procedure: "suppliers.update",
    entityType: "supplier",
    create: async () =>
      (
        await finance().suppliers.create.mutate({
          name: unique("Lektorat"),
          kind: "agency",
          email: "lektorat@example.de",
          phone: "+49 40 1",
          street: "Hafenstraße 2",
          postalCode: "20457",
          city: "Hamburg",
          taxId: "12/345/67890",
          iban: "DE89 3704 0044 0532 0130 00",
          bic: "COBADEFFXXX",
          defaultCurrency: "EUR",
          languagePairs: ["en>de", "fr>de"],
          notes: "Schnell",
        })
      ).id,
    read: (id) => finance().suppliers.get.query({ id }),
    update: (id, values) => finance().suppliers.update.mutate({ id, values }),
    change: { values: { city: "Lübeck" }, reads: "Lübeck" },
    clear: { iban: "" },
    invalid: { values: { bic: "XX" }, field: "values.bic" },
  },
  {
    procedure: "expenses.update",
    entityType: "expense",
    create: async () => {
      const project = await fullProject();
      const expense = await finance().expenses.create.mutate({
        title: "Bahnfahrt Kiel",
        category: "travel",
        amount: "119.00",
        taxRate: "19",
        currency: "EUR",
        expenseDate: "2026-03-03",
        description: "Kundentermin",
        note: "Beleg folgt",
        isBillable: true,
        projectId: project.id,
      });
      return expense.id;
    },
    read: (id) => finance().expenses.get.query({ id }),
    update: (id, values) => finance().expenses.update.mutate({ id, values }),
    // The probe's request named title, category and amount; one field is the sharper test.
    change: { values: { title: "Bahnfahrt Hamburg" }, reads: "Bahnfahrt Hamburg" },
    clear: { description: null },
    invalid: { values: { amount: "-1" }, field: "values.amount" },
  },
  {
    procedure: "payments.update",
    entityType: "payment",
    create: async () => {
      const invoice = await sales.fixtures.issued("invoice");
      const created = await finance().payments.create.mutate({
        salesDocumentId: invoice.id,
        amount: "100.00",
        paymentDate: companyToday(),
        method: "bank_transfer",
        reference: "RE Teil 1",
        note: "per Überweisung",
      });
      return created.payment.id;
    },
    read: (id) => finance().payments.get.query({ id }),
    update: (id, values) => finance().payments.update.mutate({ id, values }),
    change: { values: { reference: "RE Teil 1 (korrigiert)" }, reads: "RE Teil 1 (korrigiert)" },
    clear: { note: "" },
    invalid: { values: { method: "cheque" }, field: "values.method" },
  },
  {
    procedure: "salesDocuments.updateDraft",
    entityType: "salesDocument",
    create: async () => (await fullDraft()).id,
    read: (id) => finance().salesDocuments.get.query({ id }),
    update: (id, values) => finance().salesDocuments.updateDraft.mutate({ id, values }),
    change: { values: { locale: "de" }, reads: "de" },
    clear: { terms: null },
    invalid: { values: { issuedDate: "2026-02-30" }, field: "values.issuedDate" },
    volatile: ["history"],
  },
  {
    // An issued document: its notes change, its printed terms are frozen (GoBD, §5.12).
    procedure: "salesDocuments.update (notes of an issued document)",
    entityType: "salesDocument",
    create: async () =>
      (await sales.fixtures.issued("invoice", { notes: "Intern", terms: "Sofort zahlbar" })).id,
    read: (id) => finance().salesDocuments.get.query({ id }),
    update: (id, values) => finance().salesDocuments.update.mutate({ id, ...values }),
    change: { values: { notes: "Kunde angerufen" }, reads: "Kunde angerufen" },
    clear: { notes: "" },
    invalid: { values: { notes: "x".repeat(4001) }, field: "notes" },
    volatile: ["history"],
  },
  {
    procedure: "settings.update",
    entityType: "companySettings",
    create: async () => {
      await sales.as.admin.settings.update.mutate({
        legalName: "Ledgerline Test GmbH",
        street: "Am Kai 1",
        postalCode: "24103",
        city: "Kiel",
        country: "DE",
        email: "office@ledgerline.example",
        phone: "+49 431 0",
        website: "https://ledgerline.example",
        vatId: "DE123456789",
        taxNumber: "19/123/45678",
        bankName: "Förde Sparkasse",
        iban: "DE89370400440532013000",
        bic: "COBADEFFXXX",
        defaultCurrency: "EUR",
        defaultPaymentTermsDays: 21,
        quoteValidityDays: 30,
        defaultTaxRate: "19",
        defaultLocale: "de",
        invoiceApprovalThreshold: null,
        purchaseOrderAutoApprovalThreshold: "5000.00",
        numberPrefixes: { invoice: "RE" },
      });
      return "1";
    },
    read: () => sales.as.admin.settings.get.query(),
    update: (_id, values) => sales.as.admin.settings.update.mutate(values),
    change: { values: { phone: "+49 431 777" }, reads: "+49 431 777" },
    clear: { website: "" },
    invalid: { values: { defaultTaxRate: "101" }, field: "defaultTaxRate" },
  },
];

/** The last audit event of a change of the record. */
async function lastChange(entityType: string, entityId: string) {
  const event = await sales.api.db.auditEvent.findFirstOrThrow({
    where: { entityType, entityId, action: { in: ["update", "annotate"] } },
    orderBy: { id: "desc" },
  });
  return { before: event.before as StoredRecord, after: event.after as StoredRecord };
}

describe("every update procedure changes only the fields it is sent", () => {
  for (const update of UPDATES) {
    const volatile = ["updatedAt", ...(update.volatile ?? [])];
    const [field] = Object.keys(update.change.values) as [string];

    it(`${update.procedure}: one field changes, every other field stays, and the audit shows just that`, async () => {
      const id = await update.create();
      const before = plain(await update.read(id));
      await update.update(id, update.change.values);
      const after = plain(await update.read(id));
      expect(after[field]).toEqual(update.change.reads);
      expect(without(after, [field, ...volatile])).toEqual(without(before, [field, ...volatile]));

      const audit = await lastChange(update.entityType, id);
      expect(changedKeys(audit.before, audit.after).filter((key) => key !== "updatedAt")).toEqual([
        field,
      ]);
    });

    it(`${update.procedure}: null or "" clears an optional field and keeps the rest`, async () => {
      const id = await update.create();
      const before = plain(await update.read(id));
      const [cleared] = Object.keys(update.clear) as [string];
      expect(before[cleared]).not.toBeNull();
      await update.update(id, update.clear);
      const after = plain(await update.read(id));
      expect(after[cleared]).toBeNull();
      const ignored = [cleared, ...volatile, ...(update.derivedFromClear ?? [])];
      expect(without(after, ignored)).toEqual(without(before, ignored));
    });

    it(`${update.procedure}: an invalid field is refused with its field error and writes nothing`, async () => {
      const id = await update.create();
      const before = await databaseSnapshot(sales.api.db);
      const error = await errorOf(update.update(id, update.invalid.values));
      expect(error.data?.code).toBe("BAD_REQUEST");
      expect(Object.keys(error.data?.fieldErrors ?? {})).toEqual([update.invalid.field]);
      expect(await databaseSnapshot(sales.api.db)).toEqual(before);
    });
  }
});

describe("the record after a partial update still meets the create rules", () => {
  // The call starts only after the snapshot, so "nothing written" compares before and after it.
  const refusedOn = async (call: () => Promise<unknown>, field: string) => {
    const before = await databaseSnapshot(sales.api.db);
    const error = await errorOf(call());
    expect(error.data?.code).toBe("BAD_REQUEST");
    expect(Object.keys(error.data?.fieldErrors ?? {})).toEqual([field]);
    expect(await databaseSnapshot(sales.api.db)).toEqual(before);
  };

  it("refuses an end date before the stored start date, and a billable expense losing its project", async () => {
    const project = await fullProject();
    await refusedOn(
      () => finance().projects.update.mutate({ id: project.id, values: { endDate: "2026-02-01" } }),
      "endDate",
    );
    const expense = await finance().expenses.create.mutate({
      title: "Taxi",
      category: "travel",
      amount: "20.00",
      isBillable: true,
      projectId: project.id,
    });
    await refusedOn(
      () => finance().expenses.update.mutate({ id: expense.id, values: { projectId: null } }),
      "projectId",
    );
    // Both together are a valid change.
    const unbilled = await finance().expenses.update.mutate({
      id: expense.id,
      values: { projectId: null, isBillable: false },
    });
    expect([unbilled.projectId, unbilled.isBillable, unbilled.title]).toEqual([
      null,
      false,
      "Taxi",
    ]);
  });

  it("refuses a draft's due date before its stored issued date", async () => {
    const draft = await fullDraft();
    await refusedOn(
      () =>
        finance().salesDocuments.updateDraft.mutate({
          id: draft.id,
          values: { dueDate: "2026-03-01" },
        }),
      "dueDate",
    );
  });

  it("keeps billable, project and description when only title, category and amount are sent, or only the amount (the probe's requests)", async () => {
    const project = await fullProject();
    const expense = await finance().expenses.create.mutate({
      title: "Hotel",
      category: "travel",
      amount: "250.00",
      description: "Zwei Nächte",
      isBillable: true,
      projectId: project.id,
    });
    const kept = (changed: typeof expense) => [
      changed.description,
      changed.isBillable,
      changed.projectId,
    ];
    const renamed = await finance().expenses.update.mutate({
      id: expense.id,
      values: { title: "Hotel Kiel", category: "other", amount: "260.00" },
    });
    expect(kept(renamed)).toEqual(["Zwei Nächte", true, project.id]);
    const changed = await finance().expenses.update.mutate({
      id: expense.id,
      values: { amount: "275.50" },
    });
    expect(changed.amount.toFixed(2)).toBe("275.50");
    expect([changed.title, changed.category, ...kept(changed)]).toEqual([
      "Hotel Kiel",
      "other",
      "Zwei Nächte",
      true,
      project.id,
    ]);
  });
});

describe("lists inside a record: items with an id change, items without are new", () => {
  it("keeps a draft's lines when they are left out", async () => {
    const draft = await fullDraft();
    const updated = await finance().salesDocuments.updateDraft.mutate({
      id: draft.id,
      values: { notes: "Nur die Notiz" },
    });
    expect(plain(updated.lineItems)).toEqual(plain(draft.lineItems));
    expect(updated.total.toFixed(2)).toBe(draft.total.toFixed(2));
  });

  it("changes only the sent fields of a line sent with its id, drops lines left out of the list, adds new ones", async () => {
    const draft = await fullDraft();
    const [first, second] = draft.lineItems;
    const updated = await finance().salesDocuments.updateDraft.mutate({
      id: draft.id,
      values: {
        lines: [
          { id: second!.id, quantity: "3" },
          { description: "Layout", quantity: "1", unitPrice: "40" },
        ],
      },
    });
    const [kept, added] = updated.lineItems;
    expect(updated.lineItems).toHaveLength(2);
    expect(
      without(plain(kept), ["quantity", "position", "subtotal", "discountAmount"]),
    ).toMatchObject(
      without(plain(second), [
        "quantity",
        "position",
        "subtotal",
        "discountAmount",
        "subtotalAfterDiscount",
        "taxAmount",
        "total",
      ]),
    );
    expect(kept!.quantity.toFixed(3)).toBe("3.000");
    expect(kept!.unit).toBe("Stunden");
    expect(kept!.discountPercent.toFixed(2)).toBe("10.00");
    // A new line takes the create defaults: the company's VAT rate, no discount.
    expect(added).toMatchObject({ description: "Layout", itemType: "other" });
    expect(added!.discountPercent.toFixed(2)).toBe("0.00");
    expect(updated.lineItems.map((line) => line.id)).not.toContain(first!.id);
  });

  it("refuses a new line without its required fields, naming the line's field", async () => {
    const draft = await fullDraft();
    const before = await databaseSnapshot(sales.api.db);
    const error = await errorOf(
      finance().salesDocuments.updateDraft.mutate({
        id: draft.id,
        values: { lines: [{ id: draft.lineItems[0]!.id }, { description: "Ohne Preis" }] },
      }),
    );
    expect(error.data?.fieldErrors).toEqual({
      "lines.1.quantity": ["Enter a quantity such as 2 or 1.5."],
      "lines.1.unitPrice": ["Enter a price such as 85.00."],
    });
    expect(await databaseSnapshot(sales.api.db)).toEqual(before);
  });

  it("keeps a customer's contacts when left out, and merges the ones sent by id", async () => {
    const customer = await fullCustomer();
    const [anna, ben] = customer.contacts;
    const renamed = await finance().customers.update.mutate({
      id: customer.id,
      values: { name: unique("Hafenkontor") },
    });
    expect(plain(renamed.contacts)).toEqual(plain(customer.contacts));

    const updated = await finance().customers.update.mutate({
      id: customer.id,
      values: { contacts: [{ id: ben!.id, email: "ben@hafenkontor.example" }] },
    });
    expect(updated.contacts).toHaveLength(1);
    expect(updated.contacts[0]).toMatchObject({
      id: ben!.id,
      name: "Ben Krüger",
      phone: "+49 431 5678",
      position: "Einkauf",
      email: "ben@hafenkontor.example",
    });
    expect(updated.contacts.map((contact) => contact.id)).not.toContain(anna!.id);
  });
});
