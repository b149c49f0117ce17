import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createDb, type Db } from "@ledgerline/db";
import { createTestDatabase } from "@ledgerline/db/testing";
import { ROLES, transformer, type Role } from "@ledgerline/domain";
import { createUser, systemActor } from "@ledgerline/services";
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from "@trpc/client";
import { Redis } from "ioredis";
import { pino } from "pino";
import { createApiServer } from "../app.ts";
import { loadEnv, type Env } from "../env.ts";
import type { AppRouter } from "../routers/app-router.ts";
import { testEnv } from "./env.ts";

export const TEST_PASSWORD = "correct horse battery staple";
export const TEST_ORIGIN = "http://localhost:3000";

export type ApiClient = ReturnType<typeof createTRPCClient<AppRouter>>;

export interface TestApi {
  url: string;
  /** The database as the API reaches it: the application's role, `ledgerline_app`. */
  db: Db;
  /** The same database as its owner, for tests that must get past what the role may not do. */
  ownerUrl: string;
  env: Env;
  /** Everything the API logged, to prove secrets never appear there. */
  logs: () => string;
  users: Record<Role, { id: string; email: string }>;
  /** A client signed in (with a real session cookie) as the demo user of `role`. */
  signInAs(role: Role): Promise<ApiClient>;
  /** A client that sends `headers` on every request and keeps cookies it is given. */
  client(options?: { headers?: Record<string, string>; batch?: boolean }): CookieClient;
  close(): Promise<void>;
}

export interface CookieClient {
  trpc: ApiClient;
  cookies: Map<string, string>;
  fetch: typeof fetch;
}

/**
 * Starts the real API on a free port against a fresh database and a private queue prefix, with
 * one user per role. Integration tests talk to it over HTTP exactly as the browser does.
 * `webDistDir` makes it serve a built web app from that folder, as `pnpm start` does.
 */
export async function startTestApi(options: { webDistDir?: string } = {}): Promise<TestApi> {
  const database = await createTestDatabase({ prefix: "api", adminUrl: testEnv.adminDatabaseUrl });
  // Uploaded files go to a folder of their own, removed with the database.
  const storageDir = await mkdtemp(join(tmpdir(), "ledgerline-api-files-"));
  const env = loadEnv({
    DATABASE_URL: database.url,
    REDIS_URL: testEnv.redisUrl,
    PORT: "0",
    PUBLIC_URL: TEST_ORIGIN,
    QUEUE_PREFIX: `test-${randomBytes(4).toString("hex")}`,
    STORAGE_DIR: storageDir,
    WEB_DIST_DIR: options.webDistDir,
    LOG_LEVEL: "info",
    NODE_ENV: "test",
    // No worker runs beside this API: a download of a missing PDF answers 503 quickly.
    PDF_DOWNLOAD_WAIT_MS: "300",
  });
  let logText = "";
  const log = pino(
    { level: "info" },
    new Writable({
      write(chunk, _encoding, done) {
        logText += chunk.toString();
        done();
      },
    }),
  );
  const db = createDb({ url: env.DATABASE_URL, maxConnections: 5 });
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
  const server = createApiServer({ env, db, redis, log });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const users = {} as TestApi["users"];
  for (const role of ROLES) {
    const email = `${role.replace("_", "-")}@test.ledgerline.test`;
    const user = await createUser(db, systemActor("test"), {
      email,
      name: `Test ${role}`,
      role,
      password: TEST_PASSWORD,
    });
    users[role] = { id: user.id, email };
  }

  const client = (
    options: { headers?: Record<string, string>; batch?: boolean } = {},
  ): CookieClient => {
    const cookies = new Map<string, string>();
    const cookieFetch: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
      if (cookies.size > 0)
        headers.set("cookie", [...cookies].map(([name, value]) => `${name}=${value}`).join("; "));
      const response = await fetch(input, { ...init, headers });
      for (const setCookie of response.headers.getSetCookie()) {
        const [pair] = setCookie.split(";");
        const [name, ...value] = pair!.split("=");
        if (/Expires=Thu, 01 Jan 1970/.test(setCookie)) cookies.delete(name!);
        else cookies.set(name!, value.join("="));
      }
      return response;
    };
    const link = (options.batch ?? false) ? httpBatchLink : httpLink;
    const trpc = createTRPCClient<AppRouter>({
      links: [link({ url: `${url}/trpc`, transformer, fetch: cookieFetch })],
    });
    return { trpc, cookies, fetch: cookieFetch };
  };

  return {
    url,
    db,
    ownerUrl: database.ownerUrl,
    env,
    users,
    logs: () => logText,
    client,
    async signInAs(role) {
      const browser = client({ headers: { origin: TEST_ORIGIN } });
      await browser.trpc.auth.signIn.mutate({ email: users[role].email, password: TEST_PASSWORD });
      return browser.trpc;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      // The queue keys this API made under its own prefix (PDF jobs), and no others.
      const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`).catch(() => []);
      if (keys.length > 0) await redis.del(...keys).catch(() => undefined);
      await Promise.allSettled([db.$disconnect(), redis.quit()]);
      await database.drop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/** The tRPC error code of a failed call (e.g. "FORBIDDEN"), or "OK" when it succeeded. */
export async function outcomeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCClientError)
      return (error.data as { code?: string } | undefined)?.code ?? "CLIENT_ERROR";
    throw error;
  }
}

export async function errorOf(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>;
    throw error;
  }
  throw new Error("Expected the call to fail, but it succeeded.");
}
