import { computeDocumentTotals, invoiceOutstanding, toDecimal, ZERO } from "@ledgerline/domain";
import type { CompanyBranding, DocumentView, PrintableDocumentKind } from "../document-view.ts";

/**
 * A made-up company and invoice for tests, previews and the benchmark (the seed's sample company
 * is not shipped). Totals come from the domain's `computeDocumentTotals`, as for a real document.
 */
export const SAMPLE_COMPANY: CompanyBranding = {
  name: "Musterfirma Übersetzungen GmbH",
  street: "Hauptstraße 12",
  postalCode: "10115",
  city: "Berlin",
  country: "DE",
  vatId: "DE123456789",
  taxNumber: "30/123/45678",
  email: "rechnung@musterfirma.example",
  phone: "+49 30 1234567",
  website: "musterfirma.example",
  bankName: "Musterbank Berlin",
  iban: "DE89370400440532013000",
  bic: "COBADEFFXXX",
  logoDataUrl: null,
  footer: "Amtsgericht Berlin-Charlottenburg HRB 123456 · Geschäftsführerin: Erika Mustermann",
};

/** A 1×1 orange PNG: a logo that costs nothing to render. */
export const SAMPLE_LOGO_DATA_URL =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==";

export interface SampleLine {
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
  discountPercent?: string;
  unit?: string | null;
}

export const SAMPLE_LINES: SampleLine[] = [
  {
    description: "Übersetzung Deutsch → Englisch, Fachtext Maschinenbau",
    quantity: "12.5",
    unit: "Std.",
    unitPrice: "68.00",
    taxRate: "19",
  },
  {
    description: "Lektorat",
    quantity: "3",
    unit: "Std.",
    unitPrice: "55.50",
    taxRate: "19",
    discountPercent: "10",
  },
  {
    description: "Fachbuch (ermäßigter Satz)",
    quantity: "2",
    unit: "Stk.",
    unitPrice: "39.90",
    taxRate: "7",
  },
];

/** `count` numbered lines cycling through the sample lines (page-break tests, benchmarks). */
export const manySampleLines = (count: number): SampleLine[] =>
  Array.from({ length: count }, (_, index) => {
    const line = SAMPLE_LINES[index % SAMPLE_LINES.length]!;
    return { ...line, description: `${line.description} (Zeile ${index + 1})` };
  });

export function sampleDocumentView(
  overrides: Partial<DocumentView> & {
    sampleLines?: SampleLine[];
    kind?: PrintableDocumentKind;
  } = {},
): DocumentView {
  const { sampleLines = SAMPLE_LINES, ...rest } = overrides;
  const totals = computeDocumentTotals(sampleLines);
  return {
    kind: "invoice",
    language: "de",
    number: "RE-2026-0042",
    currency: "EUR",
    issuedDate: "2026-12-03",
    dueDate: "2026-12-17",
    validUntil: null,
    servicePeriodStart: "2026-11-01",
    servicePeriodEnd: "2026-11-30",
    company: SAMPLE_COMPANY,
    customer: {
      name: "Beispiel AG",
      street: "Marktplatz 1",
      postalCode: "80331",
      city: "München",
      country: "DE",
      vatId: "DE987654321",
    },
    reference: null,
    lines: sampleLines.map((line, index) => ({
      position: index + 1,
      description: line.description,
      quantity: toDecimal(line.quantity),
      unit: line.unit ?? null,
      unitPrice: toDecimal(line.unitPrice),
      taxRate: toDecimal(line.taxRate),
      discountPercent: toDecimal(line.discountPercent ?? 0),
      discountAmount: totals.lines[index]!.discountAmount,
      netAmount: totals.lines[index]!.subtotalAfterDiscount,
    })),
    subtotal: totals.subtotal,
    discountAmount: totals.discountAmount,
    netAmount: totals.netAmount,
    taxAmount: totals.taxAmount,
    total: totals.total,
    vatBreakdown: totals.vatBreakdown,
    paidAmount: toDecimal(0),
    vatExemption: null,
    notes: null,
    terms: "Zahlbar innerhalb von 14 Tagen ohne Abzug.",
    watermark: null,
    creditedAmount: ZERO,
    ...rest,
    openAmount:
      rest.openAmount ??
      invoiceOutstanding({
        total: totals.total,
        creditedAmount: rest.creditedAmount ?? ZERO,
        paidAmount: rest.paidAmount ?? ZERO,
      }),
  };
}
