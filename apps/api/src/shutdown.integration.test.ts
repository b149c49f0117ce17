import { Agent, request, type IncomingHttpHeaders } from "node:http";
import { connect, type Socket } from "node:net";
import { createDb } from "@ledgerline/db";
import { transformer } from "@ledgerline/domain";
import { createUser, systemActor } from "@ledgerline/services";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiProcess, type ApiProcess } from "./testing/api-process.ts";
import { TEST_PASSWORD } from "./testing/api-harness.ts";
import { testEnv } from "./testing/env.ts";

/**
 * SIGTERM to the API while clients keep it busy over keep-alive connections: every request in
 * flight gets its whole answer, the listener closes at once, and the process exits as soon as
 * the slowest request is done (it used to wait for the keep-alive connections until it was
 * killed, cutting the requests in flight).
 */

const CLIENTS = 10;

let api: ApiProcess;
let sessionCookie: string;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request on `agent`; rejects with the socket error (ECONNREFUSED, ECONNRESET, …). */
function get(agent: Agent, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${api.url}${path}`, { agent, headers: { cookie: sessionCookie } });
    outgoing.on("response", (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

const listCustomersPath = `/trpc/customers.list?input=${encodeURIComponent(
  JSON.stringify(transformer.serialize({})),
)}`;

beforeAll(async () => {
  api = await startApiProcess();
  const db = createDb({ url: api.database.url, maxConnections: 1 });
  const email = "finance@shutdown.ledgerline.test";
  await createUser(db, systemActor("test"), {
    email,
    name: "Shutdown Test",
    role: "finance",
    password: TEST_PASSWORD,
  });
  await db.$disconnect();
  const signIn = await fetch(`${api.url}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: api.url },
    body: JSON.stringify(transformer.serialize({ email, password: TEST_PASSWORD })),
  });
  expect(signIn.status).toBe(200);
  sessionCookie = signIn.headers.getSetCookie()[0]!.split(";")[0]!;
});
afterAll(() => api?.dispose());

describe("SIGTERM under load", () => {
  it("answers every request in flight, refuses new connections and exits within 3 s", async () => {
    const agents = Array.from(
      { length: CLIENTS },
      () => new Agent({ keepAlive: true, maxSockets: 1 }),
    );
    const idleAgents = Array.from(
      { length: 3 },
      () => new Agent({ keepAlive: true, maxSockets: 1 }),
    );
    // Every client has a warm keep-alive connection; three of them stay idle from here on.
    for (const agent of [...agents, ...idleAgents])
      expect((await get(agent, listCustomersPath)).status).toBe(200);
    const idleSockets = idleAgents.flatMap((agent) => Object.values(agent.freeSockets).flat());
    expect(idleSockets).toHaveLength(3);
    const idleClosedAt: number[] = [];
    for (const socket of idleSockets) socket!.once("close", () => idleClosedAt.push(Date.now()));

    // The requests in flight wait for a lock another session holds, so they are surely in
    // flight when the signal arrives.
    const locker = new pg.Client({ connectionString: api.database.url });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query('LOCK TABLE "customers" IN ACCESS EXCLUSIVE MODE');

    // Each client keeps sending on its connection until a connection is refused.
    const answers: Answer[] = [];
    const failures: string[] = [];
    const refusals: string[] = [];
    const clients = agents.map(async (agent) => {
      for (let sent = 0; sent < 1_000; sent++) {
        try {
          answers.push(await get(agent, listCustomersPath));
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? String(error);
          (code === "ECONNREFUSED" ? refusals : failures).push(code);
          return;
        }
      }
    });

    const admin = new pg.Client({ connectionString: testEnv.adminDatabaseUrl });
    await admin.connect();
    for (let waiting = 0; waiting < CLIENTS;) {
      const { rows } = await admin.query<{ waiting: number }>(
        `SELECT count(DISTINCT pid)::int AS waiting FROM pg_stat_activity
          WHERE datname = $1 AND wait_event_type = 'Lock'`,
        [api.database.name],
      );
      waiting = rows[0]!.waiting;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await admin.end();
    answers.length = 0;

    // A readiness probe whose request arrives during the stop, on a connection opened before.
    const probe: Socket = connect(Number(new URL(api.url).port), "127.0.0.1");
    await new Promise((resolve) => probe.once("connect", resolve));
    let probeAnswer = "";
    probe.on("data", (chunk: Buffer) => (probeAnswer += chunk.toString()));
    probe.write("GET /ready HTTP/1.1\r\nHost: 127.0.0.1\r\n");

    const signalledAt = Date.now();
    api.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    probe.write("\r\n");

    // While the requests are still in flight, a new connection is refused.
    const refusedWhileDraining = await get(new Agent(), "/health").then(
      () => "answered",
      (error: NodeJS.ErrnoException) => error.code,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await locker.query("ROLLBACK");
    await locker.end();

    await Promise.all(clients);
    const exit = await api.exited;

    expect(refusedWhileDraining).toBe("ECONNREFUSED");
    expect(failures).toEqual([]);
    expect(answers).toHaveLength(CLIENTS);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers.connection).toBe("close");
      expect(() => JSON.parse(answer.body) as unknown).not.toThrow();
    }
    expect(refusals).toHaveLength(CLIENTS);
    expect(probeAnswer).toMatch(/^HTTP\/1\.1 503 /);
    expect(probeAnswer).toMatch(/\r\nconnection: close\r\n/i);
    expect(probeAnswer).toContain('"status":"stopping"');
    expect(idleClosedAt).toHaveLength(3);
    for (const closedAt of idleClosedAt) expect(closedAt - signalledAt).toBeLessThan(250);
    console.log(
      `exited ${exit.at - signalledAt} ms after SIGTERM (requests held ~500 ms); idle connections closed after ${idleClosedAt.map((at) => at - signalledAt).join(", ")} ms`,
    );
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(3_000);
    expect(api.output()).toContain("api stopped");
  });
});
