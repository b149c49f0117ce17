import { describe, expect, it } from "vitest";
import { errorOf } from "./testing/api-harness.ts";
import { useSalesTestApi } from "./testing/sales-fixtures.ts";

/** Issued documents are immutable through the API: the printed terms freeze at issue. */
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
});
