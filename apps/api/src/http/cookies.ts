import type { IncomingMessage } from "node:http";
import type { Env } from "../env.ts";

export const SESSION_COOKIE = "ll_session";

const isSecure = (env: Env) => env.COOKIE_SECURE ?? env.PUBLIC_URL.startsWith("https:");

export function readSessionCookie(req: IncomingMessage): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join("="));
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
