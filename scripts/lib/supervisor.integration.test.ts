import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { descendantsOf, isGone, sleep, waitFor } from "./process-testing.ts";
import { SupervisedProcess, type SupervisedProcessOptions } from "./supervisor.ts";

/**
 * SupervisedProcess with real child processes (small Node scripts that record what happens to
 * them in a file): restarts with growing delays, exactly one SIGTERM on stop, and the whole
 * process group killed when a process will not stop or leaves something behind.
 */

const folder = mkdtempSync(join(tmpdir(), "ledgerline-supervisor-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let scripts = 0;
/** A Node script that appends what happens to it to its own record file. */
function script(body: string) {
  scripts += 1;
  const record = join(folder, `record-${scripts}.txt`);
  const file = join(folder, `script-${scripts}.cjs`);
  writeFileSync(record, "");
  writeFileSync(
    file,
    `const fs = require("node:fs");\nconst note = (line) => fs.appendFileSync(${JSON.stringify(record)}, line + "\\n");\n${body}\n`,
  );
  return { file, lines: () => readFileSync(record, "utf8").split("\n").filter(Boolean) };
}

function supervise(file: string, options: Partial<SupervisedProcessOptions> = {}) {
  const log: string[] = [];
  const supervised = new SupervisedProcess({
    name: "test process",
    command: process.execPath,
    args: [file],
    cwd: folder,
    env: {},
    stopTimeoutMs: 5_000,
    policy: { initialDelayMs: 100, maxDelayMs: 400, stableAfterMs: 60_000 },
    log: (line) => log.push(line),
    ...options,
  });
  supervised.start();
  return { supervised, log };
}

describe("SupervisedProcess", () => {
  it("restarts a process that keeps stopping, waiting twice as long each time up to the maximum", async () => {
    const child = script(`note("start " + Date.now()); process.exit(3);`);
    const { supervised, log } = supervise(child.file);
    await waitFor("five runs", () => child.lines().length >= 5, 10_000, 20);
    await supervised.stop();

    const starts = child.lines().map((line) => Number(line.split(" ")[1]));
    const gaps = starts.slice(1, 5).map((start, index) => start - starts[index]!);
    // 100, 200, 400, 400 ms of backoff (plus the time a Node process takes to start and exit).
    [100, 200, 400, 400].forEach((delay, index) =>
      expect(gaps[index]).toBeGreaterThanOrEqual(delay),
    );
    expect(gaps[2]! - gaps[0]!).toBeGreaterThanOrEqual(200);
    expect(log[0]).toMatch(
      /^the test process stopped \(exit code 3\) after [\d.]+ s; restarting it in 0\.1 s \(restart 1\)$/,
    );
    expect(log[1]).toMatch(/restarting it in 0\.2 s \(restart 2\)$/);
    expect(log[2]).toMatch(/restarting it in 0\.4 s \(restart 3\)$/);

    // Stopped for good: no run after stop().
    const runs = child.lines().length;
    await sleep(600);
    expect(child.lines()).toHaveLength(runs);
  });

  it("stops a process with exactly one SIGTERM and waits for it to finish", async () => {
    const child = script(`
      process.channel?.unref();
      process.on("SIGTERM", () => { note("SIGTERM"); setTimeout(() => { note("finished"); process.exit(0); }, 300); });
      process.on("SIGINT", () => note("SIGINT"));
      note("ready");
      setInterval(() => undefined, 1_000);
    `);
    const { supervised, log } = supervise(child.file);
    await waitFor("the process to be ready", () => child.lines().includes("ready"), 5_000, 20);
    const started = Date.now();
    await supervised.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(child.lines()).toEqual(["ready", "SIGTERM", "finished"]);
    expect(log).toEqual([]);
    expect(supervised.restarts).toBe(0);
  });

  it("kills the process group when a process does not stop in time, and what a crash leaves behind", async () => {
    const stubborn = script(`
      process.channel?.unref();
      process.on("SIGTERM", () => note("SIGTERM ignored"));
      require("node:child_process").spawn("sleep", ["60"], { stdio: "ignore" });
      note("ready");
      setInterval(() => undefined, 1_000);
    `);
    const { supervised } = supervise(stubborn.file, { stopTimeoutMs: 300 });
    await waitFor("the process to be ready", () => stubborn.lines().includes("ready"), 5_000, 20);
    const group = [supervised.pid!, ...descendantsOf(supervised.pid!)];
    expect(group).toHaveLength(2); // the script and its `sleep`
    await supervised.stop();
    expect(stubborn.lines()).toEqual(["ready", "SIGTERM ignored"]);
    await waitFor("the whole group to be gone", () => group.every(isGone), 2_000, 20);

    const crashing = script(`
      require("node:child_process").spawn("sleep", ["60"], { stdio: "ignore" });
      note("ready");
      setTimeout(() => process.exit(1), 200);
    `);
    const crashed = supervise(crashing.file, {
      policy: { initialDelayMs: 60_000, maxDelayMs: 60_000, stableAfterMs: 60_000 },
    });
    await waitFor("the process to be ready", () => crashing.lines().includes("ready"), 5_000, 20);
    const leftBehind = descendantsOf(crashed.supervised.pid!);
    expect(leftBehind).toHaveLength(1);
    await waitFor("the crash", () => crashed.log.length > 0, 5_000, 20);
    await waitFor("its sleep to be gone", () => leftBehind.every(isGone), 2_000, 20);
    await crashed.supervised.stop();
  });
});
