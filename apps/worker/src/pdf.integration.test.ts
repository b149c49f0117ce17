import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createDb, type Db } from "@ledgerline/db";
import { createTestDatabase } from "@ledgerline/db/testing";
import { E_INVOICE_FORMATS, formatMoney, girocodeOf } from "@ledgerline/documents";
import { validateEInvoices } from "@ledgerline/documents/testing/e-invoice-validator";
import { DEFAULT_JOB_OPTIONS, QUEUES, salesDocumentPdfJobId } from "@ledgerline/domain";
import {
  cancelWithDocument,
  createCreditNote,
  createCustomer,
  createFileStore,
  createSalesDocument,
  getSalesDocument,
  issueSalesDocument,
  loadSalesDocumentForPrint,
  queueSalesDocumentPdf,
  regenerateSalesDocumentPdf,
  salesDocumentEInvoice,
  salesDocumentPdfStatus,
  storeSalesDocumentPdf,
  systemActor,
  updateCompanySettings,
  type FileStore,
} from "@ledgerline/services";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadEnv, type WorkerEnv } from "./env.ts";
import { startWorker, type WorkerHandle } from "./worker.ts";

/**
 * PDFs printed by the real worker in the real Chromium, read back the way a person's tools read
 * them: pdftotext for the text, pdftoppm + zbarimg for the GiroCode (poppler-utils, zbar-tools).
 * Page one of the sample invoice is written to apps/worker/test-output/ for a person to look at.
 */
const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const OUTPUT_DIR = join(here, "..", "test-output");
const actor = systemActor("pdf test");
const queueName = QUEUES.recordPdfs.name;

let database: { url: string; drop(): Promise<void> };
let db: Db;
let redis: Redis;
let storageDir: string;
let files: FileStore;
let env: WorkerEnv;
let queue: Queue;
let worker: WorkerHandle | undefined;
let customerId: string;
const prefix = `ledgerline-pdftest-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  database = await createTestDatabase({ prefix: "pdf", adminUrl: inject("databaseAdminUrl") });
  db = createDb({ url: database.url, maxConnections: 4 });
  redis = new Redis(inject("redisUrl"), { maxRetriesPerRequest: null });
  storageDir = await mkdtemp(join(tmpdir(), "ledgerline-pdf-"));
  files = createFileStore(storageDir);
  env = loadEnv({
    DATABASE_URL: database.url,
    REDIS_URL: inject("redisUrl"),
    QUEUE_PREFIX: prefix,
    STORAGE_DIR: storageDir,
    LOG_LEVEL: "silent",
    NODE_ENV: "test",
    PDF_PAGES: "2",
  });
  queue = new Queue(queueName, {
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
    phone: "+49 221 555000",
    contactName: "Team Buchhaltung",
    vatId: "DE811907980",
    taxNumber: "215/5700/1234",
    bankName: "Testbank Köln",
    iban: "DE02120300000000202051",
    bic: "BYLADEM1001",
  });
  customerId = (
    await createCustomer(db, actor, {
      name: "Kundin Beispiel KG",
      email: "buchhaltung@kundin.example",
      buyerReference: "991-12345-73",
      street: "Am Markt 3",
      postalCode: "20095",
      city: "Hamburg",
      country: "DE",
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

const LINES = [
  { description: "Übersetzung Vertrag DE→EN", quantity: "10", unitPrice: "95.00", taxRate: "19" },
  { description: "Beglaubigung", quantity: "2", unitPrice: "25.25", taxRate: "19" },
  { description: "Fachwörterbuch", quantity: "1", unitPrice: "49.90", taxRate: "7" },
];

async function issuedInvoice(lines = LINES): Promise<string> {
  const draft = await createSalesDocument(db, actor, { type: "invoice", customerId, lines });
  await issueSalesDocument(db, actor, { id: draft.id });
  return draft.id;
}

/** Waits for the document's newest PDF to reach `version`; fails with the job's reason. */
async function pdfVersion(id: string, version: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await salesDocumentPdfStatus(db, queue, actor, id);
    if (status.pdf && status.pdf.version >= version) return status;
    if (status.job?.state === "failed")
      throw new Error(`PDF job failed: ${status.job.failedReason}`);
    if (Date.now() > deadline) throw new Error(`no PDF version ${version} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function storedBytes(fileId: string): Promise<Buffer> {
  const row = await db.storedFile.findUniqueOrThrow({ where: { id: fileId } });
  return files.read(row.storageKey);
}

