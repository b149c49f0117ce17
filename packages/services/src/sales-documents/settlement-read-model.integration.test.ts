import { randomUUID } from "node:crypto";
import { createDb, Prisma, type Db } from "@ledgerline/db";
import { createTestDatabase, seededRandom, type TestDatabase } from "@ledgerline/db/testing";
import {
  addDays,
  computeReadValues,
  countsAsInvoiced,
  creditedAmountOf,
  Decimal,
  deriveCreditNoteStatus,
  deriveInvoiceStatus,
  invoiceRefundDue,
  isCreditNoteOf,
  isExpiredQuote,
  isIssuedStatus,
  isOpenInvoice,
  isPaidInvoice,
  MAX_PAGE_SIZE,
  refundedAmountOf,
  revenueOf,
  settlementInvoiceIdOf,
  STATUSES_BY_TYPE,
  SUBMITTED_OR_ISSUED_CREDIT_NOTE_STATUSES,
  ZERO,
  type IsoDate,
  type ReadValues,
  type SalesDocumentStatus,
  type SalesDocumentType,
} from "@ledgerline/domain";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemActor } from "../actor.ts";
import { createCustomer } from "../customers/customers.ts";
import { companyToday } from "./company-context.ts";
import { listSalesDocuments, salesDocumentSelectionTotals } from "./list-sales-documents.ts";
import { getSalesDocument } from "./read-sales-document.ts";
import * as readModel from "./settlement-read-model.ts";
import * as settingsRows from "../settings/company-settings-rows.ts";
import { sweepDueDates } from "./sweep-due-dates.ts";

/**
 * The contract of the settlement read model: its SQL fragments and the domain functions they
 * mirror give the same answers on the same documents. Several hundred documents are generated
 * (a fixed seed, so a failure repeats): every type, the statuses the settlement would store,
 * payments, refunds, credit notes in every status, due and valid-until dates around today
 * (and sweeps that are days behind), three currencies. Both sides then judge each document.
 */
const actor = systemActor("settlement contract test");
let database: TestDatabase;
let db: Db;
let today: IsoDate;

/** `seededRandom` with amounts: a whole number of cents between two Decimals. */
function randomSource(seed: number) {
  const random = seededRandom(seed);
  const cents = (from: Decimal, to: Decimal) =>
    new Decimal(random.int(from.times(100).toNumber(), to.times(100).toNumber())).dividedBy(100);
  return { ...random, cents };
}

interface GeneratedDocument {
  id: string;
  type: SalesDocumentType;
  status: SalesDocumentStatus;
  currency: string;
  total: Decimal;
  paidAmount: Decimal;
  dueDate: IsoDate | null;
  validUntil: IsoDate | null;
  sourceDocumentId: string | null;
}

/** What the domain says of each document, from the generated figures alone. */
interface Expected {
  document: GeneratedDocument;
  values: ReadValues;
  creditedAmount: Decimal | null;
  refundedAmount: Decimal | null;
  isOpenInvoice: boolean;
  isExpiredQuote: boolean;
}

const documents: GeneratedDocument[] = [];
const expected = new Map<string, Expected>();

