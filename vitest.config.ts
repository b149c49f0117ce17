import { defineConfig } from "vitest/config";

/**
 * Two tiers run by Vitest (the browser tier is Playwright, in e2e/):
 * - unit: `*.test.ts(x)`, pure and fast, no services;
 * - integration: `*.integration.test.ts`, against the real PostgreSQL and Redis. Each file makes
 *   its own database with `createTestDatabase()` (@ledgerline/db/testing), so files run in
 *   parallel without sharing data.
 */
const ignored = ["**/node_modules/**", "**/dist/**", "e2e/**"];

/** Where integration tests find the services; read here once and handed to tests by `inject`. */
const services = {
  databaseAdminUrl:
    process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "{apps,packages}/*/src/**/*.test.{ts,tsx}",
            "{apps,packages}/*/scripts/**/*.test.ts",
            "scripts/**/*.test.ts",
            "bench/src/**/*.test.ts",
          ],
          exclude: [...ignored, "**/*.integration.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: [
            "{apps,packages}/*/src/**/*.integration.test.ts",
            "scripts/**/*.integration.test.ts",
          ],
          exclude: ignored,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
          provide: services,
          maxWorkers: 2,
        },
      },
    ],
  },
});
