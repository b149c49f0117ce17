/**
 * PDFs and e-invoices, measured (docs/performance.md "Documents"):
 *
 *   pnpm --filter @ledgerline/bench bench:documents        (from the repository root)
 *
 * 1. Two ceilings, no queue and no database, the worker's page count each:
 *    a. a bare puppeteer-core loop: each document's whole HTML by `setContent`, then printed;
 *    b. the worker's PDF renderer alone (apps/worker pdf-renderer: pages that keep the fonts
 *       loaded and swap each document in).
 * 2. Through the queue: BENCH_PDFS (1,000) issued one-page invoices with GiroCode and logo, a
 *    render job each, processed by the real worker process (apps/worker, as in production);
 *    PDFs per second from the first job added to the last PDF stored.
 * 3. Memory: the worker's and Chromium's resident memory sampled while it renders
 *    BENCH_MEMORY_RENDERS (10,000) more PDFs (regenerations of the same documents).
 * 4. E-invoices per second (XRechnung CII, UBL, ZUGFeRD) from the same documents.
 *
 * Beside each rate: CPU milliseconds per PDF of the processes doing the work (the bench's or the
 * worker's process tree, Chromium included; PostgreSQL and Redis not), read from /proc. Unlike
 * a rate, it hardly moves with what else runs on the machine, so it shows what a change saves
 * even on a busy machine; 2,000 ms divided by it is what two cores could print per second.
 *
 * Its database (BENCH_DATABASE, default `ledgerline_bench_documents`) is recreated on every run;
 * its queue prefix is BENCH_QUEUE_PREFIX (default `bench-documents`), removed at the end.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, type Db } from "@ledgerline/db";
import { migrate } from "@ledgerline/db/migrate";
import {
  generateEInvoice,
  printablePageSharedCss,
  renderDocument,
  type PrintablePage,
} from "@ledgerline/documents";
import { DEFAULT_JOB_OPTIONS, QUEUES, salesDocumentPdfJobId } from "@ledgerline/domain";
import {
  createCustomer,
  createFileStore,
  createSalesDocument,
  issueSalesDocument,
  loadSalesDocumentForPrint,
  systemActor,
  updateCompanySettings,
} from "@ledgerline/services";
import { CHROMIUM_ARGS, createPdfRenderer } from "@ledgerline/worker/pdf-renderer";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { recreateDatabase } from "./bench-database.ts";
import { benchNodeArgs } from "./node-args.ts";
import { pino } from "pino";
import puppeteer from "puppeteer-core";
import QRCode from "qrcode";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const databaseName = process.env.BENCH_DATABASE ?? "ledgerline_bench_documents";
const queuePrefix = process.env.BENCH_QUEUE_PREFIX ?? "bench-documents";
const pdfCount = Number(process.env.BENCH_PDFS ?? 1_000);
const memoryRenders = Number(process.env.BENCH_MEMORY_RENDERS ?? 10_000);
const pages = Number(process.env.PDF_PAGES ?? Math.max(2, availableParallelism()));
const actor = systemActor("bench");
const log = (line: string) => console.log(line);
const load = () =>
  `load ${loadavg()
    .map((value) => value.toFixed(2))
    .join(" ")}`;

/** A logo: a 200 × 200 px PNG (a QR code of the company name), what a small real logo costs. */
const logoPng = () => QRCode.toBuffer("Bench Übersetzungen GmbH", { scale: 6 });

async function seed(db: Db, storageDir: string): Promise<string[]> {
  const files = createFileStore(storageDir);
  await updateCompanySettings(db, actor, {
    legalName: "Bench Übersetzungen GmbH",
    street: "Benchstraße 1",
    postalCode: "10115",
    city: "Berlin",
    email: "rechnung@bench.example",
    phone: "+49 30 1234",
    vatId: "DE811907980",
    taxNumber: "30/123/45678",
    iban: "DE02120300000000202051",
    bic: "BYLADEM1001",
  });
  const logo = await logoPng();
  const logoKey = await files.put(logo);
  const logoFile = await db.storedFile.create({
    data: {
      kind: "company_logo",
      fileName: "logo.png",
      mimeType: "image/png",
      sizeBytes: logo.length,
      sha256: "0".repeat(64),
      storageKey: logoKey,
    },
  });
  await db.companySettings.update({ where: { id: 1 }, data: { logoFileId: logoFile.id } });
  const customer = await createCustomer(db, actor, {
    name: "Bench Kunde AG",
    email: "einkauf@kunde.example",
    postalCode: "80331",
    city: "München",
    street: "Marktplatz 1",
  });
  const ids: string[] = [];
  for (let index = 0; index < pdfCount; index += 1) {
    const draft = await createSalesDocument(db, actor, {
      type: "invoice",
      customerId: customer.id,
      lines: [
        {
          description: `Übersetzung Auftrag ${index + 1}`,
          quantity: "12.5",
          unitPrice: "68.00",
          taxRate: "19",
        },
        {
          description: "Lektorat",
          quantity: "3",
          unitPrice: "55.50",
          taxRate: "19",
          discountPercent: "10",
        },
        { description: "Fachbuch", quantity: "2", unitPrice: "39.90", taxRate: "7" },
      ],
    });
    await issueSalesDocument(db, actor, { id: draft.id });
    ids.push(draft.id);
  }
  return ids;
}