function generate() {
  const random = randomSource(20261204);
  const currencies = ["EUR", "CHF", "USD"] as const;
  const aroundToday = (days: number) => addDays(today, random.int(-days, days));
  const add = (document: Omit<GeneratedDocument, "id">) => {
    const full = { id: randomUUID(), ...document };
    documents.push(full);
    return full;
  };

  for (let index = 0; index < 160; index += 1) {
    const currency = random.pick(currencies);
    // Every tenth invoice is open and falls due on the edge: today, yesterday or tomorrow.
    const edge = index % 10 === 0;
    const total =
      random.chance(0.08) && !edge ? ZERO : random.cents(new Decimal("0.01"), new Decimal(5000));
    const dueDate =
      index % 10 === 0
        ? addDays(today, (index / 10) % 3 === 0 ? 0 : (index / 10) % 3 === 1 ? -1 : 1)
        : random.chance(0.15)
          ? null
          : aroundToday(40);
    const kind = edge
      ? "settled"
      : random.pick([
          "draft",
          "pending",
          "cancelled",
          "settled",
          "settled",
          "settled",
          "settled",
        ] as const);
    if (kind !== "settled") {
      add({
        type: "invoice",
        status: kind,
        currency,
        total,
        paidAmount: ZERO,
        dueDate,
        validUntil: null,
        sourceDocumentId: null,
      });
      continue;
    }
    // Credit notes in every status, together never more than the invoice.
    const notes: { status: SalesDocumentStatus; total: Decimal; paidAmount: Decimal }[] = [];
    let notCredited = total;
    for (
      let count = edge ? 0 : random.int(0, 3);
      count > 0 && notCredited.greaterThan(0);
      count -= 1
    ) {
      const amount = random.chance(0.3)
        ? notCredited
        : random.cents(new Decimal("0.01"), notCredited);
      notCredited = notCredited.minus(amount);
      notes.push({
        status: random.pick(["draft", "pending", "sent", "sent", "sent"] as const),
        total: amount.negated(),
        paidAmount: ZERO,
      });
    }
    const paidAmount = edge || random.chance(0.3) ? ZERO : random.cents(ZERO, total);
    const issuedNotes = notes.filter((note) => note.status === "sent");
    const creditedAmount = creditedAmountOf(
      issuedNotes.map((note) => ({ ...note, type: "credit_note" as const })),
    );
    // Refunds paid out on the first issued note, never more than is due.
    const due = invoiceRefundDue({ total, creditedAmount, paidAmount, refundedAmount: 0 });
    if (issuedNotes[0] && due.greaterThan(0) && random.chance(0.6)) {
      issuedNotes[0].paidAmount = random.chance(0.5) ? due : random.cents(ZERO, due);
    }
    const refundedAmount = refundedAmountOf(
      notes.map((note) => ({ ...note, type: "credit_note" as const })),
    );
    // The status the settlement stored, as of the last sweep: today, or some days behind.
    const settledOn = edge || random.chance(0.5) ? addDays(today, -random.int(1, 10)) : today;
    const status = deriveInvoiceStatus({
      total,
      creditedAmount,
      paidAmount,
      refundedAmount,
      dueDate,
      today: settledOn,
    });
    const refundDue = invoiceRefundDue({ total, creditedAmount, paidAmount, refundedAmount });
    const invoice = add({
      type: "invoice",
      status,
      currency,
      total,
      paidAmount,
      dueDate,
      validUntil: null,
      sourceDocumentId: null,
    });
    for (const note of notes) {
      add({
        type: "credit_note",
        status:
          note.status === "sent"
            ? deriveCreditNoteStatus({ invoiceRefundDue: refundDue, paidAmount: note.paidAmount })
            : note.status,
        currency,
        total: note.total,
        paidAmount: note.paidAmount,
        dueDate: null,
        validUntil: null,
        sourceDocumentId: invoice.id,
      });
    }
  }

  // The other types: never open, never overdue, whatever their dates say.
  const others: SalesDocumentType[] = ["quote", "order_confirmation", "sales_order", "pro_forma"];
  for (let index = 0; index < 120; index += 1) {
    const type = random.pick(others);
    add({
      type,
      status: random.pick(STATUSES_BY_TYPE[type]),
      currency: random.pick(currencies),
      total: random.cents(ZERO, new Decimal(3000)),
      paidAmount: ZERO,
      dueDate: type === "sales_order" || type === "pro_forma" ? aroundToday(30) : null,
      validUntil:
        type !== "quote" || random.chance(0.1)
          ? null
          : index % 5 === 0
            ? addDays(today, (index / 5) % 2 === 0 ? 0 : -1)
            : aroundToday(20),
      sourceDocumentId: null,
    });
  }
}

