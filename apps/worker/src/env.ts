import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { z } from "zod";

/**
 * The worker's configuration, validated once. This is the only module of the worker that reads
 * `process.env` (house style, habit 6): everything else receives a `WorkerEnv`, so tests can
 * start a real worker with their own values.
 */

/**
 * BullMQ `prefix` of every queue unless QUEUE_PREFIX says otherwise. With it,
 * `workerHeartbeatKey(prefix)` from packages/domain is `WORKER_HEARTBEAT_KEY` (a unit test holds
 * the two together), the key the API reads by default.
 */
export const DEFAULT_QUEUE_PREFIX = "ledgerline";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** BullMQ joins prefix, queue name and key with ':', so the prefix itself must not hold one. */
const queuePrefixPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const redisUrl = z
  .string()
  .trim()
  .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value), {
    message: "must be a redis:// or rediss:// URL",
  });

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
    message: "must be a postgres:// or postgresql:// URL",
  });

export const workerEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: postgresUrl,
  REDIS_URL: redisUrl.default("redis://127.0.0.1:6379"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** Jobs one worker runs in parallel per queue. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * Namespace of every Redis key the worker touches (BullMQ's `prefix` and the heartbeat key).
   * The API must use the same value. Tests use a unique one so they never meet a dev worker.
   */
  QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(queuePrefixPattern, "letters, digits, '-' and '_' only (no ':'), at most 64")
    .default(DEFAULT_QUEUE_PREFIX),
  /**
   * Folder of the file store, shared with the API (the worker writes PDFs, the API sends them),
   * relative to the working directory unless absolute: `pnpm start` runs both from the root.
   */
  STORAGE_DIR: z
    .string()
    .min(1)
    .default(".data/storage")
    .transform((path) => resolve(path)),
  /** The Chromium that prints PDFs (Debian's; puppeteer never downloads one here). */
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  /** Pages printing at once in the one browser; defaults to the number of cores. */
  PDF_PAGES: z.coerce.number().int().min(1).max(32).default(Math.max(2, availableParallelism())),
  /** Renders after which the browser is replaced (Chromium's memory creeps up). */
  PDF_RECYCLE_AFTER: z.coerce.number().int().min(1).default(2_000),
  /** One PDF may take this long before its render fails (and the job retries). */
  PDF_RENDER_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
  /** How long a graceful shutdown may take before the process exits with code 1. */
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(10 * 60_000)
    .default(30_000),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;
export type EnvSource = Record<string, string | undefined>;

/** Thrown when the environment is invalid; names each variable, never echoes its value. */
export class InvalidEnvError extends Error {
  readonly issues: readonly { variable: string; message: string }[];

  constructor(issues: readonly { variable: string; message: string }[]) {
    super(
      `Invalid worker environment:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join("\n")}`,
    );
    this.name = "InvalidEnvError";
    this.issues = issues;
  }
}

/**
 * Parses and validates the worker's environment. Empty strings count as unset, so
 * `LOG_LEVEL=` in a `.env` file falls back to the default instead of failing.
 */
export function loadEnv(source: EnvSource = process.env): WorkerEnv {
  const relevant: EnvSource = {};
  for (const key of Object.keys(workerEnvSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value.trim() !== "") relevant[key] = value;
  }
  const result = workerEnvSchema.safeParse(relevant);
  if (!result.success) {
    throw new InvalidEnvError(
      result.error.issues.map((issue) => {
        const variable = issue.path.join(".") || "(root)";
        // zod's messages never include the received value (DATABASE_URL may hold a password).
        const message = relevant[variable] === undefined ? "is required" : issue.message;
        return { variable, message };
      }),
    );
  }
  return result.data;
}

let cached: WorkerEnv | undefined;

/** The process's environment, parsed on first use (so importing this module never throws). */
export function getEnv(): WorkerEnv {
  cached ??= loadEnv();
  return cached;
}
