import { inject } from "vitest";

/** Test-only configuration, provided by the root vitest.config.ts (TEST_DATABASE_ADMIN_URL, REDIS_URL). */
export const testEnv = {
  adminDatabaseUrl: inject("databaseAdminUrl"),
  redisUrl: inject("redisUrl"),
};
