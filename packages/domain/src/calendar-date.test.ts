import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isIsoDate, isoDateInTimeZone, isoDateOf } from "./calendar-date.ts";

describe("calendar dates", () => {
  it("accepts real dates written YYYY-MM-DD only", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("2026-1-01")).toBe(false);
    expect(isIsoDate("2026-01-01T00:00:00Z")).toBe(false);
    expect(isIsoDate(new Date())).toBe(false);
  });

  it("reads a database date (UTC midnight) as its calendar date", () => {
    expect(isoDateOf(new Date("2026-03-31T00:00:00.000Z"))).toBe("2026-03-31");
  });

  it("finds today's date in the company's time zone", () => {
    const instant = new Date("2026-03-31T22:30:00.000Z");
    expect(isoDateInTimeZone(instant, "UTC")).toBe("2026-03-31");
    expect(isoDateInTimeZone(instant, "Europe/Berlin")).toBe("2026-04-01");
    expect(isoDateInTimeZone(instant, "America/New_York")).toBe("2026-03-31");
  });

  it("counts whole days across months, years and daylight saving changes", () => {
    expect(daysBetween("2026-03-01", "2026-03-31")).toBe(30);
    expect(daysBetween("2026-03-31", "2026-03-01")).toBe(-30);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2025-12-31", "2026-01-01")).toBe(1);
    expect(daysBetween("2026-05-05", "2026-05-05")).toBe(0);
  });

  it("adds days, e.g. payment terms to an issued date", () => {
    expect(addDays("2026-01-31", 14)).toBe("2026-02-14");
    expect(addDays("2028-02-15", 14)).toBe("2028-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });

  it("refuses to count with something that is no date", () => {
    expect(() => daysBetween("2026-02-30", "2026-03-01")).toThrow(RangeError);
  });
});
