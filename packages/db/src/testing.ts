/**
 * Throwaway databases for integration tests: each test file gets its own, migrated, and drops it
 * afterwards, so files run in parallel without sharing data and never touch a real database.
 * Tests connect as the application does (the role `ledgerline_app`), so what the database
 * refuses the application is refused in every test too; the owner's URL is there for the few
 * that need it (migrator, drift, tampering on purpose).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applicationDatabaseUrl, defaultApplicationPasswordFile } from "./application-role.ts";
import { migrate, type MigrateOptions } from "./migrate.ts";

/** The local server of the development machines (trust authentication). */
export const defaultTestAdminUrl = "postgresql://postgres@127.0.0.1:5432/postgres";

const defaultPrefix = "ledgerline_test";

/** Databases that exist on the machines for other purposes; a test must never drop them. */
const protectedDatabaseNames = new Set(["postgres", "template0", "template1", "test", "root"]);

export interface CreateTestDatabaseOptions {
  /** Start of the database name: lowercase letters, digits and underscores. */
  prefix?: string;
  /**
   * URL of a database on the server to create the test database on, as a user allowed to create
   * databases (callers pass TEST_DATABASE_ADMIN_URL from their environment). Defaults to
   * {@link defaultTestAdminUrl}.
   */
  adminUrl?: string;
  /**
   * Which migrator prepares the database. Defaults to `"never"` (the built-in one): it gives the
   * same tables and rows as Prisma's and takes milliseconds instead of a CLI start per file.
   */
  usePrismaEngine?: MigrateOptions["usePrismaEngine"];
  /** Leave the database empty instead of applying the migrations (for migrator tests). */
  skipMigrations?: boolean;
}

export interface TestDatabase {
  /**
   * Connection URL of the new database as the application connects: the role `ledgerline_app`,
   * which owns nothing. With `skipMigrations` there is no role to connect as yet, and this is
   * the owner's URL.
   */
  url: string;
  /** The same database as its owner (the admin URL's user), who migrated it. */
  ownerUrl: string;
  /** Its name, `<prefix>_<random>`. */
  name: string;
  /** Ends every connection to it and drops it. Safe to call more than once. */
  drop(): Promise<void>;
}

/**
 * Creates a uniquely named database, applies the migrations to it as the admin URL's user (its
 * owner) and returns the URLs of the application's role and of the owner.
 *
 * @example
 * const database = await createTestDatabase({ adminUrl: inject("databaseAdminUrl") });
 * afterAll(() => database.drop());
 */
export async function createTestDatabase(
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const prefix = options.prefix ?? defaultPrefix;
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(prefix)) {
    throw new Error(
      `Test database prefix "${prefix}" must be 1 to 41 lowercase letters, digits or underscores, starting with a letter`,
    );
  }
  const adminUrl = options.adminUrl ?? defaultTestAdminUrl;
  const name = `${prefix}_${randomBytes(8).toString("hex")}`;
  if (protectedDatabaseNames.has(name)) throw new Error(`Refusing to use database name ${name}`);

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  // The name is generated above from a checked prefix and hex digits, so quoting it is enough.
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));

  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    await withAdminClient(adminUrl, async (client) => {
      await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      );
      // FORCE (PostgreSQL 13+) also ends connections opened between the two statements.
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
    dropped = true;
  };

  const ownerUrl = url.toString();
  if (options.skipMigrations) return { url: ownerUrl, ownerUrl, name, drop };
  try {
    await migrate({ url: ownerUrl, usePrismaEngine: options.usePrismaEngine ?? "never" });
    const applicationUrl = await applicationDatabaseUrl({
      ownerUrl,
      passwordFile: defaultApplicationPasswordFile(ownerUrl),
    });
    return { url: applicationUrl, ownerUrl, name, drop };
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
}

async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl, application_name: "ledgerline-test" });
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A seeded random source for generated test data (mulberry32: small, fast, and the same
 * sequence for the same seed everywhere), so a failing generated case repeats.
 */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** A whole number from `from` to `to`, both included. */
  const int = (from: number, to: number) => from + Math.floor(next() * (to - from + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) {
      chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    }
    return chosen;
  };
  const chance = (probability: number) => next() < probability;
  return { next, int, pick, sample, chance };
}
