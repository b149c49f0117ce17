import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createDb, type Db } from "@ledgerline/db";
import { createTestDatabase } from "@ledgerline/db/testing";
import {
  DEFAULT_JOB_OPTIONS,
  invoiceGroupTotalsOf,
  QUEUES,
  recordPdfJobId,
  type PdfRecordKind,
} from "@ledgerline/domain";
import {
  addDisbursementItem,
  addInvoiceToGroup,
  createCustomer,
  createFileStore,
  createInvoiceGroup,
  createPayment,
  createProject,
  createPurchaseOrder,
  createSalesDocument,
  createSupplier,
  getInvoiceGroup,
  issueSalesDocument,
  latestRecordPdfFile,
  loadInvoiceGroupForPrint,
  queueRecordPdf,
  recordPdfStatus,
  regenerateRecordPdf,
  removeInvoiceFromGroup,
  systemActor,
  transitionInvoiceGroup,
  updateCompanySettings,
  updatePurchaseOrder,
  type FileStore,
} from "@ledgerline/services";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadEnv } from "./env.ts";
import { startWorker, type WorkerHandle } from "./worker.ts";

/**
 * Purchase orders and invoice groups printed by the real worker in the real Chromium through
 * the `documents` queue, read back with pdftotext (poppler-utils). Page one of each is written
 * to apps/worker/test-output/ as a PNG for a person to look at.
 */
const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const OUTPUT_DIR = join(here, "..", "test-output");
const actor = systemActor("record pdf test");
const prefix = `ledgerline-recordpdf-${randomUUID().slice(0, 8)}`;
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());

let database: { url: string; drop(): Promise<void> };
let db: Db;
let redis: Redis;
let storageDir: string;
let files: FileStore;
let queue: Queue;
let worker: WorkerHandle | undefined;
let customerId: string;
let projectId: string;
let supplierId: string;

beforeAll(async () => {
  database = await createTestDatabase({ prefix: "pdf", adminUrl: inject("databaseAdminUrl") });
  db = createDb({ url: database.url, maxConnections: 4 });
  redis = new Redis(inject("redisUrl"), { maxRetriesPerRequest: null });
  storageDir = await mkdtemp(join(tmpdir(), "ledgerline-record-pdf-"));
  files = createFileStore(storageDir);
  const env = loadEnv({
    DATABASE_URL: database.url,
    REDIS_URL: inject("redisUrl"),
    QUEUE_PREFIX: prefix,
    STORAGE_DIR: storageDir,
    LOG_LEVEL: "silent",
    NODE_ENV: "test",
    PDF_PAGES: "1",
  });
  queue = new Queue(QUEUES.recordPdfs.name, {
    connection: redis,
    prefix,
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, backoff: { type: "fixed", delay: 200 } },
  });
  await updateCompanySettings(db, actor, {
    legalName: "Testdruck Übersetzungen GmbH",
    street: "Lindenallee 5",
    postalCode: "50667",
    city: "Köln",
    country: "DE",
    email: "buchhaltung@testdruck.example",
    vatId: "DE811907980",
    bankName: "Testbank Köln",
    iban: "DE02120300000000202051",
    bic: "BYLADEM1001",
  });
  customerId = (
    await createCustomer(db, actor, {
      name: "Kundin Beispiel KG",
      street: "Am Markt 3",
      postalCode: "20095",
      city: "Hamburg",
      country: "DE",
      vatId: "DE123456789",
    })
  ).id;
  projectId = (await createProject(db, actor, { name: "Handbuch Pumpe X7", customerId })).id;
  supplierId = (
    await createSupplier(db, actor, {
      name: "Jana Übersetzerin",
      street: "Rue de la Paix 1",
      postalCode: "75002",
      city: "Paris",
      country: "FR",
      taxId: "FR40303265045",
    })
  ).id;
  worker = await startWorker(env, { logger: pino({ level: "silent" }), schedules: false });
});

afterAll(async () => {
  await worker?.close();
  await queue?.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis?.quit();
  await db?.$disconnect();
  await database?.drop();
  await rm(storageDir, { recursive: true, force: true });
});

/** Waits until the record's newest PDF reaches `version`; fails with the job's reason. */
async function pdfVersion(kind: PdfRecordKind, id: string, version: number) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await recordPdfStatus(db, queue, actor, kind, id);
    if (status.pdf && status.pdf.version >= version) return status;
    if (status.job?.state === "failed") throw new Error(`PDF failed: ${status.job.failedReason}`);
    if (Date.now() > deadline) throw new Error(`no PDF version ${version}`);
    await sleep(100);
  }
}

/** The stored PDF's text (pdftotext -layout) and page one as a PNG in test-output/. */
async function storedPdfText(kind: PdfRecordKind, id: string, name: string) {
  const file = await latestRecordPdfFile(db, actor, kind, id);
  expect(file).not.toBeNull();
  const bytes = await files.read(file!.storageKey);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  await mkdir(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, `${name}.pdf`);
  await writeFile(path, bytes);
  await run("pdftoppm", [
    "-png",
    "-r",
    "60",
    "-f",
    "1",
    "-singlefile",
    path,
    join(OUTPUT_DIR, name),
  ]);
  const { stdout } = await run("pdftotext", ["-layout", path, "-"]);
  return { text: stdout, file: file! };
}

