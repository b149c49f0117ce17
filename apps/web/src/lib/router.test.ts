import { describe, expect, it } from "vitest";
import { matchPath } from "./router.tsx";

describe("matchPath", () => {
  it("matches whole paths and takes parameters", () => {
    expect(matchPath("/customers", "/customers")).toEqual({});
    expect(matchPath("/customers", "/customers/")).toEqual({});
    expect(matchPath("/customers/:id", "/customers/abc-123")).toEqual({ id: "abc-123" });
    expect(matchPath("/customers/:id", "/customers")).toBeNull();
    expect(matchPath("/customers", "/customers/abc")).toBeNull();
    expect(matchPath("/customers/:id", "/projects/abc")).toBeNull();
  });

  it("decodes parameters and rejects broken encodings", () => {
    expect(matchPath("/x/:name", "/x/a%20b")).toEqual({ name: "a b" });
    expect(matchPath("/x/:name", "/x/%E0%A4%A")).toBeNull();
  });
});
