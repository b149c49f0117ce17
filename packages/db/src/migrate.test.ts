import { createHash } from "node:crypto";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeMigrationChecksum, findSchemaEngine, scriptMatchesChecksum } from "./migrate.ts";

describe("computeMigrationChecksum", () => {
  it("is Prisma's checksum: SHA-256 hex, zero-padded (prisma-engines checksum.rs test value)", () => {
    expect(computeMigrationChecksum("hello")).toBe(
      "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
    );
    expect(computeMigrationChecksum(Buffer.from("CREATE TABLE a ();\n"))).toHaveLength(64);
  });
});

describe("scriptMatchesChecksum", () => {
  const script = Buffer.from("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");

  it("matches the script it was computed from and nothing else", () => {
    expect(scriptMatchesChecksum(script, computeMigrationChecksum(script))).toBe(true);
    expect(
      scriptMatchesChecksum(
        Buffer.from(`${script.toString()}-- edited\n`),
        computeMigrationChecksum(script),
      ),
    ).toBe(false);
  });

  it("ignores line endings changed by git, as Prisma does", () => {
    const windows = Buffer.from(script.toString().replaceAll("\n", "\r\n"));
    expect(scriptMatchesChecksum(windows, computeMigrationChecksum(script))).toBe(true);
    expect(scriptMatchesChecksum(script, computeMigrationChecksum(windows))).toBe(true);
  });

  it("accepts checksums written without zero padding by old Prisma versions", () => {
    const digest = createHash("sha256").update(script).digest();
    const unpadded = Array.from(digest, (byte) => byte.toString(16)).join("");
    // Only meaningful when some byte is below 0x10, which this script's digest has.
    expect(unpadded.length).toBeLessThan(64);
    expect(scriptMatchesChecksum(script, unpadded)).toBe(true);
  });
});

describe("findSchemaEngine", () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "ledgerline-engine-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("accepts a binary that answers --version like Prisma's schema engine", async () => {
    const fakeEngine = join(folder, "schema-engine-fake");
    await writeFile(
      fakeEngine,
      '#!/bin/sh\n[ "$1" = "--version" ] && echo "schema-engine-cli 0edf323efd1d98336f3f0a68684b56f689b900d3"\n',
    );
    await chmod(fakeEngine, 0o755);
    expect(await findSchemaEngine({ configuredBinary: fakeEngine })).toBe(fakeEngine);
  });

  it("rejects the stand-in file `prisma generate` is pointed at, and missing files", async () => {
    expect(await findSchemaEngine({ configuredBinary: process.execPath })).toBeUndefined();
    expect(await findSchemaEngine({ configuredBinary: join(folder, "missing") })).toBeUndefined();
  });
});
