import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  APPLICATION_ROLE,
  checkDatabaseRole,
  defaultApplicationPasswordFile,
} from "@ledgerline/db";
import { migrate } from "@ledgerline/db/migrate";
import { createTestDatabase } from "@ledgerline/db/testing";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort } from "./process-testing.ts";
import { applicationDatabaseUrlOf, ownerDatabaseUrlOf } from "./database-roles.ts";
import { resolvePostgres } from "./services.ts";

/** The two URLs of `pnpm start`: the owner migrates, the application's role runs everything else. */
const adminUrl = inject("databaseAdminUrl");
const temporary = mkdtempSync(join(tmpdir(), "ledgerline-roles-"));
// As root, embedded PostgreSQL runs as the `postgres` user, who must reach its data folder.
chmodSync(temporary, 0o755);
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

const quiet = () => {};

describe("the database URLs of pnpm start", () => {
  it("migrates with DATABASE_OWNER_URL, else DATABASE_URL", () => {
    expect(
      ownerDatabaseUrlOf({
        DATABASE_OWNER_URL: "postgresql://o/x",
        DATABASE_URL: "postgresql://a/x",
      }),
    ).toBe("postgresql://o/x");
    expect(ownerDatabaseUrlOf({ DATABASE_URL: "postgresql://a/x" })).toBe("postgresql://a/x");
    expect(ownerDatabaseUrlOf({})).toBeUndefined();
  });

  it("uses the operator's two URLs as given", async () => {
    const given = "postgresql://ledgerline_app:secret@db.example:5432/ledgerline";
    expect(
      await applicationDatabaseUrlOf(
        {
          DATABASE_OWNER_URL: "postgresql://owner@db.example:5432/ledgerline",
          DATABASE_URL: given,
        },
        "postgresql://owner@db.example:5432/ledgerline",
        quiet,
      ),
    ).toBe(given);
  });

  it("connects as ledgerline_app without a password where the server trusts it", async () => {
    const database = await createTestDatabase({ adminUrl, prefix: "start_roles" });
    try {
      const url = await applicationDatabaseUrlOf(
        { DATABASE_URL: database.ownerUrl },
        database.ownerUrl,
        quiet,
      );
      expect(new URL(url)).toMatchObject({ username: APPLICATION_ROLE, password: "" });
      expect(await checkDatabaseRole(url)).toEqual({ role: APPLICATION_ROLE, problems: [] });
    } finally {
      await database.drop();
    }
  });

  it("gives ledgerline_app a generated password, once, where the server asks for one (embedded PostgreSQL)", async () => {
    const postgres = await resolvePostgres({
      given: undefined,
      localServerUrl: "postgresql://postgres@127.0.0.1:9/postgres",
      databaseName: "ledgerline",
      embeddedDir: join(temporary, "postgres"),
      embeddedPort: await freePort(),
    });
    const passwordFile = defaultApplicationPasswordFile(postgres.url);
    try {
      expect(postgres.source).toContain("embedded PostgreSQL");
      await migrate({ url: postgres.url, usePrismaEngine: "never" });
      // Two starters at once agree on one password.
      const [first, second] = await Promise.all(
        [1, 2].map(() => applicationDatabaseUrlOf({}, postgres.url, quiet)),
      );
      expect(first).toBe(second);
      const url = new URL(first!);
      expect(url.username).toBe(APPLICATION_ROLE);
      expect(url.password).toMatch(/^[\w-]{32}$/);
      expect((await stat(passwordFile)).mode & 0o777).toBe(0o600);
      expect(await checkDatabaseRole(first!)).toEqual({ role: APPLICATION_ROLE, problems: [] });
      // The next start finds it and changes nothing.
      expect(await applicationDatabaseUrlOf({}, postgres.url, quiet)).toBe(first);
    } finally {
      await postgres.stop();
      await rm(passwordFile, { force: true });
    }
  }, 120_000);
});
