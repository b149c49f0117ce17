import { EventEmitter } from "node:events";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  installShutdownHandlers,
  REPEATED_SIGNAL_GRACE_MS,
  type ShutdownProcess,
} from "./shutdown.ts";

const logger = pino({ level: "silent" });

class FakeProcess extends EventEmitter implements ShutdownProcess {
  readonly exits: number[] = [];
  exit(code: number): void {
    this.exits.push(code);
  }
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("installShutdownHandlers", () => {
  it("closes once on SIGTERM and exits 0 when closing finished", async () => {
    const target = new FakeProcess();
    const closing = deferred();
    const close = vi.fn(() => closing.promise);
    installShutdownHandlers({ close, logger, timeoutMs: 30_000, target });

    target.emit("SIGTERM", "SIGTERM");
    expect(close).toHaveBeenCalledOnce();
    expect(target.exits).toEqual([]);

    closing.resolve();
    await vi.waitFor(() => expect(target.exits).toEqual([0]));
  });

  it("exits 1 at once on a second signal a moment later", () => {
    const target = new FakeProcess();
    let now = 0;
    const close = vi.fn(() => new Promise<void>(() => undefined));
    installShutdownHandlers({ close, logger, timeoutMs: 30_000, target, now: () => now });

    target.emit("SIGINT", "SIGINT");
    now = REPEATED_SIGNAL_GRACE_MS;
    target.emit("SIGINT", "SIGINT");
    expect(close).toHaveBeenCalledOnce();
    expect(target.exits).toEqual([1]);
  });

  it("takes the same stop delivered twice at once (group signal plus pnpm start) as one", async () => {
    const target = new FakeProcess();
    let now = 0;
    const closing = deferred();
    const close = vi.fn(() => closing.promise);
    installShutdownHandlers({ close, logger, timeoutMs: 30_000, target, now: () => now });

    target.emit("SIGINT", "SIGINT");
    now = 5;
    target.emit("SIGTERM", "SIGTERM");
    expect(close).toHaveBeenCalledOnce();
    expect(target.exits).toEqual([]);
    closing.resolve();
    await vi.waitFor(() => expect(target.exits).toEqual([0]));
  });

  it("exits 1 when closing takes longer than the timeout", async () => {
    vi.useFakeTimers();
    const target = new FakeProcess();
    installShutdownHandlers({
      close: () => new Promise<void>(() => undefined),
      logger,
      timeoutMs: 30_000,
      target,
    });

    target.emit("SIGTERM", "SIGTERM");
    await vi.advanceTimersByTimeAsync(29_999);
    expect(target.exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(target.exits).toEqual([1]);
  });

  it("exits 1 when closing fails", async () => {
    const target = new FakeProcess();
    installShutdownHandlers({
      close: () => Promise.reject(new Error("redis gone")),
      logger,
      timeoutMs: 30_000,
      target,
    });
    target.emit("SIGTERM", "SIGTERM");
    await vi.waitFor(() => expect(target.exits).toEqual([1]));
  });

  it("shuts down with exit code 1 after an uncaught exception", async () => {
    const target = new FakeProcess();
    const close = vi.fn(() => Promise.resolve());
    installShutdownHandlers({ close, logger, timeoutMs: 30_000, target });
    target.emit("uncaughtException", new Error("boom"));
    expect(close).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(target.exits).toEqual([1]));
  });

  it("can be uninstalled", () => {
    const target = new FakeProcess();
    const handlers = installShutdownHandlers({
      close: () => Promise.resolve(),
      logger,
      timeoutMs: 1_000,
      target,
    });
    handlers.uninstall();
    expect(target.listenerCount("SIGTERM")).toBe(0);
    expect(target.listenerCount("uncaughtException")).toBe(0);
  });
});
