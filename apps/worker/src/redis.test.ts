import { pino } from "pino";
import { describe, expect, it, vi } from "vitest";
import { checkEvictionPolicy, warnUnlessNoEviction, type ConfigReader } from "./redis.ts";

const answering = (reply: unknown): ConfigReader => ({ config: async () => reply });
const refusing = (message: string): ConfigReader => ({
  config: async () => {
    throw new Error(message);
  },
});

describe("checkEvictionPolicy", () => {
  it("accepts noeviction as a RESP2-style pair, a RESP3 map or a plain object", async () => {
    for (const reply of [
      ["maxmemory-policy", "noeviction"],
      new Map([["maxmemory-policy", "noeviction"]]),
      { "maxmemory-policy": "noeviction" },
    ]) {
      expect(await checkEvictionPolicy(answering(reply))).toEqual({
        status: "ok",
        policy: "noeviction",
      });
    }
  });

  it("flags any other policy", async () => {
    expect(await checkEvictionPolicy(answering(["maxmemory-policy", "allkeys-lru"]))).toEqual({
      status: "unsafe",
      policy: "allkeys-lru",
    });
  });

  it("reports unknown when CONFIG is refused (managed Redis) or answers nothing", async () => {
    expect(await checkEvictionPolicy(refusing("ERR unknown command 'CONFIG'"))).toEqual({
      status: "unknown",
      reason: "ERR unknown command 'CONFIG'",
    });
    expect((await checkEvictionPolicy(answering([]))).status).toBe("unknown");
  });
});

describe("warnUnlessNoEviction", () => {
  function capture() {
    const logger = pino({ level: "debug" });
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    vi.spyOn(logger, "debug").mockImplementation(() => undefined);
    return { logger, warn };
  }

  it("warns with the policy when it is not noeviction", async () => {
    const { logger, warn } = capture();
    await warnUnlessNoEviction(answering(["maxmemory-policy", "volatile-lru"]), logger);
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toEqual({ maxmemoryPolicy: "volatile-lru" });
  });

  it("warns that it could not check when CONFIG is refused", async () => {
    const { logger, warn } = capture();
    await warnUnlessNoEviction(
      refusing("NOPERM this user has no permissions to run 'config'"),
      logger,
    );
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[1])).toMatch(/could not check/);
  });

  it("stays quiet when the policy is noeviction", async () => {
    const { logger, warn } = capture();
    await warnUnlessNoEviction(answering(["maxmemory-policy", "noeviction"]), logger);
    expect(warn).not.toHaveBeenCalled();
  });
});
