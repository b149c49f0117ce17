/**
 * The role the application connects as (packages/db/README.md "Roles"). Migrations run as the
 * owner of the tables; the API, the worker and the tests connect as `ledgerline_app`, which is
 * neither a superuser nor an owner, so it cannot switch off the triggers that keep issued
 * documents and the audit trail unchanged, set `session_replication_role`, or alter, drop or
 * truncate a table. Migration 20261203110000_application_role creates the role and its grants.
 */
import { createHash, pbkdf2Sync, randomBytes, createHmac } from "node:crypto";
import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

/** The application's role; the migrations grant to this name. */
export const APPLICATION_ROLE = "ledgerline_app";

/** The checkout's `.data` folder (git-ignored), where `pnpm start` keeps what it generates. */
const dataDirectory = fileURLToPath(new URL("../../../.data", import.meta.url));

/**
 * Where the generated password of the application role for the server of `url` is kept: one
 * file per server, so `pnpm start` and the tests of one checkout agree on it.
 */
export function defaultApplicationPasswordFile(url: string): string {
  const { hostname, port } = new URL(url);
  const server = `${hostname || "localhost"}_${port || "5432"}`.replace(/[^\w.-]/g, "_");
  return join(dataDirectory, "postgres-passwords", `${APPLICATION_ROLE}@${server}`);
}

export interface ApplicationUrlOptions {
  /** The migrated database, as its owner (or any role that may ALTER ROLE ledgerline_app). */
  ownerUrl: string;
  /**
   * Where a generated password is kept (mode 0600) when the server asks the role for one. Without
   * it, such a server is an error that asks for an application URL.
   */
  passwordFile?: string;
  log?: (line: string) => void;
}

/**
 * The URL on which the application reaches the database of `ownerUrl` as `ledgerline_app`: the
 * same server and database, the application's user. A server that lets the role in without a
 * password (trust, peer) gets no password; one that asks for a password gets one, generated
 * once, kept in `passwordFile` and set on the role, so every later call (and every concurrent
 * one) uses the same. Throws with what to do when the role cannot connect.
 */
export async function applicationDatabaseUrl(options: ApplicationUrlOptions): Promise<string> {
  const log = options.log ?? (() => {});
  const url = new URL(options.ownerUrl);
  url.username = APPLICATION_ROLE;
  url.password = "";

  const first = await tryToConnect(url.toString());
  if (first.outcome === "ok") return url.toString();
  if (first.outcome === "no such role") {
    throw new Error(
      `The role ${APPLICATION_ROLE} does not exist on this server: migrate the database first ` +
        "(migration 20261203110000_application_role creates it).",
    );
  }
  if (first.outcome === "other") {
    throw new Error(`${APPLICATION_ROLE} cannot connect: ${first.message}`);
  }
  if (!options.passwordFile) {
    throw new Error(
      `PostgreSQL asks ${APPLICATION_ROLE} for a password. Give the application its own URL ` +
        "(DATABASE_URL) with the role's password.",
    );
  }

  const password = await readOrCreatePassword(options.passwordFile);
  url.password = password;
  if ((await tryToConnect(url.toString())).outcome === "ok") return url.toString();
  log(`setting the password of ${APPLICATION_ROLE} (kept in ${options.passwordFile})`);
  await setPassword(options.ownerUrl, url.toString(), password);
  const second = await tryToConnect(url.toString());
  if (second.outcome !== "ok") {
    throw new Error(
      `${APPLICATION_ROLE} cannot connect with its new password: ${second.message ?? second.outcome}`,
    );
  }
  return url.toString();
}

/**
 * Sets the role's password. PostgreSQL refuses a second ALTER ROLE of the same role while the
 * first commits ("tuple concurrently updated", XX000) rather than waiting, and an advisory lock
 * would not help (it is per database, the role per server): concurrent starters and test files
 * all set the same password from the same file, so whoever loses retries once the winner's is
 * in place, which it then usually finds working.
 */
async function setPassword(ownerUrl: string, applicationUrl: string, password: string) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await withClient(ownerUrl, async (client) => {
        // The verifier, not the password, goes to the server: it never appears in its logs.
        await client.query(
          `ALTER ROLE ${APPLICATION_ROLE} WITH LOGIN PASSWORD ${client.escapeLiteral(scramVerifier(password))}`,
        );
      });
      return;
    } catch (error) {
      const concurrent = (error as { code?: string }).code === "XX000";
      if (!concurrent || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
      if ((await tryToConnect(applicationUrl)).outcome === "ok") return;
    }
  }
}

type ConnectOutcome =
  { outcome: "ok" } | { outcome: "no such role" | "password needed" | "other"; message: string };

