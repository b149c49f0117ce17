import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument } from "@cantoo/pdf-lib";
import { toDecimal } from "@ledgerline/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DocumentView } from "../document-view.ts";
import { validateEInvoices } from "../testing/e-invoice-validator.ts";
import { SAMPLE_COMPANY, sampleDocumentView, type SampleLine } from "../testing/sample-document.ts";
import { E_INVOICE_FORMATS, EInvoiceDataError, type EInvoiceInput } from "./e-invoice-input.ts";
import { generateEInvoice } from "./generate-e-invoice.ts";

/**
 * Every variant the issue names, in every format, through the official EN 16931 and XRechnung
 * 3.0.2 rules (../shared/einvoice/validate): all must PASS, and a broken one must FAIL, so the
 * check is known to bite.
 */
let dir: string;
let pdf: Uint8Array;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "e-invoices-"));
  const document = await PDFDocument.create();
  document.addPage().drawText("Rechnung");
  pdf = await document.save();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const input = (view: DocumentView, overrides: Partial<EInvoiceInput> = {}): EInvoiceInput => ({
  view,
  seller: { contactName: "Erika Mustermann", electronicAddress: "erechnung@musterfirma.example" },
  buyer: {
    buyerReference: "04011000-12345-67",
    electronicAddress: null,
    email: "einkauf@beispiel.example",
  },
  precedingInvoice: null,
  ...overrides,
});

const negated = (lines: SampleLine[]) =>
  lines.map((line) => ({ ...line, quantity: `-${line.quantity}` }));
const ONE_RATE: SampleLine[] = [
  { description: "Übersetzung", quantity: "10", unit: "Std.", unitPrice: "65.00", taxRate: "19" },
];
const TWO_RATES: SampleLine[] = [
  ...ONE_RATE,
  { description: "Fachbuch", quantity: "2", unit: "Stk.", unitPrice: "39.90", taxRate: "7" },
];
const DISCOUNTED: SampleLine[] = [
  {
    description: "Lektorat",
    quantity: "3.5",
    unit: "h",
    unitPrice: "55.55",
    taxRate: "19",
    discountPercent: "12.5",
  },
  ...ONE_RATE,
];
const ZERO_RATE: SampleLine[] = [
  { description: "Beratung", quantity: "4", unit: "Std.", unitPrice: "120.00", taxRate: "0" },
];
const preceding = { number: "RE-2026-0042", issuedDate: "2026-12-03" };

const VARIANTS: Record<string, EInvoiceInput> = {
  invoice: input(sampleDocumentView({ sampleLines: ONE_RATE })),
  "several-rates": input(sampleDocumentView({ sampleLines: TWO_RATES })),
  discount: input(sampleDocumentView({ sampleLines: DISCOUNTED })),
  "credit-note": input(
    sampleDocumentView({
      kind: "credit_note",
      number: "GS-2026-0001",
      sampleLines: negated(TWO_RATES),
      reference: { kind: "invoice", number: preceding.number },
    }),
    { precedingInvoice: preceding },
  ),
  cancellation: input(
    sampleDocumentView({
      kind: "cancellation",
      number: "ST-2026-0001",
      sampleLines: negated(DISCOUNTED),
      reference: { kind: "invoice", number: preceding.number },
    }),
    { precedingInvoice: preceding },
  ),
  "reverse-charge": input(
    sampleDocumentView({
      sampleLines: ZERO_RATE,
      vatExemption: "reverse_charge",
      customer: {
        name: "Beispiel GmbH",
        street: "Ringstraße 1",
        postalCode: "1010",
        city: "Wien",
        country: "AT",
        vatId: "ATU12345678",
      },
    }),
    {
      buyer: {
        buyerReference: null,
        electronicAddress: "rechnungen@beispiel.example",
        email: null,
      },
    },
  ),
  "small-business": input(
    sampleDocumentView({
      sampleLines: ZERO_RATE,
      vatExemption: "small_business",
      company: { ...SAMPLE_COMPANY, vatId: null },
    }),
  ),
  "partly-paid": input(
    sampleDocumentView({ sampleLines: TWO_RATES, paidAmount: toDecimal("500.00") }),
  ),
  // The final invoice of an order deducts its partial invoices with negative lines per VAT rate
  // (domain model §5.4a).
  "final-invoice": input(
    sampleDocumentView({
      sampleLines: [
        ...TWO_RATES,
        {
          description: "Abzüglich Abschlagsrechnung RE-2026-0040 vom 01.12.2026 (19 % USt.)",
          quantity: "-1",
          unitPrice: "195.00",
          taxRate: "19",
        },
        {
          description: "Abzüglich Abschlagsrechnung RE-2026-0040 vom 01.12.2026 (7 % USt.)",
          quantity: "-1",
          unitPrice: "23.94",
          taxRate: "7",
        },
      ],
    }),
  ),
};

