import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "./process-testing.ts";
import {
  canPingRedis,
  probePostgres,
  probeRedis,
  resolvePostgres,
  resolveRedis,
} from "./services.ts";

const adminUrl = inject("databaseAdminUrl");
const nobodyListens = "127.0.0.1:9";
const temporary = mkdtempSync(join(tmpdir(), "ledgerline-start-"));
// As root, embedded PostgreSQL runs as the `postgres` user, who must reach its data folder.
chmodSync(temporary, 0o755);
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

/** A server that accepts connections and never says a word: what a firewall's black hole does. */
async function startSilentServer() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const givenPostgres = async (url: string) =>
  resolvePostgres({
    given: url,
    localServerUrl: adminUrl,
    databaseName: "unused",
    embeddedDir: temporary,
    embeddedPort: await freePort(),
  });

const givenRedis = async (url: string) =>
  resolveRedis({
    given: url,
    localUrl: "redis://127.0.0.1:6379",
    spawnDir: temporary,
    spawnPort: await freePort(),
  });

/** What a rejected promise's error says (the test fails if it was not rejected). */
async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected a refusal");
}

describe("finding PostgreSQL for pnpm start", () => {
  it("creates the database DATABASE_URL names when the server answers but it is missing", async () => {
    const name = `ledgerline_start_${Date.now()}`;
    const given = new URL(adminUrl);
    given.pathname = `/${name}`;
    expect(await probePostgres(given.toString())).toEqual({
      status: "missing database",
      database: name,
    });
    const found = await resolvePostgres({
      given: given.toString(),
      localServerUrl: adminUrl,
      databaseName: "unused",
      embeddedDir: temporary,
      embeddedPort: await freePort(),
    });
    expect(await probePostgres(found.url)).toEqual({ status: "ok" });
    expect(found.source).toContain("database created");
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE "${name}"`);
    await client.end();
  });

  it("says so when DATABASE_URL points at nothing (connection refused)", async () => {
    const message = await messageOf(
      givenPostgres(`postgresql://postgres:s3cret@${nobodyListens}/x`),
    );
    expect(message).toMatch(
      /^DATABASE_URL cannot be used: nothing accepts connections at 127\.0\.0\.1:9 \(connection refused\)/,
    );
    expect(message).toContain("DATABASE_URL=postgresql://postgres:***@127.0.0.1:9/x");
    expect(message).not.toContain("s3cret");
  });

  it("says so when DATABASE_URL is not a PostgreSQL URL", async () => {
    for (const url of [
      "ledgerline",
      "http://127.0.0.1:5432/x",
      "postgresql://app:s3cret@db:port/x",
    ]) {
      const message = await messageOf(givenPostgres(url));
      expect(message, url).toMatch(
        /^DATABASE_URL cannot be used: it is not a (valid )?PostgreSQL URL/,
      );
      expect(message).not.toContain("s3cret");
    }
  });

  it("says so when the server does not answer in time", async () => {
    const silent = await startSilentServer();
    try {
      const message = await messageOf(
        givenPostgres(`postgresql://postgres@127.0.0.1:${silent.port}/x`),
      );
      expect(message).toMatch(/did not answer in time \(timeout\)/);
    } finally {
      await silent.close();
    }
  });

  it("says so when the role does not exist", async () => {
    const url = new URL(adminUrl);
    url.username = "ll_no_such_role";
    const message = await messageOf(givenPostgres(url.toString()));
    expect(message).toMatch(/has no role "ll_no_such_role" \(role does not exist\)/);
  });

  describe("with a role of limited rights", () => {
    const role = `ll_start_probe_${randomBytes(4).toString("hex")}`;
    const lockedDatabase = `${role}_locked`;
    let admin: pg.Client;
    const asRole = (database: string) => {
      const url = new URL(adminUrl);
      url.username = role;
      url.pathname = `/${database}`;
      return url.toString();
    };

    beforeAll(async () => {
      admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE ROLE "${role}" LOGIN NOCREATEDB`);
      await admin.query(`CREATE DATABASE "${lockedDatabase}"`);
      await admin.query(`REVOKE CONNECT ON DATABASE "${lockedDatabase}" FROM PUBLIC`);
    });
    afterAll(async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${lockedDatabase}" WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS "${role}"`);
      await admin.end();
    });

    it("says so when the database is missing and the role may not create it", async () => {
      const message = await messageOf(givenPostgres(asRole(`${role}_missing`)));
      expect(message).toMatch(
        new RegExp(
          `Database "${role}_missing" does not exist .*role "${role}" may not create it \\(permission denied\\)`,
        ),
      );
    });

    it("says so when the role may not connect to the database", async () => {
      const message = await messageOf(givenPostgres(asRole(lockedDatabase)));
      expect(message).toMatch(
        new RegExp(
          `role "${role}" may not connect to database "${lockedDatabase}" .*permission denied`,
        ),
      );
    });
  });

  it("starts an embedded PostgreSQL when no server answers, and stops it again", async () => {
    const embeddedPort = await freePort();
    const signalListeners = () =>
      ["SIGINT", "SIGTERM", "SIGHUP"].map((signal) => process.listenerCount(signal));
    const listenersBefore = signalListeners();
    const found = await resolvePostgres({
      given: undefined,
      localServerUrl: `postgresql://postgres@${nobodyListens}/postgres`,
      databaseName: "ledgerline",
      embeddedDir: join(temporary, "postgres"),
      embeddedPort,
    });
    try {
      expect(found.source).toContain("embedded PostgreSQL");
      expect(found.url).toContain(`:${embeddedPort}/ledgerline`);
      const client = new pg.Client({ connectionString: found.url });
      await client.connect();
      const { rows } = await client.query<{ version: string }>("SELECT version()");
      await client.end();
      expect(rows[0]!.version).toMatch(/^PostgreSQL \d+/);
      // pnpm start stops the embedded server itself, after the API and the worker: the
      // library's own signal handlers (which would stop it first and exit) are gone.
      expect(signalListeners()).toEqual(listenersBefore);

      // It checks passwords, so a wrong one is told apart from a server that is not there.
      const wrongPassword = `postgresql://postgres:wrong@127.0.0.1:${embeddedPort}/postgres`;
      expect(await probePostgres(wrongPassword)).toMatchObject({
        status: "unusable",
        problem: "authentication failed",
      });
      const message = await messageOf(givenPostgres(wrongPassword));
      expect(message).toMatch(
        /refused the password of role "postgres" \(authentication failed, SQLSTATE 28P01\)/,
      );
      expect(message).not.toContain("wrong");
    } finally {
      await found.stop();
    }
    expect(await probePostgres(found.url)).toMatchObject({
      status: "unusable",
      problem: "connection refused",
    });
  }, 120_000);
});