async function tryToConnect(url: string): Promise<ConnectOutcome> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 5000,
    application_name: "ledgerline-role-check",
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { outcome: "ok" };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    const text = message ?? String(error);
    if (code === "28000" && /does not exist/.test(text))
      return { outcome: "no such role", message: text };
    // 28P01: wrong password; node-postgres says "client password must be a string" (SCRAM) or
    // fails before sending one when the server asks and none is given.
    if (code === "28P01" || (!code && /password/i.test(text)))
      return { outcome: "password needed", message: text };
    return { outcome: "other", message: text };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The password in `file`, or a new one written there (0600). Two processes creating it at once
 * both end up with the first one's: each writes its own file and links it into place, which
 * only one link can do.
 */
async function readOrCreatePassword(file: string): Promise<string> {
  const existing = await readFile(file, "utf8").catch(() => null);
  if (existing?.trim()) return existing.trim();
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const candidate = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(candidate, `${randomBytes(24).toString("base64url")}\n`, { mode: 0o600 });
  try {
    await link(candidate, file);
  } catch (error) {
    if ((error as { code?: string }).code !== "EEXIST") throw error;
  } finally {
    await rm(candidate, { force: true });
  }
  return (await readFile(file, "utf8")).trim();
}

/** PostgreSQL's stored form of a SCRAM-SHA-256 password (RFC 5802, RFC 7677). */
function scramVerifier(password: string): string {
  const salt = randomBytes(16);
  const iterations = 4096;
  const salted = pbkdf2Sync(password.normalize("NFKC"), salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: "ledgerline-roles" });
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

// ---------------------------------------------------------------- the startup check

export interface DatabaseRoleCheck {
  /** The role the URL connects as. */
  role: string;
  /** Why this role could undo the database's protections; empty when it cannot. */
  problems: string[];
}

/**
 * What the role of `url` could do that the application's role must not: be a superuser, own the
 * tables (or be a member of their owner), create roles (and so grant itself the owner's), or set
 * `session_replication_role` (which switches triggers off). The last is tried, in a transaction
 * that is rolled back.
 */
export async function checkDatabaseRole(url: string): Promise<DatabaseRoleCheck> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{
      role: string;
      superuser: boolean;
      createrole: boolean;
      owned_tables: string[];
    }>(
      `SELECT current_user AS role, r.rolsuper AS superuser, r.rolcreaterole AS createrole,
              array(SELECT c.relname::text FROM pg_class c
                    WHERE c.relnamespace = current_schema()::text::regnamespace AND c.relkind IN ('r', 'p')
                      AND pg_has_role(current_user, c.relowner, 'MEMBER')
                    ORDER BY c.relname LIMIT 3) AS owned_tables
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const row = rows[0]!;
    const problems: string[] = [];
    if (row.superuser) problems.push("is a superuser");
    if (row.owned_tables.length > 0) {
      problems.push(`owns tables (${row.owned_tables.join(", ")}, ...)`);
    }
    if (row.createrole) problems.push("may create roles (CREATEROLE)");
    if (!row.superuser && (await maySwitchOffTriggers(client))) {
      problems.push("may set session_replication_role");
    }
    return { role: row.role, problems };
  });
}

async function maySwitchOffTriggers(client: pg.Client): Promise<boolean> {
  await client.query("BEGIN");
  try {
    await client.query("SET LOCAL session_replication_role = replica");
    return true;
  } catch {
    return false;
  } finally {
    await client.query("ROLLBACK");
  }
}

export interface EnforceRoleOptions {
  /** DATABASE_URL of the API or the worker. */
  url: string;
  /** NODE_ENV is production: an unsafe role stops the process instead of a warning. */
  production: boolean;
  /** The process's logger (pino's will do). */
  log: { warn(message: string): void; fatal(message: string): void };
}

/**
 * The startup check of the API and the worker: refuses (returns false, after `log.fatal`) to run in
 * production as a role that could switch off the database's protections, and warns elsewhere.
 * A database that does not answer yet is not this check's business: it warns and lets the
 * process start, whose readiness then reports the database.
 */
export async function enforceApplicationRole(options: EnforceRoleOptions): Promise<boolean> {
  let check: DatabaseRoleCheck;
  try {
    check = await checkDatabaseRole(options.url);
  } catch (error) {
    options.log.warn(
      `Could not check the database role: ${error instanceof Error ? error.message : String(error)}`,
    );
    return true;
  }
  if (check.problems.length === 0) return true;
  const message =
    `DATABASE_URL connects as "${check.role}", which ${check.problems.join(", ")}: it could ` +
    "switch off the triggers that keep issued documents and the audit trail unchanged. Connect " +
    `the API and the worker as ${APPLICATION_ROLE} and migrate with DATABASE_OWNER_URL ` +
    '(packages/db/README.md, "Roles").';
  if (options.production) {
    options.log.fatal(`${message} Refusing to start in production.`);
    return false;
  }
  options.log.warn(message);
  return true;
}
