import { addDays } from "@ledgerline/domain";
import { companyToday } from "@ledgerline/services";
import { describe, expect, it } from "vitest";
import { errorOf, outcomeOf, TEST_ORIGIN } from "./testing/api-harness.ts";
import { cents, SEED_LINE, useSalesTestApi } from "./testing/sales-fixtures.ts";

/**
 * Four-eyes approval, conversions with their links, credit notes and cancellations. A file of
 * its own: the approval threshold is a company setting, and these tests change it.
 */
const sales = useSalesTestApi();

const setThreshold = (threshold: string | null) =>
  sales.as.admin.settings.update.mutate({
    legalName: "Ledgerline Test GmbH",
    invoiceApprovalThreshold: threshold,
  });

/** 10 × 100.00 at 19 % = 1190.00 */
const BIG_LINE = { description: "Projektphase", quantity: "10", unitPrice: "100", taxRate: "19" };

describe("four-eyes approval", () => {
  it("submits at the threshold, refuses the submitter's own approval, and issues on another's", async () => {
    await setThreshold("1000.00");
    try {
      const draft = await sales.fixtures.draft("invoice", { lines: [BIG_LINE] });
      expect(draft.approvalRequired).toBe(true);
      expect(draft.allowedActions).toEqual(["submit", "delete"]);
      const direct = await errorOf(sales.as.finance.salesDocuments.issue.mutate({ id: draft.id }));
      expect(direct.message).toBe(
        "This invoice needs approval: its total is at or above the approval threshold. Submit it instead.",
      );

      const pending = await sales.as.finance.salesDocuments.submit.mutate({ id: draft.id });
      expect(pending).toMatchObject({
        status: "pending",
        number: null,
        submittedBy: { id: sales.api.users.finance.id },
      });
      expect(pending.allowedActions).toEqual(["withdraw", "delete"]);
      const own = await errorOf(sales.as.finance.salesDocuments.approve.mutate({ id: draft.id }));
      expect(own.data?.code).toBe("FORBIDDEN");
      expect(own.message).toBe("You submitted this document; someone else must approve it.");
      expect(
        await outcomeOf(sales.as.team_member.salesDocuments.approve.mutate({ id: draft.id })),
      ).toBe("FORBIDDEN");
      const edit = await errorOf(
        sales.as.finance.salesDocuments.updateDraft.mutate({
          id: draft.id,
          values: { customerId: draft.customerId, lines: [SEED_LINE] },
        }),
      );
      expect(edit.message).toBe(
        'Only drafts can be changed; this invoice is "pending". Return or withdraw it to draft first.',
      );

      const leadView = await sales.as.team_lead.salesDocuments.get.query({ id: draft.id });
      expect(leadView.allowedActions).toEqual(["approve", "return"]);
      const approved = await sales.as.team_lead.salesDocuments.approve.mutate({ id: draft.id });
      expect(approved).toMatchObject({
        status: "sent",
        approvedBy: { id: sales.api.users.team_lead.id },
        issuedBy: { id: sales.api.users.team_lead.id },
        submittedBy: { id: sales.api.users.finance.id },
        issuedDate: companyToday(),
      });
      expect(approved.number).toMatch(/^RE-\d{4}-\d{4}$/);
      expect(
        approved.history.map((entry) => [entry.action, entry.fromStatus, entry.toStatus]),
      ).toEqual([
        ["create", null, "draft"],
        ["submit", "draft", "pending"],
        ["approve", "pending", "sent"],
      ]);

      const small = await sales.fixtures.draft("invoice");
      const submitSmall = await errorOf(
        sales.as.finance.salesDocuments.submit.mutate({ id: small.id }),
      );
      expect(submitSmall.message).toBe(
        "This invoice needs no approval: its total is below the approval threshold. Issue it directly.",
      );
      // Quotes have no four-eyes at all.
      const quote = await sales.fixtures.draft("quote", { lines: [BIG_LINE] });
      expect((await sales.as.finance.salesDocuments.issue.mutate({ id: quote.id })).status).toBe(
        "sent",
      );
    } finally {
      await setThreshold(null);
    }
  });

  it("returns to draft with a reason from an approver, or is withdrawn by its submitter", async () => {
    await setThreshold("0");
    try {
      const draft = await sales.fixtures.draft("sales_order", {}, sales.as.team_lead);
      await sales.as.team_lead.salesDocuments.submit.mutate({ id: draft.id });
      const noReason = await errorOf(
        sales.as.finance.salesDocuments.returnToDraft.mutate({ id: draft.id }),
      );
      expect(noReason.data?.fieldErrors).toEqual({ reason: ["Say why you return it to draft."] });
      const returned = await sales.as.finance.salesDocuments.returnToDraft.mutate({
        id: draft.id,
        reason: "Preis prüfen",
      });
      expect(returned).toMatchObject({ status: "draft", submittedBy: null, submittedAt: null });
      expect(returned.history.at(-1)).toMatchObject({ action: "return", reason: "Preis prüfen" });

      await sales.as.team_lead.salesDocuments.submit.mutate({ id: draft.id });
      const withdrawn = await sales.as.team_lead.salesDocuments.returnToDraft.mutate({
        id: draft.id,
      });
      expect(withdrawn.status).toBe("draft");
      expect(withdrawn.history.at(-1)).toMatchObject({
        action: "withdraw",
        actorName: "Test team_lead",
      });
      const viaStatus = await sales.as.team_lead.salesDocuments.updateStatus.mutate({
        id: draft.id,
        status: "pending",
      });
      expect(viaStatus.status).toBe("pending");
    } finally {
      await setThreshold(null);
    }
  });

  it("counts an API token as the person who owns it", async () => {
    await setThreshold("1000.00");
    try {
      const { secret } = await sales.as.admin.apiTokens.create.mutate({
        name: "Billing script",
        role: "finance",
      });
      const script = sales.api.client({
        headers: { authorization: `Bearer ${secret}`, origin: TEST_ORIGIN },
      }).trpc;
      const draft = await sales.fixtures.draft("invoice", { lines: [BIG_LINE] }, script);
      const pending = await script.salesDocuments.submit.mutate({ id: draft.id });
      expect(pending.submittedBy).toMatchObject({ id: sales.api.users.admin.id });
      // The admin created the token that submitted it: not theirs to approve.
      const own = await errorOf(sales.as.admin.salesDocuments.approve.mutate({ id: draft.id }));
      expect(own.message).toBe("You submitted this document; someone else must approve it.");
      const byScript = await errorOf(script.salesDocuments.approve.mutate({ id: draft.id }));
      expect(byScript.data?.code).toBe("FORBIDDEN");
      const approved = await sales.as.finance.salesDocuments.approve.mutate({ id: draft.id });
      expect(approved.status).toBe("sent");
      const submitEvent = await sales.api.db.auditEvent.findFirstOrThrow({
        where: { entityType: "salesDocument", entityId: draft.id, action: "submit" },
      });
      expect(submitEvent.apiTokenId).not.toBeNull();
      expect(submitEvent.actorId).toBe(sales.api.users.admin.id);
      expect(approved.history.find((entry) => entry.action === "submit")).toMatchObject({
        actorName: "Test admin",
        apiTokenName: "Billing script",
      });
    } finally {
      await setThreshold(null);
    }
  });
});