/** CPU time (user + system, ms) a process and all its living descendants have used so far. */
function treeCpuMs(root: number): number {
  const processes = new Map<number, { parent: number; cpuMs: number }>();
  const ticksPerSecond = 100; // USER_HZ on Linux
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(fields[11]) + Number(fields[12]);
      processes.set(Number(entry), {
        parent: Number(fields[1]),
        cpuMs: (ticks * 1000) / ticksPerSecond,
      });
    } catch {
      // The process ended while we read.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const current = stack.pop()!;
    total += processes.get(current)?.cpuMs ?? 0;
    for (const [pid, { parent }] of processes) if (parent === current) stack.push(pid);
  }
  return total;
}

/** A rate and the CPU it took, measured around `work`. */
async function measure(count: number, pid: number, work: () => Promise<void>) {
  const cpuBefore = treeCpuMs(pid);
  const started = performance.now();
  await work();
  const perSecond = count / ((performance.now() - started) / 1000);
  const cpuMsPerPdf = (treeCpuMs(pid) - cpuBefore) / count;
  return {
    perSecond,
    cpuMsPerPdf,
    text: `${perSecond.toFixed(1)} PDFs/s, ${cpuMsPerPdf.toFixed(1)} CPU ms per PDF (two cores' worth: ${(2000 / cpuMsPerPdf).toFixed(1)} PDFs/s)`,
  };
}

/** Ceiling a: each document's whole HTML by `setContent`, the way a first version would print. */
async function bareLoop(htmls: string[]) {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: "shell",
    args: CHROMIUM_ARGS,
  });
  try {
    const tabs = await Promise.all(Array.from({ length: pages }, () => browser.newPage()));
    for (const tab of tabs) await tab.setContent(htmls[0]!, { waitUntil: "load" });
    let next = 0;
    return await measure(htmls.length, process.pid, async () => {
      await Promise.all(
        tabs.map(async (page) => {
          while (next < htmls.length) {
            const html = htmls[next++]!;
            await page.setContent(html, { waitUntil: "load" });
            await page.evaluate("document.fonts.ready.then(() => undefined)");
            await page.pdf({ preferCSSPageSize: true, printBackground: true });
          }
        }),
      );
    });
  } finally {
    await browser.close();
  }
}

/** Ceiling b: the worker's renderer alone (fonts loaded once per page), no queue, no database. */
async function rendererLoop(printables: PrintablePage[]) {
  const renderer = createPdfRenderer({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    sharedCss: printablePageSharedCss(),
    pages,
    recycleAfter: 100_000,
    renderTimeoutMs: 60_000,
    logger: pino({ level: "warn" }),
  });
  try {
    // Warm: the browser and its pages exist before the clock starts, as in a running worker.
    await Promise.all(Array.from({ length: pages }, () => renderer.render(printables[0]!)));
    let next = 0;
    return await measure(printables.length, process.pid, async () => {
      await Promise.all(
        Array.from({ length: pages }, async () => {
          while (next < printables.length) await renderer.render(printables[next++]!);
        }),
      );
    });
  } finally {
    await renderer.close();
  }
}

