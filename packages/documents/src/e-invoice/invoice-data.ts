import type { Invoice } from "@e-invoice-eu/core";
import { toDecimal, ZERO, type Decimal } from "@ledgerline/domain";
import type { DocumentView, VatExemption } from "../document-view.ts";
import { EInvoiceDataError, type EInvoiceInput } from "./e-invoice-input.ts";

/**
 * A document as @e-invoice-eu/core's input (its "internal format", shaped like UBL 2.1), from
 * which the library writes UBL, CII and Factur-X/ZUGFeRD. The choices EN 16931 and XRechnung
 * leave to us are made here, once:
 *
 * - invoices are type 380; credit notes and cancellations are 381 (credit note) with positive
 *   amounts (Ledgerline stores their lines negative) and the invoice they correct as BT-25;
 * - VAT category per line: S for a positive rate, AE for reverse charge, E for a § 19 small
 *   business, O outside the scope of VAT, Z for any other zero rate; E, AE and O carry their
 *   exemption reason (BT-120/121);
 * - payment by SEPA credit transfer (58) to the company's IBAN, the number as the reference;
 *   what was paid already is the prepaid amount (BT-113);
 * - electronic addresses (BT-34/49) are email addresses (scheme EM): the company's and the
 *   customer's e-invoicing address, else their ordinary email;
 * - a seller without a VAT ID is identified by its tax number as BT-30 (BR-CO-26);
 * - BT-10 is the customer's buyer reference (Leitweg-ID), else the document number.
 */
export const XRECHNUNG_CUSTOMIZATION_ID =
  "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";
/** PEPPOL's business process: XRechnung asks for one (BT-23). */
export const BUSINESS_PROCESS_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

const CREDIT_KINDS = new Set(["credit_note", "cancellation"]);

const EXEMPTION_CODES: Record<
  VatExemption,
  { category: "AE" | "E" | "O"; code: string; text: string }
> = {
  reverse_charge: {
    category: "AE",
    code: "VATEX-EU-AE",
    text: "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)",
  },
  small_business: {
    category: "E",
    code: "VATEX-EU-O",
    text: "Kleinunternehmer gemäß § 19 UStG: keine Umsatzsteuer",
  },
  outside_scope: {
    category: "O",
    code: "VATEX-EU-O",
    text: "Nicht im Inland steuerbare Leistung",
  },
};

/** UN/ECE Recommendation 20 unit codes for the units people type; anything else is "one". */
const UNIT_CODES: Record<string, string> = {
  std: "HUR",
  "std.": "HUR",
  h: "HUR",
  stunde: "HUR",
  stunden: "HUR",
  hour: "HUR",
  hours: "HUR",
  min: "MIN",
  minute: "MIN",
  minuten: "MIN",
  tag: "DAY",
  tage: "DAY",
  day: "DAY",
  days: "DAY",
  monat: "MON",
  month: "MON",
  stk: "H87",
  "stk.": "H87",
  stück: "H87",
  piece: "H87",
  pcs: "H87",
  seite: "C62",
  wort: "C62",
  wörter: "C62",
  pauschal: "LS",
  pauschale: "LS",
  km: "KMT",
};
export const unitCodeOf = (unit: string | null): string =>
  (unit && UNIT_CODES[unit.trim().toLowerCase()]) || "C62";

const money = (value: Decimal) => value.toFixed(2);
/** Quantities and prices keep their stored precision, without trailing zeros. */
const exact = (value: Decimal) => value.toFixed();

interface CategorySum {
  category: string;
  rate: Decimal;
  net: Decimal;
  tax: Decimal;
}

/** BT-151/152: each line's category and rate. */
function lineCategory(rate: Decimal, exemption: VatExemption | null): string {
  if (exemption) return EXEMPTION_CODES[exemption].category;
  return rate.isZero() ? "Z" : "S";
}

function requireFields(input: EInvoiceInput): void {
  const { view, seller, buyer } = input;
  const company = view.company;
  const missing: string[] = [];
  if (!view.number) missing.push("a number (issue the document first)");
  if (!view.issuedDate) missing.push("an issue date");
  if (!company.city || !company.postalCode)
    missing.push("the company's postal code and city (settings)");
  if (!company.phone) missing.push("the company's phone number (settings: seller contact)");
  if (!company.email && !seller.electronicAddress)
    missing.push("the company's email or electronic address (settings)");
  if (!company.vatId && !company.taxNumber)
    missing.push("the company's VAT ID or tax number (settings)");
  if (!company.iban) missing.push("the company's IBAN (settings)");
  if (!view.customer.city || !view.customer.postalCode)
    missing.push("the customer's postal code and city");
  if (!buyer.electronicAddress && !buyer.email)
    missing.push("the customer's electronic address or email");
  if (missing.length > 0) throw new EInvoiceDataError(missing);
}

