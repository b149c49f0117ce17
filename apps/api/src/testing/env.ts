/** Test-only configuration, read from the environment CI and developers set (see README). */
export const testEnv = {
  adminDatabaseUrl: process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
};
