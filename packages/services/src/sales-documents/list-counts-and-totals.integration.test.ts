import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@ledgerline/db";
import { createTestDatabase, seededRandom, type TestDatabase } from "@ledgerline/db/testing";
import {
  addDays,
  creditedAmountOf,
  Decimal,
  invoiceOutstanding,
  isOpenInvoice,
  isOverdue,
  STATUSES_BY_TYPE,
  ZERO,
  type IsoDate,
  type SalesDocumentFiltersInput,
  type SalesDocumentStatus,
  type SalesDocumentType,
} from "@ledgerline/domain";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemActor } from "../actor.ts";
import { createCustomer } from "../customers/customers.ts";
import { companyToday } from "./company-context.ts";
import {
  LIST_COUNT_BOUND,
  listSalesDocuments,
  salesDocumentSelectionTotals,
} from "./list-sales-documents.ts";

/**
 * The list's counts and the selection totals take shortcuts at scale: the totals the database
 * keeps per type, status, currency, archived, issued and due date (`sales_document_totals`, kept by a
 * deferred trigger), customer names looked up among `sales_document_customer_names` first, and
 * counts bounded above `LIST_COUNT_BOUND`. Here a few hundred generated documents (fixed seed),
 * written, changed, deleted and rolled back as rows, are counted and summed by those paths and
 * directly, in TypeScript with the domain's rules, for many sets of filters.
 */
const actor = systemActor("list counts test");
let database: TestDatabase;
let db: Db;
let today: IsoDate;

interface StoredDocument {
  id: string;
  type: SalesDocumentType;
  status: SalesDocumentStatus;
  currency: string;
  customerId: string;
  customerName: string;
  issuedDate: IsoDate | null;
  dueDate: IsoDate | null;
  total: Decimal;
  paidAmount: Decimal;
  archived: boolean;
  sourceDocumentId: string | null;
}

const customers: { id: string; names: string[] }[] = [];
let crowdedCustomerId = "";

async function insert(document: Omit<StoredDocument, "id">, id = randomUUID()) {
  await db.$executeRaw`
    INSERT INTO sales_documents
      (id, type, status, currency, customer_id, customer_name, billing_address, subtotal,
       net_amount, total, paid_amount, issued_date, due_date, source_document_id, archived_at,
       updated_at)
    VALUES (${id}::uuid, ${document.type}::sales_document_type,
            ${document.status}::sales_document_status, ${document.currency},
            ${document.customerId}::uuid, ${document.customerName}, '{}'::jsonb,
            ${document.total.toFixed(2)}::numeric, ${document.total.toFixed(2)}::numeric,
            ${document.total.toFixed(2)}::numeric, ${document.paidAmount.toFixed(2)}::numeric,
            ${document.issuedDate}::date, ${document.dueDate}::date,
            ${document.sourceDocumentId}::uuid,
            ${document.archived ? new Date() : null}::timestamptz, now())`;
  return id;
}

