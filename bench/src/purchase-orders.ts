/**
 * `pnpm --filter @ledgerline/bench bench:purchase-orders`: purchase orders at volume (issue 10).
 * Fills a database of its own with 200,000 purchase orders with milestones and disbursement items
 * (BENCH_PURCHASE_ORDERS to change), starts the API and the worker as their own processes
 * (connected as the application's role), and prints the latency of the list and the detail, and
 * the time a batch approval of 10,000 POs (BENCH_BATCH) takes through the worker job, with its
 * progress as the screen reads it (`purchaseOrders.batchStatus`). Not a test: it prints figures
 * for docs/performance.md, with the machine's load.
 *
 * BENCH_DATABASE (default `ledgerline_bench_po`), BENCH_PORT (3910) and BENCH_QUEUE_PREFIX
 * (`bench-po`) let it run beside the sales-document bench.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { applicationDatabaseUrl, createDb, defaultApplicationPasswordFile } from "@ledgerline/db";
import { migrate } from "@ledgerline/db/migrate";
import type { ListPurchaseOrdersInput } from "@ledgerline/domain";
import { createUser, systemActor } from "@ledgerline/services";
import pg from "pg";
import { benchDatabaseUrl, recreateDatabase } from "./bench-database.ts";
import { benchNodeArgs } from "./node-args.ts";
import { signedInClient, time, waitUntilReady } from "./api-session.ts";
import { percentile, summarize, type Summary } from "./stats.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const purchaseOrders = Number(process.env.BENCH_PURCHASE_ORDERS ?? 200_000);
const batchSize = Number(process.env.BENCH_BATCH ?? 10_000);
const port = Number(process.env.BENCH_PORT ?? 3910);
const databaseName = process.env.BENCH_DATABASE ?? "ledgerline_bench_po";
const queuePrefix = process.env.BENCH_QUEUE_PREFIX ?? "bench-po";
const origin = `http://127.0.0.1:${port}`;
const password = "bench-password-123";
const log = (line: string) => console.log(line);
// BENCH_REUSE=1 measures the database the previous run filled, with a new batch to approve.
const reuse = process.env.BENCH_REUSE === "1";
const batchSupplierName = `Batch Supplier ${new Date().toISOString()}`;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" / ");

/**
 * The volume in a few statements. Written as the product leaves it, with the database's own
 * bookkeeping done set-wise instead of row by row: triggers are off for the fill (replica mode,
 * the filling superuser only), so the numbers (gapless per year in order-date order), the
 * number sequences and each PO's disbursement total are written here as the triggers would.
 */
