import { createServer, connect, type AddressInfo, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createDb, createPool, type Db } from "./client.ts";
import { isDatabaseConnectionError } from "./connection-errors.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

/**
 * The shapes isDatabaseConnectionError knows are the ones Prisma 7 and adapter-pg really
 * produce: each case breaks a real connection and classifies the error that comes out.
 */

const adminUrl = inject("databaseAdminUrl");
let database: TestDatabase;
let admin: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase({ adminUrl, prefix: "connection_errors" });
  admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await database?.drop();
});

/** Ends every session of the test database but the ones named (as an operator would). */
const terminateBackends = (...spared: number[]) =>
  admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = $1 AND pid <> pg_backend_pid() AND NOT (pid = ANY($2::int[]))`,
    [database.name, spared],
  );

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until a statement matching `pattern` runs in the test database. */
async function untilRunning(pattern: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { rowCount } = await admin.query(
      "SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query ILIKE $2",
      [database.name, pattern],
    );
    if (rowCount) return;
    await pause(50);
  }
  throw new Error(`no statement like ${pattern} started`);
}

const failureOf = async (work: Promise<unknown>): Promise<unknown> => {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error("expected the statement to fail");
};

/** A TCP proxy in front of the real server, so a test can close or reset its connections. */
async function startProxy(targetUrl: string) {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(targetUrl);
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    end: () => sockets.forEach((socket) => socket.end()),
    reset: () => sockets.forEach((socket) => socket.resetAndDestroy()),
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function withDb<T>(url: string, use: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb({ url, maxConnections: 2 });
  try {
    return await use(db);
  } finally {
    await db.$disconnect().catch(() => undefined);
  }
}

describe("errors of a lost database connection, as Prisma surfaces them", () => {
  it("pg_terminate_backend under a model query (57P01, P2039)", async () => {
    // A model query that is still running when its session ends: it waits for a lock.
    const locker = new pg.Client({ connectionString: database.url });
    locker.on("error", () => undefined);
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query('LOCK TABLE "users" IN ACCESS EXCLUSIVE MODE');
      const { rows } = await locker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      await withDb(database.url, async (db) => {
        const modelQuery = failureOf(db.user.count());
        await untilRunning("%count%");
        await terminateBackends(rows[0]!.pid);
        const error = await modelQuery;
        expect(error).toMatchObject({ code: "P2039" });
        expect(isDatabaseConnectionError(error)).toBe(true);
      });
    } finally {
      await locker.end();
    }
  });

  it("pg_terminate_backend under a raw query (57P01, P2010)", async () => {
    await withDb(database.url, async (db) => {
      const rawQuery = failureOf(db.$queryRaw`SELECT pg_sleep(2)`);
      await untilRunning("%pg_sleep%");
      await terminateBackends();
      const error = await rawQuery;
      expect(error).toMatchObject({ code: "P2010" });
      expect(isDatabaseConnectionError(error)).toBe(true);
    });
  });

  it("inside an interactive transaction", async () => {
    await withDb(database.url, async (db) => {
      const transaction = failureOf(
        db.$transaction(async (tx) => {
          await tx.user.count();
          await tx.$queryRaw`SELECT pg_sleep(2)`;
        }),
      );
      await untilRunning("%pg_sleep%");
      await terminateBackends();
      expect(isDatabaseConnectionError(await transaction)).toBe(true);
    });
  });

  it("a connection closed without a word, or reset, under a query", async () => {
    const proxy = await startProxy(database.url);
    try {
      await withDb(proxy.url, async (db) => {
        await db.user.count();
        const closed = failureOf(db.$queryRaw`SELECT pg_sleep(2) AS closed`);
        await untilRunning("%AS closed%");
        proxy.end();
        const closedError = await closed;
        expect(closedError).toMatchObject({ message: "Connection terminated unexpectedly" });
        expect(isDatabaseConnectionError(closedError)).toBe(true);

        const reset = failureOf(db.$queryRaw`SELECT pg_sleep(2) AS reset`);
        await untilRunning("%AS reset%");
        proxy.reset();
        expect(isDatabaseConnectionError(await reset)).toBe(true);
      });
    } finally {
      await proxy.close();
    }
  });

  it("a server that refuses connections", async () => {
    const proxy = await startProxy(database.url);
    await proxy.close();
    await withDb(proxy.url, async (db) => {
      const error = await failureOf(db.user.count());
      expect(error).toMatchObject({ code: "P1001" });
      expect(isDatabaseConnectionError(error)).toBe(true);
    });
  });

  it("but not a refusal by the data (unique violation, bad SQL)", async () => {
    await withDb(database.url, async (db) => {
      const email = `twice-${Date.now()}@example.test`;
      const user = { email, name: "Twice", role: "finance" as const, passwordHash: "x" };
      await db.user.create({ data: user });
      expect(isDatabaseConnectionError(await failureOf(db.user.create({ data: user })))).toBe(
        false,
      );
      expect(isDatabaseConnectionError(await failureOf(db.$queryRawUnsafe("SELEC 1")))).toBe(false);
    });
  });
});

describe("a connection the server ends while it is checked out between statements", () => {
  it("does not end the process: its next statement fails, and the pool goes on with a new one", async () => {
    const pool = createPool({ url: database.url, maxConnections: 2 });
    try {
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      // Checked out, no statement running: node-postgres emits `error` on it alone.
      await admin.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
      await pause(300);
      await expect(client.query("SELECT 1")).rejects.toThrow();
      client.release(true);
      const { rows: again } = await pool.query<{ one: number }>("SELECT 1 AS one");
      expect(again[0]!.one).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
