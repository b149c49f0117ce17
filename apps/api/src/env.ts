import { resolve } from "node:path";
import { z } from "zod";

/** The API's configuration; the only module that reads process.env. */
const booleanString = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (postgresql://…)"),
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  /** Where people open the app; its origin is allowed to send mutations. */
  PUBLIC_URL: z.url().default("http://localhost:3000"),
  /** More origins allowed to send mutations, comma-separated (e.g. the Vite dev server). */
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  /** A session ends this many hours after its last request... */
  SESSION_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  /** ...and at the latest this many days after sign-in. */
  SESSION_MAX_DAYS: z.coerce.number().positive().max(90).default(7),
  /** Send the session cookie only over HTTPS; defaults to on when PUBLIC_URL is https. */
  COOKIE_SECURE: booleanString.optional(),
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  TRUST_PROXY: booleanString.default(false),
  /** Serve the built web app from this folder (apps/web/dist), so one port serves everything. */
  WEB_DIST_DIR: z.string().optional(),
  /** Prefix of BullMQ queues and worker keys in Redis; tests use their own. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i)
    .default("ledgerline"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Folder of the file store (uploaded receipts), relative to the working directory unless
   * absolute. Back it up with the database: rows there name files here.
   */
  STORAGE_DIR: z
    .string()
    .min(1)
    .default(".data/storage")
    .transform((path) => resolve(path)),
  /**
   * How long a PDF download waits for the worker to render a PDF that is missing (on demand)
   * before answering 503 with Retry-After.
   */
  PDF_DOWNLOAD_WAIT_MS: z.coerce.number().int().min(0).max(120_000).default(25_000),
  /** Largest tRPC request body; receipts are uploaded to /files (at most 10 MiB). */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /** Most calls one batched request may carry. */
  MAX_BATCH_SIZE: z.coerce.number().int().positive().default(20),
  /**
   * How long a stop (SIGTERM) may wait for the requests in flight before it cuts the rest and
   * exits with code 1.
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(10 * 60_000)
    .default(10_000),
});

export type Env = z.infer<typeof envSchema>;

export const sessionLifetimeOf = (env: Env) => ({
  idleMs: env.SESSION_IDLE_HOURS * 3_600_000,
  maxMs: env.SESSION_MAX_DAYS * 86_400_000,
});

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join(".")}: ${issue.message}`)
      .join("\n");
    throw new Error(`The API's environment is not valid:\n${problems}`);
  }
  return parsed.data;
}
