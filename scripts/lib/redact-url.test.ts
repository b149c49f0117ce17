import { describe, expect, it } from "vitest";
import { redactUrl } from "./services.ts";

describe("redactUrl", () => {
  it("hides the password and keeps everything else", () => {
    expect(redactUrl("postgresql://app:s3cret@db.example:5432/ledgerline")).toBe(
      "postgresql://app:***@db.example:5432/ledgerline",
    );
    expect(redactUrl("redis://:s3cret@127.0.0.1:6379/0")).toBe("redis://:***@127.0.0.1:6379/0");
  });

  it("leaves a URL without a password as it is", () => {
    expect(redactUrl("postgresql://postgres@127.0.0.1:5432/ledgerline")).toBe(
      "postgresql://postgres@127.0.0.1:5432/ledgerline",
    );
    expect(redactUrl("redis://127.0.0.1:6379")).toBe("redis://127.0.0.1:6379");
  });

  it("hides a password holding '@', ':' or '/' and one in a malformed URL", () => {
    expect(redactUrl("postgresql://app:p@ss/w:rd@db:5432/x")).toBe(
      "postgresql://app:***@db:5432/x",
    );
    expect(redactUrl("app:s3cret@db:5432/x")).toBe("app:***@db:5432/x");
    expect(redactUrl("postgresql://app:s3cret@db:notaport/x")).not.toContain("s3cret");
  });
});
