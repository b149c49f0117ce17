import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { createDb, type Db } from "@ledgerline/db";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import { DEFAULT_JOB_OPTIONS, purchaseOrderBatchJobId, QUEUES } from "@ledgerline/domain";
import { createPurchaseOrderBatch, createUser, systemActor } from "@ledgerline/services";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

/**
 * A batch approval run by the real worker process, killed with SIGKILL in the middle and started
 * again: every PO ends approved, each exactly once (one `approve` audit event per PO), and the
 * batch's outcomes agree with the POs at every point.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const redisUrl = inject("redisUrl");
const prefix = `po-batch-${randomUUID().slice(0, 8)}`;
const COUNT = 5_000;
let database: TestDatabase;
let db: Db;
let owner: pg.Client;
const children: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    cwd: root,
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: "warn",
      NODE_ENV: "test",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

async function batchState(batchId: string) {
  const { rows } = await owner.query<{
    processed: number;
    finished: boolean;
    approvedItems: number;
    approvedOrders: number;
    approveEvents: number;
  }>(
    `SELECT b.processed, b.finished_at IS NOT NULL AS finished,
            (SELECT count(*)::int FROM purchase_order_batch_items WHERE batch_id = b.id AND outcome = 'approved') AS "approvedItems",
            (SELECT count(*)::int FROM purchase_orders WHERE status = 'approved') AS "approvedOrders",
            (SELECT count(*)::int FROM audit_events WHERE entity_type = 'purchaseOrder' AND action = 'approve') AS "approveEvents"
     FROM purchase_order_batches b WHERE b.id = $1`,
    [batchId],
  );
  return rows[0]!;
}

beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "po_batches",
    adminUrl: inject("databaseAdminUrl"),
  });
  db = createDb({ url: database.url, maxConnections: 2 });
  owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  // Completed POs, written as the owner in one statement (the numbers are taken at commit).
  await owner.query(`
    WITH c AS (INSERT INTO customers (name, updated_at) VALUES ('Batch Kunde', now()) RETURNING id),
         p AS (INSERT INTO projects (name, customer_id, updated_at) SELECT 'Batch Projekt', id, now() FROM c RETURNING id),
         s AS (INSERT INTO suppliers (name, updated_at) VALUES ('Batch Supplier', now()) RETURNING id)
    INSERT INTO purchase_orders (status, project_id, supplier_id, amount, currency, updated_at)
    SELECT 'completed', p.id, s.id, 100 + i % 900, 'EUR', now()
    FROM generate_series(1, ${COUNT}) AS i, p, s`);
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await owner?.end();
  await db?.$disconnect();
  await database?.drop();
});

describe("a batch approval when the worker is killed mid-batch", () => {
  it("approves every PO exactly once after the restart", { timeout: 180_000 }, async () => {
    const finance = await createUser(db, systemActor("test"), {
      email: "finance@batch.test",
      name: "Finance",
      role: "finance",
      password: "correct horse battery staple",
    });
    const ids = (
      await db.purchaseOrder.findMany({ select: { id: true }, orderBy: { number: "asc" } })
    ).map((po) => po.id);
    expect(ids).toHaveLength(COUNT);
    const batch = await createPurchaseOrderBatch(
      db,
      { kind: "user", userId: finance.id, role: "finance", name: "Finance" },
      "approve",
      { ids },
    );
    expect(batch.inline).toBe(false);

    const queue = new Queue(QUEUES.purchaseOrderBatches.name, {
      connection: { url: redisUrl },
      prefix,
      defaultJobOptions: { ...DEFAULT_JOB_OPTIONS },
    });
    const job = { batchId: batch.id };
    const options = { jobId: purchaseOrderBatchJobId(batch.id) };
    await queue.add(QUEUES.purchaseOrderBatches.jobs.processBatch.name, job, options);
    // Enqueued twice (a retried request): still one job.
    await queue.add(QUEUES.purchaseOrderBatches.jobs.processBatch.name, job, options);
    expect(await queue.getJobCountByTypes("waiting", "active")).toBe(1);

    const first = startWorker();
    let state = await batchState(batch.id);
    const deadline = Date.now() + 90_000;
    while (state.processed === 0 && Date.now() < deadline) {
      await sleep(10);
      state = await batchState(batch.id);
    }
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("close", resolve));
    state = await batchState(batch.id);
    // Killed in the middle: some chunks committed with their outcomes, the rest untouched.
    expect(state.processed).toBeGreaterThan(0);
    expect(state.processed).toBeLessThan(COUNT);
    expect(state.finished).toBe(false);
    expect(state.approvedOrders).toBe(state.approvedItems);
    expect(state.approveEvents).toBe(state.approvedItems);

    startWorker();
    while (!state.finished && Date.now() < deadline + 60_000) {
      await sleep(250);
      state = await batchState(batch.id);
    }
    expect(state).toEqual({
      processed: COUNT,
      finished: true,
      approvedItems: COUNT,
      approvedOrders: COUNT,
      approveEvents: COUNT,
    });
    const { rows } = await owner.query<{ id: string; events: number }>(
      `SELECT entity_id AS id, count(*)::int AS events FROM audit_events
       WHERE entity_type = 'purchaseOrder' AND action = 'approve'
       GROUP BY entity_id HAVING count(*) <> 1`,
    );
    expect(rows).toEqual([]);
    await queue.close();
  });
});
