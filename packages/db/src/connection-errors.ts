/**
 * "The database connection is gone, or the server cannot be reached right now", recognised in
 * one place. The API retries reads and answers 503 for writes on these (apps/api), instead of
 * a 500; every other error means something else and is handled elsewhere.
 *
 * How such a failure reaches application code through Prisma 7 and @prisma/adapter-pg (checked
 * against a real server: pg_terminate_backend, connections closed and reset under a proxy, a
 * refused port):
 *
 * - The server ended the session (`pg_terminate_backend`, a shutdown): node-postgres receives
 *   an error with a SQLSTATE, the adapter wraps it in a DriverAdapterError of kind "postgres",
 *   and Prisma throws a PrismaClientKnownRequestError P2039 (model queries) or P2010 (raw
 *   queries) with `meta.driverAdapterError.cause.originalCode` = "57P01".
 * - The socket was reset (ECONNRESET) or could not be opened (ECONNREFUSED, ENOTFOUND,
 *   ETIMEDOUT): the adapter maps it to a kind ("ConnectionClosed", "DatabaseNotReachable",
 *   "SocketTimeout") and Prisma to P1017 / P1001 / P1008, or to P2010 / P2039 with that kind.
 * - The socket closed without an error message (the server process died, a proxy closed the
 *   connection), or a later statement ran on a connection that had already failed:
 *   node-postgres throws a plain Error, "Connection terminated unexpectedly" or "Client has
 *   encountered a connection error and is not queryable", which the adapter does not recognise
 *   and Prisma passes through unwrapped (inside `$transaction` too).
 */

/**
 * SQLSTATEs of a session the server ended or refused for now: class 08 (connection exception),
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 57P05
 * idle_session_timeout, 25P03 idle_in_transaction_session_timeout, 53300 too_many_connections.
 */
const connectionSqlStates = /^(08[0-9A-Z]{3}|57P0[1235]|25P03|53300)$/;

/** DriverAdapterError kinds of @prisma/adapter-pg that mean the same. */
const connectionKinds = new Set([
  "ConnectionClosed",
  "DatabaseNotReachable",
  "SocketTimeout",
  "TooManyConnections",
]);

/**
 * Prisma error codes that mean the same: P1001 cannot reach the server, P1002 it timed out,
 * P1008 operation timed out, P1017 the server closed the connection, P2024 no connection came
 * free from the pool in time.
 */
const connectionPrismaCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

/** node-postgres's own messages for a connection that is gone (no SQLSTATE attached). */
const connectionMessages = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout", plain
  /^Client has encountered a connection error and is not queryable/,
  /^timeout exceeded when trying to connect/,
];

/** Socket errors Node raises before any driver sees them. */
const socketErrorCodes = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

type Inspectable = {
  code?: unknown;
  errorCode?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: unknown };
  cause?: unknown;
};

function looksLikeConnectionError(candidate: Inspectable): boolean {
  const codes = [candidate.code, candidate.errorCode, candidate.originalCode];
  for (const code of codes) {
    if (typeof code !== "string") continue;
    if (connectionSqlStates.test(code) || connectionPrismaCodes.has(code)) return true;
    if (socketErrorCodes.has(code)) return true;
  }
  if (typeof candidate.kind === "string" && connectionKinds.has(candidate.kind)) return true;
  const message = candidate.message;
  return typeof message === "string" && connectionMessages.some((pattern) => pattern.test(message));
}

/**
 * Whether `error` says the database connection was lost or the server cannot be reached now.
 * Looks through the wrappers on the way up (Prisma's `meta.driverAdapterError`, the adapter's
 * `cause`, a TRPCError's or AppError's `cause`), at most a few levels deep.
 */
export function isDatabaseConnectionError(error: unknown): boolean {
  const pending: unknown[] = [error];
  for (let inspected = 0; pending.length > 0 && inspected < 8; inspected++) {
    const candidate = pending.shift();
    if (typeof candidate !== "object" || candidate === null) continue;
    const fields = candidate as Inspectable;
    if (looksLikeConnectionError(fields)) return true;
    if (fields.meta?.driverAdapterError !== undefined) pending.push(fields.meta.driverAdapterError);
    if (fields.cause !== undefined) pending.push(fields.cause);
  }
  return false;
}