describe("conversions", () => {
  it("turns a quote into an order confirmation and that into an invoice, keeping every link", async () => {
    const quote = await sales.fixtures.issued("quote", {
      lines: [
        SEED_LINE,
        {
          description: "Einrichtung",
          quantity: "1",
          unitPrice: "150",
          taxRate: "19",
          discountPercent: "10",
        },
      ],
    });
    const draftQuote = await sales.fixtures.draft("quote");
    const early = await errorOf(
      sales.as.team_lead.salesDocuments.convert.mutate({ id: draftQuote.id, to: "invoice" }),
    );
    expect(early.message).toBe(
      'Cannot convert this quote to an invoice while it is "draft". Allowed now: issue, delete.',
    );

    const confirmation = await sales.as.team_lead.salesDocuments.convert.mutate({
      id: quote.id,
      to: "order_confirmation",
    });
    expect(confirmation).toMatchObject({
      type: "order_confirmation",
      status: "draft",
      number: null,
      sourceDocument: { id: quote.id, type: "quote", number: quote.number, status: "accepted" },
      customerId: quote.customerId,
    });
    expect(confirmation.lineItems.map((line) => line.sourceLineItemId)).toEqual(
      quote.lineItems.map((line) => line.id),
    );
    expect(cents(confirmation.total)).toBe(cents(quote.total));
    const acceptedQuote = await sales.as.finance.salesDocuments.get.query({ id: quote.id });
    expect(acceptedQuote.status).toBe("accepted");
    expect(acceptedQuote.followUps).toMatchObject([
      { id: confirmation.id, type: "order_confirmation" },
    ]);

    const sentConfirmation = await sales.as.team_lead.salesDocuments.issue.mutate({
      id: confirmation.id,
    });
    expect(sentConfirmation.number).toMatch(/^AB-/);
    const invoice = await sales.as.team_lead.salesDocuments.convert.mutate({
      id: confirmation.id,
      to: "invoice",
    });
    expect(invoice).toMatchObject({
      type: "invoice",
      status: "draft",
      invoiceKind: "tax_invoice",
      sourceDocument: { id: confirmation.id, type: "order_confirmation", status: "sent" },
    });
    expect(invoice.lineItems.map((line) => line.sourceLineItemId)).toEqual(
      sentConfirmation.lineItems.map((line) => line.id),
    );
    // An order confirmation with a live invoice is not cancelled.
    const cancel = await errorOf(
      sales.as.team_lead.salesDocuments.cancel.mutate({ id: confirmation.id, reason: "Storniert" }),
    );
    expect(cancel.message).toMatch(/^An invoice made from this order confirmation is a draft/);
    expect(
      await outcomeOf(
        sales.as.team_member.salesDocuments.convert.mutate({ id: quote.id, to: "invoice" }),
      ),
    ).toBe("FORBIDDEN");
  });

  it("transforms a sent sales order into an issued invoice, or a pending one when it needs approval", async () => {
    const order = await sales.fixtures.issued("sales_order", { lines: [BIG_LINE] });
    expect(
      await outcomeOf(sales.as.team_member.salesDocuments.transform.mutate({ id: order.id })),
    ).toBe("FORBIDDEN");
    const invoice = await sales.as.team_lead.salesDocuments.transform.mutate({ id: order.id });
    expect(invoice).toMatchObject({
      type: "invoice",
      status: "sent",
      sourceDocument: { id: order.id, type: "sales_order", status: "transformed" },
      issuedBy: { id: sales.api.users.team_lead.id },
    });
    expect(invoice.number).toMatch(/^RE-/);
    expect(cents(invoice.total)).toBe("1190.00");
    const again = await errorOf(
      sales.as.team_lead.salesDocuments.transform.mutate({ id: order.id }),
    );
    expect(again.message).toBe(
      'Cannot transform this sales order while it is "transformed". Allowed now: delete.',
    );

    const proForma = await sales.fixtures.issued("pro_forma", { lines: [BIG_LINE] });
    await setThreshold("1000.00");
    try {
      const pending = await sales.as.team_lead.salesDocuments.transform.mutate({ id: proForma.id });
      expect(pending).toMatchObject({
        status: "pending",
        number: null,
        submittedBy: { id: sales.api.users.team_lead.id },
      });
      expect(
        (await sales.as.finance.salesDocuments.approve.mutate({ id: pending.id })).number,
      ).toMatch(/^RE-/);
    } finally {
      await setThreshold(null);
    }
  });

  it("cancels sales orders with a reason; a never-issued one keeps no number", async () => {
    const draft = await sales.fixtures.draft("sales_order");
    const noReason = await errorOf(
      sales.as.team_lead.salesDocuments.cancel.mutate({ id: draft.id, reason: " " }),
    );
    expect(noReason.data?.fieldErrors).toEqual({ reason: ["A reason is required."] });
    const cancelled = await sales.as.team_lead.salesDocuments.cancel.mutate({
      id: draft.id,
      reason: "Kunde abgesprungen",
    });
    expect(cancelled).toMatchObject({
      status: "cancelled",
      number: null,
      cancelReason: "Kunde abgesprungen",
    });
    const invoice = await sales.fixtures.issued("invoice");
    const wrong = await errorOf(
      sales.as.finance.salesDocuments.cancel.mutate({ id: invoice.id, reason: "x" }),
    );
    expect(wrong.message).toBe(
      'Cannot cancel this invoice while it is "sent". Allowed now: create credit note, cancel (with a cancellation document), delete.',
    );
  });
});