async function pdfText(pdf: Buffer, page?: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "pdftext-"));
  try {
    await writeFile(join(dir, "in.pdf"), pdf);
    const range = page ? ["-f", String(page), "-l", String(page)] : [];
    const { stdout } = await run("pdftotext", [...range, "-layout", join(dir, "in.pdf"), "-"]);
    // German amounts carry a no-break space before the euro sign.
    return stdout.replace(/\u00a0/g, " ");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function pageCount(pdf: Buffer): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "pdfinfo-"));
  try {
    await writeFile(join(dir, "in.pdf"), pdf);
    const { stdout } = await run("pdfinfo", [join(dir, "in.pdf")]);
    return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("the PDF job in real Chromium", () => {
  it("prints an issued invoice that pdftotext and zbarimg read back", async () => {
    const id = await issuedInvoice();
    const queued = await queueSalesDocumentPdf(db, queue, actor, id);
    expect(queued.job?.id).toBe(salesDocumentPdfJobId(id, 1));
    const { pdf } = await pdfVersion(id, 1);
    const document = await loadSalesDocumentForPrint(db, files, id);
    expect(pdf?.fileName).toBe(`${document.number}.pdf`);

    const bytes = await storedBytes(pdf!.id);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(bytes);
    const euro = (amount: Parameters<typeof formatMoney>[0]) =>
      formatMoney(amount, "EUR", "de").replace(/\u00a0/g, " ");
    for (const expected of [
      "RECHNUNG",
      document.number!,
      "Kundin Beispiel KG",
      "Übersetzung Vertrag DE→EN",
      "Beglaubigung",
      "Fachwörterbuch",
      "950,00 €",
      euro(document.view.total), // thousands separator and decimal comma
      "1.243,99 €",
      "IBAN DE02 1203 0000 0000 2020 51",
      "BIC BYLADEM1001",
      "USt-IdNr. DE811907980",
      "Seite 1 von 1",
    ]) {
      expect(text).toContain(expected);
    }

    // Page one as an image, for the QR code and for a person to look at.
    await mkdir(OUTPUT_DIR, { recursive: true });
    await writeFile(join(OUTPUT_DIR, "invoice.pdf"), bytes);
    await run("pdftoppm", [
      "-r",
      "150",
      "-png",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      join(OUTPUT_DIR, "invoice.pdf"),
      join(OUTPUT_DIR, "invoice-page-1"),
    ]);
    const { stdout } = await run(
      "zbarimg",
      ["-q", "--raw", "-Sbinary", join(OUTPUT_DIR, "invoice-page-1.png")],
      { encoding: "buffer" },
    );
    const expected = await girocodeOf(document.view);
    expect(expected?.payload).toContain("EUR1243.99");
    expect(stdout.toString("utf8")).toBe(expected!.payload);
  });

  it("breaks a 60-line invoice across pages, header repeated, page n of m", async () => {
    const lines = Array.from({ length: 60 }, (_, index) => ({
      description: `Position Nummer ${index + 1}`,
      quantity: "1",
      unitPrice: "10.00",
      taxRate: "19",
    }));
    const id = await issuedInvoice(lines);
    await queueSalesDocumentPdf(db, queue, actor, id);
    const { pdf } = await pdfVersion(id, 1);
    const bytes = await storedBytes(pdf!.id);
    const pages = await pageCount(bytes);
    expect(pages).toBeGreaterThanOrEqual(2);
    const all = await pdfText(bytes);
    for (let line = 1; line <= 60; line += 1) expect(all).toContain(`Position Nummer ${line}`);
    for (let page = 1; page <= pages; page += 1) {
      const text = await pdfText(bytes, page);
      expect(text).toContain(`Seite ${page} von ${pages}`);
      if (page < pages || /Position Nummer/.test(text)) {
        expect(text).toMatch(/Pos\.\s+Beschreibung\s+Menge/);
      }
    }
    expect(await pdfText(bytes, 2)).toMatch(/Pos\.\s+Beschreibung/);
  });

  it("renders a version once, and a regenerate makes a new version the audit trail names", async () => {
    const id = await issuedInvoice();
    await queueSalesDocumentPdf(db, queue, actor, id);
    await queueSalesDocumentPdf(db, queue, actor, id); // the same job id: nothing more is added
    const first = await pdfVersion(id, 1);
    const again = await queueSalesDocumentPdf(db, queue, actor, id); // current: nothing queued
    expect(again.current).toBe(true);
    expect(again.job).toBeNull();

    const person = await db.user.create({
      data: {
        email: `pdf-${randomUUID()}@example.test`,
        name: "Frau Regen",
        role: "finance",
        passwordHash: "x",
      },
    });
    const regenerated = await regenerateSalesDocumentPdf(
      db,
      queue,
      { kind: "user", userId: person.id, role: "finance", name: person.name },
      id,
    );
    expect(regenerated.job?.id).toBe(salesDocumentPdfJobId(id, 2));
    const second = await pdfVersion(id, 2);
    expect(second.pdf?.id).not.toBe(first.pdf?.id);
    expect(await db.storedFile.count({ where: { salesDocumentId: id } })).toBe(2);
    const events = await db.auditEvent.findMany({
      where: { entityId: id, action: { in: ["regeneratePdf", "storePdf"] } },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => [event.action, event.actorId])).toEqual([
      ["storePdf", null],
      ["regeneratePdf", person.id],
      ["storePdf", null],
    ]);
  });
});

describe("the PDF status while the worker finishes", () => {
  it("never says the job is done without the PDF it stored", async () => {
    const id = await issuedInvoice();
    const document = await loadSalesDocumentForPrint(db, files, id, { pdfVersion: 1 });
    // The worker stores version 1 and completes its job right after the status read the PDFs:
    // this queue answers for the job as the worker has just finished it.
    const finishing = {
      add: () => Promise.reject(new Error("nothing is queued here")),
      getJob: async (jobId: string) => {
        if (jobId !== salesDocumentPdfJobId(id, 1)) return undefined;
        await storeSalesDocumentPdf(db, files, actor, {
          salesDocumentId: id,
          version: 1,
          fileName: document.fileName,
          bytes: Buffer.from("%PDF-finished"),
          sourceUpdatedAt: document.updatedAt,
        });
        return { getState: async () => "completed", failedReason: undefined, attemptsMade: 1 };
      },
    } as unknown as Parameters<typeof salesDocumentPdfStatus>[1];
    const status = await salesDocumentPdfStatus(db, finishing, actor, id);
    expect(status.pdf?.version).toBe(1);
    expect(status.current).toBe(true);
    expect(status.job).toBeNull();
  });
});

describe("storing a version twice (a retry, two workers racing)", () => {
  it("keeps the first row and its one audit event, and removes the second file", async () => {
    const id = await issuedInvoice();
    const document = await loadSalesDocumentForPrint(db, files, id, { pdfVersion: 7 });
    expect(document.storedPdfId).toBeNull();
    const store = (bytes: string) =>
      storeSalesDocumentPdf(db, files, actor, {
        salesDocumentId: id,
        version: 7,
        fileName: document.fileName,
        bytes: Buffer.from(bytes),
        sourceUpdatedAt: document.updatedAt,
      });
    const filesBefore = (await allFiles(storageDir)).length;
    const [first, second] = await Promise.all([store("%PDF-first"), store("%PDF-second")]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(second.pdf.id).toBe(first.pdf.id);
    const rows = await db.storedFile.findMany({ where: { salesDocumentId: id, version: 7 } });
    expect(rows).toHaveLength(1);
    const events = await db.auditEvent.findMany({
      where: { entityId: id, action: "storePdf" },
      select: { after: true },
    });
    expect(events.filter((event) => (event.after as { version?: number }).version === 7)).toEqual([
      { after: expect.objectContaining({ fileId: rows[0]!.id, sha256: rows[0]!.sha256 }) },
    ]);
    // The loser's bytes are gone from the file store; the winner's are there.
    expect((await allFiles(storageDir)).length).toBe(filesBefore + 1);
    expect((await files.read(rows[0]!.storageKey)).toString()).toMatch(/^%PDF-(first|second)$/);
    expect((await loadSalesDocumentForPrint(db, files, id, { pdfVersion: 7 })).storedPdfId).toBe(
      rows[0]!.id,
    );
  });
});

describe("e-invoices of stored documents", () => {
  it("an issued invoice and its cancellation pass the EN 16931 and XRechnung rules in every format", async () => {
    const invoiceId = await issuedInvoice();
    const cancellation = await cancelWithDocument(db, actor, {
      id: invoiceId,
      reason: "Falscher Empfänger",
    });
    const dir = await mkdtemp(join(tmpdir(), "e-invoices-"));
    try {
      const paths: string[] = [];
      for (const id of [invoiceId, cancellation.id]) {
        await queueSalesDocumentPdf(db, queue, actor, id);
        const { pdf } = await pdfVersion(id, 1);
        const printed = await storedBytes(pdf!.id);
        for (const format of E_INVOICE_FORMATS) {
          const generated = await salesDocumentEInvoice(db, files, actor, id, format, printed);
          const path = join(dir, generated.fileName);
          await writeFile(path, generated.bytes);
          paths.push(path);
        }
      }
      const results = await validateEInvoices(paths);
      expect(results.filter((result) => !result.passed).map((result) => result.report)).toEqual([]);
      expect(results).toHaveLength(6);
      // The ZUGFeRD file is the printed invoice, with the XML inside.
      expect(await pdfText(await readFile(paths[2]!))).toContain("Übersetzung Vertrag DE→EN");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("what an invoice's PDF says is due", () => {
  it("is what the invoice owes: issued credit notes off, nothing once cancelled", async () => {
    const id = await issuedInvoice();
    const invoice = await getSalesDocument(db, actor, id);
    const note = await createCreditNote(db, actor, {
      invoiceId: id,
      lines: [{ sourceLineItemId: invoice.lineItems[0]!.id, quantity: "2" }],
      goodwillLines: [],
      reason: "Zwei Seiten zu viel berechnet",
    });
    await issueSalesDocument(db, actor, { id: note.id });
    const owed = (await getSalesDocument(db, actor, id)).outstandingAmount!;
    const { view } = await loadSalesDocumentForPrint(db, files, id);
    // 2 × 95.00 + 19 % VAT = 226.10 credited.
    expect(view.creditedAmount.toFixed(2)).toBe("226.10");
    expect(view.openAmount.toFixed(2)).toBe(owed.toFixed(2));
    expect(view.openAmount.toFixed(2)).toBe(view.total.minus("226.10").toFixed(2));
    expect((await girocodeOf(view))?.payload.split("\n")[7]).toBe(`EUR${owed.toFixed(2)}`);

    const cancelled = await issuedInvoice();
    await cancelWithDocument(db, actor, { id: cancelled, reason: "Doppelt erfasst" });
    const cancelledView = (await loadSalesDocumentForPrint(db, files, cancelled)).view;
    expect(cancelledView.openAmount.toFixed(2)).toBe("0.00");
    expect(await girocodeOf(cancelledView)).toBeNull();
  });
});

describe("a company IBAN the GiroCode cannot take", () => {
  it("prints the invoice without the code and says why in the audit trail, not on the invoice", async () => {
    const id = await issuedInvoice();
    const settings = await db.companySettings.findUniqueOrThrow({ where: { id: 1 } });
    // An IBAN the settings form would refuse (checksum), written past it, as older data may be.
    await db.companySettings.update({ where: { id: 1 }, data: { iban: "DE00123456780000000000" } });
    try {
      await queueSalesDocumentPdf(db, queue, actor, id);
      const { pdf } = await pdfVersion(id, 1);
      const text = await pdfText(await storedBytes(pdf!.id));
      expect(text).toContain("IBAN DE00 1234 5678 0000 0000 00");
      expect(text).toContain("Bitte überweisen Sie");
      expect(text).not.toMatch(/GiroCode/);
      const stored = await db.auditEvent.findFirstOrThrow({
        where: { entityId: id, action: "storePdf" },
      });
      expect(stored.after).toMatchObject({
        version: 1,
        notices: [expect.stringMatching(/^No GiroCode: .*iban/i)],
      });
    } finally {
      await db.companySettings.update({ where: { id: 1 }, data: { iban: settings.iban } });
    }
  });
});

describe("a render that fails", () => {
  it("is reported with its reason, and asking again retries it", async () => {
    const id = await issuedInvoice();
    // A logo whose file is gone from the file store: the document cannot be read for printing.
    const key = await files.put(Buffer.from("gone"));
    await files.delete(key);
    const logo = await db.storedFile.create({
      data: {
        kind: "company_logo",
        fileName: "logo.png",
        mimeType: "image/png",
        sizeBytes: 4,
        sha256: "0".repeat(64),
        storageKey: key,
      },
    });
    await db.companySettings.update({ where: { id: 1 }, data: { logoFileId: logo.id } });
    try {
      await queueSalesDocumentPdf(db, queue, actor, id);
      const deadline = Date.now() + 30_000;
      let status = await salesDocumentPdfStatus(db, queue, actor, id);
      while (status.job?.state !== "failed") {
        if (Date.now() > deadline)
          throw new Error(`job never failed: ${JSON.stringify(status.job)}`);
        await sleep(100);
        status = await salesDocumentPdfStatus(db, queue, actor, id);
      }
      expect(status.job.failedReason).toMatch(/ENOENT|no such file|not found/i);
      expect(status.pdf).toBeNull();
    } finally {
      await db.storedFile.delete({ where: { id: logo.id } });
    }
    const retried = await queueSalesDocumentPdf(db, queue, actor, id);
    expect(retried.job?.id).toBe(salesDocumentPdfJobId(id, 1));
    const { pdf } = await pdfVersion(id, 1);
    expect(pdf?.version).toBe(1);
  });
});

describe("a worker killed mid-render", () => {
  it("leaves no half-written file, and the job finishes after a restart", async () => {
    await worker?.close();
    worker = undefined;
    const lines = Array.from({ length: 500 }, (_, index) => ({
      description: `Lange Rechnung, Zeile ${index + 1}`,
      quantity: "1",
      unitPrice: "1.00",
      taxRate: "19",
    }));
    const id = await issuedInvoice(lines);
    const child = spawnWorker();
    try {
      await queueSalesDocumentPdf(db, queue, actor, id);
      const jobId = salesDocumentPdfJobId(id, 1);
      const deadline = Date.now() + 30_000;
      while ((await (await queue.getJob(jobId))?.getState()) !== "active") {
        if (Date.now() > deadline) throw new Error("the child worker never took the job");
        await sleep(50);
      }
      await sleep(300); // inside the render
    } finally {
      // The whole process group: the worker and its Chromium.
      process.kill(-child.pid!, "SIGKILL");
    }
    await sleep(200);
    expect(await db.storedFile.count({ where: { salesDocumentId: id } })).toBe(0);
    const leftovers = await allFiles(storageDir);
    const known = new Set(
      (await db.storedFile.findMany({ select: { storageKey: true } })).map((f) => f.storageKey),
    );
    // Every file under its final name belongs to a row: nothing half-written is visible.
    expect(leftovers.filter((name) => !name.endsWith(".partial") && !known.has(name))).toEqual([]);

    // A new worker picks the stalled job up once its lock expires (BullMQ's stalled check).
    worker = await startWorker(env, { logger: pino({ level: "silent" }), schedules: false });
    const { pdf } = await pdfVersion(id, 1, 90_000);
    const text = await pdfText(await storedBytes(pdf!.id));
    expect(text).toContain("Lange Rechnung, Zeile 500");
  }, 120_000);
});

function spawnWorker(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", join(here, "main.ts")], {
    cwd: join(here, ".."),
    detached: true,
    stdio: "ignore",
    env: {
      ...Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)])),
    },
  });
}

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...(await allFiles(join(dir, entry.name))));
    else out.push(entry.name);
  }
  return out;
}
