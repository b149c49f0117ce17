import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createDb, type Db } from "@ledgerline/db";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import { DEFAULT_JOB_OPTIONS, purchaseOrderBatchJobId, QUEUES } from "@ledgerline/domain";
import {
  createPurchaseOrderBatch,
  createUser,
  processPurchaseOrderBatch,
  systemActor,
  type Actor,
} from "@ledgerline/services";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { loadEnv, type WorkerEnv } from "./env.ts";
import { startWorker, type WorkerHandle } from "./worker.ts";

/**
 * Redis keeps nothing on disk on our machines: a restart (here: the test prefix's keys dropped)
 * loses the job of a purchase-order batch while the batch itself, stored in PostgreSQL, is
 * unfinished. The worker queues it again, at start and on its beat, under the batch's own job
 * id, and the batch then ends with one result per id, each PO approved exactly once.
 */

const redisUrl = inject("redisUrl");
const batchQueue = QUEUES.purchaseOrderBatches;
const logger = pino({ level: "silent" });
const PER_BATCH = 120;
let database: TestDatabase;
let db: Db;
let owner: pg.Client;
let redis: Redis;
let finance: Actor;
let prefix: string;
let env: WorkerEnv;
const prefixes: string[] = [];
const handles: WorkerHandle[] = [];
const closables: { close(): Promise<unknown> }[] = [];

beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "po_batch_resume",
    adminUrl: inject("databaseAdminUrl"),
  });
  db = createDb({ url: database.url, maxConnections: 3 });
  owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  await owner.query(`
    INSERT INTO customers (name, updated_at) VALUES ('Resume Kunde', now());
    INSERT INTO projects (name, customer_id, updated_at) SELECT 'Resume Projekt', id, now() FROM customers;
    INSERT INTO suppliers (name, updated_at) VALUES ('Resume Supplier', now());`);
  const user = await createUser(db, systemActor("test"), {
    email: "finance@resume.test",
    name: "Finance",
    role: "finance",
    password: "correct horse battery staple",
  });
  finance = { kind: "user", userId: user.id, role: "finance", name: "Finance" };
}, 60_000);

beforeEach(() => {
  prefix = `po-resume-${randomUUID().slice(0, 8)}`;
  prefixes.push(prefix);
  env = loadEnv({
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: "silent",
    NODE_ENV: "test",
  });
});

afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.close()));
  await Promise.all(closables.splice(0).map((closable) => closable.close()));
});

afterAll(async () => {
  for (const used of prefixes) await dropKeys(used);
  await redis?.quit();
  await owner?.end();
  await db?.$disconnect();
  await database?.drop();
});

async function dropKeys(of: string): Promise<number> {
  const keys = await redis.keys(`${of}:*`);
  if (keys.length > 0) await redis.del(...keys);
  return keys.length;
}

/** `count` new completed POs, written as the owner in one statement. */
async function completedPurchaseOrders(count: number): Promise<string[]> {
  const { rows } = await owner.query<{ id: string }>(
    `INSERT INTO purchase_orders (status, project_id, supplier_id, amount, currency, updated_at)
     SELECT 'completed', p.id, s.id, 100 + i, 'EUR', now()
     FROM generate_series(1, $1::int) AS i, (SELECT id FROM projects LIMIT 1) p,
          (SELECT id FROM suppliers LIMIT 1) s
     RETURNING id`,
    [count],
  );
  return rows.map((row) => row.id);
}

/** What the API does for a big batch: store it (and, in the first test, enqueue it). */
async function storedBatch(ids: string[], ageMinutes: number): Promise<string> {
  const batch = await createPurchaseOrderBatch(db, finance, "approve", { ids });
  expect(batch.inline).toBe(false);
  await owner.query(
    `UPDATE purchase_order_batches SET created_at = now() - make_interval(mins => $2) WHERE id = $1`,
    [batch.id, ageMinutes],
  );
  return batch.id;
}

function producer(): Queue {
  const queue = new Queue(batchQueue.name, {
    connection: redis,
    prefix,
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS },
  });
  closables.push(queue);
  return queue;
}

