import { pino, type Logger } from "pino";
import type { WorkerEnv } from "./env.ts";

export type { Logger };

/** Structured JSON logs on stdout, one line per event (pino). */
export function createLogger(env: Pick<WorkerEnv, "LOG_LEVEL" | "NODE_ENV">): Logger {
  return pino({
    level: env.LOG_LEVEL,
    base: { service: "worker", pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Job payloads are logged by id and name only; this is a second line of defence.
    redact: { paths: ["*.password", "*.token", "*.secret"], censor: "[redacted]" },
  });
}
