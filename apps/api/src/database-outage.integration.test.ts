import { randomUUID } from "node:crypto";
import { transformer } from "@ledgerline/domain";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { READ_UNAVAILABLE_MESSAGE, WRITE_UNAVAILABLE_MESSAGE } from "./http/database-outage.ts";
import type { AppRouter } from "./routers/app-router.ts";
import { startTestApi, TEST_ORIGIN, TEST_PASSWORD, type TestApi } from "./testing/api-harness.ts";
import { testEnv } from "./testing/env.ts";

/**
 * An operator (or a failover) ends the API's database sessions with pg_terminate_backend. No
 * request may answer 500: reads run again on a live connection, writes answer 503 with
 * Retry-After, and nothing is half-written.
 */

let api: TestApi;
let admin: pg.Client;
const databaseName = () => new URL(api.env.DATABASE_URL).pathname.slice(1);

beforeAll(async () => {
  api = await startTestApi();
  admin = new pg.Client({ connectionString: testEnv.adminDatabaseUrl });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await api?.close();
});

/** Ends every session of the API's database except the ones named. */
async function terminateApiConnections(...spared: number[]): Promise<number> {
  const { rowCount } = await admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = $1 AND pid <> pg_backend_pid() AND NOT (pid = ANY($2::int[]))`,
    [databaseName(), spared],
  );
  return rowCount ?? 0;
}

interface Exchange {
  path: string;
  status: number;
  retryAfter: string | null;
}

/** A finance user's tRPC client that records every HTTP status and Retry-After it receives. */
async function recordingClient() {
  const exchanges: Exchange[] = [];
  const browser = api.client({ headers: { origin: TEST_ORIGIN } });
  await browser.trpc.auth.signIn.mutate({
    email: api.users.finance.email,
    password: TEST_PASSWORD,
  });
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${api.url}/trpc`,
        transformer,
        fetch: async (input, init) => {
          const response = await browser.fetch(input, init);
          exchanges.push({
            path: new URL(String(input)).pathname,
            status: response.status,
            retryAfter: response.headers.get("retry-after"),
          });
          return response;
        },
      }),
    ],
  });
  return { trpc, exchanges, browser };
}

type Outcome = { ok: true } | { ok: false; status: number | undefined; message: string };
async function outcome(call: Promise<unknown>): Promise<Outcome> {
  try {
    await call;
    return { ok: true };
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as { httpStatus?: number } | undefined;
    return { ok: false, status: data?.httpStatus, message: error.message };
  }
}

