import { createDb } from "@ledgerline/db";
import { ISSUED_DOCUMENT_CHANGE_MESSAGE } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { errorOf } from "./testing/api-harness.ts";
import { SEED_LINE, useSalesTestApi } from "./testing/sales-fixtures.ts";

/**
 * Issued documents are immutable (GoBD, docs/domain-model.md §5.12) through the API as well as
 * in the database: the printed terms freeze at issue, and should a use case ever let a change
 * through, the database's refusal reaches the caller as a conflict, with nothing written.
 */
const sales = useSalesTestApi();

describe("an issued document through the API", () => {
  it("keeps its printed terms (4xx, nothing written) while its notes still change", async () => {
    const draft = await sales.fixtures.draft("invoice", { terms: "Zahlbar in 14 Tagen" });
    const document = await sales.as.finance.salesDocuments.issue.mutate({ id: draft.id });
    const before = await sales.fixtures.counts();

    const refused = await errorOf(
      sales.as.finance.salesDocuments.update.mutate({
        id: document.id,
        notes: "Kunde hat angerufen",
        terms: "Zahlbar sofort",
      }),
    );
    expect(refused.data?.httpStatus).toBe(422);
    expect(refused.message).toBe(
      'The terms are printed on the document, so they change only while it is a draft; this invoice is "sent". Its notes can still change.',
    );
    expect(await sales.fixtures.counts()).toEqual(before);
    const stored = await sales.api.db.salesDocument.findUniqueOrThrow({
      where: { id: document.id },
    });
    expect([stored.terms, stored.notes]).toEqual(["Zahlbar in 14 Tagen", null]);

    // The same terms sent along are no change; the notes are.
    const annotated = await sales.as.finance.salesDocuments.update.mutate({
      id: document.id,
      notes: "Kunde hat angerufen",
      terms: "Zahlbar in 14 Tagen",
    });
    expect(annotated).toMatchObject({ notes: "Kunde hat angerufen", terms: "Zahlbar in 14 Tagen" });
  });

  it("is refused by the database even when a use case is fooled, as CONFLICT and not a 500", async () => {
    const document = await sales.fixtures.issued("invoice");
    // A numbered invoice that claims to be a draft, as a bug might leave one: only a superuser
    // can write that, past the triggers. The draft editor believes the status and tries.
    const owner = createDb({ url: sales.api.ownerUrl, maxConnections: 1 });
    try {
      await owner.$transaction([
        owner.$executeRaw`SET LOCAL session_replication_role = replica`,
        owner.salesDocument.update({
          where: { id: document.id },
          data: { status: "draft" },
          select: { id: true },
        }),
      ]);
    } finally {
      await owner.$disconnect();
    }
    const before = await sales.fixtures.counts();

    const refused = await errorOf(
      sales.as.finance.salesDocuments.updateDraft.mutate({
        id: document.id,
        values: { customerId: document.customerId, lines: [{ ...SEED_LINE, quantity: "3" }] },
      }),
    );
    expect(refused.data?.httpStatus).toBe(409);
    expect(refused.message).toBe(ISSUED_DOCUMENT_CHANGE_MESSAGE);
    expect(refused.data?.details).toMatchObject({
      number: document.number,
      operation: "DELETE of line items",
    });
    expect(await sales.fixtures.counts()).toEqual(before);
    const lines = await sales.api.db.lineItem.findMany({
      where: { salesDocumentId: document.id },
    });
    expect(lines.map((line) => line.quantity.toFixed(0))).toEqual(["2"]);
  });
});