/** The domain's answers, family by family. */
function expectDomain() {
  for (const document of documents) {
    const notes = documents.filter(
      (other) => other.type === "credit_note" && other.sourceDocumentId === document.id,
    );
    const figures =
      document.type === "invoice"
        ? { creditedAmount: creditedAmountOf(notes), refundedAmount: refundedAmountOf(notes) }
        : null;
    const invoice =
      document.type === "credit_note"
        ? documents.find((other) => other.id === document.sourceDocumentId)!
        : null;
    const invoiceNotes = invoice
      ? documents.filter((other) => other.sourceDocumentId === invoice.id)
      : [];
    const values = computeReadValues({
      type: document.type,
      status: document.status,
      total: document.total,
      paidAmount: document.paidAmount,
      creditedAmount: figures?.creditedAmount,
      refundedAmount: figures?.refundedAmount,
      invoiceRefundDue: invoice
        ? invoiceRefundDue({
            total: invoice.total,
            paidAmount: invoice.paidAmount,
            creditedAmount: creditedAmountOf(invoiceNotes),
            refundedAmount: refundedAmountOf(invoiceNotes),
          })
        : null,
      dueDate: document.dueDate,
      today,
    });
    expected.set(document.id, {
      document,
      values,
      creditedAmount: figures?.creditedAmount ?? null,
      refundedAmount: figures?.refundedAmount ?? null,
      isOpenInvoice: isOpenInvoice(document),
      isExpiredQuote: isExpiredQuote({ ...document, today }),
    });
  }
}

beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "settlement",
    adminUrl: inject("databaseAdminUrl"),
  });
  db = createDb({ url: database.url, maxConnections: 4 });
  today = companyToday();
  const customer = await createCustomer(db, actor, { name: "Vertrag & Probe GmbH" });
  generate();
  expectDomain();
  // Written as rows (not through the use cases): the figures are the generator's, exactly.
  for (const document of documents) {
    await db.$executeRaw`
      INSERT INTO sales_documents
        (id, type, status, currency, customer_id, customer_name, billing_address, subtotal,
         net_amount, total, paid_amount, due_date, valid_until, source_document_id, updated_at)
      VALUES (${document.id}::uuid, ${document.type}::sales_document_type,
              ${document.status}::sales_document_status, ${document.currency},
              ${customer.id}::uuid, ${customer.name}, '{}'::jsonb, ${document.total.toFixed(2)}::numeric,
              ${document.total.toFixed(2)}::numeric, ${document.total.toFixed(2)}::numeric,
              ${document.paidAmount.toFixed(2)}::numeric, ${document.dueDate}::date,
              ${document.validUntil}::date, ${document.sourceDocumentId}::uuid, now())`;
    // The detail read sums the payments themselves.
    if (document.paidAmount.greaterThan(0)) {
      await db.$executeRaw`
        INSERT INTO payments (sales_document_id, amount, payment_date, method, updated_at)
        VALUES (${document.id}::uuid, ${document.paidAmount.toFixed(2)}::numeric,
                ${today}::date, 'bank_transfer', now())`;
    }
  }
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const text = (value: Decimal | null | undefined) => (value == null ? null : value.toFixed(2));

