import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;

/** A transaction client: what use cases receive inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Omit<
  PrismaClient,
  "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends"
>;

export interface CreateDbOptions {
  url: string;
  /** Pool size of node-postgres; the API wants more than the worker. */
  maxConnections?: number;
  /** How many distinct statements are kept prepared on each connection (see below). */
  preparedStatements?: number;
  /**
   * Receives the server's notices on every connection: with `client_min_messages=log` and
   * auto_explain, the plans of the statements the use cases run (bench/src/explain-lists.ts).
   */
  onNotice?: (message: string) => void;
}

/**
 * Names for prepared statements, so each connection parses a statement once instead of on every
 * call. node-postgres never forgets a named statement, and some statements vary without end
 * (`IN` lists, `createMany` of n rows), so only the first `limit` distinct texts get a name; the
 * rest run unnamed as before. The name is a digest of the text: equal texts, equal names.
 */
export function statementNamer(limit: number): (query: { sql: string }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined || names.size >= limit) return known;
    const name = `ll_${createHash("sha1").update(sql).digest("base64url")}`;
    names.set(sql, name);
    return name;
  };
}

/**
 * The node-postgres pool under a database client. Every connection gets an `error` listener
 * for its whole life: a server that ends a session (a restart, a failover,
 * `pg_terminate_backend`) makes node-postgres emit `error` on the connection, and a connection
 * that is checked out but between statements (the pool's own listener is off then, and the
 * adapter's is on only inside a transaction) would otherwise throw it as an uncaught exception
 * and end the process. The error still reaches the statement in flight, if any; the connection
 * is then unusable, its next statement fails, and the pool drops it when it is released.
 */
export function createPool({
  url,
  maxConnections,
  onNotice,
}: {
  url: string;
  maxConnections: number;
  onNotice?: (message: string) => void;
}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  pool.on("connect", (client) => {
    client.on("error", () => undefined);
    if (onNotice) client.on("notice", (notice) => onNotice(notice.message ?? ""));
  });
  return pool;
}

/** The one way an app gets a database client: Prisma over node-postgres (no native engine). */
export function createDb({
  url,
  maxConnections = 10,
  preparedStatements = 200,
  onNotice,
}: CreateDbOptions): Db {
  const pool = createPool({ url, maxConnections, onNotice });
  const adapter = new PrismaPg(pool, {
    // Our own pool ends with the client, as the adapter's would.
    disposeExternalPool: true,
    // The adapter's type wants a name for every statement; it passes `undefined` on to
    // node-postgres, which then runs the statement unnamed, as without a generator.
    statementNameGenerator: statementNamer(preparedStatements) as (query: {
      sql: string;
    }) => string,
  });
  return new PrismaClient({ adapter });
}