/** The library's input for an invoice, credit note or cancellation (see above for the rules). */
export function toInvoiceData(input: EInvoiceInput, options: { xrechnung: boolean }): Invoice {
  requireFields(input);
  const { view, seller, buyer } = input;
  const { company, customer } = view;
  const credit = CREDIT_KINDS.has(view.kind);
  // Credit notes and cancellations are stored negative; a 381 carries positive amounts.
  const sign = (value: Decimal) => (credit ? value.negated() : value);
  const currency = view.currency as "EUR";
  const exemption = view.vatExemption;
  // BR-O-02: an invoice outside the scope of VAT names no VAT identifiers at all.
  const outside = exemption === "outside_scope";

  const categories = new Map<string, CategorySum>();
  const lines = view.lines.map((line) => {
    const category = lineCategory(line.taxRate, exemption);
    const net = sign(line.netAmount);
    const discount = sign(line.discountAmount);
    const key = `${category}:${line.taxRate.toFixed(2)}`;
    const sum = categories.get(key) ?? { category, rate: line.taxRate, net: ZERO, tax: ZERO };
    sum.net = sum.net.plus(net);
    categories.set(key, sum);
    const quantity = sign(line.quantity);
    const lineData = {
      "cbc:ID": String(line.position),
      "cbc:InvoicedQuantity": exact(quantity),
      "cbc:InvoicedQuantity@unitCode": unitCodeOf(line.unit),
      "cbc:LineExtensionAmount": money(net),
      "cbc:LineExtensionAmount@currencyID": currency,
      ...(discount.isZero()
        ? {}
        : {
            "cac:AllowanceCharge": [
              {
                "cbc:ChargeIndicator": "false",
                "cbc:AllowanceChargeReasonCode": "95",
                "cbc:AllowanceChargeReason": "Rabatt",
                "cbc:MultiplierFactorNumeric": exact(line.discountPercent),
                "cbc:Amount": money(discount),
                "cbc:Amount@currencyID": currency,
                "cbc:BaseAmount": money(net.plus(discount)),
                "cbc:BaseAmount@currencyID": currency,
              },
            ],
          }),
      "cac:Item": {
        "cbc:Name": line.description.split(/\r?\n/)[0]!.slice(0, 200),
        ...(line.description.includes("\n") ? { "cbc:Description": line.description } : {}),
        "cac:ClassifiedTaxCategory": {
          "cbc:ID": category,
          "cbc:Percent": exact(line.taxRate),
          "cac:TaxScheme": { "cbc:ID": "VAT" },
        },
      },
      "cac:Price": {
        "cbc:PriceAmount": exact(line.unitPrice),
        "cbc:PriceAmount@currencyID": currency,
      },
    };
    return lineData;
  });

  // The tax per category is the document's own per-rate tax (the sum of its rounded lines),
  // which is what the printed document shows and what was booked.
  const taxByRate = new Map(
    view.vatBreakdown.map((row) => [row.taxRate.toFixed(2), sign(row.taxAmount)]),
  );
  const subtotals = [...categories.values()].map((sum) => {
    const tax = sum.category === "S" ? (taxByRate.get(sum.rate.toFixed(2)) ?? ZERO) : ZERO;
    const reason =
      exemption && sum.category !== "S" && sum.category !== "Z" ? EXEMPTION_CODES[exemption] : null;
    return {
      "cbc:TaxableAmount": money(sum.net),
      "cbc:TaxableAmount@currencyID": currency,
      "cbc:TaxAmount": money(tax),
      "cbc:TaxAmount@currencyID": currency,
      "cac:TaxCategory": {
        "cbc:ID": sum.category,
        "cbc:Percent": exact(sum.rate),
        ...(reason
          ? { "cbc:TaxExemptionReasonCode": reason.code, "cbc:TaxExemptionReason": reason.text }
          : {}),
        "cac:TaxScheme": { "cbc:ID": "VAT" },
      },
    };
  });
  const taxTotal = subtotals.reduce((sum, row) => sum.plus(toDecimal(row["cbc:TaxAmount"])), ZERO);
  const netTotal = sign(view.netAmount);
  const grossTotal = netTotal.plus(taxTotal);
  const paid = credit ? ZERO : view.paidAmount;

  const sellerTaxSchemes = outside
    ? []
    : [
        ...(company.vatId
          ? [{ "cbc:CompanyID": company.vatId, "cac:TaxScheme": { "cbc:ID": "VAT" } }]
          : []),
        ...(company.taxNumber
          ? [{ "cbc:CompanyID": company.taxNumber, "cac:TaxScheme": { "cbc:ID": "FC" } }]
          : []),
      ];
  const sellerAddress = seller.electronicAddress ?? company.email!;
  const buyerAddress = buyer.electronicAddress ?? buyer.email!;
  const notes = [view.notes].filter((note): note is string => Boolean(note));

  const data = {
    "ubl:Invoice": {
      "cbc:CustomizationID": options.xrechnung
        ? XRECHNUNG_CUSTOMIZATION_ID
        : "urn:cen.eu:en16931:2017",
      "cbc:ProfileID": BUSINESS_PROCESS_ID,
      "cbc:ID": view.number!,
      "cbc:IssueDate": view.issuedDate!,
      ...(view.dueDate && !credit ? { "cbc:DueDate": view.dueDate } : {}),
      "cbc:InvoiceTypeCode": credit ? "381" : "380",
      ...(notes.length > 0 ? { "cbc:Note": notes } : {}),
      "cbc:DocumentCurrencyCode": currency,
      // BT-10: XRechnung requires it (BR-DE-15); a business buyer without a Leitweg-ID or order
      // reference of their own gets the document number, which they can quote back.
      "cbc:BuyerReference": buyer.buyerReference ?? view.number!,
      ...(view.servicePeriodStart && view.servicePeriodEnd
        ? {
            "cac:InvoicePeriod": {
              "cbc:StartDate": view.servicePeriodStart,
              "cbc:EndDate": view.servicePeriodEnd,
            },
          }
        : {}),
      ...(credit && input.precedingInvoice?.number
        ? {
            "cac:BillingReference": [
              {
                "cac:InvoiceDocumentReference": {
                  "cbc:ID": input.precedingInvoice.number,
                  ...(input.precedingInvoice.issuedDate
                    ? { "cbc:IssueDate": input.precedingInvoice.issuedDate }
                    : {}),
                },
              },
            ],
          }
        : {}),
      "cac:AccountingSupplierParty": {
        "cac:Party": {
          "cbc:EndpointID": sellerAddress,
          "cbc:EndpointID@schemeID": "EM",
          "cac:PartyName": { "cbc:Name": company.name },
          "cac:PostalAddress": {
            ...(company.street ? { "cbc:StreetName": company.street } : {}),
            "cbc:CityName": company.city!,
            "cbc:PostalZone": company.postalCode!,
            "cac:Country": { "cbc:IdentificationCode": company.country.toUpperCase() },
          },
          "cac:PartyTaxScheme": sellerTaxSchemes,
          "cac:PartyLegalEntity": {
            "cbc:RegistrationName": company.name,
            // BR-CO-26: without a VAT ID (a § 19 small business often has none) the seller needs
            // an identifier; the tax number, issued by the tax office, is the one Ledgerline
            // knows. As BT-30, because the library 2.3.4 drops BT-29 in CII.
            ...(!company.vatId || outside ? { "cbc:CompanyID": company.taxNumber! } : {}),
          },
          "cac:Contact": {
            "cbc:Name": seller.contactName ?? company.name,
            "cbc:Telephone": company.phone!,
            "cbc:ElectronicMail": company.email ?? sellerAddress,
          },
        },
      },
      "cac:AccountingCustomerParty": {
        "cac:Party": {
          "cbc:EndpointID": buyerAddress,
          "cbc:EndpointID@schemeID": "EM",
          "cac:PostalAddress": {
            ...(customer.street ? { "cbc:StreetName": customer.street } : {}),
            "cbc:CityName": customer.city!,
            "cbc:PostalZone": customer.postalCode!,
            "cac:Country": { "cbc:IdentificationCode": customer.country.toUpperCase() },
          },
          ...(customer.vatId && !outside
            ? {
                "cac:PartyTaxScheme": {
                  "cbc:CompanyID": customer.vatId,
                  "cac:TaxScheme": { "cbc:ID": "VAT" },
                },
              }
            : {}),
          "cac:PartyLegalEntity": { "cbc:RegistrationName": customer.name },
        },
      },
      ...(!view.servicePeriodStart || !view.servicePeriodEnd
        ? {
            "cac:Delivery": {
              "cbc:ActualDeliveryDate":
                view.servicePeriodEnd ?? view.servicePeriodStart ?? view.issuedDate!,
            },
          }
        : {}),
      "cac:PaymentMeans": [
        {
          "cbc:PaymentMeansCode": "58",
          "cbc:PaymentID": view.number!,
          "cac:PayeeFinancialAccount": {
            "cbc:ID": company.iban!.replace(/\s+/g, ""),
            "cbc:Name": company.name,
            ...(company.bic ? { "cac:FinancialInstitutionBranch": { "cbc:ID": company.bic } } : {}),
          },
        },
      ],
      ...(view.terms ? { "cac:PaymentTerms": { "cbc:Note": view.terms } } : {}),
      "cac:TaxTotal": [
        {
          "cbc:TaxAmount": money(taxTotal),
          "cbc:TaxAmount@currencyID": currency,
          "cac:TaxSubtotal": subtotals,
        },
      ],
      "cac:LegalMonetaryTotal": {
        "cbc:LineExtensionAmount": money(netTotal),
        "cbc:LineExtensionAmount@currencyID": currency,
        "cbc:TaxExclusiveAmount": money(netTotal),
        "cbc:TaxExclusiveAmount@currencyID": currency,
        "cbc:TaxInclusiveAmount": money(grossTotal),
        "cbc:TaxInclusiveAmount@currencyID": currency,
        ...(paid.isZero()
          ? {}
          : { "cbc:PrepaidAmount": money(paid), "cbc:PrepaidAmount@currencyID": currency }),
        "cbc:PayableAmount": money(grossTotal.minus(paid)),
        "cbc:PayableAmount@currencyID": currency,
      },
      "cac:InvoiceLine": lines,
    },
  };
  return data as unknown as Invoice;
}

export type { DocumentView };
