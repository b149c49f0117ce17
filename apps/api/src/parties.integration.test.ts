import { createDb } from "@ledgerline/db";
import { MAX_PAGE_SIZE } from "@ledgerline/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, startTestApi, type ApiClient, type TestApi } from "./testing/api-harness.ts";

let api: TestApi;
let finance: ApiClient;
beforeAll(async () => {
  api = await startTestApi();
  finance = await api.signInAs("finance");
});
afterAll(() => api?.close());

describe("customers", () => {
  it("creates a customer with contacts and records who did it", async () => {
    const customer = await finance.customers.create.mutate({
      name: "  Hafenblick Hotel GmbH ",
      email: "Rechnung@Hafenblick.example",
      city: "Kiel",
      contacts: [
        { name: "Eva Nord", email: "eva@hafenblick.example", isPrimary: true },
        { name: "Tom Süd", position: "Buchhaltung" },
      ],
    });
    expect(customer.name).toBe("Hafenblick Hotel GmbH");
    expect(customer.email).toBe("rechnung@hafenblick.example");
    expect(customer.contacts.map((contact) => contact.name)).toEqual(["Eva Nord", "Tom Süd"]);

    const audit = await api.db.auditEvent.findFirstOrThrow({
      where: { entityType: "customer", entityId: customer.id },
    });
    expect(audit).toMatchObject({ action: "create", actorId: api.users.finance.id });
    expect((audit.after as { name: string }).name).toBe("Hafenblick Hotel GmbH");
  });

  it("updates fields and contacts in one go, with before and after in the audit trail", async () => {
    const customer = await finance.customers.create.mutate({
      name: "Edit Me AG",
      contacts: [{ name: "Old Contact" }, { name: "Kept Contact" }],
    });
    const kept = customer.contacts.find((contact) => contact.name === "Kept Contact")!;
    const updated = await finance.customers.update.mutate({
      id: customer.id,
      values: {
        name: "Edited AG",
        paymentTermsDays: 30,
        contacts: [{ id: kept.id, name: "Kept Contact", isPrimary: true }, { name: "New Contact" }],
      },
    });
    expect(updated.name).toBe("Edited AG");
    expect(updated.paymentTermsDays).toBe(30);
    expect(updated.contacts.map((contact) => contact.name)).toEqual([
      "Kept Contact",
      "New Contact",
    ]);
    expect(updated.contacts[0]!.id).toBe(kept.id);

    const audit = await api.db.auditEvent.findFirstOrThrow({
      where: { entityId: customer.id, action: "update" },
    });
    expect((audit.before as { name: string }).name).toBe("Edit Me AG");
    expect((audit.after as { name: string }).name).toBe("Edited AG");
  });

  it("gives field-level errors from the shared schema and writes nothing", async () => {
    const before = await api.db.customer.count();
    const error = await errorOf(
      finance.customers.create.mutate({
        name: "",
        email: "not-an-email",
        paymentTermsDays: 400,
        contacts: [{ name: "A", isPrimary: true }, { name: "" }],
      }),
    );
    expect(error.data?.code).toBe("BAD_REQUEST");
    expect(error.data?.fieldErrors).toMatchObject({
      name: ["Name is required."],
      email: ["Enter a valid email address."],
      paymentTermsDays: ["At most 365 days."],
      "contacts.1.name": ["Name is required."],
    });
    expect(await api.db.customer.count()).toBe(before);
  });

  it("lists with search, filter, sorting and pagination, capped at 500 rows a page", async () => {
    for (let index = 1; index <= 12; index++) {
      await finance.customers.create.mutate({
        name: `Paging ${String(index).padStart(2, "0")} KG`,
        city: index % 2 ? "Bonn" : "Essen",
        country: index === 12 ? "AT" : "DE",
      });
    }
    const first = await finance.customers.list.query({
      search: "paging",
      pageSize: 5,
      sortBy: "name",
      sortDirection: "desc",
    });
    expect(first).toMatchObject({ total: 12, page: 1, pageSize: 5, pages: 3 });
    expect(first.items.map((customer) => customer.name)).toEqual([
      "Paging 12 KG",
      "Paging 11 KG",
      "Paging 10 KG",
      "Paging 09 KG",
      "Paging 08 KG",
    ]);
    const third = await finance.customers.list.query({
      search: "paging",
      pageSize: 5,
      page: 3,
      sortBy: "name",
      sortDirection: "desc",
    });
    expect(third.items.map((customer) => customer.name)).toEqual(["Paging 02 KG", "Paging 01 KG"]);
    expect((await finance.customers.list.query({ search: "paging", country: "AT" })).total).toBe(1);
    expect((await finance.customers.list.query({ search: "bonn" })).total).toBe(6);

    const tooBig = await errorOf(finance.customers.list.query({ pageSize: MAX_PAGE_SIZE + 1 }));
    expect(tooBig.data?.fieldErrors).toEqual({ pageSize: ["At most 500 rows per page."] });
  });

  it("archives and restores, and archived customers leave the default list", async () => {
    const customer = await finance.customers.create.mutate({ name: "Archivable GmbH" });
    await finance.customers.archive.mutate({ id: customer.id });
    expect((await finance.customers.list.query({ search: "Archivable" })).total).toBe(0);
    expect(
      (await finance.customers.list.query({ search: "Archivable", archived: "archived" })).total,
    ).toBe(1);
    await finance.customers.restore.mutate({ id: customer.id });
    expect((await finance.customers.list.query({ search: "Archivable" })).total).toBe(1);
    const actions = await api.db.auditEvent.findMany({
      where: { entityId: customer.id },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((event) => event.action)).toEqual(["create", "archive", "restore"]);
  });

  it("refuses to delete a customer a project refers to, saying why", async () => {
    const customer = await finance.customers.create.mutate({ name: "Referenced GmbH" });
    const project = await finance.projects.create.mutate({
      name: "Keeps it alive",
      customerId: customer.id,
    });
    const error = await errorOf(finance.customers.delete.mutate({ id: customer.id }));
    expect(error.data?.code).toBe("CONFLICT");
    expect(error.message).toBe(
      "“Referenced GmbH” cannot be deleted: 1 project refers to it. Archive it instead to hide it from lists.",
    );
    expect(await api.db.customer.count({ where: { id: customer.id } })).toBe(1);

    await finance.projects.delete.mutate({ id: project.id });
    await finance.customers.delete.mutate({ id: customer.id });
    expect(await api.db.customer.count({ where: { id: customer.id } })).toBe(0);
    const deletion = await api.db.auditEvent.findFirstOrThrow({
      where: { entityId: customer.id, action: "delete" },
    });
    expect((deletion.before as { name: string }).name).toBe("Referenced GmbH");
  });

  it("keeps the audit trail append-only: the application may not ask, the owner is refused", async () => {
    await finance.customers.create.mutate({ name: "Audited GmbH" });
    const event = await api.db.auditEvent.findFirstOrThrow({ where: { entityType: "customer" } });
    await expect(
      api.db.auditEvent.update({ where: { id: event.id }, data: { action: "forged" } }),
    ).rejects.toThrow(/permission denied for table audit_events/);
    await expect(api.db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(
      /permission denied for table audit_events/,
    );
    const owner = createDb({ url: api.ownerUrl, maxConnections: 1 });
    try {
      await expect(
        owner.auditEvent.update({ where: { id: event.id }, data: { action: "forged" } }),
      ).rejects.toThrow(/append-only/);
      await expect(owner.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(
        /append-only/,
      );
    } finally {
      await owner.$disconnect();
    }
    expect(await api.db.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toEqual(event);
  });

  it("answers NOT_FOUND for a customer that does not exist", async () => {
    const error = await errorOf(
      finance.customers.get.query({ id: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(error.data?.code).toBe("NOT_FOUND");
  });
});

describe("projects", () => {
  it("needs an existing customer and an active manager, with field errors", async () => {
    const unknownCustomer = await errorOf(
      finance.projects.create.mutate({
        name: "Orphan",
        customerId: "00000000-0000-4000-8000-000000000000",
      }),
    );
    expect(unknownCustomer.data?.fieldErrors).toEqual({
      customerId: ["Choose an existing customer."],
    });

    const customer = await finance.customers.create.mutate({ name: "Project Host GmbH" });
    const badDates = await errorOf(
      finance.projects.create.mutate({
        name: "Backwards",
        customerId: customer.id,
        startDate: "2026-05-01",
        endDate: "2026-04-01",
      }),
    );
    expect(badDates.data?.fieldErrors).toEqual({
      endDate: ["The end date cannot be before the start date."],
    });

    const project = await finance.projects.create.mutate({
      name: "Relaunch",
      customerId: customer.id,
      managerId: api.users.team_lead.id,
      startDate: "2026-05-01",
    });
    expect(project.number).toBeGreaterThan(0);
    expect(project.customer.name).toBe("Project Host GmbH");
    expect(project.manager?.id).toBe(api.users.team_lead.id);
    expect(project.startDate?.toISOString().slice(0, 10)).toBe("2026-05-01");
  });

  it("filters by customer, manager, status and finds a project by its number", async () => {
    const customer = await finance.customers.create.mutate({ name: "Filter Host GmbH" });
    const a = await finance.projects.create.mutate({
      name: "Alpha",
      customerId: customer.id,
      status: "on_hold",
    });
    await finance.projects.create.mutate({
      name: "Beta",
      customerId: customer.id,
      managerId: api.users.team_lead.id,
    });
    expect((await finance.projects.list.query({ customerId: customer.id })).total).toBe(2);
    expect(
      (await finance.projects.list.query({ customerId: customer.id, status: "on_hold" })).items.map(
        (p) => p.name,
      ),
    ).toEqual(["Alpha"]);
    expect(
      (
        await finance.projects.list.query({
          customerId: customer.id,
          managerId: api.users.team_lead.id,
        })
      ).items.map((p) => p.name),
    ).toEqual(["Beta"]);
    expect(
      (await finance.projects.list.query({ search: String(a.number) })).items.map((p) => p.id),
    ).toContain(a.id);
  });

  it("does not start new projects for archived customers", async () => {
    const customer = await finance.customers.create.mutate({ name: "Sleeping GmbH" });
    await finance.customers.archive.mutate({ id: customer.id });
    const error = await errorOf(
      finance.projects.create.mutate({ name: "Nope", customerId: customer.id }),
    );
    expect(error.data?.fieldErrors).toEqual({ customerId: ["This customer is archived."] });
  });
});

describe("suppliers", () => {
  it("validates IBAN checksums and language pairs, and filters by pair and kind", async () => {
    const badIban = await errorOf(
      finance.suppliers.create.mutate({ name: "Bad Bank", iban: "DE89 3704 0044 0532 0130 01" }),
    );
    expect(badIban.data?.fieldErrors).toEqual({ iban: ["This IBAN is not valid (checksum)."] });
    const badPair = await errorOf(
      finance.suppliers.create.mutate({ name: "Bad Pair", languagePairs: ["english to german"] }),
    );
    expect(Object.keys(badPair.data?.fieldErrors ?? {})).toEqual(["languagePairs.0"]);

    const supplier = await finance.suppliers.create.mutate({
      name: "Ana Translate",
      iban: "de89 3704 0044 0532 0130 00",
      languagePairs: ["EN>DE", "en>fr"],
    });
    expect(supplier.iban).toBe("DE89370400440532013000");
    expect(supplier.languagePairs).toEqual(["en>de", "en>fr"]);
    await finance.suppliers.create.mutate({ name: "Setzerei Agentur", kind: "agency" });
    expect(
      (await finance.suppliers.list.query({ languagePair: "en>fr" })).items.map((s) => s.name),
    ).toEqual(["Ana Translate"]);
    expect(
      (await finance.suppliers.list.query({ kind: "agency" })).items.map((s) => s.name),
    ).toEqual(["Setzerei Agentur"]);
  });

  it("edits, archives and deletes an unreferenced supplier", async () => {
    const supplier = await finance.suppliers.create.mutate({ name: "Short Lived" });
    const edited = await finance.suppliers.update.mutate({
      id: supplier.id,
      values: { name: "Short Lived GmbH", kind: "agency" },
    });
    expect(edited).toMatchObject({ name: "Short Lived GmbH", kind: "agency" });
    await finance.suppliers.archive.mutate({ id: supplier.id });
    await finance.suppliers.delete.mutate({ id: supplier.id });
    expect(await api.db.supplier.count({ where: { id: supplier.id } })).toBe(0);
  });
});

describe("company settings", () => {
  it("lets an admin set the company data that documents will show", async () => {
    const admin = await api.signInAs("admin");
    const saved = await admin.settings.update.mutate({
      legalName: "Testfirma GmbH",
      iban: "DE89370400440532013000",
      numberPrefixes: { invoice: "INV" },
    });
    expect(saved.legalName).toBe("Testfirma GmbH");
    const settings = await finance.settings.get.query();
    expect(settings.numberPrefixes).toMatchObject({
      invoice: "INV",
      quote: "AN",
      credit_note: "GS",
    });
    expect(settings.defaultTaxRate.toString()).toBe("19");
  });
});
