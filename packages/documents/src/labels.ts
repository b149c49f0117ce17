import type { DocumentLanguage, VatExemption } from "./document-view.ts";

/** Every fixed text on a printed document, in German and English. */
export const LABELS = {
  de: {
    draft: "Entwurf",
    number: "Nummer",
    date: "Datum",
    dueDate: "Fällig am",
    validUntil: "Gültig bis",
    servicePeriod: "Leistungszeitraum",
    serviceDate: "Leistungsdatum",
    customerVatId: "USt-IdNr. Kunde",
    reference: "Bezug",
    position: "Pos.",
    description: "Beschreibung",
    quantity: "Menge",
    unitPrice: "Einzelpreis",
    discount: "Rabatt",
    vat: "USt.",
    amount: "Betrag",
    subtotal: "Zwischensumme",
    discountTotal: "Rabatt gesamt",
    netAmount: "Nettobetrag",
    netAt: (rate: string) => `Netto zu ${rate}`,
    vatAt: (rate: string) => `Umsatzsteuer ${rate}`,
    total: "Gesamtbetrag",
    credited: "Gutgeschrieben",
    paid: "Bereits bezahlt",
    outstanding: "Offener Betrag",
    payUntil: (amount: string, date: string) =>
      `Bitte überweisen Sie ${amount} bis zum ${date} unter Angabe der Nummer als Verwendungszweck.`,
    payNow: (amount: string) =>
      `Bitte überweisen Sie ${amount} unter Angabe der Nummer als Verwendungszweck.`,
    girocode: "Mit der Banking-App scannen (GiroCode)",
    bank: "Bankverbindung",
    iban: "IBAN",
    bic: "BIC",
    vatId: "USt-IdNr.",
    taxNumber: "Steuernummer",
    phone: "Tel.",
    email: "E-Mail",
    terms: "Bedingungen",
    notes: "Hinweise",
    page: "Seite",
    of: "von",
    serviceDateIsIssueDate: "Das Leistungsdatum entspricht dem Rechnungsdatum.",
    supplierVatId: "USt-IdNr. Lieferant",
    orderDate: "Bestelldatum",
    deliveryDate: "Liefertermin",
    project: "Projekt",
    orderType: "Auftragsart",
    targetLanguage: "Zielsprache",
    orderTypes: { translation: "Übersetzung", dtp: "DTP/Satz", disbursement: "Auslagen" },
    orderAmount: (type: string) => `Vereinbartes Honorar (${type})`,
    totalNet: "Gesamtbetrag (netto)",
    netOnly:
      "Alle Beträge sind Nettobeträge. Die Umsatzsteuer, soweit geschuldet, weisen Sie bitte in Ihrer Rechnung aus.",
    invoice: "Rechnung",
    net: "Netto",
    gross: "Brutto",
    invoiceCount: (count: number) => `${count} ${count === 1 ? "Rechnung" : "Rechnungen"}`,
    statementNote:
      "Diese Sammelrechnung fasst die aufgeführten Rechnungen zusammen. Umsatzsteuerlich maßgeblich sind die einzelnen Rechnungen; bitte geben Sie bei der Zahlung die Nummer der Sammelrechnung an.",
    cancelled: "STORNIERT",
    exemption: {
      reverse_charge:
        "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG / Art. 196 MwStSystRL).",
      small_business:
        "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmerregelung).",
      outside_scope: "Nicht im Inland steuerbare Leistung (Leistungsort im Ausland, § 3a UStG).",
    } satisfies Record<VatExemption, string>,
  },
  en: {
    draft: "Draft",
    number: "Number",
    date: "Date",
    dueDate: "Due date",
    validUntil: "Valid until",
    servicePeriod: "Service period",
    serviceDate: "Date of supply",
    customerVatId: "Customer VAT ID",
    reference: "Reference",
    position: "No.",
    description: "Description",
    quantity: "Qty",
    unitPrice: "Unit price",
    discount: "Discount",
    vat: "VAT",
    amount: "Amount",
    subtotal: "Subtotal",
    discountTotal: "Total discount",
    netAmount: "Net amount",
    netAt: (rate: string) => `Net at ${rate}`,
    vatAt: (rate: string) => `VAT ${rate}`,
    total: "Total",
    credited: "Credited",
    paid: "Paid so far",
    outstanding: "Amount due",
    payUntil: (amount: string, date: string) =>
      `Please transfer ${amount} by ${date}, quoting the number as the payment reference.`,
    payNow: (amount: string) =>
      `Please transfer ${amount}, quoting the number as the payment reference.`,
    girocode: "Scan with your banking app (GiroCode)",
    bank: "Bank details",
    iban: "IBAN",
    bic: "BIC",
    vatId: "VAT ID",
    taxNumber: "Tax number",
    phone: "Phone",
    email: "Email",
    terms: "Terms",
    notes: "Notes",
    page: "Page",
    of: "of",
    serviceDateIsIssueDate: "The date of supply is the invoice date.",
    supplierVatId: "Supplier VAT ID",
    orderDate: "Order date",
    deliveryDate: "Delivery date",
    project: "Project",
    orderType: "Order type",
    targetLanguage: "Target language",
    orderTypes: { translation: "Translation", dtp: "DTP", disbursement: "Disbursement" },
    orderAmount: (type: string) => `Agreed fee (${type})`,
    totalNet: "Total (net)",
    netOnly: "All amounts are net. Please show VAT, where due, on your invoice.",
    invoice: "Invoice",
    net: "Net",
    gross: "Gross",
    invoiceCount: (count: number) => `${count} ${count === 1 ? "invoice" : "invoices"}`,
    statementNote:
      "This collective invoice sums up the invoices listed. The individual invoices are the tax documents; please quote the collective invoice's number with your payment.",
    cancelled: "CANCELLED",
    exemption: {
      reverse_charge: "Reverse charge: VAT is due from the recipient (Art. 196 VAT Directive).",
      small_business: "No VAT is charged: small business under § 19 UStG (German VAT Act).",
      outside_scope: "Not subject to German VAT (place of supply outside Germany).",
    } satisfies Record<VatExemption, string>,
  },
} as const satisfies Record<DocumentLanguage, unknown>;

export type DocumentLabels = (typeof LABELS)[DocumentLanguage];

const COUNTRY_NAMES = {
  de: new Intl.DisplayNames(["de"], { type: "region" }),
  en: new Intl.DisplayNames(["en"], { type: "region" }),
};

const LANGUAGE_NAMES = {
  de: new Intl.DisplayNames(["de"], { type: "language" }),
  en: new Intl.DisplayNames(["en"], { type: "language" }),
};

/** A BCP 47 language tag as the document's language names it (the tag itself if unknown). */
export function languageName(tag: string, language: DocumentLanguage): string {
  try {
    return LANGUAGE_NAMES[language].of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A country code as the document's language names it. */
export const countryName = (code: string, language: DocumentLanguage): string =>
  COUNTRY_NAMES[language].of(code.toUpperCase()) ?? code;