async function generate() {
  const random = seededRandom(20261205);
  const cents = (from: number, to: number) =>
    new Decimal(random.int(from * 100, to * 100)).div(100);
  const currencies = ["EUR", "CHF", "USD"] as const;
  const types: SalesDocumentType[] = ["invoice", "invoice", "invoice", "quote", "credit_note"];
  // Names with the pattern characters of ILIKE and a renamed customer (its documents keep the
  // names they were written with).
  for (const names of [
    ["Nordlicht GmbH", "Nordlicht Handels KG"],
    ["Südwind AG"],
    ["100% Bio_Markt"],
    ["Kunde Eins", "Kunde Zwei", "Kunde Drei"],
  ]) {
    const customer = await createCustomer(db, actor, { name: names[0]! });
    customers.push({ id: customer.id, names });
  }
  for (let index = 0; index < 400; index += 1) {
    const customer = random.pick(customers);
    const type = random.pick(types.filter((candidate) => candidate !== "credit_note"));
    const total = cents(0, 4000);
    const status = random.pick(STATUSES_BY_TYPE[type]);
    const open = isOpenInvoice({ type, status });
    // An open invoice owes something (the settlement stores paid otherwise).
    const paidAmount =
      open && total.greaterThan(0)
        ? random.chance(0.5)
          ? ZERO
          : cents(0, total.minus("0.01").toNumber())
        : status === "paid"
          ? total
          : ZERO;
    const dueDate =
      type === "invoice" && !random.chance(0.1) ? addDays(today, random.int(-40, 40)) : null;
    const issuedDate =
      status === "draft" ? null : addDays(dueDate ?? today, -random.int(0, dueDate ? 30 : 400));
    const invoiceId = await insert({
      type,
      status: open && total.isZero() ? "paid" : status,
      currency: random.pick(currencies),
      customerId: customer.id,
      customerName: random.pick(customer.names),
      issuedDate,
      dueDate,
      total,
      paidAmount,
      archived: random.chance(0.15),
      sourceDocumentId: null,
    });
    // Credit notes on some open invoices, in every status, never crediting all that is owed.
    if (open && total.greaterThan(0) && random.chance(0.3)) {
      const owed = total.minus(paidAmount);
      for (let note = random.int(1, 2); note > 0; note -= 1) {
        await insert({
          type: "credit_note",
          status: random.pick(STATUSES_BY_TYPE.credit_note),
          currency: "EUR",
          customerId: customer.id,
          customerName: customer.names[0]!,
          issuedDate: today,
          dueDate: null,
          total: cents(0, owed.div(3).toNumber()).negated(),
          paidAmount: ZERO,
          archived: false,
          sourceDocumentId: invoiceId,
        });
      }
    }
  }
  // A customer with more documents than a list counts exactly.
  const crowded = await createCustomer(db, actor, { name: "Viel & Oft GmbH" });
  crowdedCustomerId = crowded.id;
  await db.$executeRaw`
    INSERT INTO sales_documents (type, status, currency, customer_id, customer_name,
                                 billing_address, subtotal, net_amount, total, issued_date,
                                 created_at, updated_at)
    SELECT 'quote', 'sent', 'EUR', ${crowded.id}::uuid, 'Viel & Oft GmbH', '{}'::jsonb,
           i % 100, i % 100, i % 100, ${today}::date - (i % 30),
           now() - (i % 700) * interval '1 minute', now()
    FROM generate_series(1, ${LIST_COUNT_BOUND + 50}::int) AS i`;
  // Pro forma created on the day they were issued, as documents usually are, but every 40th one
  // created long after its day (entered late): the day-by-day page's bound must not lose them.
  const punctual = await createCustomer(db, actor, { name: "Pünktlich AG" });
  await db.$executeRaw`
    INSERT INTO sales_documents (type, status, currency, customer_id, customer_name,
                                 billing_address, subtotal, net_amount, total, issued_date,
                                 archived_at, created_at, updated_at)
    SELECT 'pro_forma', (ARRAY['sent', 'cancelled'])[1 + (i % 7 = 0)::int]::sales_document_status,
           (ARRAY['EUR', 'USD'])[1 + (i % 5 = 0)::int], ${punctual.id}::uuid, 'Pünktlich AG',
           '{}'::jsonb, i % 100, i % 100, i % 100, ${today}::date - (i % 30),
           CASE WHEN i % 11 = 0 THEN now() END,
           CASE WHEN i % 40 = 0 THEN now() - (i % 13) * interval '1 second'
                ELSE (${today}::date - (i % 30))::timestamptz + (i % 997) * interval '1 second' END,
           now()
    FROM generate_series(1, 4000) AS i`;
}

