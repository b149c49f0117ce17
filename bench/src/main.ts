/**
 * `pnpm bench`: fills a database with realistic volume and prints latency figures of the real
 * API over HTTP (the API runs as its own process, as in production). Not a test: it prints
 * numbers for docs/performance.md.
 *
 *   BENCH_DOCUMENTS=200000 BENCH_LINES=5 pnpm bench      (defaults: 200,000 documents, 1,000,000 lines)
 *   BENCH_DOCUMENTS=1000000 pnpm bench                   (1,000,000 documents: the fill takes 10-20 min)
 *
 * BENCH_DATABASE (default `ledgerline_bench`), BENCH_PORT (3900) and BENCH_QUEUE_PREFIX (`bench`)
 * let a second run work beside the first.
 *
 * Uses TEST_DATABASE_ADMIN_URL's server (default local PostgreSQL) and REDIS_URL; the database
 * (`ledgerline_bench` unless BENCH_DATABASE names another) is recreated on every run, migrated and filled as that URL's user (the
 * owner), and the API connects as the application's role, `ledgerline_app`.
 */
import { spawn } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { applicationDatabaseUrl, createDb, defaultApplicationPasswordFile } from "@ledgerline/db";
import { migrate } from "@ledgerline/db/migrate";
import type { ListSalesDocumentsInput } from "@ledgerline/domain";
import { createUser, systemActor } from "@ledgerline/services";
import { benchDatabaseUrl, recreateDatabase } from "./bench-database.ts";
import { benchNodeArgs } from "./node-args.ts";
import { fill } from "./fill.ts";
import { signedInClient, time, waitUntilReady } from "./api-session.ts";
import { percentile, summarize, type Summary } from "./stats.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const documents = Number(process.env.BENCH_DOCUMENTS ?? 200_000);
const linesPerDocument = Number(process.env.BENCH_LINES ?? 5);
const port = Number(process.env.BENCH_PORT ?? 3900);
const databaseName = process.env.BENCH_DATABASE ?? "ledgerline_bench";
const queuePrefix = process.env.BENCH_QUEUE_PREFIX ?? "bench";
const origin = `http://127.0.0.1:${port}`;
const password = "bench-password-123";

const log = (line: string) => console.log(line);

