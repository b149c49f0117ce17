import {
  invoiceApprovalPolicyOf,
  type InvoiceApprovalPolicy,
  DEFAULT_NUMBER_PREFIXES,
  DOCUMENT_NUMBER_TYPES,
  type CompanySettingsInput,
  type DocumentNumberType,
  type Locale,
} from "@ledgerline/domain";
import { decimalOfText, decimalText, wholeNumberOfText } from "../../lib/decimal-entry.ts";
import { textOf } from "../../lib/form-values.ts";
import type { RouterOutputs } from "../../lib/trpc.ts";

export type CompanySettings = RouterOutputs["settings"]["get"];

export interface CurrencyThresholdRow {
  currency: string;
  amount: string;
}

export interface SettingsFormValues {
  legalName: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  email: string;
  phone: string;
  website: string;
  vatId: string;
  taxNumber: string;
  bankName: string;
  iban: string;
  bic: string;
  defaultCurrency: string;
  defaultPaymentTermsDays: string;
  quoteValidityDays: string;
  defaultTaxRate: string;
  defaultLocale: Locale;
  /** Who approves (§5.1): always, at or above the amount below, or never. */
  invoiceApprovalPolicy: InvoiceApprovalPolicy;
  invoiceApprovalThreshold: string;
  purchaseOrderAutoApprovalThreshold: string;
  /** One row per currency with its own threshold (each currency once; the select offers no repeats). */
  purchaseOrderAutoApprovalThresholds: CurrencyThresholdRow[];
  numberPrefixes: Record<DocumentNumberType, string>;
  contactName: string;
  electronicAddress: string;
  documentFooter: string;
  defaultDocumentTerms: string;
  pdfFileNamePrefix: string;
  smallBusiness: boolean;
}

export const emptySettingsValues = (): SettingsFormValues => ({
  legalName: "",
  street: "",
  postalCode: "",
  city: "",
  country: "DE",
  email: "",
  phone: "",
  website: "",
  vatId: "",
  taxNumber: "",
  bankName: "",
  iban: "",
  bic: "",
  defaultCurrency: "EUR",
  defaultPaymentTermsDays: "14",
  quoteValidityDays: "14",
  defaultTaxRate: "19",
  defaultLocale: "de",
  invoiceApprovalPolicy: "never",
  invoiceApprovalThreshold: "",
  purchaseOrderAutoApprovalThreshold: "",
  purchaseOrderAutoApprovalThresholds: [],
  numberPrefixes: { ...DEFAULT_NUMBER_PREFIXES },
  contactName: "",
  electronicAddress: "",
  documentFooter: "",
  defaultDocumentTerms: "",
  pdfFileNamePrefix: "",
  smallBusiness: false,
});

/** The stored map (JSON, `{"USD": "400.00"}`) as rows, by currency code. */
function thresholdRowsOf(stored: unknown, locale: Locale): CurrencyThresholdRow[] {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return [];
  return Object.entries(stored as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string")
    .sort(([first], [second]) => first.localeCompare(second))
    .map(([currency, amount]) => ({ currency, amount: decimalText(amount, locale, "amount") }));
}

/** Numbers are spelt the locale's way: "19" and "7,5" for rates, "5.000,00" for amounts. */
export const settingsValuesOf = (
  settings: CompanySettings,
  locale: Locale,
): SettingsFormValues => ({
  legalName: settings.legalName,
  street: textOf(settings.street),
  postalCode: textOf(settings.postalCode),
  city: textOf(settings.city),
  country: settings.country,
  email: textOf(settings.email),
  phone: textOf(settings.phone),
  website: textOf(settings.website),
  vatId: textOf(settings.vatId),
  taxNumber: textOf(settings.taxNumber),
  bankName: textOf(settings.bankName),
  iban: textOf(settings.iban),
  bic: textOf(settings.bic),
  defaultCurrency: settings.defaultCurrency,
  defaultPaymentTermsDays: String(settings.defaultPaymentTermsDays),
  quoteValidityDays: String(settings.quoteValidityDays),
  defaultTaxRate: decimalText(settings.defaultTaxRate, locale, "percent"),
  defaultLocale: settings.defaultLocale === "en" ? "en" : "de",
  invoiceApprovalPolicy: invoiceApprovalPolicyOf(settings.invoiceApprovalPolicy),
  invoiceApprovalThreshold: decimalText(settings.invoiceApprovalThreshold, locale, "amount"),
  purchaseOrderAutoApprovalThreshold: decimalText(
    settings.purchaseOrderAutoApprovalThreshold,
    locale,
    "amount",
  ),
  purchaseOrderAutoApprovalThresholds: thresholdRowsOf(
    settings.purchaseOrderAutoApprovalThresholds,
    locale,
  ),
  numberPrefixes: { ...DEFAULT_NUMBER_PREFIXES, ...settings.numberPrefixes },
  contactName: textOf(settings.contactName),
  electronicAddress: textOf(settings.electronicAddress),
  documentFooter: textOf(settings.documentFooter),
  defaultDocumentTerms: textOf(settings.defaultDocumentTerms),
  pdfFileNamePrefix: textOf(settings.pdfFileNamePrefix),
  smallBusiness: settings.smallBusiness,
});

export const settingsInputOf = (
  values: SettingsFormValues,
  locale: Locale,
): CompanySettingsInput => ({
  ...values,
  defaultPaymentTermsDays: wholeNumberOfText(values.defaultPaymentTermsDays, locale),
  quoteValidityDays: wholeNumberOfText(values.quoteValidityDays, locale),
  defaultTaxRate: decimalOfText(values.defaultTaxRate, locale),
  // The amount counts only for the threshold policy; the others leave it out.
  invoiceApprovalThreshold:
    values.invoiceApprovalPolicy === "threshold"
      ? decimalOfText(values.invoiceApprovalThreshold, locale) || null
      : null,
  purchaseOrderAutoApprovalThreshold:
    decimalOfText(values.purchaseOrderAutoApprovalThreshold, locale) || null,
  // A blank amount stays "" so the schema names the row ("an amount such as 5000.00").
  purchaseOrderAutoApprovalThresholds: Object.fromEntries(
    values.purchaseOrderAutoApprovalThresholds.map((row) => [
      row.currency,
      decimalOfText(row.amount, locale),
    ]),
  ),
  numberPrefixes: Object.fromEntries(
    DOCUMENT_NUMBER_TYPES.flatMap((type) => {
      const prefix = values.numberPrefixes[type].trim();
      return prefix ? [[type, prefix]] : [];
    }),
  ),
});