/** Waits until `count` statements of the API's database wait for a lock. */
async function untilWaitingForLock(count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await admin.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = $1 AND wait_event_type = 'Lock'`,
      [databaseName()],
    );
    if (rows[0]!.waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`fewer than ${count} statements waited for the lock`);
}

describe("dropped database connections", () => {
  it("every connection cut under steady load: no 500, reads answered, writes saved whole or 503", async () => {
    const { trpc, exchanges } = await recordingClient();
    // Every pooled connection live: more parallel requests than the pool has connections.
    await Promise.all(Array.from({ length: 12 }, () => trpc.customers.list.query({})));
    exchanges.length = 0;

    // Clients that keep reading and writing, so statements are in flight when the cut comes.
    const names: string[] = [];
    const reads: Outcome[] = [];
    const writes: Outcome[] = [];
    let running = true;
    const clients = Array.from({ length: 8 }, async (_, client) => {
      for (let round = 0; running; round++) {
        if ((client + round) % 3 === 0) {
          const name = `Outage ${client}-${round} ${randomUUID()}`;
          names.push(name);
          writes.push(await outcome(trpc.customers.create.mutate({ name })));
        } else {
          reads.push(
            await outcome(round % 2 ? trpc.customers.list.query({}) : trpc.auth.me.query()),
          );
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await terminateApiConnections()).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 800));
    running = false;
    await Promise.all(clients);

    expect(reads.length).toBeGreaterThan(20);
    expect(
      exchanges.filter((exchange) => exchange.status >= 500 && exchange.status !== 503),
    ).toEqual([]);
    expect(reads.filter((read) => !read.ok)).toEqual([]);
    for (const write of writes) {
      if (write.ok) continue;
      expect(write).toMatchObject({ status: 503, message: WRITE_UNAVAILABLE_MESSAGE });
    }
    for (const exchange of exchanges.filter((e) => e.status === 503))
      expect(exchange.retryAfter).toBe("1");
    console.log(
      `${reads.length} reads, ${writes.length} writes (${writes.filter((write) => !write.ok).length} answered 503)`,
    );

    // Nothing half-written: a customer exists with exactly its audit event, or not at all.
    const saved = await api.db.customer.findMany({ where: { name: { in: names } } });
    const audits = await api.db.auditEvent.findMany({
      where: { entityType: "customer", entityId: { in: saved.map((customer) => customer.id) } },
    });
    expect(audits.map((event) => event.entityId).sort()).toEqual(
      saved.map((customer) => customer.id).sort(),
    );
    expect(saved.length).toBeGreaterThanOrEqual(writes.filter((write) => write.ok).length);
  });

  it("a mutation cut mid-transaction answers 503 with Retry-After and writes nothing; a read cut the same way is answered", async () => {
    const { trpc, exchanges } = await recordingClient();
    await trpc.customers.list.query({});
    const name = `Cut Mid Transaction ${randomUUID()}`;

    // Both statements wait for a lock held by another session, so they are surely running on
    // their connections when those are cut.
    const locker = new pg.Client({ connectionString: api.env.DATABASE_URL });
    locker.on("error", () => undefined);
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query('LOCK TABLE "customers" IN ACCESS EXCLUSIVE MODE');
      const { rows } = await locker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      exchanges.length = 0;
      const write = outcome(trpc.customers.create.mutate({ name }));
      const read = outcome(trpc.customers.list.query({ search: "Cut Mid" }));
      await untilWaitingForLock(2);
      await terminateApiConnections(rows[0]!.pid);
      await locker.query("ROLLBACK");

      expect(await write).toEqual({
        ok: false,
        status: 503,
        message: WRITE_UNAVAILABLE_MESSAGE,
      });
      expect(await read).toEqual({ ok: true });
    } finally {
      await locker.end();
    }
    expect(exchanges.map(({ status, retryAfter }) => ({ status, retryAfter }))).toEqual(
      expect.arrayContaining([
        { status: 503, retryAfter: "1" },
        { status: 200, retryAfter: null },
      ]),
    );
    expect(await api.db.customer.count({ where: { name } })).toBe(0);
  });

  it("/ready and the session lookup survive a cut too", async () => {
    const { trpc, exchanges } = await recordingClient();
    await Promise.all(Array.from({ length: 8 }, () => trpc.auth.me.query()));
    await terminateApiConnections();
    exchanges.length = 0;
    const [ready, ...me] = await Promise.all([
      fetch(`${api.url}/ready`),
      ...Array.from({ length: 6 }, () => outcome(trpc.auth.me.query())),
    ]);
    expect(ready.status).toBe(200);
    expect(me.filter((result) => !result.ok)).toEqual([]);
    expect(exchanges.map((exchange) => exchange.status)).toEqual(Array(6).fill(200));
  });

  it("a file download cut mid-statement answers 503 with Retry-After, not 500", async () => {
    const { browser } = await recordingClient();
    const locker = new pg.Client({ connectionString: api.env.DATABASE_URL });
    locker.on("error", () => undefined);
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query('LOCK TABLE "stored_files" IN ACCESS EXCLUSIVE MODE');
      const { rows } = await locker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const download = browser.fetch(`${api.url}/files/${randomUUID()}`);
      await untilWaitingForLock(1);
      await terminateApiConnections(rows[0]!.pid);
      const response = await download;
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("1");
      expect(await response.json()).toEqual({ error: { message: READ_UNAVAILABLE_MESSAGE } });
    } finally {
      await locker.query("ROLLBACK").catch(() => undefined);
      await locker.end();
    }
  });
});
