import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { canPingRedis, probePostgres, resolvePostgres, resolveRedis } from "./services.ts";

const adminUrl = inject("databaseAdminUrl");
const nobodyListens = "127.0.0.1:9";
const temporary = mkdtempSync(join(tmpdir(), "ledgerline-start-"));
// As root, embedded PostgreSQL runs as the `postgres` user, who must reach its data folder.
chmodSync(temporary, 0o755);
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

const freePort = () => 40_000 + Math.floor(Math.random() * 20_000);

describe("finding PostgreSQL for pnpm start", () => {
  it("creates the database DATABASE_URL names when the server answers but it is missing", async () => {
    const name = `ledgerline_start_${Date.now()}`;
    const given = new URL(adminUrl);
    given.pathname = `/${name}`;
    expect(await probePostgres(given.toString())).toBe("missing database");
    const found = await resolvePostgres({
      given: given.toString(),
      localServerUrl: adminUrl,
      databaseName: "unused",
      embeddedDir: temporary,
      embeddedPort: freePort(),
    });
    expect(await probePostgres(found.url)).toBe("ok");
    expect(found.source).toContain("database created");
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE "${name}"`);
    await client.end();
  });

  it("says so when DATABASE_URL points at nothing", async () => {
    await expect(
      resolvePostgres({
        given: `postgresql://postgres@${nobodyListens}/x`,
        localServerUrl: adminUrl,
        databaseName: "x",
        embeddedDir: temporary,
        embeddedPort: freePort(),
      }),
    ).rejects.toThrow(/DATABASE_URL is set but PostgreSQL does not answer there/);
  });

  it("starts an embedded PostgreSQL when no server answers, and stops it again", async () => {
    const embeddedPort = freePort();
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
    } finally {
      await found.stop();
    }
    expect(await probePostgres(found.url)).toBe("down");
  }, 120_000);
});

describe("finding Redis for pnpm start", () => {
  it("starts redis-server when none answers, and stops it again", async () => {
    const spawnPort = freePort();
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
          spawnPort: freePort(),
        }),
      ).rejects.toThrow(
        /redis-server is not installed[\s\S]*apt-get install redis-server[\s\S]*REDIS_URL/,
      );
    } finally {
      process.env.PATH = path;
    }
  });

  it("says so when REDIS_URL points at nothing", async () => {
    await expect(
      resolveRedis({
        given: `redis://${nobodyListens}`,
        localUrl: "redis://127.0.0.1:6379",
        spawnDir: temporary,
        spawnPort: freePort(),
      }),
    ).rejects.toThrow(/REDIS_URL is set but Redis does not answer there/);
  });
});
