import { createDb, Prisma, type Db } from "@ledgerline/db";
import { formatDocumentNumber } from "@ledgerline/domain";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { numberSql, takeNextDocumentNumber } from "./numbering.ts";

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "numbering",
    adminUrl: inject("databaseAdminUrl"),
  });
  db = createDb({ url: database.url, maxConnections: 40 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("document numbers", () => {
  it("start at 0001 per type and year, with the company's prefix", async () => {
    const take = (type: "invoice" | "quote", year: number) =>
      db.$transaction((tx) => takeNextDocumentNumber(tx, type, year, { invoice: "RE" }));
    expect(await take("invoice", 2026)).toBe("RE-2026-0001");
    expect(await take("invoice", 2026)).toBe("RE-2026-0002");
    expect(await take("quote", 2026)).toBe("AN-2026-0001");
    expect(await take("invoice", 2027)).toBe("RE-2027-0001");
  });

  it("are gapless when a transaction that took one rolls back", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await takeNextDocumentNumber(tx, "credit_note", 2026, {});
        throw new Error("issuing failed after the number was taken");
      }),
    ).rejects.toThrow("issuing failed");
    expect(await db.$transaction((tx) => takeNextDocumentNumber(tx, "credit_note", 2026, {}))).toBe(
      "GS-2026-0001",
    );
  });

  it("are consecutive and unique when 32 transactions take them at once", async () => {
    const numbers = await Promise.all(
      Array.from({ length: 32 }, () =>
        db.$transaction((tx) => takeNextDocumentNumber(tx, "cancellation", 2026, {})),
      ),
    );
    const sequences = numbers.map((number) => Number(number.slice(-4))).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 32 }, (_, index) => index + 1));
  });

  it("are formatted by SQL exactly as by the domain, beyond four digits too", async () => {
    for (const sequence of [1, 42, 999, 9999, 10000, 123456]) {
      const [row] = await db.$queryRaw<{ number: string }[]>`
        SELECT ${numberSql("RE", 2026, Prisma.sql`${sequence}::int`)} AS number`;
      expect(row!.number).toBe(formatDocumentNumber("RE", 2026, sequence));
    }
  });
});