describe("credit notes", () => {
  it("credits selected lines up to what is not credited yet, and re-derives the invoice when issued", async () => {
    const invoice = await sales.fixtures.issued("invoice", {
      lines: [SEED_LINE, { description: "Anfahrt", quantity: "1", unitPrice: "40", taxRate: "19" }],
    });
    const [support, travel] = invoice.lineItems;
    expect(
      await outcomeOf(
        sales.as.team_lead.salesDocuments.createCreditNote.mutate({
          invoiceId: invoice.id,
          lines: "all",
        }),
      ),
    ).toBe("FORBIDDEN");
    const tooMuch = await errorOf(
      sales.as.finance.salesDocuments.createCreditNote.mutate({
        invoiceId: invoice.id,
        lines: [{ sourceLineItemId: support!.id, quantity: "3" }],
      }),
    );
    expect(tooMuch.data?.fieldErrors).toEqual({
      "lines.0.quantity": ["Line 1 (“IT-Support”): at most 2 of 2 can still be credited."],
    });

    const partial = await sales.as.finance.salesDocuments.createCreditNote.mutate({
      invoiceId: invoice.id,
      lines: [{ sourceLineItemId: support!.id, quantity: "1" }],
      reason: "Eine Stunde zu viel",
    });
    expect(partial).toMatchObject({
      type: "credit_note",
      status: "draft",
      sourceDocument: { id: invoice.id, status: "sent" },
      customerName: invoice.customerName,
      notes: "Eine Stunde zu viel",
    });
    expect(partial.lineItems.map((line) => [cents(line.quantity), line.sourceLineItemId])).toEqual([
      ["-1.00", support!.id],
    ]);
    expect(cents(partial.total)).toBe("-101.15");
    // A second draft may not credit the same hours again.
    const twice = await errorOf(
      sales.as.finance.salesDocuments.createCreditNote.mutate({
        invoiceId: invoice.id,
        lines: [{ sourceLineItemId: support!.id, quantity: "2" }],
      }),
    );
    expect(twice.message).toBe("Line 1 (“IT-Support”): at most 1 of 2 can still be credited.");

    const issueByLead = await errorOf(
      sales.as.team_lead.salesDocuments.issue.mutate({ id: partial.id }),
    );
    expect(issueByLead.message).toBe(
      "Your role (team_lead) may not do this (needs salesDocument.correct).",
    );
    const issued = await sales.as.finance.salesDocuments.issue.mutate({ id: partial.id });
    expect(issued.number).toMatch(/^GS-\d{4}-\d{4}$/);
    expect(issued.status).toBe("paid"); // wholly offset against what the invoice still owes
    const after = await sales.as.finance.salesDocuments.get.query({ id: invoice.id });
    expect(after.status).toBe("sent");
    expect([after.creditedAmount, after.outstandingAmount].map(cents)).toEqual([
      "101.15",
      "148.75",
    ]);

    // The rest, with a goodwill line, credits the invoice in full: nothing was paid, so it is cancelled.
    const rest = await sales.as.finance.salesDocuments.createCreditNote.mutate({
      invoiceId: invoice.id,
      lines: "all",
    });
    expect(rest.lineItems.map((line) => [line.description, cents(line.quantity)])).toEqual([
      ["IT-Support", "-1.00"],
      ["Anfahrt", "-1.00"],
    ]);
    expect(travel!.id).toBe(rest.lineItems[1]!.sourceLineItemId);
    const goodwill = await errorOf(
      sales.as.finance.salesDocuments.updateDraft.mutate({
        id: rest.id,
        values: {
          customerId: rest.customerId,
          lines: [
            ...rest.lineItems.map((line) => ({
              id: line.id,
              description: line.description,
              quantity: line.quantity.toFixed(3),
              unitPrice: line.unitPrice.toFixed(4),
              taxRate: line.taxRate.toFixed(2),
            })),
            { description: "Kulanz", quantity: "-1", unitPrice: "10", taxRate: "19" },
          ],
        },
      }),
    );
    expect(goodwill.message).toBe(
      "This credit note takes back 160.65 EUR, but only 148.75 EUR of the invoice is not credited yet.",
    );
    const full = await sales.as.finance.salesDocuments.issue.mutate({ id: rest.id });
    expect(full.status).toBe("paid");
    const cancelled = await sales.as.finance.salesDocuments.get.query({ id: invoice.id });
    expect(cancelled).toMatchObject({ status: "cancelled", allowedActions: ["delete"] });
    expect(cents(cancelled.outstandingAmount)).toBe("0.00");
    expect(cancelled.history.at(-1)).toMatchObject({
      action: "settle",
      fromStatus: "sent",
      toStatus: "cancelled",
    });
    const none = await errorOf(
      sales.as.finance.salesDocuments.createCreditNote.mutate({
        invoiceId: invoice.id,
        lines: "all",
      }),
    );
    expect(none.message).toBe(
      'Cannot create a credit note for this invoice while it is "cancelled". Allowed now: delete.',
    );
  });

  it("refuses credit notes for anything but an issued invoice", async () => {
    const quote = await sales.fixtures.issued("quote");
    const fromQuote = await errorOf(
      sales.as.finance.salesDocuments.createCreditNote.mutate({
        invoiceId: quote.id,
        lines: "all",
      }),
    );
    expect(fromQuote.message).toBe("Credit notes are made from invoices only.");
    const draft = await sales.fixtures.draft("invoice");
    const fromDraft = await errorOf(
      sales.as.finance.salesDocuments.createCreditNote.mutate({
        invoiceId: draft.id,
        lines: "all",
      }),
    );
    expect(fromDraft.data?.code).toBe("UNPROCESSABLE_CONTENT");
    // Seed 004's error name, with the current status and what is allowed from it.
    expect(fromDraft.data).toMatchObject({
      name: "InvalidStatusTransitionError",
      details: { type: "invoice", status: "draft", action: "createCreditNote" },
    });
    expect((fromDraft.data?.details as { allowed: string[] }).allowed).toEqual(
      expect.arrayContaining(["issue", "delete"]),
    );
    const nothing = await errorOf(
      sales.as.finance.salesDocuments.createCreditNote.mutate({ invoiceId: draft.id, lines: [] }),
    );
    expect(nothing.data?.fieldErrors).toEqual({
      lines: ["Choose at least one line to credit or add a goodwill line."],
    });
  });
});