describe("e-invoices against the official EN 16931 and XRechnung 3.0.2 rules", () => {
  it("every variant passes in XRechnung UBL, XRechnung CII and ZUGFeRD EN 16931; a broken one fails", async () => {
    const files: string[] = [];
    for (const [name, variant] of Object.entries(VARIANTS)) {
      for (const format of E_INVOICE_FORMATS) {
        const generated = await generateEInvoice(variant, format, pdf);
        const path = join(dir, `${name}.${generated.fileName}`);
        await writeFile(path, generated.bytes);
        files.push(path);
      }
    }
    // The same ordinary invoice with its amount due raised by 10: BR-CO-16 must catch it.
    const good = await generateEInvoice(VARIANTS.invoice!, "xrechnung-ubl");
    const xml = new TextDecoder().decode(good.bytes);
    const broken = xml.replace(
      /(<cbc:PayableAmount currencyID="EUR">)([\d.]+)/,
      (_match, open: string, amount: string) => `${open}${toDecimal(amount).plus(10).toFixed(2)}`,
    );
    expect(broken).not.toBe(xml);
    const brokenPath = join(dir, "broken-total.xml");
    await writeFile(brokenPath, broken);

    const results = await validateEInvoices([...files, brokenPath]);
    const failures = results.filter((result) => !result.passed && result.file !== brokenPath);
    expect(failures.map((failure) => failure.report)).toEqual([]);
    expect(results.filter((result) => result.passed)).toHaveLength(files.length);
    const brokenResult = results.find((result) => result.file === brokenPath)!;
    expect(brokenResult.passed).toBe(false);
    expect(brokenResult.report).toContain("BR-CO-16");
  }, 120_000);

  it("writes the choices the rules leave to us", async () => {
    const credit = new TextDecoder().decode(
      (await generateEInvoice(VARIANTS["credit-note"]!, "xrechnung-ubl")).bytes,
    );
    // The library writes a UBL CreditNote-2 document for type 381.
    expect(credit).toContain("urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2");
    expect(credit).toContain("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>");
    expect(credit).toContain("<cbc:ID>RE-2026-0042</cbc:ID>"); // BT-25, the corrected invoice
    expect(credit).not.toMatch(/<cbc:PayableAmount[^>]*>-/); // positive amounts
    const reverse = new TextDecoder().decode(
      (await generateEInvoice(VARIANTS["reverse-charge"]!, "xrechnung-cii")).bytes,
    );
    expect(reverse).toContain("<ram:CategoryCode>AE</ram:CategoryCode>");
    expect(reverse).toContain("VATEX-EU-AE");
    const paid = new TextDecoder().decode(
      (await generateEInvoice(VARIANTS["partly-paid"]!, "xrechnung-cii")).bytes,
    );
    expect(paid).toMatch(/<ram:TotalPrepaidAmount>500.00<\/ram:TotalPrepaidAmount>/);
    expect(paid).toContain("04011000-12345-67"); // the Leitweg-ID as BT-10
  });

  it("names what is missing instead of writing an invoice the rules refuse", async () => {
    const view = sampleDocumentView({ company: { ...SAMPLE_COMPANY, phone: null, iban: null } });
    const attempt = generateEInvoice(
      input(view, { buyer: { buyerReference: null, electronicAddress: null, email: null } }),
      "xrechnung-ubl",
    );
    await expect(attempt).rejects.toBeInstanceOf(EInvoiceDataError);
    await expect(attempt).rejects.toThrow(/phone number.*IBAN.*customer's electronic address/);
  });
});
