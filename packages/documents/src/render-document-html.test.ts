import { toDecimal, type SalesDocumentType } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { DOCUMENT_KIND_STYLES } from "./document-kinds.ts";
import type { PrintableDocumentKind } from "./document-view.ts";
import {
  escapeHtml,
  girocodeOf,
  renderDocument,
  renderDocumentHtml,
} from "./render-document-html.ts";
import {
  manySampleLines,
  SAMPLE_COMPANY,
  SAMPLE_LOGO_DATA_URL,
  sampleDocumentView,
} from "./testing/sample-document.ts";

/** The visible text, roughly: tags out, entities and non-breaking spaces normalised. */
const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, "")
    .replace(/<svg[\s\S]*?<\/svg>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/\u00a0/g, " ")
    .replace(/\s+/g, " ");

describe("renderDocumentHtml", () => {
  it("prints what §14 UStG asks of an invoice, in German number format", async () => {
    const text = textOf(await renderDocumentHtml(sampleDocumentView()));
    for (const expected of [
      "RECHNUNG",
      "RE-2026-0042",
      "03.12.2026", // issue date
      "01.11.2026 – 30.11.2026", // service period
      "Musterfirma Übersetzungen GmbH",
      "Hauptstraße 12",
      "Beispiel AG",
      "80331 München",
      "USt-IdNr. DE123456789",
      "Steuernummer 30/123/45678",
      "Übersetzung Deutsch → Englisch, Fachtext Maschinenbau",
      "12,5 Std.",
      "Lektorat",
      "Fachbuch (ermäßigter Satz)",
      "Netto zu 19 % 999,85 €",
      "Umsatzsteuer 19 % 189,97 €",
      "Netto zu 7 % 79,80 €",
      "Umsatzsteuer 7 % 5,59 €",
      "Gesamtbetrag 1.275,21 €",
      "IBAN DE89 3704 0044 0532 0130 00",
      "BIC COBADEFFXXX",
      "Zahlbar innerhalb von 14 Tagen ohne Abzug.",
      "Amtsgericht Berlin-Charlottenburg HRB 123456",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("writes English with English formats and labels", async () => {
    const text = textOf(await renderDocumentHtml(sampleDocumentView({ language: "en" })));
    expect(text).toContain("INVOICE");
    expect(text).toContain("Total €1,275.21");
    expect(text).toContain("VAT 19 % €189.97");
    expect(text).toContain("3 Dec 2026");
    expect(text).not.toContain("Gesamtbetrag");
  });

  it("gives every kind its own title and colour, in both languages", async () => {
    const kinds = Object.keys(DOCUMENT_KIND_STYLES) as PrintableDocumentKind[];
    expect(new Set(kinds.map((kind) => DOCUMENT_KIND_STYLES[kind].color)).size).toBe(kinds.length);
    expect(DOCUMENT_KIND_STYLES.invoice.color).toBe("#ff9100");
    expect(DOCUMENT_KIND_STYLES.quote.color).toBe("#008cff");
    expect(DOCUMENT_KIND_STYLES.credit_note.color).toBe("#5dcc5d");
    expect(DOCUMENT_KIND_STYLES.order_confirmation.color).toBe("#9933ff");
    for (const kind of kinds) {
      for (const language of ["de", "en"] as const) {
        const html = await renderDocumentHtml(sampleDocumentView({ kind, language }));
        expect(html).toContain(`<h1>${DOCUMENT_KIND_STYLES[kind].title[language]}</h1>`);
        expect(html).toContain(`background: ${DOCUMENT_KIND_STYLES[kind].color}`);
      }
    }
  });

  it("shows paid and outstanding amounts, and asks for the rest with a GiroCode", async () => {
    const view = sampleDocumentView({ paidAmount: toDecimal("275.21") });
    const text = textOf(await renderDocumentHtml(view));
    expect(text).toContain("Bereits bezahlt −275,21 €");
    expect(text).toContain("Offener Betrag 1.000,00 €");
    expect(text).toContain("Bitte überweisen Sie 1.000,00 € bis zum 17.12.2026");
    expect((await girocodeOf(view))?.payload.split("\n")[7]).toBe("EUR1000.00");
  });

  it("takes credit notes off what is due, and the GiroCode asks for the rest only", async () => {
    const view = sampleDocumentView({ creditedAmount: toDecimal("275.21") });
    const text = textOf(await renderDocumentHtml(view));
    expect(text).toContain("Gutgeschrieben −275,21 €");
    expect(text).not.toContain("Bereits bezahlt");
    expect(text).toContain("Offener Betrag 1.000,00 €");
    expect((await girocodeOf(view))?.payload.split("\n")[7]).toBe("EUR1000.00");
  });

  it("puts a GiroCode only on unpaid, numbered EUR invoices of a company with an IBAN", async () => {
    const withCode = async (overrides: Parameters<typeof sampleDocumentView>[0]) =>
      (await renderDocumentHtml(sampleDocumentView(overrides))).includes("data-girocode");
    expect(await withCode({})).toBe(true);
    expect(await withCode({ paidAmount: toDecimal("1275.21") })).toBe(false);
    expect(await withCode({ currency: "USD" })).toBe(false);
    expect(await withCode({ number: null })).toBe(false);
    expect(await withCode({ company: { ...SAMPLE_COMPANY, iban: null } })).toBe(false);
    const others: SalesDocumentType[] = [
      "quote",
      "credit_note",
      "cancellation",
      "order_confirmation",
    ];
    for (const kind of others) expect(await withCode({ kind })).toBe(false);
  });

  it("prints an invoice without the GiroCode, and says why aside, when the IBAN cannot make one", async () => {
    // The checksum's last digit changed: settings refuse it today, older data may hold it.
    const badIban = sampleDocumentView({
      company: { ...SAMPLE_COMPANY, iban: "DE89370400440532013001" },
    });
    const rendered = await renderDocument(badIban);
    expect(rendered.html).not.toContain("data-girocode");
    // Everything else is there: the amount to pay and the bank details as printed.
    expect(textOf(rendered.html)).toContain("DE89 3704 0044 0532 0130 01");
    expect(textOf(rendered.html)).toContain("Bitte überweisen Sie 1.275,21 € bis zum 17.12.2026");
    expect(rendered.notices).toEqual([
      { code: "girocode_omitted", reason: expect.stringMatching(/^No GiroCode: .*iban/i) },
    ]);
    // The reason is for the log and the audit trail, never on the document.
    expect(rendered.html).not.toContain("No GiroCode");

    const noIban = await renderDocument(
      sampleDocumentView({ company: { ...SAMPLE_COMPANY, iban: null } }),
    );
    expect(noIban.notices).toEqual([
      { code: "girocode_omitted", reason: "No GiroCode: the company settings have no IBAN." },
    ]);
    // A document that never carries one has nothing to explain.
    expect((await renderDocument(sampleDocumentView({ kind: "quote" }))).notices).toEqual([]);
    expect((await renderDocument(sampleDocumentView())).notices).toEqual([]);
  });

  it("says why no VAT is charged", async () => {
    const zero = [{ description: "Beratung", quantity: "1", unitPrice: "500", taxRate: "0" }];
    const reverse = textOf(
      await renderDocumentHtml(
        sampleDocumentView({ sampleLines: zero, vatExemption: "reverse_charge" }),
      ),
    );
    expect(reverse).toContain("Steuerschuldnerschaft des Leistungsempfängers");
    expect(reverse).toContain("Umsatzsteuer 0 % 0,00 €");
    const small = textOf(
      await renderDocumentHtml(
        sampleDocumentView({ sampleLines: zero, vatExemption: "small_business", language: "en" }),
      ),
    );
    expect(small).toContain("§ 19 UStG");
  });

  it("escapes what people typed, and inlines only data-URL images as the logo", async () => {
    const html = await renderDocumentHtml(
      sampleDocumentView({
        customer: { ...sampleDocumentView().customer, name: '<script>alert("x")</script>' },
        company: { ...SAMPLE_COMPANY, logoDataUrl: "https://tracker.example/logo.png" },
      }),
    );
    expect(html).not.toContain("<script>");
    expect(html).toContain(escapeHtml('<script>alert("x")</script>'));
    expect(html).not.toContain("tracker.example");
    const branded = await renderDocumentHtml(
      sampleDocumentView({ company: { ...SAMPLE_COMPANY, logoDataUrl: SAMPLE_LOGO_DATA_URL } }),
    );
    expect(branded).toContain(`<img class="logo" src="${SAMPLE_LOGO_DATA_URL}"`);
  });

  it("prints a line's language pair under its description, escaped", async () => {
    const view = sampleDocumentView();
    const [first, ...rest] = view.lines;
    const html = await renderDocumentHtml({
      ...view,
      lines: [{ ...first!, languagePair: "Englisch → Deutsch <AT>" }, ...rest],
    });
    expect(html).toContain('<span class="lang">Englisch → Deutsch &lt;AT&gt;</span>');
    expect(html.match(/class="lang"/g)).toHaveLength(1);
  });

  it("prints a draft as such, a watermark, page numbers and a repeated table header", async () => {
    const html = await renderDocumentHtml(
      sampleDocumentView({ number: null, watermark: "ENTWURF", sampleLines: manySampleLines(60) }),
    );
    expect(textOf(html)).toContain("Nummer Entwurf");
    expect(html).toContain('<div class="watermark">ENTWURF</div>');
    expect(html).toContain('counter(page) " von " counter(pages)');
    expect(html).toContain("table.lines thead { display: table-header-group; }");
    expect(html.match(/<tr>\n<td class="num">/g)).toHaveLength(60);
  });

  it("names the invoice a credit note corrects", async () => {
    const text = textOf(
      await renderDocumentHtml(
        sampleDocumentView({
          kind: "credit_note",
          number: "GS-2026-0001",
          reference: { kind: "invoice", number: "RE-2026-0042" },
        }),
      ),
    );
    expect(text).toContain("GUTSCHRIFT");
    expect(text).toContain("Bezug Rechnung RE-2026-0042");
  });

  it("inlines its fonts: no URL that would make Chromium wait for the network", async () => {
    const html = await renderDocumentHtml(sampleDocumentView());
    expect(html).toContain("src:url(data:font/woff2;base64,");
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
  });
});
