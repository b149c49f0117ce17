import pg from "pg";

/**
 * The server every bench fills its database on (TEST_DATABASE_ADMIN_URL, default the local
 * PostgreSQL as its superuser), and the URL of a database there: made anew for a fill, or as it
 * is for a run that reuses what an earlier one filled (BENCH_REUSE=1).
 */
export const adminUrl =
  process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function benchDatabaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function recreateDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  return benchDatabaseUrl(name);
}
