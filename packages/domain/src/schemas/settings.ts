import { z } from "zod";
import { isValidBic, isValidIban, normalizeIban } from "../iban.ts";
import { isCurrencyCode } from "../money.ts";
import {
  countryCodeSchema,
  decimalSchema,
  optionalDecimalSchema,
  optionalEmail,
  optionalText,
  requiredText,
} from "./common.ts";
import { currencySchema } from "./parties.ts";
import { LOCALES } from "./access.ts";
import { DOCUMENT_NUMBER_TYPES } from "../numbering.ts";
import { updateSchemaOf } from "./partial-update.ts";
import { INVOICE_APPROVAL_POLICIES } from "../sales-documents.ts";

/**
 * The company's currency until an administrator saves the settings (the column's default too):
 * what sales documents, purchase orders and expenses fall back on when no settings row exists.
 */
export const DEFAULT_CURRENCY = "EUR";

const prefixSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,6}$/, "1 to 6 letters, such as RE.");

/** An optional amount field (numeric(14,2), not negative): empty means "not set". */
const optionalMoneyString = optionalDecimalSchema({
  places: 2,
  precision: 14,
  invalid: "An amount such as 5000.00.",
  tooManyPlaces: "An amount such as 5000.00.",
  check: (value) => (value.isNegative() ? "Cannot be negative." : null),
});

/** The company's own data: shown on documents, never hard-coded (seed 000's sample is not ours). */
export const companySettingsInputSchema = z.object({
  legalName: requiredText(200, "Company name"),
  street: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  country: countryCodeSchema.default("DE"),
  email: optionalEmail,
  phone: optionalText(50),
  website: optionalText(200),
  vatId: optionalText(20),
  taxNumber: optionalText(30),
  bankName: optionalText(100),
  iban: optionalText(42)
    .transform((v) => (v ? normalizeIban(v) : null))
    .refine((v) => v === null || isValidIban(v), "This IBAN is not valid (checksum)."),
  // Room for spaces ("COBA DE FF XXX"); isValidBic checks 8 or 11 once they are removed.
  bic: optionalText(14)
    .transform((v) => (v ? v.replace(/\s+/g, "").toUpperCase() : null))
    .refine((v) => v === null || isValidBic(v), "A BIC has 8 or 11 letters and digits."),
  defaultCurrency: currencySchema.default(DEFAULT_CURRENCY),
  defaultPaymentTermsDays: z.number().int().min(0).max(365).default(14),
  /** Days an issued quote is valid unless its draft names a date (seed 000: "14 days valid"). */
  quoteValidityDays: z.number().int().min(1).max(365).default(14),
  defaultTaxRate: decimalSchema({
    places: 2,
    precision: 5,
    invalid: "A rate such as 19 or 7.5.",
    tooManyPlaces: "A rate such as 19 or 7.5.",
    check: (value) =>
      value.isNegative() ? "Cannot be negative." : value.gt(100) ? "At most 100 %." : null,
  }).default("19"),
  defaultLocale: z.enum(LOCALES).default("de"),
  /**
   * Who must approve invoices, credit notes, sales orders and pro forma (§5.1): `always`,
   * `threshold` (at or above `invoiceApprovalThreshold`) or `never`. Sent without a policy, a
   * threshold names its policy as before: none = never, 0 = always (`approvalPolicyOfThreshold`).
   */
  invoiceApprovalPolicy: z
    .enum(INVOICE_APPROVAL_POLICIES, { error: "Choose always, at or above an amount, or never." })
    .default("never"),
  /** The amount of the `threshold` policy, in the document's own currency. */
  invoiceApprovalThreshold: optionalMoneyString,
  /** In the company's default currency; other currencies: `purchaseOrderAutoApprovalThresholds`. */
  purchaseOrderAutoApprovalThreshold: optionalMoneyString,
  /**
   * Per currency (`{"USD": "400.00"}`): a completed PO at or under its currency's threshold is
   * approved automatically. A currency named here overrides the single threshold above.
   */
  purchaseOrderAutoApprovalThresholds: z
    .record(
      z
        .string()
        .refine((code) => isCurrencyCode(code), "Use an ISO 4217 currency code such as EUR."),
      decimalSchema({
        places: 2,
        precision: 14,
        invalid: "An amount such as 5000.00.",
        tooManyPlaces: "An amount such as 5000.00.",
        check: (value) => (value.isNegative() ? "Cannot be negative." : null),
      }),
    )
    .default({}),
  numberPrefixes: z.partialRecord(z.enum(DOCUMENT_NUMBER_TYPES), prefixSchema).default({}),
  /** Free text under every document (register court, managing directors, ...). */
  documentFooter: optionalText(1000),
  /**
   * Copied into every new sales document created without terms of its own (as a document's
   * `terms`, at most 4000 characters); an issued document keeps what it was created with.
   */
  defaultDocumentTerms: optionalText(4000),
  /** PDFs are named "<prefix>-<number>.pdf" (e.g. KIT-RE-2026-0001.pdf), else "<number>.pdf". */
  pdfFileNamePrefix: optionalText(20).refine(
    (value) => value === null || value === undefined || /^[A-Za-z0-9_-]+$/.test(value),
    "Letters, digits, '-' and '_' only.",
  ),
  /** XRechnung BT-41: the seller's contact person or department. */
  contactName: optionalText(200),
  /** XRechnung BT-34: where the company receives e-invoices (an email address). */
  electronicAddress: optionalEmail,
  /** § 19 UStG: no VAT is charged, and every document says why. */
  smallBusiness: z.boolean().default(false),
});
export type CompanySettingsInput = z.input<typeof companySettingsInputSchema>;

/**
 * `settings.update`: the fields to change (`updateSchemaOf`); before the settings exist, the
 * first save is a create and needs what `companySettingsInputSchema` needs (the company name).
 * `numberPrefixes`, when given, is the whole set of overrides.
 */
export const updateCompanySettingsInputSchema = updateSchemaOf(companySettingsInputSchema);
export type UpdateCompanySettingsInput = z.input<typeof updateCompanySettingsInputSchema>;

/**
 * `settings.previewDocument`: the branding form's values as typed, not yet saved. Every field is
 * free text within its length limit, because the preview follows the person while they type
 * (an IBAN half typed, a country code of one letter); what the settings would refuse is shown
 * as far as it can be, never an error.
 */
export const previewDocumentInputSchema = z.object({
  legalName: optionalText(200),
  street: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  country: optionalText(2),
  email: optionalText(254),
  phone: optionalText(50),
  website: optionalText(200),
  vatId: optionalText(20),
  taxNumber: optionalText(30),
  bankName: optionalText(100),
  iban: optionalText(42),
  bic: optionalText(14),
  documentFooter: optionalText(1000),
  defaultDocumentTerms: optionalText(4000),
  contactName: optionalText(200),
  electronicAddress: optionalText(254),
  smallBusiness: z.boolean().default(false),
  language: z.enum(LOCALES).default("de"),
});
export type PreviewDocumentInput = z.input<typeof previewDocumentInputSchema>;
