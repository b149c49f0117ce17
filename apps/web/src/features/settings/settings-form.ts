import {
  DEFAULT_NUMBER_PREFIXES,
  DOCUMENT_NUMBER_TYPES,
  type CompanySettingsInput,
  type DocumentNumberType,
  type Locale,
} from "@ledgerline/domain";
import { decimalString } from "../../lib/format.ts";
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

/** "19.00" reads as "19" in a form; the value stays exact (no float on the way). */
const trimDecimal = (value: Parameters<typeof decimalString>[0] | null): string => {
  if (value === null) return "";
  const text = decimalString(value);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
};

/** Amounts keep their cents ("5000.00"). */
const amountText = (value: Parameters<typeof decimalString>[0] | null): string =>
  value === null ? "" : decimalString(value);

export const settingsValuesOf = (settings: CompanySettings): SettingsFormValues => ({
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
  defaultTaxRate: trimDecimal(settings.defaultTaxRate),
  defaultLocale: settings.defaultLocale === "en" ? "en" : "de",
  invoiceApprovalThreshold: amountText(settings.invoiceApprovalThreshold),
  purchaseOrderAutoApprovalThreshold: amountText(settings.purchaseOrderAutoApprovalThreshold),
  numberPrefixes: { ...DEFAULT_NUMBER_PREFIXES, ...settings.numberPrefixes },
});

export const settingsInputOf = (values: SettingsFormValues): CompanySettingsInput => ({
  ...values,
  defaultPaymentTermsDays: numberFromInput(values.defaultPaymentTermsDays),
  quoteValidityDays: numberFromInput(values.quoteValidityDays),
  // A decimal comma is what German speakers type; the API takes a point.
  defaultTaxRate: values.defaultTaxRate.trim().replace(",", "."),
  invoiceApprovalThreshold: values.invoiceApprovalThreshold.trim().replace(",", ".") || null,
  purchaseOrderAutoApprovalThreshold:
    values.purchaseOrderAutoApprovalThreshold.trim().replace(",", ".") || null,
  numberPrefixes: Object.fromEntries(
    DOCUMENT_NUMBER_TYPES.flatMap((type) => {
      const prefix = values.numberPrefixes[type].trim();
      return prefix ? [[type, prefix]] : [];
    }),
  ),
});
