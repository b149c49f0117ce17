import { createDb, type Db } from "@ledgerline/db";
import { verifyAuditChain } from "@ledgerline/db/audit-chain";
import { createTestDatabase, type TestDatabase } from "@ledgerline/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemActor } from "../actor.ts";
import { createCustomer } from "../customers/customers.ts";
import {
  cancelWithDocumentReturningId,
  createCreditNote,
} from "../sales-documents/correct-invoice.ts";
import { createSalesDocument } from "../sales-documents/create-sales-document.ts";
import { issueSalesDocument } from "../sales-documents/status-actions.ts";

/**
 * The audit trail's hash chain under the product's own writes: the numbering trigger records
 * its event at commit, and two commit-time locks (the number counter's, the chain's) meet there.
 */
const actor = systemActor("chain test");
let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase({ prefix: "chain", adminUrl: inject("databaseAdminUrl") });
  db = createDb({ url: database.url, maxConnections: 24 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("the audit trail's hash chain", () => {
  it("links every event of issues, cancellations and credit notes made at once, without a deadlock", async () => {
    const { id: customerId } = await createCustomer(db, actor, { name: "Kette GmbH" });
    const draft = async () =>
      (
        await createSalesDocument(db, actor, {
          type: "invoice",
          customerId,
          lines: [{ description: "Beratung", quantity: "2", unitPrice: "85.00", taxRate: "19" }],
        })
      ).id;
    const issued = [];
    for (let index = 0; index < 16; index += 1) {
      issued.push(await issueSalesDocument(db, actor, { id: await draft() }));
    }
    // In full (the invoice's settlement records an event before the number is taken) or in part
    // (nothing is recorded before it): the two orders in which a commit takes the two locks.
    const creditNotes = await Promise.all(
      issued.slice(8).map((invoice, index) =>
        createCreditNote(db, actor, {
          invoiceId: invoice.id,
          lines:
            index % 2 === 0
              ? "all"
              : [{ sourceLineItemId: invoice.lineItems[0]!.id, quantity: "1" }],
        }),
      ),
    );
    const drafts = await Promise.all(Array.from({ length: 8 }, draft));

    // A cancellation records events before its number is taken, an issue only when it is taken,
    // a credit note's issue settles its invoice first: all of them commit at the same time.
    const outcomes = await Promise.allSettled([
      ...drafts.map((id) => issueSalesDocument(db, actor, { id })),
      ...issued
        .slice(0, 8)
        .map((invoice) =>
          cancelWithDocumentReturningId(db, actor, { id: invoice.id, reason: "Storno" }),
        ),
      ...creditNotes.map((note) => issueSalesDocument(db, actor, { id: note.id })),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "rejected")).toEqual([]);

    const report = await verifyAuditChain(database.url);
    expect(report.problems).toEqual([]);
    expect(report.links).toBe(await db.auditEvent.count());
  });
});