async function issuedInvoice(lines: Parameters<typeof createSalesDocument>[2]["lines"]) {
  const draft = await createSalesDocument(db, actor, {
    type: "invoice",
    customerId,
    projectId,
    lines,
  });
  return issueSalesDocument(db, actor, { id: draft.id });
}

describe("purchase order PDFs", () => {
  it("prints the supplier, the BE number, the project, the fee and each disbursement, net", async () => {
    const po = await createPurchaseOrder(db, actor, {
      projectId,
      supplierId,
      amount: "1250.00",
      currency: "EUR",
      dueDate: "2027-03-31",
      targetLanguage: "fr",
      notes: "Bitte das Glossar beachten.",
    });
    await addDisbursementItem(db, actor, {
      purchaseOrderId: po.id,
      itemType: "dtp",
      itemTypeInfo: "Satz InDesign",
      units: 12,
      ratePerUnit: "8.5",
      totalCost: "102.00",
    });
    const queued = await queueRecordPdf(db, queue, actor, "purchaseOrder", po.id);
    expect(queued.job?.id).toBe(recordPdfJobId("purchaseOrder", po.id, 1));
    await pdfVersion("purchaseOrder", po.id, 1);
    const { text, file } = await storedPdfText("purchaseOrder", po.id, "purchase-order");
    expect(file.fileName).toBe(`${po.number}.pdf`);
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("BESTELLUNG");
    expect(flat).toContain(po.number!);
    expect(flat).toContain("Jana Übersetzerin");
    expect(flat).toContain("Rue de la Paix 1");
    expect(flat).toContain("Frankreich");
    expect(flat).toContain("USt-IdNr. Lieferant FR40303265045");
    expect(flat).toContain("Handbuch Pumpe X7");
    expect(flat).toContain("Liefertermin 31.03.2027");
    expect(flat).toContain("Zielsprache Französisch");
    expect(flat).toContain("Vereinbartes Honorar (Übersetzung)");
    expect(flat).toContain("1.250,00 €");
    expect(flat).toMatch(/Satz InDesign 12 8,50 € 102,00 €/);
    expect(flat).toContain("Gesamtbetrag (netto) 1.352,00 €");
    expect(flat).toContain("Alle Beträge sind Nettobeträge");
    expect(flat).toContain("Bitte das Glossar beachten.");
    expect(flat).not.toContain("Umsatzsteuer 19");
    expect(flat).not.toContain("GiroCode");

    // Current while the PO is unchanged; a change makes it stale, and asking renders version 2.
    expect((await recordPdfStatus(db, queue, actor, "purchaseOrder", po.id)).current).toBe(true);
    expect((await queueRecordPdf(db, queue, actor, "purchaseOrder", po.id)).job).toBeNull();
    await sleep(50);
    await updatePurchaseOrder(db, actor, { id: po.id, values: { amount: "1300.00" } });
    const stale = await recordPdfStatus(db, queue, actor, "purchaseOrder", po.id);
    expect(stale.current).toBe(false);
    await queueRecordPdf(db, queue, actor, "purchaseOrder", po.id);
    await pdfVersion("purchaseOrder", po.id, 2);
    const again = await storedPdfText("purchaseOrder", po.id, "purchase-order-v2");
    expect(again.text.replace(/\s+/g, " ")).toContain("Gesamtbetrag (netto) 1.402,00 €");
    expect((await recordPdfStatus(db, queue, actor, "purchaseOrder", po.id)).current).toBe(true);
  });
});

