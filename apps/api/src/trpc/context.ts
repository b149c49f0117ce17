import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "@ledgerline/db";
import type { Role } from "@ledgerline/domain";
import {
  resolveApiToken,
  resolveSession,
  type Actor,
  type FileStore,
  type PdfJobQueue,
} from "@ledgerline/services";
import type { Redis } from "ioredis";
import type { PurchaseOrderBatchQueue } from "../jobs/purchase-order-batches.ts";
import type { Logger } from "pino";
import { sessionLifetimeOf, type Env } from "../env.ts";
import { clientAddress } from "../http/client-address.ts";
import { serializeSessionCookie, serializeClearedSessionCookie } from "../http/cookies.ts";
import { credentialOf } from "../http/credentials.ts";
import { retryReadOnce } from "../http/database-outage.ts";

/** Long-lived things the API shares across requests; built once in app.ts. */
export interface ApiDependencies {
  env: Env;
  db: Db;
  redis: Redis;
  log: Logger;
  /** Where uploaded files live; app.ts opens one in STORAGE_DIR when none is given. */
  files?: FileStore;
  /** Record PDF jobs (`QUEUES.recordPdfs`); app.ts makes one on `redis` when none is given. */
  pdfJobs?: PdfJobQueue;
  /** Purchase-order batch jobs; app.ts makes one on `redis` when none is given. */
  purchaseOrderBatchJobs?: PurchaseOrderBatchQueue;
  /** True once the process is stopping (main.ts): /ready answers 503 from then on. */
  draining?: () => boolean;
}

export type Auth =
  | {
      via: "session";
      actor: Actor & { kind: "user" };
      role: Role;
      sessionId: string;
      sessionToken: string;
      email: string;
    }
  | { via: "apiToken"; actor: Actor & { kind: "apiToken" }; role: Role };

export interface Context extends ApiDependencies {
  files: FileStore;
  pdfJobs: PdfJobQueue;
  purchaseOrderBatchJobs: PurchaseOrderBatchQueue;
  auth: Auth | null;
  request: { ipAddress: string; userAgent: string | null };
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

/**
 * Who is calling: an API token (Bearer) or a session cookie, or nobody. tRPC's context and the
 * file endpoints (http/uploads.ts) both use it, so every way in authenticates alike.
 */
export async function authenticate(
  deps: ApiDependencies,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Auth | null> {
  // The same answer the Origin check (http/guard.ts) acts on.
  const credential = credentialOf(req);
  if (credential.via === "apiToken") {
    const token = await resolveApiToken(deps.db, credential.token);
    // The token acts as its owner, with the lower of its role and the owner's current role.
    return token
      ? {
          via: "apiToken",
          role: token.role,
          actor: {
            kind: "apiToken",
            apiTokenId: token.id,
            apiTokenName: token.name,
            userId: token.owner.id,
            role: token.role,
            name: token.owner.name,
          },
        }
      : null;
  }
  const sessionToken = credential.via === "session" ? credential.token : null;
  if (!sessionToken) return null;
  const session = await resolveSession(deps.db, sessionToken, sessionLifetimeOf(deps.env));
  if (!session) return null;
  // The cookie follows the sliding expiry, so an active person is not signed out mid-day.
  if (session.renewed)
    res.appendHeader(
      "Set-Cookie",
      serializeSessionCookie(deps.env, sessionToken, session.expiresAt),
    );
  const { user } = session;
  return {
    via: "session",
    role: user.role,
    email: user.email,
    sessionId: session.sessionId,
    sessionToken,
    actor: { kind: "user", userId: user.id, role: user.role, name: user.name },
  };
}

/** The request log line (app.ts) names who called. */
export function noteCaller(req: IncomingMessage, auth: Auth | null): void {
  (req as IncomingMessage & { actor?: string }).actor = auth
    ? auth.actor.kind === "user"
      ? `session:${auth.actor.userId}`
      : `apiToken:${auth.actor.apiTokenId} user:${auth.actor.userId}`
    : undefined;
}

export function contextFactory(
  deps: ApiDependencies & {
    files: FileStore;
    pdfJobs: PdfJobQueue;
    purchaseOrderBatchJobs: PurchaseOrderBatchQueue;
  },
) {
  return async ({ req, res }: { req: IncomingMessage; res: ServerResponse }): Promise<Context> => {
    const auth = await retryReadOnce(() => authenticate(deps, req, res), deps.log);
    noteCaller(req, auth);
    return {
      ...deps,
      auth,
      request: {
        ipAddress: clientAddress(req, deps.env.TRUST_PROXY),
        userAgent: req.headers["user-agent"] ?? null,
      },
      setSessionCookie: (token, expiresAt) =>
        res.appendHeader("Set-Cookie", serializeSessionCookie(deps.env, token, expiresAt)),
      clearSessionCookie: () =>
        res.appendHeader("Set-Cookie", serializeClearedSessionCookie(deps.env)),
    };
  };
}