/** What the use cases change, as rows: statuses, payments, archiving, dates and deletions. */
async function change() {
  // Several documents in one transaction, as a bulk action does.
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE sales_documents SET status = 'paid', paid_amount = total
      WHERE id IN (SELECT id FROM sales_documents
                   WHERE type = 'invoice' AND status IN ('sent', 'partial') ORDER BY id LIMIT 15)
        AND id NOT IN (SELECT source_document_id FROM sales_documents
                       WHERE source_document_id IS NOT NULL)`;
    await tx.$executeRaw`
      UPDATE sales_documents SET archived_at = now()
      WHERE id IN (SELECT id FROM sales_documents WHERE archived_at IS NULL AND type = 'quote'
                     AND customer_id <> ${crowdedCustomerId}::uuid
                   ORDER BY id LIMIT 20)`;
  });
  // The same document changed twice in one transaction.
  await db.$transaction(async (tx) => {
    const [first] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM sales_documents WHERE type = 'invoice' AND status = 'sent'
        AND paid_amount = 0 AND due_date IS NOT NULL ORDER BY id LIMIT 1`;
    await tx.$executeRaw`UPDATE sales_documents SET issued_date = issued_date - 60, due_date = due_date - 60 WHERE id = ${first!.id}::uuid`;
    await tx.$executeRaw`UPDATE sales_documents SET paid_amount = round(total / 2, 2), status = 'partial'
                         WHERE id = ${first!.id}::uuid AND total > 0.01`;
  });
  await db.$executeRaw`
    DELETE FROM sales_documents
    WHERE id IN (SELECT id FROM sales_documents WHERE status = 'draft' ORDER BY id LIMIT 10)
      AND id NOT IN (SELECT source_document_id FROM sales_documents
                     WHERE source_document_id IS NOT NULL)`;
  // A rollback leaves the totals as they were.
  await expect(
    db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE sales_documents SET status = 'cancelled' WHERE type = 'invoice' AND status <> 'draft'`;
      throw new Error("rolled back");
    }),
  ).rejects.toThrow("rolled back");
}

async function storedDocuments(): Promise<StoredDocument[]> {
  const rows = await db.$queryRaw<
    (Omit<StoredDocument, "total" | "paidAmount"> & { total: string; paidAmount: string })[]
  >`
    SELECT id::text, type, status, currency, customer_id::text AS "customerId",
           customer_name AS "customerName", issued_date::text AS "issuedDate",
           due_date::text AS "dueDate", total::text, paid_amount::text AS "paidAmount",
           archived_at IS NOT NULL AS "archived", source_document_id::text AS "sourceDocumentId"
    FROM sales_documents`;
  return rows.map((row) => ({
    ...row,
    total: new Decimal(row.total),
    paidAmount: new Decimal(row.paidAmount),
  }));
}

/** The filters, judged document by document with the domain's rules. */
function selected(
  documents: StoredDocument[],
  filters: SalesDocumentFiltersInput,
): (StoredDocument & { outstanding: Decimal | null })[] {
  const notesOf = new Map<string, StoredDocument[]>();
  for (const note of documents.filter((document) => document.sourceDocumentId !== null)) {
    notesOf.set(note.sourceDocumentId!, [...(notesOf.get(note.sourceDocumentId!) ?? []), note]);
  }
  const withFigures = documents.map((document) => {
    const notes = notesOf.get(document.id) ?? [];
    const outstanding =
      document.type === "invoice"
        ? invoiceOutstanding({
            total: document.total,
            creditedAmount: creditedAmountOf(notes),
            paidAmount: document.paidAmount,
          })
        : null;
    return { ...document, outstanding };
  });
  const overdue = (document: (typeof withFigures)[number]) =>
    isOverdue({ ...document, outstandingAmount: document.outstanding, today });
  const statuses = filters.status === undefined ? undefined : [filters.status].flat();
  const types = filters.type === undefined ? undefined : [filters.type].flat();
  const search = filters.search?.toLowerCase();
  return withFigures.filter(
    (document) =>
      (!types || types.includes(document.type)) &&
      (!statuses ||
        statuses.includes(document.status) ||
        (statuses.includes("overdue") && overdue(document))) &&
      (!filters.overdueOnly || overdue(document)) &&
      (!filters.currency || document.currency === filters.currency) &&
      (!filters.customerId || document.customerId === filters.customerId) &&
      (!filters.dateFrom ||
        (document.issuedDate !== null && document.issuedDate >= filters.dateFrom)) &&
      (!filters.dateTo ||
        (document.issuedDate !== null && document.issuedDate <= filters.dateTo)) &&
      (!filters.dueFrom || (document.dueDate !== null && document.dueDate >= filters.dueFrom)) &&
      (!filters.dueTo || (document.dueDate !== null && document.dueDate <= filters.dueTo)) &&
      (!search || document.customerName.toLowerCase().includes(search)) &&
      ((filters.archived ?? "active") === "all" ||
        document.archived === ((filters.archived ?? "active") === "archived")),
  );
}

beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "list_counts",
    adminUrl: inject("databaseAdminUrl"),
  });
  db = createDb({ url: database.url, maxConnections: 4 });
  today = companyToday();
  await generate();
  await change();
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const filterSets = (): SalesDocumentFiltersInput[] => [
  {},
  { archived: "all" },
  { archived: "archived" },
  { type: "invoice" },
  { type: "invoice", status: ["overdue"] },
  { type: "invoice", status: ["overdue", "paid"], archived: "all" },
  { type: "invoice", overdueOnly: true },
  { overdueOnly: true, currency: "CHF" },
  { status: ["sent", "partial"], currency: "EUR", archived: "all" },
  { type: "credit_note" },
  { type: "quote", archived: "archived" },
  { type: "invoice", customerId: customers[0]!.id },
  { type: "invoice", dateFrom: addDays(today, -100), dateTo: addDays(today, -10) },
  { type: "invoice", dueFrom: addDays(today, -30), dueTo: addDays(today, 30) },
  { type: "invoice", status: ["overdue"], dueTo: addDays(today, -5), currency: "EUR" },
  { dueFrom: addDays(today, -60), customerId: customers[1]!.id, archived: "all" },
  { search: "nord" },
  { search: "handels" },
  { search: "SÜDWIND", archived: "all" },
  { search: "100%" },
  { search: "o_m" },
  { search: "_" },
  { search: "kunde", type: "invoice", status: ["overdue"] },
  { search: "nobody at all" },
  // Several types at once (seed 004's sales orders: sales orders and pro forma together).
  { type: ["pro_forma", "quote"] },
  { type: ["pro_forma", "quote"], status: ["sent"], dateFrom: addDays(today, -20), dateTo: today },
  { type: ["invoice", "credit_note"], status: ["paid", "overdue"], currency: "EUR" },
];

const text = (value: Decimal) => value.toFixed(2);

describe("the list's counts and the selection totals", () => {
  it("keep exactly the totals the documents add up to, through inserts, changes, deletes and rollbacks", async () => {
    const kept = await db.$queryRaw<
      { key: string; count: number; total: string; unpaid: string }[]
    >`
      SELECT concat_ws('/', type, status, currency, archived, issued_date, due_date) AS "key",
             document_count::int AS "count", total::text, unpaid::text
      FROM sales_document_totals WHERE document_count <> 0 ORDER BY 1`;
    const direct = await db.$queryRaw<
      { key: string; count: number; total: string; unpaid: string }[]
    >`
      SELECT concat_ws('/', type, status, currency, archived_at IS NOT NULL, issued_date, due_date) AS "key",
             count(*)::int AS "count", sum(total)::text AS "total",
             sum(greatest(0, total - paid_amount))::numeric(20, 2)::text AS "unpaid"
      FROM sales_documents GROUP BY 1 ORDER BY 1`;
    expect(kept).toEqual(direct);
    expect(kept.length).toBeGreaterThan(50);
  });

  it("count every selection as the domain does, exactly below the bound", async () => {
    const documents = await storedDocuments();
    for (const filters of filterSets()) {
      const expected = selected(documents, filters);
      const page = await listSalesDocuments(db, { ...filters, pageSize: 500 });
      const label = JSON.stringify(filters);
      expect(page.total, label).toBe(expected.length);
      expect(page.totalIsExact, label).toBe(true);
      if (expected.length <= 500) {
        expect(page.items.map((item) => item.id).sort(), label).toEqual(
          expected.map((document) => document.id).sort(),
        );
      }
    }
  });

  it("sum every selection as the domain does", async () => {
    const documents = await storedDocuments();
    for (const filters of filterSets()) {
      const expected = selected(documents, filters);
      const label = JSON.stringify(filters);
      const currencies = [...new Set(expected.map((document) => document.currency))].sort();
      const totals = await salesDocumentSelectionTotals(db, filters);
      expect(
        totals.map((row) => ({
          ...row,
          total: text(row.total),
          outstandingAmount: text(row.outstandingAmount),
        })),
        label,
      ).toEqual(
        currencies.map((currency) => {
          const inCurrency = expected.filter((document) => document.currency === currency);
          return {
            currency,
            count: inCurrency.length,
            total: text(inCurrency.reduce((sum, document) => sum.plus(document.total), ZERO)),
            outstandingAmount: text(
              inCurrency
                .filter((document) => isOpenInvoice(document))
                .reduce((sum, document) => sum.plus(document.outstanding!), ZERO),
            ),
          };
        }),
      );
    }
    // The generated data reaches every path: credited open invoices and overdue ones.
    const open = selected(documents, { type: "invoice", overdueOnly: true });
    expect(open.length).toBeGreaterThan(10);
    expect(
      open.some((document) => documents.some((note) => note.sourceDocumentId === document.id)),
    ).toBe(true);
  });

  it("say 'more than' above the bound, and count exactly again once the page is past it", async () => {
    const first = await listSalesDocuments(db, { customerId: crowdedCustomerId, pageSize: 25 });
    expect(first).toMatchObject({
      total: LIST_COUNT_BOUND,
      totalIsExact: false,
      pages: LIST_COUNT_BOUND / 25,
    });
    expect(first.items).toHaveLength(25);
    const past = await listSalesDocuments(db, {
      customerId: crowdedCustomerId,
      pageSize: 25,
      page: LIST_COUNT_BOUND / 25 + 1,
    });
    expect(past).toMatchObject({ total: LIST_COUNT_BOUND + 50, totalIsExact: true });
    expect(past.items).toHaveLength(25);
    // The totals table counts the same documents exactly, whatever their number.
    const quotes = await listSalesDocuments(db, { type: "quote", status: ["sent"], pageSize: 1 });
    const documents = await storedDocuments();
    expect(quotes).toMatchObject({
      total: selected(documents, { type: "quote", status: ["sent"] }).length,
      totalIsExact: true,
    });
    expect(quotes.total).toBeGreaterThan(LIST_COUNT_BOUND);
  });

  it("find a page of a dated selection day by day exactly as sorting all of it does", async () => {
    const dateFrom = addDays(today, -29);
    for (const [page, pageSize] of [
      [1, 25],
      [3, 25],
      [2, 100],
    ] as const) {
      const listed = await listSalesDocuments(db, {
        type: "quote",
        status: ["sent"],
        dateFrom,
        dateTo: today,
        page,
        pageSize,
      });
      const sorted = await db.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM sales_documents
        WHERE type = 'quote' AND status = 'sent' AND archived_at IS NULL
          AND issued_date BETWEEN ${dateFrom}::date AND ${today}::date
        ORDER BY created_at DESC, id
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
      expect(listed.items.map((item) => item.id)).toEqual(sorted.map((row) => row.id));
    }
  });

  it("find a dated page day by day where documents are created on their day, late ones included", async () => {
    const dateFrom = addDays(today, -29);
    const all = await storedDocuments();
    for (const filters of [
      { type: "pro_forma", status: ["sent"], dateFrom, dateTo: today },
      {
        type: "pro_forma",
        status: ["sent", "cancelled"],
        dateFrom,
        dateTo: today,
        currency: "EUR",
      },
      {
        type: "pro_forma",
        status: ["sent"],
        dateFrom,
        dateTo: addDays(today, -10),
        archived: "all",
      },
      { type: "pro_forma", status: ["cancelled"], dateFrom, dateTo: today, archived: "archived" },
    ] satisfies SalesDocumentFiltersInput[]) {
      const created = new Map(
        (
          await db.$queryRaw<{ id: string; createdAt: Date }[]>`
            SELECT id::text, created_at AS "createdAt" FROM sales_documents
            WHERE type = 'pro_forma'`
        ).map((row) => [row.id, row.createdAt.getTime()]),
      );
      const expected = selected(all, filters)
        .map((document) => ({ id: document.id, createdAt: created.get(document.id)! }))
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const [page, pageSize] of [
        [1, 25],
        [2, 25],
        [5, 20],
        [1, 3],
        [3, 100],
        [2, 400],
      ] as const) {
        const listed = await listSalesDocuments(db, { ...filters, page, pageSize });
        expect(listed.total).toBe(expected.length);
        expect(
          listed.items.map((item) => item.id),
          JSON.stringify({ filters, page }),
        ).toEqual(expected.slice((page - 1) * pageSize, page * pageSize).map((row) => row.id));
      }
    }
  });
});
