import type { IncomingMessage } from "node:http";
import { readSessionCookie } from "./cookies.ts";

/**
 * How a request authenticates:
 * - `apiToken`: a well-formed `Authorization: Bearer <token>`; the session cookie is then never
 *   used, whether or not the token is valid;
 * - `session`: the session cookie is sent (its token is null when the cookie is malformed);
 * - `none`.
 */
export type RequestCredential =
  { via: "apiToken"; token: string } | { via: "session"; token: string | null } | { via: "none" };

/** RFC 6750's b64token after the scheme, which is case-insensitive (RFC 9110). */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * The one answer to "does this request authenticate by cookie?", used by the Origin check
 * (guard.ts: tRPC and file uploads) and by `authenticate` (trpc/context.ts), so they cannot
 * disagree. Only a Bearer token replaces the cookie, and so the Origin check: any other
 * Authorization header (Basic, a malformed Bearer) is ignored, and a request that also sends the
 * cookie acts with the cookie and must come from an allowed Origin.
 */
export function credentialOf(req: IncomingMessage): RequestCredential {
  const header = req.headers.authorization;
  const bearer = header ? BEARER.exec(header) : null;
  if (bearer) return { via: "apiToken", token: bearer[1]! };
  const cookie = readSessionCookie(req);
  return cookie ? { via: "session", token: cookie.token } : { via: "none" };
}
