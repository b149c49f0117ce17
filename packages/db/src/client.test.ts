import { describe, expect, it } from "vitest";
import { statementNamer } from "./client.ts";

describe("statementNamer", () => {
  it("gives equal texts one name and stops naming new texts at the limit", () => {
    const name = statementNamer(2);
    const first = name({ sql: "SELECT 1" });
    expect(first).toMatch(/^ll_[\w-]+$/);
    expect(name({ sql: "SELECT 1" })).toBe(first);
    const second = name({ sql: "SELECT 2" });
    expect(second).not.toBe(first);
    // A third text runs unnamed; the named ones keep their names.
    expect(name({ sql: "SELECT 3" })).toBeUndefined();
    expect(name({ sql: "SELECT 2" })).toBe(second);
  });
});