function startApi(databaseUrl: string) {
  const child = spawn(
    process.execPath,
    [...benchNodeArgs("api"), "--import", "tsx", "apps/api/src/main.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        PORT: String(port),
        PUBLIC_URL: origin,
        LOG_LEVEL: "warn",
        QUEUE_PREFIX: queuePrefix,
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  return child;
}

function printTable(results: Array<[string, Summary]>) {
  log("");
  log("| operation | n | p50 ms | p95 ms | max ms |");
  log("|---|---:|---:|---:|---:|");
  for (const [name, summary] of results) {
    log(
      `| ${name} | ${summary.count} | ${summary.p50.toFixed(1)} | ${summary.p95.toFixed(1)} | ${summary.max.toFixed(1)} |`,
    );
  }
}

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

async function main() {
  log(
    `Ledgerline benchmark — ${documents.toLocaleString("en")} documents × ${linesPerDocument} lines`,
  );
  log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  // BENCH_REUSE=1 measures the database the previous run filled (quicker when tuning queries).
  const reuse = process.env.BENCH_REUSE === "1";
  const databaseUrl = reuse ? benchDatabaseUrl(databaseName) : await recreateDatabase(databaseName);
  const db = createDb({ url: databaseUrl, maxConnections: 4 });
  // A reused database gets the migrations written since it was filled (new indexes, say).
  await migrate({ url: databaseUrl, environment: process.env });
  if (reuse) await db.$executeRawUnsafe("VACUUM ANALYZE");
  if (!reuse) {
    log("filling:");
    const fillStarted = performance.now();
    await fill(
      databaseUrl,
      { customers: 2_000, projects: 5_000, documents, linesPerDocument },
      log,
    );
    log(`  total: ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`);
    await createUser(db, systemActor("bench"), {
      email: "bench@bench.test",
      name: "Bench Finance",
      role: "finance",
      password,
    });
    await db.companySettings.create({ data: { legalName: "Bench GmbH" } });
  }
  if (reuse) {
    // BENCH_DOCUMENTS describes a fill; a reused database says itself what it holds.
    const [held] = await db.$queryRaw<[{ documents: number }]>`
      SELECT count(*)::int AS "documents" FROM sales_documents`;
    log(`reusing ${databaseName}: ${held.documents.toLocaleString("en")} documents`);
  }
  const customers = (await db.customer.findMany({ select: { id: true }, take: 500 })).map(
    (c) => c.id,
  );
  const invoiceIds = (
    await db.$queryRaw<
      Array<{ id: string }>
    >`SELECT id FROM sales_documents WHERE type = 'invoice' AND number IS NOT NULL ORDER BY random() LIMIT 2000`
  ).map((row) => row.id);
  await db.$disconnect();

  // The API connects as in production: as the application's role, not as the owner who filled.
  const api = startApi(
    await applicationDatabaseUrl({
      ownerUrl: databaseUrl,
      passwordFile: defaultApplicationPasswordFile(databaseUrl),
    }),
  );
  try {
    await waitUntilReady(origin);
    const client = await signedInClient(origin, "bench@bench.test", password);
    const results: Array<[string, Summary]> = [];

    const listInput = (index: number): ListSalesDocumentsInput => {
      const variant = index % 4;
      const year = 2022 + (index % 5);
      return variant === 0
        ? {
            type: "invoice",
            status: ["paid"],
            dateFrom: `${year}-01-01`,
            dateTo: `${year}-03-31`,
            page: 1 + (index % 5),
            pageSize: 25,
          }
        : variant === 1
          ? { type: "invoice", customerId: pick(customers), pageSize: 25 }
          : variant === 2
            ? {
                type: "invoice",
                overdueOnly: true,
                pageSize: 25,
                sortBy: "dueDate",
                sortDirection: "asc",
              }
            : { type: "invoice", search: `RE-${year}-00${10 + (index % 80)}`, pageSize: 25 };
    };

    // Warm up connections and plans, as a running server would be: every statement the
    // measured calls use is prepared on the pool's connections once.
    for (let index = 0; index < 20; index++)
      await client.salesDocuments.get.query({ id: pick(invoiceIds) });
    for (let index = 0; index < 40; index++)
      await client.salesDocuments.list.query(listInput(index));

    // The machine's load while measuring (client, API and PostgreSQL share it with whatever else
    // runs): figures are comparable only between runs at a similar load.
    const load = () =>
      loadavg()
        .map((value) => value.toFixed(2))
        .join(" / ");
    const loadAtStart = load();
    const list: number[] = [];
    const listByVariant: number[][] = [[], [], [], []];
    for (let index = 0; index < 300; index++) {
      await time(list, () => client.salesDocuments.list.query(listInput(index)));
    }
    list.forEach((sample, index) => listByVariant[index % 4]!.push(sample));
    results.push(["list with filters (25 rows), all", summarize(list)]);
    const variantNames = ["status + quarter", "customer", "overdue only", "search by number"];
    listByVariant.forEach((samples, index) =>
      results.push([`  list: ${variantNames[index]}`, summarize(samples)]),
    );

    // Search by a customer's name ("contains", through the trigram index), one customer each.
    const byName: number[] = [];
    for (let index = 0; index < 75; index++) {
      await time(byName, () =>
        client.salesDocuments.list.query({
          type: "invoice",
          search: `customer ${1000 + Math.floor(Math.random() * 1000)}`,
          pageSize: 25,
        }),
      );
    }
    results.push(["  list: search by customer name (not in all)", summarize(byName)]);

    // The totals of a whole selection: asked once per set of filters, not per page.
    const totals: number[] = [];
    const totalsByVariant: number[][] = [[], []];
    for (let index = 0; index < 100; index++) {
      const year = 2022 + (index % 5);
      await time(totals, () =>
        client.salesDocuments.selectionTotals.query(
          index % 2 === 0
            ? {
                type: "invoice",
                status: ["paid"],
                dateFrom: `${year}-01-01`,
                dateTo: `${year}-03-31`,
              }
            : { type: "invoice", overdueOnly: true },
        ),
      );
      totalsByVariant[index % 2]!.push(totals.at(-1)!);
    }
    results.push(["selection totals, all", summarize(totals)]);
    results.push(["  totals: status + quarter", summarize(totalsByVariant[0]!)]);
    results.push(["  totals: overdue only", summarize(totalsByVariant[1]!)]);

    const get: number[] = [];
    for (let index = 0; index < 500; index++)
      await time(get, () => client.salesDocuments.get.query({ id: pick(invoiceIds) }));
    results.push(["get by id (with lines, payments)", summarize(get)]);

    const statistics: number[] = [];
    for (let index = 0; index < 30; index++) {
      await time(statistics, () =>
        client.salesDocuments.statistics.query({
          type: "invoice",
          dateFrom: `${2022 + (index % 5)}-01-01`,
        }),
      );
    }
    results.push(["statistics (per currency, 12 months)", summarize(statistics)]);

    const loadAfterReads = load();
    // The reads' figures at once: a failure in the write phases below does not lose them.
    printTable(results);
    log(
      `load average (1 / 5 / 15 min): ${loadAtStart} before the reads, ${loadAfterReads} after them`,
    );
    const lines = Array.from({ length: 10 }, (_, index) => ({
      description: `Consulting block ${index + 1}`,
      quantity: `${1 + index}.5`,
      unit: "Hours",
      unitPrice: "95.00",
      taxRate: index % 3 === 0 ? "7" : "19",
      discountPercent: index % 4 === 0 ? "5" : "0",
    }));
    const create: number[] = [];
    const drafts: string[] = [];
    for (let index = 0; index < 300; index++) {
      const created = await time(create, () =>
        client.salesDocuments.create.mutate({
          type: "invoice",
          customerId: pick(customers),
          lines,
        }),
      );
      drafts.push(created.id);
    }
    results.push(["create with 10 lines", summarize(create)]);

    // 32 clients issue drafts at once: every issue takes the next number of RE-<year>.
    // Drafts to issue, made by 8 clients at a time (a pool-sized load, not a flood).
    const makeDrafts = async (count: number) => {
      const made: string[] = [];
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (made.length < count) {
            const draft = await client.salesDocuments.create.mutate({
              type: "invoice",
              customerId: pick(customers),
              lines: lines.slice(0, 2),
            });
            made.push(draft.id);
          }
        }),
      );
      return made;
    };
    const queue = [...drafts, ...(await makeDrafts(1000))];
    // Signed in one after another: 32 sign-ins at once on a loaded machine wait too long for a
    // connection, fail, and the sign-in throttle then locks the bench user out.
    const issuers: Awaited<ReturnType<typeof signedInClient>>[] = [];
    for (let index = 0; index < 32; index++)
      issuers.push(await signedInClient(origin, "bench@bench.test", password));
    const issued: number[] = [];
    const issueStarted = performance.now();
    await Promise.all(
      issuers.map(async (issuer) => {
        for (let id = queue.pop(); id; id = queue.pop())
          await time(issued, () => issuer.salesDocuments.issue.mutate({ id }));
      }),
    );
    const issueSeconds = (performance.now() - issueStarted) / 1000;
    results.push(["issue (32 concurrent clients)", summarize(issued)]);

    // The same at month end from the invoice list: 32 clients issue 25 drafts per request with
    // the bulk status update (seed 000 `POST /bulk/status-update`), each draft on its own.
    const bulkQueue = await makeDrafts(1600);
    const bulk: number[] = [];
    let bulkIssued = 0;
    const bulkStarted = performance.now();
    await Promise.all(
      issuers.map(async (issuer) => {
        for (let ids = bulkQueue.splice(0, 25); ids.length > 0; ids = bulkQueue.splice(0, 25)) {
          const outcome = await time(bulk, () =>
            issuer.salesDocuments.bulkStatusUpdate.mutate({ ids, status: "sent" }),
          );
          bulkIssued += outcome.successCount;
        }
      }),
    );
    const bulkSeconds = (performance.now() - bulkStarted) / 1000;
    results.push(["bulk issue of 25 (32 concurrent clients)", summarize(bulk)]);

    printTable(results);
    log("");
    log(
      `issued numbers per second at 32-way concurrency: ${(issued.length / issueSeconds).toFixed(0)} (${issued.length} in ${issueSeconds.toFixed(1)} s)`,
    );
    log(
      `  with bulk issue, 25 per request: ${(bulkIssued / bulkSeconds).toFixed(0)} (${bulkIssued} in ${bulkSeconds.toFixed(1)} s)`,
    );
    log(
      `p99 of list: ${percentile(list, 99).toFixed(1)} ms, of get: ${percentile(get, 99).toFixed(1)} ms`,
    );
    log(
      `load average (1 / 5 / 15 min): ${loadAtStart} before the reads, ${loadAfterReads} after them, ${load()} at the end`,
    );
  } finally {
    api.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
