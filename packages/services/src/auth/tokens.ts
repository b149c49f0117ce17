import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, URL-safe: the secret a cookie or an API token carries. */
export const generateSecret = (): string => randomBytes(32).toString("base64url");

/**
 * Secrets are stored as SHA-256 only. They are 256-bit random values, so a fast hash is enough:
 * a database leak does not reveal a usable token and lookups stay one index probe.
 */
export const hashSecret = (secret: string): string =>
  createHash("sha256").update(secret).digest("hex");