describe("the settlement read model and the domain", () => {
  it("generates a varied set: every status of every type the settlement can store", () => {
    const seen = new Set(documents.map((document) => `${document.type}:${document.status}`));
    for (const status of ["sent", "partial", "paid", "overdue", "refunded", "cancelled", "draft"]) {
      expect(seen, status).toContain(`invoice:${status}`);
    }
    for (const status of STATUSES_BY_TYPE.credit_note)
      expect(seen).toContain(`credit_note:${status}`);
    const overdueNotStored = [...expected.values()].filter(
      (entry) => entry.values.isOverdue && entry.document.status !== "overdue",
    );
    expect(overdueNotStored.length, "invoices the sweep has not reached yet").toBeGreaterThan(0);
    expect(new Set(documents.map((document) => document.currency)).size).toBe(3);
    // The edges of the date rules, open on the day itself.
    const open = (dueDate: IsoDate) =>
      documents.some((document) => isOpenInvoice(document) && document.dueDate === dueDate);
    expect(open(today) && open(addDays(today, -1))).toBe(true);
    expect(
      documents.some(
        (document) =>
          document.type === "quote" && document.status === "sent" && document.validUntil === today,
      ),
    ).toBe(true);
  });

  it("agrees on credited, outstanding, open, overdue and expired, fragment by fragment", async () => {
    const rows = await db.$queryRaw<
      {
        id: string;
        credited: Decimal;
        outstanding: Decimal;
        invoiceCredited: Decimal;
        invoiceOpenAmount: Decimal;
        open: boolean;
        overdue: boolean;
        expired: boolean;
      }[]
    >`
      SELECT d.id::text AS "id", ${readModel.CREDITED_AMOUNT_SQL} AS "credited",
             ${readModel.OUTSTANDING_SQL} AS "outstanding", ${readModel.OPEN_INVOICE_SQL} AS "open",
             ${readModel.INVOICE_CREDITED_SQL} AS "invoiceCredited",
             ${readModel.INVOICE_OPEN_AMOUNT_SQL} AS "invoiceOpenAmount",
             coalesce(${readModel.overdueSql(today)}, false) AS "overdue",
             coalesce(${readModel.expiredQuoteSql(today)}, false) AS "expired"
      FROM sales_documents d ${readModel.CREDITS_JOIN}`;
    expect(rows).toHaveLength(documents.length);
    for (const row of rows) {
      const domain = expected.get(row.id)!;
      const label = `${domain.document.type} ${domain.document.status} ${row.id}`;
      expect(row.open, label).toBe(domain.isOpenInvoice);
      expect(row.overdue, label).toBe(domain.values.isOverdue);
      expect(row.expired, label).toBe(domain.isExpiredQuote);
      if (domain.document.type === "invoice") {
        expect(text(row.credited), label).toBe(text(domain.creditedAmount));
        expect(text(row.invoiceCredited), label).toBe(text(domain.creditedAmount));
        // `invoiceOpenAmount`, what a group, a PDF and the payment limit ask for: every status.
        expect(text(row.invoiceOpenAmount), label).toBe(text(domain.values.outstandingAmount));
      }
      if (domain.isOpenInvoice) {
        expect(text(row.outstanding), label).toBe(text(domain.values.outstandingAmount));
      }
    }
  });

  it("agrees on each invoice's credited and refunded amounts over its credit notes", async () => {
    const rows = await db.$queryRaw<{ id: string; credited: Decimal; refunded: Decimal }[]>`
      SELECT i.id::text AS "id", ${readModel.creditedAmountSql("c")} AS "credited",
             ${readModel.refundedAmountSql("c")} AS "refunded"
      FROM sales_documents i
      LEFT JOIN sales_documents c ON c.source_document_id = i.id AND c.type = 'credit_note'
      WHERE i.type = 'invoice'
      GROUP BY i.id`;
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const domain = expected.get(row.id)!;
      expect(text(row.credited), row.id).toBe(text(domain.creditedAmount));
      expect(text(row.refunded), row.id).toBe(text(domain.refundedAmount));
    }
  });

  it("agrees on what counts as invoiced, in every invoice status", async () => {
    // Issued means numbered: one invoice per status, with a number once it is issued.
    const invoices = STATUSES_BY_TYPE.invoice.map((status) => ({
      status,
      number: isIssuedStatus(status) ? `RE-${status}` : null,
    }));
    const rows = await db.$queryRaw<{ status: SalesDocumentStatus; invoiced: boolean }[]>`
      SELECT d.status::text AS "status", ${readModel.INVOICED_SQL} AS "invoiced"
      FROM (VALUES ${Prisma.join(
        invoices.map(
          ({ status, number }) => Prisma.sql`(${status}::sales_document_status, ${number}::text)`,
        ),
      )}) AS d (status, number)`;
    expect(rows).toHaveLength(invoices.length);
    for (const row of rows) expect(row.invoiced, row.status).toBe(countsAsInvoiced(row.status));
  });

  it("agrees on paid invoices, revenue and each document's family", async () => {
    const rows = await db.$queryRaw<
      { id: string; paid: boolean; revenue: Decimal; invoiceId: string | null }[]
    >`
      SELECT d.id::text AS "id", ${readModel.PAID_INVOICE_SQL} AS "paid",
             ${readModel.REVENUE_SQL} AS "revenue",
             ${readModel.settlementInvoiceIdSql("d")}::text AS "invoiceId"
      FROM sales_documents d ${readModel.CREDITS_JOIN}`;
    expect(rows).toHaveLength(documents.length);
    for (const row of rows) {
      const { document, creditedAmount } = expected.get(row.id)!;
      const label = `${document.type} ${document.status} ${row.id}`;
      expect(row.paid, label).toBe(isPaidInvoice(document));
      expect(text(row.revenue), label).toBe(
        text(revenueOf({ ...document, creditedAmount: creditedAmount ?? ZERO })),
      );
      expect(row.invoiceId, label).toBe(settlementInvoiceIdOf(document));
    }
    expect(rows.filter((row) => row.paid).length).toBeGreaterThan(0);
  });

  it("finds the same credit notes of each invoice, and the submitted or issued ones", async () => {
    const rows = await db.$queryRaw<{ invoiceId: string; noteId: string; counts: boolean }[]>`
      SELECT i.id::text AS "invoiceId", c.id::text AS "noteId",
             ${readModel.submittedOrIssuedCreditNoteSql("c")} AS "counts"
      FROM sales_documents i JOIN sales_documents c ON ${readModel.creditNotesOf("i", "c")}`;
    const pair = (invoiceId: string, noteId: string) => `${invoiceId} ${noteId}`;
    const domainPairs = documents.flatMap((invoice) =>
      documents
        .filter((note) => isCreditNoteOf(note, invoice.id))
        .map((note) => pair(invoice.id, note.id)),
    );
    expect(domainPairs.length).toBeGreaterThan(50);
    expect(rows.map((row) => pair(row.invoiceId, row.noteId)).sort()).toEqual(domainPairs.sort());
    for (const row of rows) {
      const note = expected.get(row.noteId)!.document;
      expect(row.counts, row.noteId).toBe(
        (SUBMITTED_OR_ISSUED_CREDIT_NOTE_STATUSES as readonly string[]).includes(note.status),
      );
    }
    // One invoice by id: the same notes as by alias.
    const invoiceId = rows[0]!.invoiceId;
    const byId = await db.$queryRaw<{ id: string }[]>`
      SELECT d.id::text AS "id" FROM sales_documents d
      WHERE ${readModel.creditNotesOf({ id: invoiceId }, "d")}`;
    expect(byId.map((row) => row.id).sort()).toEqual(
      rows
        .filter((row) => row.invoiceId === invoiceId)
        .map((row) => row.noteId)
        .sort(),
    );
  });

  it("reads the settings the same way with and without a saved row", async () => {
    const read = async () =>
      (
        await db.$queryRaw<{ settings: settingsRows.SalesSettingsRow | null }[]>`
          SELECT ${settingsRows.SALES_SETTINGS_SQL} AS "settings" FROM (SELECT 1) one ${settingsRows.COMPANY_SETTINGS_JOIN}`
      )[0]!.settings;
    expect(readModel.salesSettingsOf(await read())).toEqual(readModel.salesSettingsOf(null));
    await db.companySettings.create({
      data: {
        legalName: "Probe GmbH",
        defaultCurrency: "CHF",
        defaultTaxRate: "8.10",
        // The policy says what the amount means (§5.1); without it the column's "never" holds.
        invoiceApprovalPolicy: "threshold",
        invoiceApprovalThreshold: "2500.00",
        numberPrefixes: { invoice: "INV" },
      },
    });
    const settings = readModel.salesSettingsOf(await read());
    expect(settings).toMatchObject({ defaultCurrency: "CHF", numberPrefixes: { invoice: "INV" } });
    expect(text(settings.defaultTaxRate)).toBe("8.10");
    expect(settings.invoiceApprovalPolicy).toBe("threshold");
    expect(text(settings.invoiceApprovalThreshold)).toBe("2500.00");
    await db.companySettings.delete({ where: { id: 1 } });
  });

  it("lists every document with the domain's values, and the overdue filter finds exactly the overdue", async () => {
    let page = 1;
    let seen = 0;
    for (;;) {
      const result = await listSalesDocuments(db, { page, pageSize: MAX_PAGE_SIZE });
      for (const item of result.items) {
        const domain = expected.get(item.id)!;
        const label = `${item.type} ${item.status} ${item.id}`;
        expect(text(item.outstandingAmount), label).toBe(text(domain.values.outstandingAmount));
        expect(item.isOverdue, label).toBe(domain.values.isOverdue);
        expect(item.daysUntilDue, label).toBe(domain.values.daysUntilDue);
      }
      seen += result.items.length;
      if (page >= result.pages) break;
      page += 1;
    }
    expect(seen).toBe(documents.length);

    const overdue = await listSalesDocuments(db, {
      status: ["overdue"],
      pageSize: MAX_PAGE_SIZE,
    });
    const expectedOverdue = [...expected.values()]
      .filter((entry) => entry.values.isOverdue || entry.document.status === "overdue")
      .map((entry) => entry.document.id)
      .sort();
    expect(overdue.items.map((item) => item.id).sort()).toEqual(expectedOverdue);
  });

  it("sums the selection's outstanding amount per currency as the domain adds it up", async () => {
    const totals = await salesDocumentSelectionTotals(db, {});
    for (const row of totals) {
      const inCurrency = [...expected.values()].filter(
        (entry) => entry.document.currency === row.currency,
      );
      const outstanding = inCurrency
        .filter((entry) => entry.isOpenInvoice)
        .reduce((sum, entry) => sum.plus(entry.values.outstandingAmount ?? 0), ZERO);
      const total = inCurrency.reduce((sum, entry) => sum.plus(entry.document.total), ZERO);
      expect(row.count, row.currency).toBe(inCurrency.length);
      expect(text(row.total), row.currency).toBe(text(total));
      expect(text(row.outstandingAmount), row.currency).toBe(text(outstanding));
    }
  });

  it("reads invoices and credit notes with the domain's figures", async () => {
    const families = documents.filter(
      (document) => document.type === "invoice" || document.type === "credit_note",
    );
    for (const document of families.filter((_, index) => index % 4 === 0)) {
      const domain = expected.get(document.id)!;
      const read = await getSalesDocument(db, actor, document.id);
      const label = `${document.type} ${document.status} ${document.id}`;
      expect(text(read.outstandingAmount), label).toBe(text(domain.values.outstandingAmount));
      expect(text(read.refundDue), label).toBe(text(domain.values.refundDue));
      expect(text(read.creditedAmount), label).toBe(text(domain.values.creditedAmount));
      expect(text(read.refundedAmount), label).toBe(text(domain.values.refundedAmount));
      expect(read.isOverdue, label).toBe(domain.values.isOverdue);
    }
  });

  // Last: it changes statuses.
  it("sweeps exactly the invoices the domain calls overdue and the quotes it calls expired", async () => {
    const entries = [...expected.values()];
    const toOverdue = entries.filter(
      (entry) => entry.values.isOverdue && entry.document.status !== "overdue",
    );
    const toExpired = entries.filter((entry) => entry.isExpiredQuote);
    const result = await sweepDueDates(db, { today });
    // The generated documents hold no purchase orders.
    expect(result).toEqual({
      today,
      overdue: toOverdue.length,
      expired: toExpired.length,
      expiredPurchaseOrders: 0,
    });
    const stored = new Map(
      (
        await db.salesDocument.findMany({
          where: { type: { in: ["invoice", "quote"] } },
          select: { id: true, status: true },
        })
      ).map((row) => [row.id, row.status]),
    );
    for (const entry of entries) {
      if (entry.document.type !== "invoice" && entry.document.type !== "quote") continue;
      const status = entry.values.isOverdue
        ? "overdue"
        : entry.isExpiredQuote
          ? "expired"
          : entry.document.status;
      expect(stored.get(entry.document.id), entry.document.id).toBe(status);
    }
  });
});
