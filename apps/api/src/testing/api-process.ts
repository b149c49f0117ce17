import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import { testEnv } from "./env.ts";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  database: TestDatabase;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Kills the process if it still runs, drops its database and files. */
  dispose(): Promise<void>;
}

/** A port nobody listens on right now (the kernel's choice). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The API as an operator runs it: `node --import tsx apps/api/src/main.ts`, its own process,
 * on a free port, against a fresh database and a private queue prefix. For tests of what only
 * a real process shows (signals, exit, connections).
 */
export async function startApiProcess(env: Record<string, string> = {}): Promise<ApiProcess> {
  const database = await createTestDatabase({
    prefix: "api_process",
    adminUrl: testEnv.adminDatabaseUrl,
  });
  const storageDir = await mkdtemp(join(tmpdir(), "ledgerline-api-process-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
    cwd: repositoryRoot,
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      QUEUE_PREFIX: `test-${randomBytes(4).toString("hex")}`,
      STORAGE_DIR: storageDir,
      LOG_LEVEL: "info",
      NODE_ENV: "test",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
    (resolve) => child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const url = `http://127.0.0.1:${port}`;
  const dispose = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await exited;
    }
    await database.drop();
    await rm(storageDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await dispose();
      throw new Error(`The API process exited before it was ready:\n${output}`);
    }
    const response = await fetch(`${url}/ready`).catch(() => null);
    if (response?.status === 200) break;
    if (Date.now() > deadline) {
      await dispose();
      throw new Error(`The API process was not ready within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, child, database, output: () => output, exited, dispose };
}
