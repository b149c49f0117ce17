import { defineConfig } from "vitest/config";

/**
 * Two tiers run by Vitest (the browser tier is Playwright, in e2e/):
 * - unit: `*.test.ts(x)`, pure and fast, no services;
 * - integration: `*.integration.test.ts`, against the real PostgreSQL and Redis. Each file makes
 *   its own database with `createTestDatabase()` (@ledgerline/db/testing), so files run in
 *   parallel without sharing data.
 */
const ignored = ["**/node_modules/**", "**/dist/**", "e2e/**"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{apps,packages}/*/src/**/*.test.{ts,tsx}", "{apps,packages}/*/scripts/**/*.test.ts"],
          exclude: [...ignored, "**/*.integration.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["{apps,packages}/*/src/**/*.integration.test.ts"],
          exclude: ignored,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
          maxWorkers: 2,
        },
      },
    ],
  },
});