describe("finding Redis for pnpm start", () => {
  it("starts redis-server when none answers, and stops it again", async () => {
    const spawnPort = await freePort();
    const found = await resolveRedis({
      given: undefined,
      localUrl: `redis://${nobodyListens}`,
      spawnDir: join(temporary, "redis"),
      spawnPort,
    });
    expect(found.url).toBe(`redis://127.0.0.1:${spawnPort}`);
    expect(await canPingRedis(found.url)).toBe(true);
    await found.stop();
    expect(await canPingRedis(found.url)).toBe(false);
  });

  it("names what to install when no Redis answers and redis-server is missing", async () => {
    const path = process.env.PATH;
    process.env.PATH = join(temporary, "empty-bin");
    try {
      await expect(
        resolveRedis({
          given: undefined,
          localUrl: `redis://${nobodyListens}`,
          spawnDir: temporary,
          spawnPort: await freePort(),
        }),
      ).rejects.toThrow(
        /redis-server is not installed[\s\S]*apt-get install redis-server[\s\S]*REDIS_URL/,
      );
    } finally {
      process.env.PATH = path;
    }
  });

  it("says so when REDIS_URL points at nothing (connection refused)", async () => {
    const message = await messageOf(givenRedis(`redis://:s3cret@${nobodyListens}`));
    expect(message).toMatch(
      /^REDIS_URL cannot be used: nothing accepts connections at 127\.0\.0\.1:9 \(connection refused\)/,
    );
    expect(message).toContain("REDIS_URL=redis://:***@127.0.0.1:9");
  });

  it("says so when REDIS_URL is not a Redis URL", async () => {
    for (const url of ["127.0.0.1:6379", "http://127.0.0.1:6379", "redis://127.0.0.1:port"])
      expect(await messageOf(givenRedis(url)), url).toMatch(
        /^REDIS_URL cannot be used: it is not a Redis URL/,
      );
  });

  it("says so when Redis does not answer in time", async () => {
    const silent = await startSilentServer();
    try {
      expect(await messageOf(givenRedis(`redis://127.0.0.1:${silent.port}`))).toMatch(
        /did not answer in time \(timeout\)/,
      );
    } finally {
      await silent.close();
    }
  });

  it("tells a missing password (NOAUTH) from a wrong one (WRONGPASS)", async () => {
    const port = await freePort();
    const server = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--requirepass",
        "right",
      ],
      { stdio: "ignore" },
    );
    try {
      const url = `redis://127.0.0.1:${port}`;
      // Once it listens, a PING without the password is refused for that reason.
      await expect
        .poll(() => probeRedis(url), { timeout: 5_000 })
        .toMatchObject({ problem: "authentication required" });
      expect(await messageOf(givenRedis(url))).toMatch(/requires a password \(NOAUTH\)/);
      const wrong = await messageOf(givenRedis(`redis://:nope@127.0.0.1:${port}`));
      expect(wrong).toMatch(/refused the user name or password \(WRONGPASS\)/);
      expect(wrong).not.toContain("nope");
      expect(await probeRedis(`redis://:right@127.0.0.1:${port}`)).toEqual({ status: "ok" });
    } finally {
      server.kill("SIGKILL");
    }
  });

  it("uses a redis-server an earlier start left running on its port instead of starting another", async () => {
    const spawnPort = await freePort();
    const first = await resolveRedis({
      given: undefined,
      localUrl: `redis://${nobodyListens}`,
      spawnDir: join(temporary, "redis-again"),
      spawnPort,
    });
    try {
      const second = await resolveRedis({
        given: undefined,
        localUrl: `redis://${nobodyListens}`,
        spawnDir: join(temporary, "redis-again"),
        spawnPort,
      });
      expect(second.source).toContain("left running by an earlier start");
      await second.stop();
      expect(await canPingRedis(first.url)).toBe(true);
    } finally {
      await first.stop();
    }
  });
});
