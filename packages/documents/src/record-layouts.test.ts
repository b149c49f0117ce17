import { toDecimal, ZERO } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import type { DocumentView, StatementInvoiceView } from "./document-view.ts";
import { renderDocument } from "./render-document-html.ts";
import { sampleDocumentView } from "./testing/sample-document.ts";

/** The visible text, roughly: tags out, entities and non-breaking spaces normalised. */
const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, "")
    .replace(/<svg[\s\S]*?<\/svg>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\u00a0/g, " ")
    .replace(/\s+/g, " ");

const line = (
  position: number,
  description: string,
  quantity: string,
  price: string,
  net: string,
) => ({
  position,
  description,
  quantity: toDecimal(quantity),
  unit: null,
  unitPrice: toDecimal(price),
  taxRate: ZERO,
  discountPercent: ZERO,
  discountAmount: ZERO,
  netAmount: toDecimal(net),
});

function purchaseOrderView(overrides: Partial<DocumentView> = {}): DocumentView {
  const total = toDecimal("1352.00");
  return sampleDocumentView({
    kind: "purchase_order",
    number: "BE-2026-0007",
    dueDate: "2027-03-31",
    customer: {
      name: "Jana Übersetzerin",
      street: "Rue de la Paix 1",
      postalCode: "75002",
      city: "Paris",
      country: "FR",
      vatId: "FR40303265045",
    },
    purchaseOrder: {
      project: { number: "12", name: "Handbuch Pumpe X7" },
      type: "dtp",
      targetLanguage: "fr",
    },
    vatMode: "none",
    lines: [
      line(1, "Vereinbartes Honorar (DTP/Satz)", "1", "1250.00", "1250.00"),
      line(2, "Satz InDesign", "12", "8.5", "102.00"),
    ],
    subtotal: total,
    netAmount: total,
    taxAmount: ZERO,
    total,
    discountAmount: ZERO,
    vatBreakdown: [],
    paidAmount: ZERO,
    vatExemption: null,
    servicePeriodStart: null,
    servicePeriodEnd: null,
    terms: null,
    ...overrides,
  });
}

const invoice = (
  number: string,
  net: string,
  tax: string,
  gross: string,
): StatementInvoiceView => ({
  number,
  issuedDate: "2026-11-02",
  jobTitle: "Katalog 2027",
  netAmount: toDecimal(net),
  taxAmount: toDecimal(tax),
  total: toDecimal(gross),
  rates: [
    {
      description: "Übersetzung",
      sourceLanguage: "en",
      targetLanguage: "de",
      unitPrice: toDecimal("0.12"),
      unit: "Wort",
    },
  ],
});

function groupView(overrides: Partial<DocumentView> = {}): DocumentView {
  return sampleDocumentView({
    kind: "invoice_group",
    number: "SR-2026-0003",
    statement: {
      invoiceCount: 2,
      invoices: [
        invoice("RE-2026-0010", "100.00", "19.00", "119.00"),
        invoice("RE-2026-0011", "200.00", "38.00", "238.00"),
      ],
      showJobTitles: true,
    },
    lines: [],
    subtotal: toDecimal("300.00"),
    netAmount: toDecimal("300.00"),
    taxAmount: toDecimal("57.00"),
    total: toDecimal("357.00"),
    discountAmount: ZERO,
    vatBreakdown: [
      { taxRate: toDecimal("19"), netAmount: toDecimal("300.00"), taxAmount: toDecimal("57.00") },
    ],
    paidAmount: toDecimal("119.00"),
    // A cancelled invoice in the group owes nothing: less than total − paid.
    openAmount: toDecimal("200.00"),
    servicePeriodStart: null,
    servicePeriodEnd: null,
    ...overrides,
  });
}

describe("the purchase order layout", () => {
  it("addresses the supplier, names the project, type and target language, and prints net only", async () => {
    const { html } = await renderDocument(purchaseOrderView());
    const text = textOf(html);
    for (const expected of [
      "BESTELLUNG",
      "Bestelldatum",
      "Liefertermin 31.03.2027",
      "Projekt 12 · Handbuch Pumpe X7",
      "Auftragsart DTP/Satz",
      "Zielsprache Französisch",
      "USt-IdNr. Lieferant FR40303265045",
      "Jana Übersetzerin",
      "Frankreich",
      "2 Satz InDesign 12 8,50 € 102,00 €",
      "Gesamtbetrag (netto) 1.352,00 €",
      "Alle Beträge sind Nettobeträge.",
    ]) {
      expect(text).toContain(expected);
    }
    // No VAT column, no VAT per rate, no payment request or GiroCode: we order, we do not bill.
    expect(html).not.toContain(">USt.</th>");
    expect(text).not.toMatch(/Netto zu|Umsatzsteuer \d/);
    expect(text).not.toContain("Bitte überweisen");
    expect(html).not.toContain("data-girocode");
    expect(text).not.toContain("Leistungsdatum");
  });

  it("speaks English when the company's language is English", async () => {
    const text = textOf((await renderDocument(purchaseOrderView({ language: "en" }))).html);
    for (const expected of [
      "PURCHASE ORDER",
      "Order date",
      "Delivery date 31 Mar 2027",
      "Order type DTP",
      "Target language French",
      "Supplier VAT ID FR40303265045",
      "Total (net) €1,352.00",
      "All amounts are net.",
    ]) {
      expect(text).toContain(expected);
    }
  });
});

describe("the invoice group layout", () => {
  it("lists the invoices with job titles and word rates, the VAT per rate, paid and open", async () => {
    const { html } = await renderDocument(groupView());
    const text = textOf(html);
    for (const expected of [
      "SAMMELRECHNUNG",
      "Rechnung Datum Projekt Netto USt. Brutto",
      "RE-2026-0010 02.11.2026 Katalog 2027 100,00 € 19,00 € 119,00 €",
      "RE-2026-0011 02.11.2026 Katalog 2027 200,00 € 38,00 € 238,00 €",
      "en → de: 0,12 € / Wort",
      "Netto zu 19 % 300,00 €",
      "Umsatzsteuer 19 % 57,00 €",
      "Gesamtbetrag 357,00 €",
      "Bereits bezahlt −119,00 €",
      "Offener Betrag 200,00 €",
      "Bitte überweisen Sie 200,00 €",
      "Umsatzsteuerlich maßgeblich sind die einzelnen Rechnungen",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("Das Leistungsdatum entspricht dem Rechnungsdatum.");
    expect(html).toContain("data-girocode");
  });

  it("without the invoice list prints one summary line, and leaves out job titles when asked", async () => {
    const summary = textOf(
      (
        await renderDocument(
          groupView({ statement: { invoiceCount: 2, invoices: null, showJobTitles: true } }),
        )
      ).html,
    );
    expect(summary).toContain(
      "Rechnung Datum Netto USt. Brutto 2 Rechnungen 300,00 € 57,00 € 357,00 €",
    );
    expect(summary).not.toContain("RE-2026-0010");

    const view = groupView();
    const untitled = textOf(
      (
        await renderDocument({
          ...view,
          statement: {
            ...view.statement!,
            showJobTitles: false,
            invoices: view.statement!.invoices!.map((each) => ({
              ...each,
              jobTitle: null,
              rates: [],
            })),
          },
        })
      ).html,
    );
    expect(untitled).toContain("RE-2026-0010 02.11.2026 100,00 € 19,00 € 119,00 €");
    expect(untitled).not.toContain("Projekt");
    expect(untitled).not.toContain("0,12 €");
  });
});
