import {
  DEFAULT_NUMBER_PREFIXES,
  DOCUMENT_NUMBER_TYPES,
  type CompanySettingsInput,
  type DocumentNumberType,
  type Locale,
} from "@ledgerline/domain";
import { decimalOfText, decimalText } from "../../lib/decimal-entry.ts";
import { numberFromInput, textOf } from "../../lib/form-values.ts";
import type { RouterOutputs } from "../../lib/trpc.ts";

export type CompanySettings = RouterOutputs["settings"]["get"];

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
  invoiceApprovalThreshold: string;
  purchaseOrderAutoApprovalThreshold: string;
  numberPrefixes: Record<DocumentNumberType, string>;
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
  invoiceApprovalThreshold: "",
  purchaseOrderAutoApprovalThreshold: "",
  numberPrefixes: { ...DEFAULT_NUMBER_PREFIXES },
});

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
  invoiceApprovalThreshold: decimalText(settings.invoiceApprovalThreshold, locale, "amount"),
  purchaseOrderAutoApprovalThreshold: decimalText(
    settings.purchaseOrderAutoApprovalThreshold,
    locale,
    "amount",
  ),
  numberPrefixes: { ...DEFAULT_NUMBER_PREFIXES, ...settings.numberPrefixes },
});

export const settingsInputOf = (
  values: SettingsFormValues,
  locale: Locale,
): CompanySettingsInput => ({
  ...values,
  defaultPaymentTermsDays: numberFromInput(values.defaultPaymentTermsDays),
  quoteValidityDays: numberFromInput(values.quoteValidityDays),
  defaultTaxRate: decimalOfText(values.defaultTaxRate, locale),
  invoiceApprovalThreshold: decimalOfText(values.invoiceApprovalThreshold, locale) || null,
  purchaseOrderAutoApprovalThreshold:
    decimalOfText(values.purchaseOrderAutoApprovalThreshold, locale) || null,
  numberPrefixes: Object.fromEntries(
    DOCUMENT_NUMBER_TYPES.flatMap((type) => {
      const prefix = values.numberPrefixes[type].trim();
      return prefix ? [[type, prefix]] : [];
    }),
  ),
});
