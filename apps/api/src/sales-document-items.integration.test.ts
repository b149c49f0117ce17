import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { computeDocumentTotals } from "@ledgerline/domain";
import { createFileStore, loadSalesDocumentForPrint } from "@ledgerline/services";
import { describe, expect, it } from "vitest";
import { errorOf, outcomeOf } from "./testing/api-harness.ts";
import { cents, SEED_LINE, useSalesTestApi } from "./testing/sales-fixtures.ts";

/**
 * Seed 004's item endpoints as `salesDocuments.items.*`: each change of a draft's lines goes
 * through the whole-draft edit's code, so the stored totals always equal the lines' totals.
 */
const sales = useSalesTestApi();

/** 1,250 words at 0.1234 = 154.25 net, 19 % VAT 29.31. */
const TRANSLATION = {
  description: "Translation EN>DE, 1,250 words",
  quantity: "1250",
  unit: "Words",
  unitPrice: "0.1234",
  taxRate: "19",
  itemType: "language_pair" as const,
  sourceLanguage: "en",
  targetLanguage: "de",
  currency: "EUR",
};
const FORMATTING = {
  description: "Formatting",
  quantity: "1",
  unitPrice: "30.00",
  taxRate: "7",
  itemType: "additional_item" as const,
};

/** The stored header and the totals its stored lines give: always equal. */
async function storedTotals(id: string) {
  const document = await sales.api.db.salesDocument.findUniqueOrThrow({ where: { id } });
  const lines = await sales.api.db.lineItem.findMany({
    where: { salesDocumentId: id },
    orderBy: { position: "asc" },
  });
  const computed = computeDocumentTotals(lines);
  expect({
    net: cents(document.netAmount),
    tax: cents(document.taxAmount),
    total: cents(document.total),
  }).toEqual({
    net: cents(computed.netAmount),
    tax: cents(computed.taxAmount),
    total: cents(computed.total),
  });
  expect(lines.map((line) => line.position)).toEqual(lines.map((_, index) => index + 1));
  return {
    net: cents(document.netAmount),
    tax: cents(document.taxAmount),
    total: cents(document.total),
  };
}