describe("cancellation (Storno)", () => {
  it("issues an ST document that mirrors the invoice and cancels it", async () => {
    const invoice = await sales.fixtures.issued("invoice", {
      lines: [
        SEED_LINE,
        {
          description: "Rabattiert",
          quantity: "3",
          unitPrice: "19.99",
          taxRate: "7",
          discountPercent: "10",
        },
      ],
    });
    expect(
      await outcomeOf(
        sales.as.team_lead.salesDocuments.cancelWithDocument.mutate({
          id: invoice.id,
          reason: "Fehler",
        }),
      ),
    ).toBe("FORBIDDEN");
    const noReason = await errorOf(
      sales.as.finance.salesDocuments.cancelWithDocument.mutate({ id: invoice.id, reason: "" }),
    );
    expect(noReason.data?.fieldErrors).toEqual({ reason: ["A reason is required."] });

    const cancellation = await sales.as.finance.salesDocuments.cancelWithDocument.mutate({
      id: invoice.id,
      reason: "Falscher Empfänger",
    });
    expect(cancellation).toMatchObject({
      type: "cancellation",
      status: "sent",
      cancelReason: "Falscher Empfänger",
      issuedDate: companyToday(),
      sourceDocument: { id: invoice.id, type: "invoice", status: "cancelled" },
      customerName: invoice.customerName,
      issuedBy: { id: sales.api.users.finance.id },
    });
    expect(cancellation.number).toMatch(/^ST-\d{4}-\d{4}$/);
    expect(
      cancellation.lineItems.map((line) => [
        line.sourceLineItemId,
        cents(line.quantity),
        cents(line.total),
      ]),
    ).toEqual(
      invoice.lineItems.map((line) => [
        line.id,
        cents(line.quantity.negated()),
        cents(line.total.negated()),
      ]),
    );
    expect(cents(cancellation.total)).toBe(cents(invoice.total.negated()));
    expect(cents(cancellation.total.plus(invoice.total))).toBe("0.00");
    const cancelled = await sales.as.finance.salesDocuments.get.query({ id: invoice.id });
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "Falscher Empfänger" });
    expect(cancelled.followUps).toMatchObject([{ id: cancellation.id, type: "cancellation" }]);
    expect(cancelled.history.at(-1)).toMatchObject({
      action: "cancelWithDocument",
      fromStatus: "sent",
      toStatus: "cancelled",
      reason: "Falscher Empfänger",
    });
  });

  it("refuses to cancel an invoice with payments or a credit note, and writes nothing", async () => {
    const paid = await sales.fixtures.issued("invoice");
    await sales.as.finance.payments.create.mutate({
      salesDocumentId: paid.id,
      amount: "2.30",
      paymentDate: companyToday(),
      method: "cash",
    });
    const credited = await sales.fixtures.issued("invoice");
    const note = await sales.as.finance.salesDocuments.createCreditNote.mutate({
      invoiceId: credited.id,
      lines: [{ sourceLineItemId: credited.lineItems[0]!.id, quantity: "0.5" }],
    });
    await sales.as.finance.salesDocuments.issue.mutate({ id: note.id });
    const before = await sales.fixtures.counts();
    const withPayment = await errorOf(
      sales.as.finance.salesDocuments.cancelWithDocument.mutate({ id: paid.id, reason: "x" }),
    );
    expect(withPayment.message).toBe(
      'Cannot cancel this invoice while it is "partial". Allowed now: create credit note, delete.',
    );
    const withCredit = await errorOf(
      sales.as.finance.salesDocuments.cancelWithDocument.mutate({ id: credited.id, reason: "x" }),
    );
    expect(withCredit.message).toMatch(
      /^This invoice already has a credit note \(GS-\d{4}-\d{4}\)/,
    );
    const quote = await sales.fixtures.issued("quote");
    const notInvoice = await errorOf(
      sales.as.finance.salesDocuments.cancelWithDocument.mutate({ id: quote.id, reason: "x" }),
    );
    expect(notInvoice.message).toBe(
      "Only invoices are cancelled with a cancellation document; use cancel for other documents.",
    );
    const afterQuote = await sales.fixtures.counts();
    expect(afterQuote.payments).toBe(before.payments);
    expect(afterQuote.documents).toBe(before.documents + 1);
    expect(
      (await sales.as.finance.salesDocuments.get.query({ id: paid.id })).allowedActions,
    ).toEqual(["createCreditNote", "delete"]);
  });
});

describe("quote validity", () => {
  it("runs for the company's quoteValidityDays from the issued date, unless the draft names a date", async () => {
    const today = companyToday();
    await sales.as.admin.settings.update.mutate({
      legalName: "Ledgerline Test GmbH",
      quoteValidityDays: 30,
    });
    try {
      expect((await sales.fixtures.issued("quote")).validUntil).toBe(addDays(today, 30));
      const named = await sales.fixtures.draft("quote", { validUntil: addDays(today, 5) });
      const issued = await sales.as.finance.salesDocuments.issue.mutate({ id: named.id });
      expect(issued.validUntil).toBe(addDays(today, 5));

      const refused = await errorOf(
        sales.as.admin.settings.update.mutate({
          legalName: "Ledgerline Test GmbH",
          quoteValidityDays: 0,
        }),
      );
      expect(refused.data?.code).toBe("BAD_REQUEST");
    } finally {
      // An update changes only what it names: the validity goes back to 14 days by saying so.
      await sales.as.admin.settings.update.mutate({ quoteValidityDays: 14 });
    }
    expect((await sales.fixtures.issued("quote")).validUntil).toBe(addDays(today, 14));
  });
});
