import type { Logger } from "./logger.ts";

/** The part of `process` the shutdown handler uses (a fake in unit tests). */
export interface ShutdownProcess {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  exit(code: number): void;
}

export interface InstallShutdownHandlersOptions {
  /** The graceful stop, e.g. `WorkerHandle.close` (stops taking jobs, drains, closes). */
  close: () => Promise<void>;
  logger: Logger;
  /** After this long the process exits with code 1 even if `close` has not finished. */
  timeoutMs: number;
  signals?: readonly NodeJS.Signals[];
  target?: ShutdownProcess;
  /** Clock for the repeated-signal rule (tests). */
  now?: () => number;
}

export interface ShutdownHandlers {
  /** Starts the shutdown as a signal would (also used for fatal errors). */
  shutdown(reason: string, exitCode?: number): void;
  /** Removes the listeners again (tests). */
  uninstall(): void;
}

/**
 * A stop request repeated within this time is the same request delivered twice, not an
 * operator insisting: a service manager that signals every process of the service, a terminal
 * that signals the whole process group, plus `pnpm start` passing the stop on, all arrive
 * within milliseconds of each other.
 */
export const REPEATED_SIGNAL_GRACE_MS = 1_000;

/**
 * SIGTERM / SIGINT: stop gracefully and exit 0 (1 if closing failed). Another signal more
 * than {@link REPEATED_SIGNAL_GRACE_MS} later, or the timeout, exits 1 at once: an operator
 * pressing Ctrl+C again means it. An uncaught exception or unhandled rejection is logged and
 * shuts down the same way, with exit code 1.
 */
export function installShutdownHandlers({
  close,
  logger,
  timeoutMs,
  signals = ["SIGTERM", "SIGINT"],
  target = process as unknown as ShutdownProcess,
  now = Date.now,
}: InstallShutdownHandlersOptions): ShutdownHandlers {
  let shuttingDownSince: number | undefined;

  const shutdown = (reason: string, exitCode = 0): void => {
    if (shuttingDownSince !== undefined) {
      if (now() - shuttingDownSince < REPEATED_SIGNAL_GRACE_MS) {
        logger.debug({ reason }, "the same shutdown request again: already shutting down");
        return;
      }
      logger.warn({ reason }, "second shutdown request: exiting now, active jobs will be retried");
      target.exit(1);
      return;
    }
    shuttingDownSince = now();
    logger.info({ reason, timeoutMs }, "shutting down: no new jobs, finishing active ones");
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, "shutdown timed out: exiting, active jobs will be retried");
      target.exit(1);
    }, timeoutMs);
    close().then(
      () => {
        clearTimeout(timer);
        logger.info({ exitCode }, "shutdown complete");
        target.exit(exitCode);
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error({ err: error }, "shutdown failed");
        target.exit(1);
      },
    );
  };

  const onSignal = (signal: unknown): void => shutdown(String(signal));
  const onFatal = (error: unknown): void => {
    logger.fatal({ err: error }, "uncaught error in the worker process");
    shutdown("fatal error", 1);
  };

  for (const signal of signals) target.on(signal, onSignal);
  target.on("uncaughtException", onFatal);
  target.on("unhandledRejection", onFatal);

  return {
    shutdown,
    uninstall() {
      for (const signal of signals) target.off(signal, onSignal);
      target.off("uncaughtException", onFatal);
      target.off("unhandledRejection", onFatal);
    },
  };
}
