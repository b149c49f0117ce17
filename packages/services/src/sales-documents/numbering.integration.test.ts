import { createDb, type Db } from "@ledgerline/db";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import { addDays, formatDocumentNumber } from "@ledgerline/domain";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemActor } from "../actor.ts";
import { createCustomer } from "../customers/customers.ts";
import { companyToday } from "./company-context.ts";
import { createSalesDocument } from "./create-sales-document.ts";
import { assignDocumentNumber, inIssuingTransaction } from "./issue-document.ts";
import { loadSalesSettings } from "./company-context.ts";
import { issueSalesDocument } from "./status-actions.ts";

const actor = systemActor("numbering test");
let database: TestDatabase;
let db: Db;
let customerId: string;

beforeAll(async () => {
  database = await createTestDatabase({
    prefix: "numbering",
    adminUrl: inject("databaseAdminUrl"),
  });
  db = createDb({ url: database.url, maxConnections: 40 });
  customerId = (await createCustomer(db, actor, { name: "Nummernkunde GmbH" })).id;
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const draft = async (type: "invoice" | "quote" | "cancellation" = "invoice") =>
  (
    await createSalesDocument(db, actor, {
      type: type === "cancellation" ? "invoice" : type,
      customerId,
      lines: [{ description: "Leistung", quantity: "1", unitPrice: "10.00" }],
    })
  ).id;
const issue = async (id: string, issuedDate?: string) =>
  (await issueSalesDocument(db, actor, { id, issuedDate })).number;
const year = Number(companyToday().slice(0, 4));

describe("document numbers, taken when the issuing transaction commits", () => {
  it("start at 0001 per type and year, with the company's prefix, and grow past four digits", async () => {
    expect(await issue(await draft("quote"))).toBe(`AN-${year}-0001`);
    expect(await issue(await draft("quote"))).toBe(`AN-${year}-0002`);
    await db.numberSequence.update({
      where: { scope_year: { scope: "quote", year } },
      data: { lastNumber: 9998 },
    });
    expect(await issue(await draft("quote"))).toBe(`AN-${year}-9999`);
    expect(await issue(await draft("quote"))).toBe(formatDocumentNumber("AN", year, 10000));
  });

  it("are gapless when the issuing transaction rolls back after asking for one", async () => {
    const first = await draft();
    const settings = await loadSalesSettings(db);
    await expect(
      inIssuingTransaction(db, async (tx) => {
        await assignDocumentNumber(tx, actor, {
          document: { id: first, type: "invoice" },
          fields: {
            status: "sent",
            issuedDate: companyToday(),
            dueDate: null,
            validUntil: null,
            customerName: "Nummernkunde GmbH",
            billingAddress: {},
            customerVatId: null,
            approvedById: null,
          },
          personId: null,
          settings,
          action: "issue",
          before: { status: "draft" },
        });
        throw new Error("issuing failed after asking for the number");
      }),
    ).rejects.toThrow("issuing failed");
    expect(await db.pendingDocumentNumber.count()).toBe(0);
    expect(await issue(first)).toBe(`RE-${year}-0001`);
  });

  it("refuse an issued date before the type's last numbered one at commit, without using a number", async () => {
    const late = await draft();
    expect(await issue(late)).toBe(`RE-${year}-0002`);
    const early = await draft();
    await expect(issue(early, addDays(companyToday(), -40))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Numbers follow the issued dates"),
    });
    expect((await db.salesDocument.findUniqueOrThrow({ where: { id: early } })).status).toBe(
      "draft",
    );
    expect(await issue(early)).toBe(`RE-${year}-0003`);
  });

  it("are consecutive and unique when 32 documents are issued at once", async () => {
    const drafts = await Promise.all(Array.from({ length: 32 }, () => draft()));
    const numbers = await Promise.all(drafts.map((id) => issue(id)));
    const sequences = numbers.map((number) => Number(number!.slice(-4))).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 32 }, (_, index) => index + 4));
    // Each issue's audit event names its number.
    const events = await db.auditEvent.findMany({
      where: { action: "issue", entityId: { in: drafts } },
      select: { after: true },
    });
    expect(events.map((event) => (event.after as { number: string }).number).sort()).toEqual(
      [...numbers].sort(),
    );
  });
});
