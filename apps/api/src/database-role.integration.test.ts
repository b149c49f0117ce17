import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEnv } from "./testing/env.ts";

/**
 * The API's startup check (packages/db/README.md "Roles"): in production it refuses to run as a
 * role that could switch off the database's protections, and runs as the application's role.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ prefix: "api_role", adminUrl: testEnv.adminDatabaseUrl });
});
afterAll(() => database?.drop());

/** Starts apps/api/src/main.ts; resolves with its exit code and output, or "listening". */
function runApi(databaseUrl: string): Promise<{ outcome: number | "listening"; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
    cwd: root,
    env: {
      // Only what the app reads: nothing of this test process leaks in.
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      REDIS_URL: testEnv.redisUrl,
      PORT: "0",
      QUEUE_PREFIX: "test-api-role",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`The API neither started nor stopped:\n${output}`));
    }, 25_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("api listening")) {
        clearTimeout(timer);
        child.once("exit", () => resolve({ outcome: "listening", output }));
        child.kill("SIGTERM");
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (!output.includes("api listening")) resolve({ outcome: code ?? -1, output });
    });
  });
}

describe("the API in production", () => {
  it("refuses to start as the owner of the tables, saying why", async () => {
    const { outcome, output } = await runApi(database.ownerUrl);
    expect(outcome).toBe(1);
    expect(output).toMatch(/DATABASE_URL connects as \\"\w+\\", which is a superuser/);
    expect(output).toContain("Refusing to start in production.");
    expect(output).not.toContain("api listening");
  });

  it("starts as the application's role", async () => {
    const { outcome, output } = await runApi(database.url);
    expect(outcome).toBe("listening");
    expect(output).not.toContain("DATABASE_URL connects as");
  });
});
