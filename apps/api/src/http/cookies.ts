import type { IncomingMessage } from "node:http";
import type { Env } from "../env.ts";

export const SESSION_COOKIE = "ll_session";

const isSecure = (env: Env) => env.COOKIE_SECURE ?? env.PUBLIC_URL.startsWith("https:");

/** Session tokens are base64url (43 characters); anything printable and short enough is looked up. */
const PLAUSIBLE_TOKEN = /^[\x21-\x7e]{1,256}$/;

/**
 * The session cookie as the request sends it: null when there is none, otherwise its token, which
 * is null when the value is malformed (a broken percent-encoding, a control character, a length no
 * token has). A malformed cookie names no session, like an unknown one; it never fails a request.
 */
export function readSessionCookie(req: IncomingMessage): { token: string | null } | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== SESSION_COOKIE) continue;
    let token: string;
    try {
      token = decodeURIComponent(rest.join("="));
    } catch {
      return { token: null };
    }
    return { token: PLAUSIBLE_TOKEN.test(token) ? token : null };
  }
  return null;
}

/**
 * httpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site POSTs; links from
 * mails still open the app signed in), Secure on HTTPS. Mutations are also Origin-checked.
 */
export function serializeSessionCookie(env: Env, token: string, expiresAt: Date): string {
  const attributes = [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (isSecure(env)) attributes.push("Secure");
  return attributes.join("; ");
}

export function serializeClearedSessionCookie(env: Env): string {
  return serializeSessionCookie(env, "", new Date(0));
}
