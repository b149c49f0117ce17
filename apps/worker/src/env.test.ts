import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { WORKER_HEARTBEAT_KEY, workerHeartbeatKey } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { DEFAULT_QUEUE_PREFIX, InvalidEnvError, loadEnv } from "./env.ts";

const DATABASE_URL = "postgresql://worker:s3cret-password@127.0.0.1:5432/ledgerline";

function invalidVariables(source: Record<string, string | undefined>): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvError);
    return (error as InvalidEnvError).issues.map((issue) => issue.variable);
  }
  throw new Error("expected loadEnv to throw");
}

describe("loadEnv", () => {
  it("fills in the defaults", () => {
    expect(loadEnv({ DATABASE_URL })).toEqual({
      NODE_ENV: "development",
      DATABASE_URL,
      REDIS_URL: "redis://127.0.0.1:6379",
      LOG_LEVEL: "info",
      WORKER_CONCURRENCY: 5,
      QUEUE_PREFIX: "ledgerline",
      SHUTDOWN_TIMEOUT_MS: 30_000,
      STORAGE_DIR: resolve(".data/storage"),
      CHROMIUM_PATH: "/usr/bin/chromium",
      PDF_PAGES: Math.max(2, availableParallelism()),
      PDF_RECYCLE_AFTER: 2_000,
      PDF_RENDER_TIMEOUT_MS: 30_000,
    });
  });

  it("reads every variable and coerces numbers", () => {
    const env = loadEnv({
      NODE_ENV: "production",
      DATABASE_URL,
      REDIS_URL: "rediss://default:pw@redis.internal:6380/2",
      LOG_LEVEL: "warn",
      WORKER_CONCURRENCY: "12",
      QUEUE_PREFIX: "ledgerline-test_1",
      SHUTDOWN_TIMEOUT_MS: "5000",
    });
    expect(env.WORKER_CONCURRENCY).toBe(12);
    expect(env.SHUTDOWN_TIMEOUT_MS).toBe(5000);
    expect(env.REDIS_URL).toBe("rediss://default:pw@redis.internal:6380/2");
    expect(env.QUEUE_PREFIX).toBe("ledgerline-test_1");
  });

  it("treats empty strings as unset", () => {
    const env = loadEnv({ DATABASE_URL, LOG_LEVEL: "", REDIS_URL: "  ", WORKER_CONCURRENCY: "" });
    expect(env.LOG_LEVEL).toBe("info");
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(env.WORKER_CONCURRENCY).toBe(5);
  });

  it("ignores variables it does not own", () => {
    expect(loadEnv({ DATABASE_URL, PATH: "/usr/bin", HOME: "/root" })).not.toHaveProperty("PATH");
  });

  it("requires DATABASE_URL", () => {
    expect(invalidVariables({})).toEqual(["DATABASE_URL"]);
    expect(() => loadEnv({})).toThrow(/DATABASE_URL: is required/);
  });

  it.each([
    ["DATABASE_URL", "mysql://root@localhost/db"],
    ["REDIS_URL", "localhost:6379"],
    ["LOG_LEVEL", "verbose"],
    ["NODE_ENV", "staging"],
    ["WORKER_CONCURRENCY", "0"],
    ["WORKER_CONCURRENCY", "1.5"],
    ["WORKER_CONCURRENCY", "many"],
    ["WORKER_CONCURRENCY", "101"],
    ["QUEUE_PREFIX", "ledger:line"],
    ["QUEUE_PREFIX", "ledger line"],
    ["SHUTDOWN_TIMEOUT_MS", "10"],
  ])("rejects %s=%s", (variable, value) => {
    expect(invalidVariables({ DATABASE_URL, [variable]: value })).toEqual([variable]);
  });

  it("names every invalid variable at once", () => {
    expect(invalidVariables({ LOG_LEVEL: "loud", WORKER_CONCURRENCY: "-1" }).sort()).toEqual([
      "DATABASE_URL",
      "LOG_LEVEL",
      "WORKER_CONCURRENCY",
    ]);
  });

  it("never echoes a value into the error (URLs carry passwords)", () => {
    let message = "";
    try {
      loadEnv({
        DATABASE_URL: "mysql://worker:s3cret-password@db.internal/ledgerline",
        REDIS_URL: "tcp://:hunter2@redis",
      });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/DATABASE_URL: must be a postgres/);
    expect(message).toMatch(/REDIS_URL: must be a redis/);
    expect(message).not.toContain("s3cret-password");
    expect(message).not.toContain("hunter2");
  });
});

describe("QUEUE_PREFIX", () => {
  it("defaults to the prefix whose heartbeat key is the domain's WORKER_HEARTBEAT_KEY", () => {
    expect(loadEnv({ DATABASE_URL }).QUEUE_PREFIX).toBe(DEFAULT_QUEUE_PREFIX);
    expect(workerHeartbeatKey(DEFAULT_QUEUE_PREFIX)).toBe(WORKER_HEARTBEAT_KEY);
  });
});
