import { describe, expect, it } from "vitest";
import { DEFAULT_RESTART_POLICY, nextRestartDelay } from "./supervisor.ts";

describe("nextRestartDelay", () => {
  const policy = DEFAULT_RESTART_POLICY;

  it("waits 1 s after the first crash, doubling with each crash in a row up to 30 s", () => {
    const delays: number[] = [];
    let previous: number | undefined;
    for (let crash = 0; crash < 8; crash++) {
      previous = nextRestartDelay(policy, previous, 2_000);
      delays.push(previous);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("starts again at 1 s once the process had run for a minute", () => {
    expect(nextRestartDelay(policy, 30_000, 59_999)).toBe(30_000);
    expect(nextRestartDelay(policy, 30_000, 60_000)).toBe(1_000);
  });
});
