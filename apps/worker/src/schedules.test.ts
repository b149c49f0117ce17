import { QUEUES } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { SCHEDULES } from "./schedules.ts";

describe("SCHEDULES", () => {
  it("uses deterministic, unique scheduler ids without ':'", () => {
    const ids = SCHEDULES.map((schedule) => schedule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/);
  });

  it("purges expired sessions on the interval QUEUES declares, with a valid payload", () => {
    const purge = QUEUES.maintenance.jobs.purgeExpiredSessions;
    const schedule = SCHEDULES.find((s) => s.job.name === purge.name);
    expect(schedule).toMatchObject({ queue: "maintenance", every: purge.every });
    expect(purge.payload.safeParse(schedule?.job.data).success).toBe(true);
  });
});