async function fill(url: string, count: number, batch: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const started = performance.now();
    const result = await client.query(sql, params);
    log(
      `  ${label}: ${result.rowCount ?? 0} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  };
  try {
    await client.query("SET synchronous_commit = off");
    await client.query("SET session_replication_role = replica");
    await step(
      "managers",
      `INSERT INTO users (email, name, role, password_hash, updated_at)
       SELECT 'manager' || i || '@bench.test', 'Manager ' || i, 'team_lead', 'x', now()
       FROM generate_series(1, 50) AS i`,
    );
    await step(
      "customers",
      `INSERT INTO customers (name, updated_at)
       SELECT 'Bench Customer ' || i, now() FROM generate_series(1, 500) AS i`,
    );
    await step(
      "projects",
      `INSERT INTO projects (name, customer_id, manager_id, updated_at)
       SELECT 'Bench Project ' || i, c.id, u.id, now()
       FROM generate_series(1, 2000) AS i
       JOIN LATERAL (SELECT id FROM customers ORDER BY id OFFSET (i % 500) LIMIT 1) c ON true
       JOIN LATERAL (SELECT id FROM users WHERE email LIKE 'manager%' ORDER BY id OFFSET (i % 50) LIMIT 1) u ON true`,
    );
    await step(
      "suppliers",
      `INSERT INTO suppliers (name, default_currency, updated_at)
       SELECT 'Bench Supplier ' || i, CASE WHEN i % 10 = 0 THEN 'GBP' WHEN i % 10 = 1 THEN 'USD' ELSE 'EUR' END, now()
       FROM generate_series(1, 500) AS i`,
    );
    // Statuses by position: 10 % pending, 10 % accepted, 4 % declined, 20 % in progress, 10 %
    // completed, 10 % approved, 27 % paid, 5 % cancelled, 2 % expired, 2 % disputed. The batch's
    // POs (completed, for one supplier of their own) come last.
    await step(
      "purchase orders",
      `WITH project_list AS (SELECT id, manager_id, row_number() OVER (ORDER BY id) AS n FROM projects),
            supplier_list AS (SELECT id, default_currency, row_number() OVER (ORDER BY id) AS n FROM suppliers),
            base AS (
              SELECT i,
                     (ARRAY['pending','pending','accepted','accepted','declined','in_progress','in_progress','in_progress','in_progress',
                            'completed','completed','approved','approved','paid','paid','paid','paid','paid','cancelled','expired','disputed'])
                       [1 + i % 21]::purchase_order_status AS status,
                     TIMESTAMPTZ '2022-01-01 09:00+01' + ((i::bigint * 1785) / $1::int) * interval '1 day' AS order_date
              FROM generate_series(1, $1::int) AS i)
       INSERT INTO purchase_orders (status, type, project_id, supplier_id, project_manager_id, amount, currency,
                                    order_date, due_date, target_language, approved_at, paid_date, status_reason,
                                    created_at, updated_at)
       SELECT b.status, (ARRAY['translation','translation','dtp','disbursement'])[1 + b.i % 4]::purchase_order_type,
              p.id, s.id, p.manager_id, 50 + (b.i % 4000) + 0.5, s.default_currency, b.order_date,
              -- Pending POs are not due yet: the due-date sweep of the worker would otherwise expire
              -- tens of thousands of them while the bench measures.
              CASE WHEN b.status = 'pending' THEN current_date + 30 ELSE (b.order_date + interval '21 days')::date END, 'en',
              CASE WHEN b.status IN ('approved','paid') THEN b.order_date + interval '30 days' END,
              CASE WHEN b.status = 'paid' THEN (b.order_date + interval '40 days')::date END,
              CASE WHEN b.status IN ('declined','cancelled','disputed') THEN 'Bench reason' END,
              b.order_date, now()
       FROM base b
       JOIN project_list p ON p.n = 1 + b.i % 2000
       JOIN supplier_list s ON s.n = 1 + b.i % 500`,
      [count],
    );
    await step(
      "milestones",
      `INSERT INTO purchase_order_milestones (purchase_order_id, percentage, notes, is_confirmed, confirmed_at, recorded_at, remote_ip)
       SELECT po.id, m.percentage, NULL,
              po.status <> 'in_progress' OR m.percentage < 50,
              CASE WHEN po.status <> 'in_progress' OR m.percentage < 50 THEN po.order_date + interval '5 days' END,
              po.order_date + interval '5 days', '10.0.0.1'
       FROM purchase_orders po
       CROSS JOIN LATERAL (SELECT unnest(CASE WHEN po.status = 'in_progress' THEN ARRAY[25, 50]
                                              ELSE ARRAY[25, 50, 75, 100] END) AS percentage) m
       WHERE po.status IN ('in_progress', 'completed', 'approved', 'paid', 'disputed')`,
    );
    await step(
      "disbursement items",
      `INSERT INTO disbursement_items (purchase_order_id, item_type, item_type_info, units, rate_per_unit, total_cost, updated_at)
       SELECT po.id, (ARRAY['dtp','other'])[d.n]::disbursement_item_type, 'Bench item ' || d.n,
              1 + abs(hashtext(po.id::text)) % 40, 12.5, (1 + abs(hashtext(po.id::text)) % 40) * 12.5, now()
       FROM purchase_orders po CROSS JOIN generate_series(1, 2) AS d(n)
       WHERE abs(hashtext(po.id::text)) % 3 = 0`,
    );
    await step(
      "disbursement totals",
      `UPDATE purchase_orders po SET disbursement_total = t.total
       FROM (SELECT purchase_order_id, sum(total_cost) AS total FROM disbursement_items GROUP BY 1) t
       WHERE t.purchase_order_id = po.id`,
    );
    // assign_purchase_order_number's work, set-wise: per order-date year, in order-date order.
    await step(
      "numbers",
      `UPDATE purchase_orders po
       SET number = 'BE-' || n.year || '-' || CASE WHEN n.seq < 10000 THEN lpad(n.seq::text, 4, '0') ELSE n.seq::text END
       FROM (SELECT id, extract(year FROM order_date AT TIME ZONE 'Europe/Berlin')::int AS year,
                    row_number() OVER (PARTITION BY extract(year FROM order_date AT TIME ZONE 'Europe/Berlin')
                                       ORDER BY order_date, id) AS seq
             FROM purchase_orders) n
       WHERE po.id = n.id`,
    );
    await step(
      "number sequences",
      `INSERT INTO number_sequences (scope, year, last_number)
       SELECT 'purchase_order', extract(year FROM order_date AT TIME ZONE 'Europe/Berlin')::int, count(*)
       FROM purchase_orders GROUP BY 2`,
    );
    await addBatchPurchaseOrders(client, batch, step);
    await client.query("SET session_replication_role = origin");
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
}

type Step = (label: string, sql: string, params?: unknown[]) => Promise<void>;

/**
 * The POs one batch approval takes: `count` completed POs of a supplier of their own (named
 * `batchSupplierName`), ordered today, numbered after the year's last BE number as the trigger
 * would. A reused database (BENCH_REUSE=1) gets a new set each run, since a batch approves them.
 */
async function addBatchPurchaseOrders(client: pg.Client, count: number, step: Step) {
  await client.query("SET session_replication_role = replica");
  await step(
    "purchase orders to approve in a batch",
    `WITH s AS (INSERT INTO suppliers (name, updated_at) VALUES ($2, now()) RETURNING id),
          p AS (SELECT id, manager_id FROM projects ORDER BY id LIMIT 1)
     INSERT INTO purchase_orders (status, project_id, supplier_id, project_manager_id, amount, currency,
                                  order_date, created_at, updated_at)
     SELECT 'completed', p.id, s.id, p.manager_id, 100 + i % 900, 'EUR', now(), now(), now()
     FROM generate_series(1, $1::int) AS i, s, p`,
    [count, batchSupplierName],
  );
  await step(
    "their numbers",
    `WITH year AS (SELECT extract(year FROM now() AT TIME ZONE 'Europe/Berlin')::int AS value),
          last AS (SELECT coalesce((SELECT last_number FROM number_sequences, year
                                    WHERE scope = 'purchase_order' AND number_sequences.year = year.value), 0) AS value),
          numbered AS (SELECT po.id, row_number() OVER (ORDER BY po.id) AS n
                       FROM purchase_orders po JOIN suppliers s ON s.id = po.supplier_id
                       WHERE s.name = $1)
     UPDATE purchase_orders po
     SET number = 'BE-' || year.value || '-' || CASE WHEN last.value + numbered.n < 10000
                  THEN lpad((last.value + numbered.n)::text, 4, '0') ELSE (last.value + numbered.n)::text END
     FROM numbered, year, last
     WHERE po.id = numbered.id`,
    [batchSupplierName],
  );
  await step(
    "their number sequence",
    `INSERT INTO number_sequences (scope, year, last_number)
     VALUES ('purchase_order', extract(year FROM now() AT TIME ZONE 'Europe/Berlin')::int, $1)
     ON CONFLICT (scope, year) DO UPDATE SET last_number = number_sequences.last_number + $1`,
    [count],
  );
  await client.query("SET session_replication_role = origin");
}

function start(script: string, env: Record<string, string>): ChildProcess {
  const kind = script.includes("apps/worker") ? "worker" : "api";
  return spawn(process.execPath, [...benchNodeArgs(kind), "--import", "tsx", script], {
    cwd: root,
    env: {
      ...process.env,
      REDIS_URL: redisUrl,
      LOG_LEVEL: "warn",
      QUEUE_PREFIX: queuePrefix,
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

async function main() {
  log(
    `Ledgerline purchase-order benchmark — ${purchaseOrders.toLocaleString("en")} purchase orders, batch of ${batchSize.toLocaleString("en")}`,
  );
  log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  const databaseUrl = reuse ? benchDatabaseUrl(databaseName) : await recreateDatabase(databaseName);
  await migrate({ url: databaseUrl, environment: process.env });
  if (reuse) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      log(`reusing ${databaseName}; a new batch:`);
      await addBatchPurchaseOrders(client, batchSize, async (label, sql, params = []) => {
        const result = await client.query(sql, params);
        log(`  ${label}: ${result.rowCount ?? 0} rows`);
      });
      await client.query("VACUUM ANALYZE purchase_orders");
    } finally {
      await client.end();
    }
  } else {
    log("filling:");
    const fillStarted = performance.now();
    await fill(databaseUrl, purchaseOrders, batchSize);
    log(`  total: ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`);
  }
  const db = createDb({ url: databaseUrl, maxConnections: 2 });
  if (!reuse) {
    await createUser(db, systemActor("bench"), {
      email: "bench@bench.test",
      name: "Bench Finance",
      role: "finance",
      password,
    });
    await db.companySettings.create({ data: { legalName: "Bench GmbH" } });
  }
  const [held] = await db.$queryRaw<[{ count: number }]>`
    SELECT count(*)::int AS "count" FROM purchase_orders`;
  log(`purchase orders held: ${held.count.toLocaleString("en")}`);
  const sample = await db.$queryRaw<
    Array<{ id: string; projectId: string; supplierId: string; managerId: string }>
  >`SELECT id::text, project_id::text AS "projectId", supplier_id::text AS "supplierId",
           project_manager_id::text AS "managerId"
    FROM purchase_orders TABLESAMPLE SYSTEM (2) LIMIT 2000`;
  const batchIds = (
    await db.$queryRaw<Array<{ id: string }>>`
      SELECT po.id::text FROM purchase_orders po JOIN suppliers s ON s.id = po.supplier_id
      WHERE s.name = ${batchSupplierName} ORDER BY po.number`
  ).map((row) => row.id);
  await db.$disconnect();

  const appUrl = await applicationDatabaseUrl({
    ownerUrl: databaseUrl,
    passwordFile: defaultApplicationPasswordFile(databaseUrl),
  });
  const api = start("apps/api/src/main.ts", {
    DATABASE_URL: appUrl,
    PORT: String(port),
    PUBLIC_URL: origin,
  });
  const worker = start("apps/worker/src/main.ts", { DATABASE_URL: appUrl });
  try {
    await waitUntilReady(origin);
    const client = await signedInClient(origin, "bench@bench.test", password);
    const results: Array<[string, Summary]> = [];
    const variants: Array<[string, (index: number) => ListPurchaseOrdersInput]> = [
      ["newest first (no filter)", (index) => ({ page: 1 + (index % 5), pageSize: 25 })],
      [
        "status",
        (index) => ({
          status: index % 2 ? ["in_progress"] : ["completed", "disputed"],
          pageSize: 25,
        }),
      ],
      ["project (job)", () => ({ projectId: pick(sample).projectId, pageSize: 25 })],
      [
        "supplier, by amount",
        () => ({ supplierId: pick(sample).supplierId, pageSize: 25, sortBy: "amount" }),
      ],
      ["project manager", () => ({ projectManagerId: pick(sample).managerId, pageSize: 25 })],
      [
        "order dates (a month) + currency",
        (index) => ({
          orderDateFrom: `${2022 + (index % 5)}-03-01`,
          orderDateTo: `${2022 + (index % 5)}-03-31`,
          currency: "EUR",
          pageSize: 25,
          sortBy: "orderDate",
        }),
      ],
      ["approval awaiting", () => ({ approval: "awaiting", pageSize: 25 })],
      [
        "due dates (a week), by due date",
        (index) => ({
          dueDateFrom: `${2022 + (index % 5)}-06-01`,
          dueDateTo: `${2022 + (index % 5)}-06-07`,
          pageSize: 25,
          sortBy: "dueDate",
          sortDirection: "asc",
        }),
      ],
    ];
    // Warm up, as a running server would be.
    for (let index = 0; index < 40; index++) {
      await client.purchaseOrders.list.query(variants[index % variants.length]![1](index));
      await client.purchaseOrders.get.query({ id: pick(sample).id });
    }
    const loadAtStart = load();
    const list: number[] = [];
    const byVariant = variants.map(() => [] as number[]);
    for (let index = 0; index < 400; index++) {
      const variant = index % variants.length;
      await time(list, () => client.purchaseOrders.list.query(variants[variant]![1](index)));
      byVariant[variant]!.push(list.at(-1)!);
    }
    results.push(["list with filters (25 rows), all", summarize(list)]);
    variants.forEach(([name], index) =>
      results.push([`  list: ${name}`, summarize(byVariant[index]!)]),
    );
    const get: number[] = [];
    for (let index = 0; index < 500; index++)
      await time(get, () => client.purchaseOrders.get.query({ id: pick(sample).id }));
    results.push(["get by id (milestones, disbursements, history)", summarize(get)]);
    const loadAfterReads = load();
    log("");
    log("| operation | n | p50 ms | p95 ms | max ms |");
    log("|---|---:|---:|---:|---:|");
    for (const [name, summary] of results) {
      log(
        `| ${name} | ${summary.count} | ${summary.p50.toFixed(1)} | ${summary.p95.toFixed(1)} | ${summary.max.toFixed(1)} |`,
      );
    }
    log(
      `p99 of list: ${percentile(list, 99).toFixed(1)} ms, of get: ${percentile(get, 99).toFixed(1)} ms`,
    );
    log(
      `load average (1 / 5 / 15 min): ${loadAtStart} before the reads, ${loadAfterReads} after them`,
    );

    // Batch approval of the completed POs through the worker job, followed as the screen does.
    const started = performance.now();
    const batch = await client.purchaseOrders.batchApprove.mutate({ ids: batchIds });
    const progress: string[] = [];
    let status = await client.purchaseOrders.batchStatus.query({ id: batch.id });
    while (!status.done) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = await client.purchaseOrders.batchStatus.query({ id: batch.id });
      progress.push(
        `${((performance.now() - started) / 1000).toFixed(1)} s: ${status.processed} of ${status.total}`,
      );
      if (performance.now() - started > 300_000)
        throw new Error("The batch did not finish in 5 minutes.");
    }
    const batchSeconds = (performance.now() - started) / 1000;

    log("");
    log(
      `batch approval of ${status.total.toLocaleString("en")} POs through the worker job: ${batchSeconds.toFixed(1)} s (queued: ${batch.queued}; approved ${status.counts.approved}, skipped ${status.counts.skipped}, refused ${status.counts.refused})`,
    );
    log(`  progress as read by purchaseOrders.batchStatus: ${progress.join("; ")}`);
    log(`load average (1 / 5 / 15 min) at the end: ${load()}`);
  } finally {
    api.kill("SIGTERM");
    worker.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