describe("invoice group PDFs", () => {
  it("prints a draft with a watermark, and issuing queues the final statement with its totals", async () => {
    const first = await issuedInvoice([
      {
        description: "Übersetzung EN→DE",
        quantity: "1000",
        unit: "Wort",
        unitPrice: "0.12",
        taxRate: "19",
        itemType: "language_pair",
        sourceLanguage: "en",
        targetLanguage: "de",
      },
      { description: "Fachbuch", quantity: "1", unitPrice: "40.00", taxRate: "7" },
    ]);
    const second = await issuedInvoice([
      { description: "Lektorat", quantity: "3", unitPrice: "55.00", taxRate: "19" },
    ]);
    await createPayment(db, actor, {
      salesDocumentId: second.id,
      amount: "50.00",
      paymentDate: today,
      method: "bank_transfer",
    });
    const group = await createInvoiceGroup(db, actor, {
      customerId,
      currency: "EUR",
      invoiceDate: today,
      dueDate: "2027-12-31",
      includeJobTitles: true,
      includeWordRates: true,
    });
    await addInvoiceToGroup(db, actor, { id: group.id, invoiceId: first.id });
    await addInvoiceToGroup(db, actor, { id: group.id, invoiceId: second.id });

    await queueRecordPdf(db, queue, actor, "invoiceGroup", group.id);
    await pdfVersion("invoiceGroup", group.id, 1);
    const draft = await storedPdfText("invoiceGroup", group.id, "invoice-group-draft");
    const draftText = draft.text.replace(/\s+/g, " ");
    expect(draftText).toContain("SAMMELRECHNUNG");
    // The diagonal watermark comes out of pdftotext letter by letter; the view says it.
    expect(draftText).toContain("Nummer Entwurf");
    expect((await loadInvoiceGroupForPrint(db, files, group.id)).view.watermark).toBe("ENTWURF");

    // A draft's PDF is current while neither the group nor its invoices change: removing an
    // invoice (and adding it back) or a payment on one makes it an older state.
    const current = () => recordPdfStatus(db, queue, actor, "invoiceGroup", group.id);
    expect((await current()).current).toBe(true);
    await removeInvoiceFromGroup(db, actor, { id: group.id, invoiceId: second.id });
    await addInvoiceToGroup(db, actor, { id: group.id, invoiceId: second.id });
    expect((await current()).current).toBe(false);
    await queueRecordPdf(db, queue, actor, "invoiceGroup", group.id);
    await pdfVersion("invoiceGroup", group.id, 2);
    expect((await current()).current).toBe(true);
    await createPayment(db, actor, {
      salesDocumentId: first.id,
      amount: "10.00",
      paymentDate: today,
      method: "bank_transfer",
    });
    expect((await current()).current).toBe(false);
    expect(draft.file.fileName).toMatch(/^invoice_group-draft-/);

    // Issuing (the API's transition procedure queues it; here the same call by hand).
    const issued = await transitionInvoiceGroup(db, actor, { id: group.id, action: "issue" });
    expect(issued.number).toMatch(/^SR-/);
    const afterIssue = await recordPdfStatus(db, queue, actor, "invoiceGroup", group.id);
    expect(afterIssue.current).toBe(false);
    await queueRecordPdf(db, queue, actor, "invoiceGroup", group.id);
    await pdfVersion("invoiceGroup", group.id, 3);
    const { text, file } = await storedPdfText("invoiceGroup", group.id, "invoice-group");
    const flat = text.replace(/\s+/g, " ");
    expect(file.fileName).toBe(`${issued.number}.pdf`);
    expect(flat).not.toContain("Entwurf");
    expect(flat).toContain(issued.number!);
    expect(flat).toContain("Kundin Beispiel KG");
    expect(flat).toContain("USt-IdNr. Kunde DE123456789");
    expect(flat).toContain("Fällig am 31.12.2027");
    // Each invoice: number, job title, net, VAT, gross; the word rate under the first.
    expect(flat).toMatch(
      new RegExp(`${first.number} \\S+ Handbuch Pumpe X7 160,00 € 25,60 € 185,60 €`),
    );
    expect(flat).toMatch(
      new RegExp(`${second.number} \\S+ Handbuch Pumpe X7 165,00 € 31,35 € 196,35 €`),
    );
    expect(flat).toContain("en → de: 0,12 € / Wort");
    // The totals are the group's (invoiceGroupTotalsOf), the VAT per rate over all lines.
    const [totals] = invoiceGroupTotalsOf((await getInvoiceGroup(db, actor, group.id)).invoices);
    expect(totals!.total.toFixed(2)).toBe("381.95");
    expect(flat).toContain("Nettobetrag 325,00 €");
    expect(flat).toContain("Netto zu 19 % 285,00 €");
    expect(flat).toContain("Umsatzsteuer 19 % 54,15 €");
    expect(flat).toContain("Netto zu 7 % 40,00 €");
    expect(flat).toContain("Umsatzsteuer 7 % 2,80 €");
    expect(flat).toContain("Gesamtbetrag 381,95 €");
    expect(flat).toContain("Bereits bezahlt −60,00 €");
    expect(flat).toContain("Offener Betrag 321,95 €");
    expect(flat).toContain("Mit der Banking-App scannen");

    // Final: a payment later does not make it stale; regenerate makes version 3, audited.
    await createPayment(db, actor, {
      salesDocumentId: first.id,
      amount: "10.00",
      paymentDate: today,
      method: "bank_transfer",
    });
    expect((await recordPdfStatus(db, queue, actor, "invoiceGroup", group.id)).current).toBe(true);
    const regenerated = await regenerateRecordPdf(db, queue, actor, "invoiceGroup", group.id);
    expect(regenerated.job?.id).toBe(recordPdfJobId("invoiceGroup", group.id, 4));
    await pdfVersion("invoiceGroup", group.id, 4);
    const events = await db.auditEvent.findMany({
      where: {
        entityType: "invoiceGroup",
        entityId: group.id,
        action: { in: ["regeneratePdf", "storePdf"] },
      },
      select: { action: true },
    });
    expect(events.filter((event) => event.action === "storePdf")).toHaveLength(4);
    expect(events.filter((event) => event.action === "regeneratePdf")).toHaveLength(1);

    // Cancelled: the stored PDFs stay; a new one would carry the cancellation's watermark.
    await transitionInvoiceGroup(db, actor, { id: group.id, action: "cancel" });
    expect((await current()).current).toBe(true);
    expect((await loadInvoiceGroupForPrint(db, files, group.id)).view.watermark).toBe("STORNIERT");
  });
});