function startWorker(databaseUrl: string, storageDir: string): ChildProcess {
  return spawn(
    process.execPath,
    [...benchNodeArgs("worker"), "--import", "tsx", "apps/worker/src/main.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: queuePrefix,
        STORAGE_DIR: storageDir,
        PDF_PAGES: String(pages),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
}

/** Resident memory (MiB) of a process and all its descendants (the worker and its Chromium). */
function treeRssMiB(pid: number): { worker: number; total: number } {
  const out = execFileSync("ps", ["-e", "-o", "pid=,ppid=,rss="], { encoding: "utf8" });
  const rows = out
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const children = new Map<number, number[]>();
  for (const [child, parent] of rows)
    children.set(parent, [...(children.get(parent) ?? []), child]);
  const rss = new Map(rows.map(([child, , kib]) => [child, kib]));
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop()!;
    total += rss.get(current) ?? 0;
    stack.push(...(children.get(current) ?? []));
  }
  return { worker: (rss.get(pid) ?? 0) / 1024, total: total / 1024 };
}

async function waitForPdfs(db: Db, count: number, onTick?: () => void): Promise<void> {
  for (;;) {
    const stored = await db.storedFile.count({ where: { kind: "sales_document_pdf" } });
    if (stored >= count) return;
    onTick?.();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main() {
  log(`documents bench: ${pdfCount} invoices, ${pages} Chromium pages`);
  log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${load()}`,
  );
  const databaseUrl = await recreateDatabase(databaseName);
  await migrate({ url: databaseUrl, environment: process.env });
  const db = createDb({ url: databaseUrl, maxConnections: 4 });
  const storageDir = await mkdtemp(join(tmpdir(), "ledgerline-bench-documents-"));
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUES.recordPdfs.name, {
    connection: redis,
    prefix: queuePrefix,
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, removeOnComplete: true },
  });
  let worker: ChildProcess | undefined;
  try {
    const seedStarted = performance.now();
    const ids = await seed(db, storageDir);
    log(
      `seeded ${ids.length} issued invoices in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    const files = createFileStore(storageDir);
    const printable = await Promise.all(ids.map((id) => loadSalesDocumentForPrint(db, files, id)));
    const rendered = await Promise.all(printable.map((document) => renderDocument(document.view)));

    const bare = await bareLoop(rendered.map((document) => document.html));
    log(`ceiling a, bare puppeteer-core loop, whole HTML per PDF: ${bare.text} (${load()})`);
    const ceiling = await rendererLoop(rendered.map((document) => document.page));
    log(
      `ceiling b, the worker's renderer alone, no queue or database: ${ceiling.text} (${load()})`,
    );

    worker = startWorker(databaseUrl, storageDir);
    // The worker is up once it has a heartbeat.
    while (!(await redis.exists(`${queuePrefix}:worker:heartbeat`))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const jobs = QUEUES.recordPdfs.jobs.renderSalesDocumentPdf;
    const queued = await measure(ids.length, worker.pid!, async () => {
      await queue.addBulk(
        ids.map((id) => ({
          name: jobs.name,
          data: { salesDocumentId: id, version: 1 },
          opts: { jobId: salesDocumentPdfJobId(id, 1) },
        })),
      );
      await waitForPdfs(db, ids.length);
    });
    log(
      `through the queue (worker process, stored with checksum and audit event): ${queued.text}; ${(queued.perSecond / bare.perSecond).toFixed(2)} × ceiling a, ${(queued.perSecond / ceiling.perSecond).toFixed(2)} × ceiling b (${load()})`,
    );
    const first = await db.storedFile.findFirstOrThrow({ where: { kind: "sales_document_pdf" } });
    const pdfPages = execFileSync(
      "pdfinfo",
      [join(storageDir, first.storageKey.slice(0, 2), first.storageKey)],
      { encoding: "utf8" },
    );
    log(`  one PDF: ${first.sizeBytes} bytes, ${/Pages:\s+(\d+)/.exec(pdfPages)?.[1]} page(s)`);

    if (memoryRenders > 0) {
      const samples: { renders: number; worker: number; total: number }[] = [];
      let version = 2;
      let done = ids.length;
      const target = ids.length + memoryRenders;
      const memoryStarted = performance.now();
      while (done < target) {
        const batch = ids.slice(0, Math.min(ids.length, target - done));
        await queue.addBulk(
          batch.map((id) => ({
            name: jobs.name,
            data: { salesDocumentId: id, version },
            opts: { jobId: salesDocumentPdfJobId(id, version) },
          })),
        );
        done += batch.length;
        await waitForPdfs(db, done);
        samples.push({ renders: done - ids.length, ...treeRssMiB(worker.pid!) });
        log(
          `  after ${done - ids.length} more renders: worker ${samples.at(-1)!.worker.toFixed(0)} MiB, worker + Chromium ${samples.at(-1)!.total.toFixed(0)} MiB (${load()})`,
        );
        version += 1;
      }
      log(
        `memory run: ${memoryRenders} renders at ${(memoryRenders / ((performance.now() - memoryStarted) / 1000)).toFixed(1)} PDFs/s`,
      );
    }

    // E-invoices: XRechnung CII of every document, one after another in this process.
    const pdfBytes = await readFile(
      join(storageDir, first.storageKey.slice(0, 2), first.storageKey),
    );
    for (const format of ["xrechnung-cii", "xrechnung-ubl", "zugferd"] as const) {
      const eStarted = performance.now();
      for (const document of printable) {
        await generateEInvoice(
          {
            view: document.view,
            seller: document.seller,
            buyer: document.buyer,
            precedingInvoice: null,
          },
          format,
          pdfBytes,
        );
      }
      log(
        `e-invoices ${format}: ${(printable.length / ((performance.now() - eStarted) / 1000)).toFixed(0)} per second (${load()})`,
      );
    }
  } finally {
    worker?.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const keys = await redis.keys(`${queuePrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await queue.close();
    await redis.quit();
    await db.$disconnect();
    await rm(storageDir, { recursive: true, force: true });
  }
}

await main();