async function start(heartbeatIntervalMs = 5_000): Promise<WorkerHandle> {
  const handle = await startWorker(env, { logger, schedules: false, heartbeatIntervalMs });
  handles.push(handle);
  return handle;
}

async function batchRow(batchId: string) {
  const { rows } = await owner.query<{ processed: number; total: number; finished: boolean }>(
    `SELECT processed, total, finished_at IS NOT NULL AS finished
     FROM purchase_order_batches WHERE id = $1`,
    [batchId],
  );
  return rows[0]!;
}

async function waitUntilFinished(batchId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let row = await batchRow(batchId);
  while (!row.finished && Date.now() < deadline) {
    await sleep(100);
    row = await batchRow(batchId);
  }
  return row;
}

/** Per PO of the batch: its outcome, its status and how many approve events it has. */
async function resultsOf(batchId: string) {
  const { rows } = await owner.query<{ outcome: string | null; status: string; events: number }>(
    `SELECT i.outcome::text AS outcome, po.status::text AS status,
            (SELECT count(*)::int FROM audit_events e
             WHERE e.entity_type = 'purchaseOrder' AND e.action = 'approve'
               AND e.entity_id = po.id::text) AS events
     FROM purchase_order_batch_items i JOIN purchase_orders po ON po.id = i.purchase_order_id
     WHERE i.batch_id = $1 ORDER BY i.position`,
    [batchId],
  );
  return rows;
}

const everyPoApprovedOnce = (count: number) =>
  Array.from({ length: count }, () => ({ outcome: "approved", status: "approved", events: 1 }));

describe("purchase-order batches whose job Redis lost", () => {
  it("are queued again when the worker starts, and approve each PO once", async () => {
    const ids = await completedPurchaseOrders(PER_BATCH);
    const batchId = await storedBatch(ids, 2);
    const queue = producer();
    await queue.add(
      batchQueue.jobs.processBatch.name,
      { batchId },
      { jobId: purchaseOrderBatchJobId(batchId) },
    );
    // A worker ran the first chunk, then Redis went away (its progress report failed).
    let chunks = 0;
    await expect(
      processPurchaseOrderBatch(db, batchId, {
        chunkSize: 50,
        onProgress: () => {
          chunks += 1;
          throw new Error("Redis is gone");
        },
      }),
    ).rejects.toThrow("Redis is gone");
    expect(chunks).toBe(1);
    expect(await batchRow(batchId)).toEqual({ processed: 50, total: PER_BATCH, finished: false });
    // Redis restarted empty: the job and the queue are gone.
    expect(await dropKeys(prefix)).toBeGreaterThan(0);
    expect(await queue.getJob(purchaseOrderBatchJobId(batchId))).toBeUndefined();

    // Two workers start at once: one job between them, under the batch's own id.
    await Promise.all([start(), start()]);
    expect(await waitUntilFinished(batchId)).toEqual({
      processed: PER_BATCH,
      total: PER_BATCH,
      finished: true,
    });
    expect(await resultsOf(batchId)).toEqual(everyPoApprovedOnce(PER_BATCH));
    const job = await queue.getJob(purchaseOrderBatchJobId(batchId));
    expect(job?.data).toEqual({ batchId });
  });

  it("are queued again on the worker's beat; a batch younger than a minute is left to the API", async () => {
    await start(200);
    // Stored, but the enqueue never reached Redis (or Redis restarted since).
    const lost = await storedBatch(await completedPurchaseOrders(PER_BATCH), 2);
    const young = await storedBatch(await completedPurchaseOrders(PER_BATCH), 0);

    expect(await waitUntilFinished(lost)).toEqual({
      processed: PER_BATCH,
      total: PER_BATCH,
      finished: true,
    });
    expect(await resultsOf(lost)).toEqual(everyPoApprovedOnce(PER_BATCH));
    // Several beats later the young batch is untouched: the API may be running or enqueuing it.
    await sleep(1_000);
    expect(await batchRow(young)).toEqual({ processed: 0, total: PER_BATCH, finished: false });
    expect(await producer().getJob(purchaseOrderBatchJobId(young))).toBeUndefined();
  });
});