describe("salesDocuments.items on a draft", () => {
  it("adds, lists, gets, updates and removes lines, the totals exact after each", async () => {
    const draft = await sales.fixtures.draft("invoice");
    const items = sales.as.team_lead.salesDocuments.items;
    expect(await storedTotals(draft.id)).toEqual({ net: "170.00", tax: "32.30", total: "202.30" });

    // add: a language pair in the document's own currency, languages canonicalised.
    const added = await items.add.mutate({
      salesDocumentId: draft.id,
      values: { ...TRANSLATION, targetLanguage: "de-at" },
    });
    expect(added).toMatchObject({
      salesDocumentId: draft.id,
      position: 2,
      itemType: "language_pair",
      sourceLanguage: "en",
      targetLanguage: "de-AT",
      currency: "EUR",
      document: { total: expect.anything() },
    });
    expect(cents(added.subtotalAfterDiscount)).toBe("154.25");
    expect(cents(added.document.total)).toBe("385.86");
    expect(await storedTotals(draft.id)).toEqual({ net: "324.25", tax: "61.61", total: "385.86" });

    // add at a position: the lines after it move down.
    const first = await items.add.mutate({
      salesDocumentId: draft.id,
      position: 1,
      values: FORMATTING,
    });
    expect(first.position).toBe(1);
    expect(await storedTotals(draft.id)).toEqual({ net: "354.25", tax: "63.71", total: "417.96" });

    const listed = await items.list.query({ salesDocumentId: draft.id });
    expect(listed.document.lineOrder).toBe("position");
    expect(listed.items.map((item) => [item.position, item.description])).toEqual([
      [1, "Formatting"],
      [2, "IT-Support"],
      [3, "Translation EN>DE, 1,250 words"],
    ]);
    const got = await sales.as.team_member.salesDocuments.items.get.query({
      salesDocumentId: draft.id,
      id: added.id,
    });
    expect(got).toMatchObject({ id: added.id, position: 3, currency: "EUR" });

    // update: the fields sent change; the line keeps its id and place.
    const updated = await items.update.mutate({
      salesDocumentId: draft.id,
      id: added.id,
      values: { quantity: "2500" },
    });
    expect(updated).toMatchObject({
      id: added.id,
      position: 3,
      description: TRANSLATION.description,
    });
    expect(cents(updated.subtotalAfterDiscount)).toBe("308.50");
    expect(await storedTotals(draft.id)).toEqual({ net: "508.50", tax: "93.02", total: "601.52" });

    // remove: the rest move up, the totals follow.
    const removed = await items.remove.mutate({ salesDocumentId: draft.id, id: first.id });
    expect(cents(removed.document.total)).toBe("569.42");
    expect(await storedTotals(draft.id)).toEqual({ net: "478.50", tax: "90.92", total: "569.42" });
    expect(
      (await items.list.query({ salesDocumentId: draft.id })).items.map((item) => item.position),
    ).toEqual([1, 2]);

    // Every change is audited as a change of the draft, with the lines before and after.
    const events = await sales.api.db.auditEvent.findMany({
      where: { entityType: "salesDocument", entityId: draft.id, action: "update" },
    });
    expect(events).toHaveLength(4);
    expect(events.every((event) => event.actorId === sales.api.users.team_lead.id)).toBe(true);
  });

  it("keeps at least one line, refuses a line of another document, and lets team members only read", async () => {
    const draft = await sales.fixtures.draft("invoice");
    const other = await sales.fixtures.draft("invoice");
    const [line] = (
      await sales.as.finance.salesDocuments.items.list.query({ salesDocumentId: draft.id })
    ).items;
    const before = await sales.fixtures.counts();

    const last = await errorOf(
      sales.as.finance.salesDocuments.items.remove.mutate({
        salesDocumentId: draft.id,
        id: line!.id,
      }),
    );
    expect(last.data?.code).toBe("BAD_REQUEST");
    expect(last.data?.fieldErrors).toEqual({ lines: ["Add at least one line."] });

    for (const call of [
      () =>
        sales.as.finance.salesDocuments.items.get.query({
          salesDocumentId: other.id,
          id: line!.id,
        }),
      () =>
        sales.as.finance.salesDocuments.items.update.mutate({
          salesDocumentId: other.id,
          id: line!.id,
          values: { quantity: "3" },
        }),
      () =>
        sales.as.finance.salesDocuments.items.remove.mutate({
          salesDocumentId: other.id,
          id: line!.id,
        }),
    ]) {
      const refused = await errorOf(call());
      expect(refused.data?.code).toBe("NOT_FOUND");
      expect(refused.message).toBe("This line item does not exist on this document.");
    }
    expect(
      await outcomeOf(
        sales.as.team_member.salesDocuments.items.add.mutate({
          salesDocumentId: draft.id,
          values: FORMATTING,
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(await sales.fixtures.counts()).toEqual(before);
  });

  it("refuses every change of an issued document with the immutability error, writing nothing", async () => {
    const issued = await sales.fixtures.issued("invoice");
    const [line] = issued.lineItems;
    const whole = await errorOf(
      sales.as.finance.salesDocuments.updateDraft.mutate({
        id: issued.id,
        values: { notes: "changed" },
      }),
    );
    const before = await sales.fixtures.counts();
    const attempts = [
      () =>
        sales.as.finance.salesDocuments.items.add.mutate({
          salesDocumentId: issued.id,
          values: FORMATTING,
        }),
      () =>
        sales.as.finance.salesDocuments.items.update.mutate({
          salesDocumentId: issued.id,
          id: line!.id,
          values: { quantity: "3" },
        }),
      () =>
        sales.as.finance.salesDocuments.items.remove.mutate({
          salesDocumentId: issued.id,
          id: line!.id,
        }),
    ];
    for (const attempt of attempts) {
      const refused = await errorOf(attempt());
      expect({ code: refused.data?.code, message: refused.message }).toEqual({
        code: whole.data?.code,
        message: whole.message,
      });
    }
    expect(await sales.fixtures.counts()).toEqual(before);
    // Reading an issued document's items works as for any document.
    const listed = await sales.as.team_member.salesDocuments.items.list.query({
      salesDocumentId: issued.id,
    });
    expect(listed.items.map((item) => item.id)).toEqual([line!.id]);
  });
});

describe("item currency and languages", () => {
  it("accepts the document's currency on an item and refuses another, on items and whole drafts", async () => {
    const customer = await sales.fixtures.customer({ defaultCurrency: "CHF" });
    const draft = await sales.fixtures.draft("invoice", { customerId: customer.id });
    expect(draft.currency).toBe("CHF");
    const before = await sales.fixtures.counts();

    const onItem = await errorOf(
      sales.as.finance.salesDocuments.items.add.mutate({
        salesDocumentId: draft.id,
        values: { ...TRANSLATION, currency: "EUR" },
      }),
    );
    expect(onItem.data?.code).toBe("BAD_REQUEST");
    expect(onItem.data?.fieldErrors).toEqual({
      "values.currency": [
        "An item is in its document's currency (CHF): a document has one currency, so EUR cannot be used here.",
      ],
    });

    const onCreate = await errorOf(
      sales.as.finance.salesDocuments.create.mutate({
        type: "invoice",
        customerId: customer.id,
        lines: [SEED_LINE, { ...SEED_LINE, currency: "USD" }],
      }),
    );
    expect(Object.keys(onCreate.data?.fieldErrors ?? {})).toEqual(["lines.1.currency"]);

    const onEdit = await errorOf(
      sales.as.finance.salesDocuments.updateDraft.mutate({
        id: draft.id,
        values: { lines: [{ ...SEED_LINE, currency: "EUR" }] },
      }),
    );
    expect(Object.keys(onEdit.data?.fieldErrors ?? {})).toEqual(["lines.0.currency"]);
    expect(await sales.fixtures.counts()).toEqual(before);

    // The document's own currency is accepted, and changing the document's currency with the
    // items naming the new one is one consistent change.
    const same = await sales.as.finance.salesDocuments.items.add.mutate({
      salesDocumentId: draft.id,
      values: { ...TRANSLATION, currency: "CHF" },
    });
    expect(same.currency).toBe("CHF");
    const switched = await sales.as.finance.salesDocuments.updateDraft.mutate({
      id: draft.id,
      values: { currency: "EUR", lines: [{ ...SEED_LINE, currency: "EUR" }] },
    });
    expect(switched.currency).toBe("EUR");
  });

  it("adds seed 004's item by its net amount: the line is what the net says, the totals follow", async () => {
    const draft = await sales.fixtures.draft("invoice");
    const before = draft.netAmount;
    const added = await sales.as.finance.salesDocuments.items.add.mutate({
      salesDocumentId: draft.id,
      values: {
        itemType: "language_pair",
        sourceLanguage: "en",
        targetLanguage: "fr",
        amountNet: "120.00",
        unitPrice: "0.12",
        currency: draft.currency,
      },
    });
    expect(added).toMatchObject({ description: "en → fr", itemType: "language_pair" });
    expect(added.quantity.toString()).toBe("1000");
    expect(added.subtotalAfterDiscount.toFixed(2)).toBe("120.00");
    const after = await sales.as.finance.salesDocuments.get.query({ id: draft.id });
    expect(after.netAmount.minus(before).toFixed(2)).toBe("120.00");

    const counts = await sales.fixtures.counts();
    const refused = await errorOf(
      sales.as.finance.salesDocuments.items.add.mutate({
        salesDocumentId: draft.id,
        values: { ...TRANSLATION, amountNet: "100.00", quantity: "3", unitPrice: "33.33" },
      }),
    );
    expect(refused.data?.fieldErrors).toEqual({
      "values.amountNet": ["The net amount 100.00 is not what quantity × unit price make: 99.99."],
    });
    expect(await sales.fixtures.counts()).toEqual(counts);
  });

  it("refuses a language that is no BCP 47 tag, with the field named", async () => {
    const draft = await sales.fixtures.draft("invoice");
    const refused = await errorOf(
      sales.as.finance.salesDocuments.items.add.mutate({
        salesDocumentId: draft.id,
        values: { ...TRANSLATION, sourceLanguage: "en_US!" },
      }),
    );
    expect(refused.data?.code).toBe("BAD_REQUEST");
    expect(Object.keys(refused.data?.fieldErrors ?? {})).toEqual(["values.sourceLanguage"]);
  });
});

describe("line order", () => {
  it("shows, lists and prints seed 004's language order when the draft asks for it", async () => {
    const draft = await sales.fixtures.draft("invoice", {
      lines: [TRANSLATION, SEED_LINE, FORMATTING],
    });
    expect(draft.lineOrder).toBe("position");
    const asEntered = ["Translation EN>DE, 1,250 words", "IT-Support", "Formatting"];
    expect(draft.lineItems.map((line) => line.description)).toEqual(asEntered);

    const ordered = await sales.as.team_lead.salesDocuments.updateDraft.mutate({
      id: draft.id,
      values: { lineOrder: "language" },
    });
    // No target language first (additional item before other), then the language pair.
    const byLanguage = ["Formatting", "IT-Support", "Translation EN>DE, 1,250 words"];
    expect(ordered.lineOrder).toBe("language");
    expect(ordered.lineItems.map((line) => line.description)).toEqual(byLanguage);
    // The stored positions stay as entered: the order is a view.
    expect(ordered.lineItems.map((line) => line.position)).toEqual([3, 2, 1]);
    const listed = await sales.as.team_member.salesDocuments.items.list.query({
      salesDocumentId: draft.id,
    });
    expect(listed.items.map((item) => item.description)).toEqual(byLanguage);

    // The PDF and the e-invoice read the same view: lines in that order, numbered 1..n.
    await sales.as.admin.settings.update.mutate({ legalName: "Line Order GmbH", city: "Kiel" });
    const storageDir = await mkdtemp(join(tmpdir(), "ledgerline-items-"));
    try {
      const print = await loadSalesDocumentForPrint(
        sales.api.db,
        createFileStore(storageDir),
        draft.id,
      );
      expect(print.view.lines.map((line) => [line.position, line.description])).toEqual(
        byLanguage.map((description, index) => [index + 1, description]),
      );
      // The language pair is printed under its line, named in the document's language.
      expect(print.view.lines.map((line) => line.languagePair)).toEqual([
        null,
        null,
        draft.locale === "en" ? "English → German" : "Englisch → Deutsch",
      ]);
    } finally {
      await rm(storageDir, { recursive: true, force: true });
    }

    // A quote in language order converts into documents that show their lines the same way.
    const quote = await sales.fixtures.draft("quote", {
      lines: [TRANSLATION, FORMATTING],
      lineOrder: "language",
    });
    await sales.as.finance.salesDocuments.issue.mutate({ id: quote.id });
    const confirmation = await sales.as.finance.salesDocuments.convert.mutate({
      id: quote.id,
      to: "order_confirmation",
    });
    expect(confirmation.lineOrder).toBe("language");
    expect(confirmation.lineItems.map((line) => line.description)).toEqual([
      "Formatting",
      "Translation EN>DE, 1,250 words",
    ]);

    // Issued, the order is frozen with the document (GoBD).
    await sales.as.finance.salesDocuments.issue.mutate({ id: draft.id });
    const refused = await errorOf(
      sales.as.finance.salesDocuments.updateDraft.mutate({
        id: draft.id,
        values: { lineOrder: "position" },
      }),
    );
    expect(refused.data?.code).not.toBe("OK");
    expect(
      (await sales.api.db.salesDocument.findUniqueOrThrow({ where: { id: draft.id } })).lineOrder,
    ).toBe("language");
  });
});
