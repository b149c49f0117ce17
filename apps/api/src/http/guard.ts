import type { IncomingMessage } from "node:http";
import type { Env } from "../env.ts";
import { readSessionCookie } from "./cookies.ts";

export interface Refusal {
  status: number;
  message: string;
}

export const allowedOrigins = (env: Env): Set<string> =>
  new Set([
    new URL(env.PUBLIC_URL).origin,
    ...env.ALLOWED_ORIGINS.map((origin) => new URL(origin).origin),
  ]);

/**
 * Checks a tRPC request before it reaches a procedure:
 * - a mutation (POST) must carry a JSON body: an HTML form cannot send one without a CORS
 *   preflight, which we never grant;
 * - a mutation authenticated by the session cookie must come from an allowed Origin, so another
 *   site cannot act with a person's cookie (API tokens are not sent by browsers on their own);
 * - a batch may not carry more than MAX_BATCH_SIZE calls.
 */
export function checkTrpcRequest(
  req: IncomingMessage,
  env: Env,
  origins: Set<string>,
): Refusal | null {
  const url = new URL(req.url ?? "/", "http://localhost");
  const paths = url.pathname
    .replace(/^\/trpc\/?/, "")
    .split(",")
    .filter(Boolean);
  if (url.searchParams.has("batch") && paths.length > env.MAX_BATCH_SIZE) {
    return { status: 413, message: `A batch may carry at most ${env.MAX_BATCH_SIZE} calls.` };
  }
  if (req.method !== "POST") return null;

  const contentType = req.headers["content-type"] ?? "";
  if (!contentType.toLowerCase().startsWith("application/json")) {
    return { status: 415, message: "Mutations take a JSON body (Content-Type: application/json)." };
  }
  return checkCookieOrigin(req, origins);
}

/**
 * A request that changes data with the session cookie must come from an allowed Origin, so
 * another site cannot act with a person's cookie. Requests with an API token (which browsers
 * never send on their own) or without a cookie pass.
 */
export function checkCookieOrigin(req: IncomingMessage, origins: Set<string>): Refusal | null {
  const usesCookie = !req.headers.authorization && readSessionCookie(req) !== null;
  if (usesCookie) {
    const origin = req.headers.origin;
    if (!origin || !origins.has(origin)) {
      return {
        status: 403,
        message: "Cross-site request refused: this origin may not change data.",
      };
    }
  }
  return null;
}
