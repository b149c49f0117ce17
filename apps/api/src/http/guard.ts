import type { IncomingMessage } from "node:http";
import type { Env } from "../env.ts";
import { credentialOf } from "./credentials.ts";
import type { Refusal } from "./refusal.ts";
import type { RequestTarget } from "./request-target.ts";

export const allowedOrigins = (env: Env): Set<string> =>
  new Set([
    new URL(env.PUBLIC_URL).origin,
    ...env.ALLOWED_ORIGINS.map((origin) => new URL(origin).origin),
  ]);

/**
 * Checks a tRPC request before it reaches a procedure:
 * - a request may not carry more than MAX_BATCH_SIZE calls, counted in the decoded path as tRPC
 *   reads it (`a%2Cb` is two calls), batched or not;
 * - a mutation (POST) must carry a JSON body: an HTML form cannot send one without a CORS
 *   preflight, which we never grant;
 * - a mutation authenticated by the session cookie must come from an allowed Origin, so another
 *   site cannot act with a person's cookie (API tokens are not sent by browsers on their own).
 */
export function checkTrpcRequest(
  req: IncomingMessage,
  target: RequestTarget,
  env: Env,
  origins: Set<string>,
): Refusal | null {
  const calls = target.path.replace(/^\/trpc\//, "").split(",").length;
  if (calls > env.MAX_BATCH_SIZE) {
    return {
      status: 413,
      message: `A request may carry at most ${env.MAX_BATCH_SIZE} calls; this one names ${calls}.`,
    };
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
 * another site cannot act with a person's cookie. Whether it uses the cookie is `credentialOf`'s
 * answer, the same `authenticate` acts on: only a Bearer token replaces the cookie (browsers never
 * send one on their own), any other Authorization header does not.
 */
export function checkCookieOrigin(req: IncomingMessage, origins: Set<string>): Refusal | null {
  if (credentialOf(req).via === "session") {
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
