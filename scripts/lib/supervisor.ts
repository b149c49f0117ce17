/**
 * How `pnpm start` runs the API and the worker: each in a process group of its own, restarted
 * with backoff when it stops by itself, and stopped with exactly one SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface RestartPolicy {
  /** Delay before the first restart. */
  initialDelayMs: number;
  /** The delay doubles with each crash in a row, up to this. */
  maxDelayMs: number;
  /** A process that ran this long was healthy: its next crash starts at the initial delay. */
  stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
};

/**
 * The wait before the next restart of a process that stopped after running `ranForMs`;
 * `previousDelayMs` is the wait before its current run (undefined if it never crashed).
 */
export function nextRestartDelay(
  policy: RestartPolicy,
  previousDelayMs: number | undefined,
  ranForMs: number,
): number {
  if (previousDelayMs === undefined || ranForMs >= policy.stableAfterMs)
    return policy.initialDelayMs;
  return Math.min(previousDelayMs * 2, policy.maxDelayMs);
}

export interface SupervisedProcessOptions {
  /** For log lines: "API", "worker". */
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** How long `stop()` waits after its SIGTERM before it kills the process group. */
  stopTimeoutMs: number;
  policy?: RestartPolicy;
  log: (line: string) => void;
  /**
   * Asked when the process stopped by itself: `"restart"` (after the backoff) or `"give up"`
   * (it stays stopped). Defaults to always restarting.
   */
  onUnexpectedExit?: (exit: ProcessExit) => "restart" | "give up";
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  ranForMs: number;
}

const describeExit = ({ code, signal }: Pick<ProcessExit, "code" | "signal">) =>
  signal ? `killed by ${signal}` : `exit code ${code}`;

/** `12.3 s`, `1 s`. */
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * A child process that `pnpm start` keeps running.
 *
 * - It gets a process group of its own (`detached`), so a terminal's Ctrl+C, which signals the
 *   terminal's whole foreground group, reaches `pnpm start` only: `pnpm start` then stops each
 *   child with one SIGTERM, and the worker drains once instead of taking the second signal as
 *   "exit now".
 * - It gets an IPC channel: if `pnpm start` dies without stopping it (SIGKILL, a crash), the
 *   channel closes and the child stops itself (the apps' main.ts listen for "disconnect").
 * - When it stops by itself it is restarted after a backoff (1 s, doubling to 30 s; reset once
 *   it has run for a minute), and each restart is logged.
 * - Whatever it leaves in its process group when it exits (tsx's esbuild service, anything it
 *   spawned) is killed with it.
 */
export class SupervisedProcess {
  readonly name: string;
  private readonly options: SupervisedProcessOptions;
  private readonly policy: RestartPolicy;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private startedAt = 0;
  private previousDelayMs: number | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  /** How many times it was restarted after stopping by itself. */
  restarts = 0;

  constructor(options: SupervisedProcessOptions) {
    this.options = options;
    this.name = options.name;
    this.policy = options.policy ?? DEFAULT_RESTART_POLICY;
  }

  /** The running process's id, if it runs. */
  get pid(): number | undefined {
    return this.child && this.child.exitCode === null && this.child.signalCode === null
      ? this.child.pid
      : undefined;
  }

  start(): void {
    if (this.stopping) return;
    const { command, args, cwd, env } = this.options;
    const child = spawn(command, [...args], {
      cwd,
      env,
      detached: true,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child = child;
    this.startedAt = Date.now();
    this.exited = new Promise<void>((resolve) => {
      let finished = false;
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        if (finished) return;
        finished = true;
        // Whatever it started and left behind (tsx's esbuild service, ...) goes with it.
        this.killGroup(child, "SIGKILL");
        resolve();
        this.onExit(child, { code, signal, ranForMs: Date.now() - this.startedAt });
      };
      child.once("exit", finish);
      child.once("error", (error) => {
        this.options.log(`the ${this.name} could not be started: ${error.message}`);
        // A process that never started emits no "exit".
        if (child.pid === undefined) finish(null, null);
      });
    });
  }

  /**
   * Stops it for good: one SIGTERM, then up to `stopTimeoutMs` for it to finish its work, then
   * SIGKILL for its whole process group. A pending restart is cancelled.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timed out">((resolve) => {
      timer = setTimeout(() => resolve("timed out"), this.options.stopTimeoutMs);
    });
    const outcome = await Promise.race([this.exited.then(() => "exited" as const), timedOut]);
    clearTimeout(timer);
    if (outcome === "timed out") {
      this.options.log(
        `the ${this.name} did not stop within ${seconds(this.options.stopTimeoutMs)}: killing it`,
      );
      this.killGroup(child, "SIGKILL");
      await this.exited;
    }
  }

  /** Kills it and its process group at once (a second Ctrl+C). */
  kill(): void {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    if (this.child) this.killGroup(this.child, "SIGKILL");
  }

  private killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is empty already.
    }
  }

  private onExit(child: ChildProcess, exit: ProcessExit): void {
    if (this.stopping || child !== this.child) return;
    const decision = this.options.onUnexpectedExit?.(exit) ?? "restart";
    if (decision === "give up") return;
    const delay = nextRestartDelay(this.policy, this.previousDelayMs, exit.ranForMs);
    this.previousDelayMs = delay;
    this.restarts += 1;
    this.options.log(
      `the ${this.name} stopped (${describeExit(exit)}) after ${seconds(exit.ranForMs)}; ` +
        `restarting it in ${seconds(delay)} (restart ${this.restarts})`,
    );
    this.restartTimer = setTimeout(() => this.start(), delay);
  }
}
