import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

/** The worker's startup check (packages/db/README.md "Roles"), as the API's. */
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "worker_role",
    adminUrl: inject("databaseAdminUrl"),
  });
});
afterAll(() => database?.drop());

describe("the worker in production", () => {
  it("refuses to start as the owner of the tables, saying why", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
      cwd: root,
      env: {
        // Only what the app reads: nothing of this test process leaks in.
        NODE_ENV: "production",
        DATABASE_URL: database.ownerUrl,
        REDIS_URL: inject("redisUrl"),
        QUEUE_PREFIX: "test-worker-role",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/DATABASE_URL connects as \\"\w+\\", which is a superuser/);
    expect(output).toContain("Refusing to start in production.");
  });
});
