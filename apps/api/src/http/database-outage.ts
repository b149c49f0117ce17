import type { IncomingMessage, ServerResponse } from "node:http";
import { isDatabaseConnectionError } from "@ledgerline/db";
import { TRPCError } from "@trpc/server";
import type { Logger } from "pino";

/**
 * What the API does when a database connection is lost under a request (a restart or failover
 * of PostgreSQL, `pg_terminate_backend`, a network cut), instead of answering 500:
 *
 * - A read (a tRPC query, the session or token lookup that builds the context, /ready) runs
 *   once more, after a short pause. node-postgres drops a connection from its pool when it
 *   fails, or when the server's goodbye arrives while it is idle, so the second attempt gets a
 *   live connection. Reads change nothing (the session lookup's sliding expiry sets a time, the
 *   same on a second run), so running them twice is safe.
 * - A write (a tRPC mutation) is never run again: the API cannot tell whether the connection
 *   was lost after PostgreSQL committed (the reply to COMMIT never arrived) or whether an
 *   earlier statement of the same procedure already took effect, and a second run could record
 *   a payment or an audit event twice. Every write runs in one transaction, so nothing is
 *   half-written either way; the caller gets 503 with Retry-After and decides, after looking.
 * - A read that fails twice, and every write, answer 503 Service Unavailable with a
 *   `Retry-After` header and a message that says which of the two happened.
 */

/** Seconds a caller should wait before trying again: a pool reconnects within milliseconds. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * The pause before a read runs again. When several connections are cut at once, the reply that
 * failed the first attempt is read before the others' (already sent) goodbyes; without a pause
 * the second attempt is handed one of those dead connections before the pool has seen it fail.
 */
const PAUSE_BEFORE_RETRY_MS = 50;
const pauseBeforeRetry = () => new Promise((resolve) => setTimeout(resolve, PAUSE_BEFORE_RETRY_MS));

export const READ_UNAVAILABLE_MESSAGE =
  "The database cannot be reached right now. Please try again in a moment.";
export const WRITE_UNAVAILABLE_MESSAGE =
  "The connection to the database was lost while saving. Nothing was saved halfway, but the " +
  "change may or may not have been applied: reload to check, then try again.";

/** The 503 a request gets when the database is out of reach (tRPC maps the code to 503). */
export function databaseUnavailable(cause: unknown, during: "read" | "write"): TRPCError {
  return new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: during === "read" ? READ_UNAVAILABLE_MESSAGE : WRITE_UNAVAILABLE_MESSAGE,
    cause,
  });
}

/**
 * Runs a read; if it lost its database connection, runs it once more (on a live connection),
 * and if that fails the same way throws the 503 of {@link databaseUnavailable}.
 */
export async function retryReadOnce<T>(read: () => Promise<T>, log?: Logger): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isDatabaseConnectionError(error)) throw error;
    log?.warn({ err: error }, "database connection lost under a read; running it once more");
  }
  await pauseBeforeRetry();
  try {
    return await read();
  } catch (error) {
    throw isDatabaseConnectionError(error) ? databaseUnavailable(error, "read") : error;
  }
}

/** The outcome of the rest of a tRPC middleware chain, as far as this module needs it. */
type ChainOutcome = { ok: true } | { ok: false; error: unknown };

/**
 * The tRPC middleware's logic: a query whose database connection was lost runs once more; a
 * mutation does not, and answers 503 at once.
 */
export async function surviveLostConnections<Outcome extends ChainOutcome>(options: {
  type: "query" | "mutation" | "subscription";
  path: string;
  log: Logger;
  next: () => Promise<Outcome>;
}): Promise<Outcome> {
  const { type, path, log, next } = options;
  const first = await next();
  if (first.ok || !isDatabaseConnectionError(first.error)) return first;
  if (type !== "query") {
    log.warn({ err: first.error, path }, "database connection lost under a mutation: 503");
    throw databaseUnavailable(first.error, "write");
  }
  log.warn({ err: first.error, path }, "database connection lost under a query; running it again");
  await pauseBeforeRetry();
  const second = await next();
  if (second.ok || !isDatabaseConnectionError(second.error)) return second;
  throw databaseUnavailable(second.error, "read");
}

/** tRPC `responseMeta`: a response with a 503 for the database says when to try again. */
export function retryAfterWhenUnavailable({ errors }: { errors: readonly { code: string }[] }): {
  headers?: Headers;
} {
  return errors.some((error) => error.code === "SERVICE_UNAVAILABLE")
    ? { headers: new Headers({ "retry-after": String(RETRY_AFTER_SECONDS) }) }
    : {};
}

/**
 * For requests outside tRPC (file uploads and downloads): answers 503 with Retry-After when
 * `error` is a lost database connection; returns false (and sends nothing) otherwise.
 */
export function sendIfDatabaseUnavailable(
  error: unknown,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  if (!isDatabaseConnectionError(error)) return false;
  const read = req.method === "GET" || req.method === "HEAD";
  if (!res.headersSent) {
    res.writeHead(503, {
      "content-type": "application/json",
      "retry-after": String(RETRY_AFTER_SECONDS),
    });
  }
  const message = read ? READ_UNAVAILABLE_MESSAGE : WRITE_UNAVAILABLE_MESSAGE;
  res.end(JSON.stringify({ error: { message } }));
  return true;
}
