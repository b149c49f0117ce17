import type { Db } from "@ledgerline/db";
import { QUEUES } from "@ledgerline/domain";
import { UnrecoverableError, type Job } from "bullmq";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { processorsFor } from "./index.ts";
import { maintenanceProcessor, purgeExpiredSessions } from "./maintenance.ts";
import { parsePayload } from "./parse-payload.ts";
import type { ProcessorContext } from "./types.ts";

const logger = pino({ level: "silent" });
const purge = QUEUES.maintenance.jobs.purgeExpiredSessions;

/** Maintenance jobs use neither the file store nor Chromium: both fail the test if touched. */
const untouchable = <T extends object>(name: string) =>
  new Proxy({} as T, {
    get(_target, property) {
      throw new Error(`${name} was used (${String(property)}) by a maintenance job`);
    },
  });
const unused = {
  files: untouchable<ProcessorContext["files"]>("the file store"),
  pdf: untouchable<ProcessorContext["pdf"]>("Chromium"),
};

/** A database that fails the test if anything touches it. */
const untouchableDb = new Proxy({} as Db, {
  get(_target, property) {
    throw new Error(`the database was used (${String(property)}) before the payload was valid`);
  },
});

/** Records deleteMany calls and answers with fixed counts. */
function recordingDb() {
  const calls: { model: string; args: unknown }[] = [];
  const model = (name: string, count: number) => ({
    deleteMany: async (args: unknown) => {
      calls.push({ model: name, args });
      return { count };
    },
  });
  const db = { session: model("session", 3), signInAttempt: model("signInAttempt", 7) };
  return { db: db as unknown as Db, calls };
}

const job = (name: string, data: unknown) => ({ id: "1", name, data }) as unknown as Job;

describe("maintenance payload validation", () => {
  it.each([
    ["a string", { attemptRetentionHours: "24" }],
    ["zero", { attemptRetentionHours: 0 }],
    ["a fraction", { attemptRetentionHours: 1.5 }],
    ["more than a year", { attemptRetentionHours: 24 * 365 + 1 }],
    ["not an object", "purge everything"],
    ["an array", [1, 2, 3]],
  ])("fails %s without retry and without touching the database", async (_label, data) => {
    const attempt = maintenanceProcessor.process(job(purge.name, data), {
      db: untouchableDb,
      logger,
      ...unused,
    });
    await expect(attempt).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(attempt).rejects.toThrow(/Invalid payload for job "purge-expired-sessions"/);
  });

  it("names the invalid field", () => {
    expect(() =>
      parsePayload(purge.payload, { name: purge.name, data: { attemptRetentionHours: "x" } }),
    ).toThrow(/attemptRetentionHours: /);
  });

  it("accepts an empty payload, a missing one and extra fields from newer producers", () => {
    expect(parsePayload(purge.payload, { name: purge.name, data: {} })).toEqual({});
    expect(parsePayload(purge.payload, { name: purge.name, data: undefined })).toEqual({});
    expect(
      parsePayload(purge.payload, {
        name: purge.name,
        data: { attemptRetentionHours: 48, later: true },
      }),
    ).toEqual({
      attemptRetentionHours: 48,
    });
  });

  it("fails an unknown job name without retry", async () => {
    await expect(
      maintenanceProcessor.process(job("purge-everything", {}), {
        db: untouchableDb,
        logger,
        ...unused,
      }),
    ).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it("passes a valid payload on and returns the counts", async () => {
    const { db, calls } = recordingDb();
    const result = await maintenanceProcessor.process(
      job(purge.name, { attemptRetentionHours: 2 }),
      { db, logger, ...unused },
    );
    expect(result).toMatchObject({ sessionsDeleted: 3, signInAttemptsDeleted: 7 });
    expect(calls.map((call) => call.model).sort()).toEqual(["session", "signInAttempt"]);
  });

  it("runs twice as many PDF jobs as Chromium has pages", () => {
    expect(processorsFor({ PDF_PAGES: 3 }).documents.concurrency).toBe(6);
  });
});

describe("purgeExpiredSessions", () => {
  it("deletes sessions expired by now and attempts older than the retention (default 30 days)", async () => {
    const { db, calls } = recordingDb();
    const now = new Date("2026-11-21T12:00:00.000Z");
    const result = await purgeExpiredSessions({ db, now });
    // 30 days, written out: the test says what the default is, not what the constant holds.
    const attemptsBefore = new Date(now.getTime() - 30 * 24 * 3_600_000);
    expect(calls).toContainEqual({
      model: "session",
      args: { where: { expiresAt: { lte: now } } },
    });
    expect(calls).toContainEqual({
      model: "signInAttempt",
      args: { where: { attemptedAt: { lt: attemptsBefore } } },
    });
    expect(result).toEqual({
      sessionsDeleted: 3,
      signInAttemptsDeleted: 7,
      attemptsBefore: "2026-10-22T12:00:00.000Z",
    });
  });

  it("runs twice as many PDF jobs as Chromium has pages", () => {
    expect(processorsFor({ PDF_PAGES: 3 }).documents.concurrency).toBe(6);
  });
});

describe("processor registry", () => {
  it("has a processor for every queue in QUEUES", () => {
    for (const queue of Object.values(QUEUES)) {
      expect(processorsFor({ PDF_PAGES: 2 })).toHaveProperty(queue.name);
    }
  });

  it("runs twice as many PDF jobs as Chromium has pages", () => {
    expect(processorsFor({ PDF_PAGES: 3 }).documents.concurrency).toBe(6);
  });
});
