import { Prisma, type CompanySettingsModel, type StoredFileModel } from "@ledgerline/db";
import { jsonObject, type ColumnSql, type JsonText } from "../shared/raw-sql-rows.ts";

/**
 * The one row type of `company_settings` (there is at most one row, id 1) where raw SQL reads it
 * beside a record: a document's lock and detail read (the sales settings) and the PDFs (what
 * they print), taken from Prisma's model, with the one map from each field to its SQL. The
 * settings are read as one JSON value (`s` joined on id 1), null while none are saved.
 */

/** What the sales rules need of the settings (`salesSettingsOf`). */
export const SALES_SETTINGS_KEYS = [
  "defaultCurrency",
  "defaultLocale",
  "defaultTaxRate",
  "defaultPaymentTermsDays",
  "quoteValidityDays",
  "invoiceApprovalPolicy",
  "invoiceApprovalThreshold",
  "numberPrefixes",
  "defaultDocumentTerms",
] as const satisfies (keyof CompanySettingsModel)[];

/** What documents print of the company, and the facts their e-invoices need. */
const PRINT_SETTINGS_KEYS = [
  "legalName",
  "street",
  "postalCode",
  "city",
  "country",
  "vatId",
  "taxNumber",
  "email",
  "phone",
  "website",
  "bankName",
  "iban",
  "bic",
  "documentFooter",
  "smallBusiness",
  "pdfFileNamePrefix",
  "contactName",
  "electronicAddress",
  "defaultLocale",
] as const satisfies (keyof CompanySettingsModel)[];

type SalesSettingsKey = (typeof SALES_SETTINGS_KEYS)[number];
type PrintSettingsKey = (typeof PRINT_SETTINGS_KEYS)[number];
type SettingsDecimalKey = "defaultTaxRate" | "invoiceApprovalThreshold";

/** The sales settings as Prisma reads them, or as `SALES_SETTINGS_SQL` (decimals as exact text). */
export type SalesSettingsRow =
  | Pick<CompanySettingsModel, SalesSettingsKey>
  | JsonText<Pick<CompanySettingsModel, SalesSettingsKey>, SettingsDecimalKey>;

/** What documents print of the settings, with the logo's file (`logo`). */
export type CompanyPrintSettings = Pick<CompanySettingsModel, PrintSettingsKey> & {
  logoStorageKey: StoredFileModel["storageKey"] | null;
  logoMimeType: StoredFileModel["mimeType"] | null;
};

/** Each field read of `company_settings s` (and its logo `logo`), as SQL selects it. */
const COMPANY_SETTINGS_JSON_SQL: ColumnSql<
  Pick<CompanySettingsModel, SalesSettingsKey | PrintSettingsKey> &
    Pick<CompanyPrintSettings, "logoStorageKey" | "logoMimeType">
> = {
  defaultCurrency: "s.default_currency",
  defaultLocale: "s.default_locale",
  defaultTaxRate: "s.default_tax_rate::text",
  defaultPaymentTermsDays: "s.default_payment_terms_days",
  quoteValidityDays: "s.quote_validity_days",
  invoiceApprovalPolicy: "s.invoice_approval_policy",
  invoiceApprovalThreshold: "s.invoice_approval_threshold::text",
  numberPrefixes: "s.number_prefixes",
  defaultDocumentTerms: "s.default_document_terms",
  legalName: "s.legal_name",
  street: "s.street",
  postalCode: "s.postal_code",
  city: "s.city",
  country: "s.country",
  vatId: "s.vat_id",
  taxNumber: "s.tax_number",
  email: "s.email",
  phone: "s.phone",
  website: "s.website",
  bankName: "s.bank_name",
  iban: "s.iban",
  bic: "s.bic",
  documentFooter: "s.document_footer",
  smallBusiness: "s.small_business",
  pdfFileNamePrefix: "s.pdf_file_name_prefix",
  contactName: "s.contact_name",
  electronicAddress: "s.electronic_address",
  logoStorageKey: "logo.storage_key",
  logoMimeType: "logo.mime_type",
};

/** The settings row as `s` (there is at most one, id 1). */
export const COMPANY_SETTINGS_JOIN = Prisma.sql`LEFT JOIN company_settings s ON s.id = 1`;

/** The settings row as `s` and the logo's stored file as `logo`. */
export const COMPANY_PRINT_SETTINGS_JOIN = Prisma.sql`${COMPANY_SETTINGS_JOIN}
  LEFT JOIN stored_files logo ON logo.id = s.logo_file_id`;

const whenSaved = (value: Prisma.Sql) => Prisma.sql`CASE WHEN s.id IS NOT NULL THEN ${value} END`;

/** The `SalesSettingsRow` of `s` (with `COMPANY_SETTINGS_JOIN`), null before one is saved. */
export const SALES_SETTINGS_SQL = whenSaved(
  jsonObject(COMPANY_SETTINGS_JSON_SQL, SALES_SETTINGS_KEYS),
);

/** The `CompanyPrintSettings` of `s` (with `COMPANY_PRINT_SETTINGS_JOIN`), null before one is saved. */
export const COMPANY_PRINT_SETTINGS_SQL = whenSaved(
  jsonObject(COMPANY_SETTINGS_JSON_SQL, [...PRINT_SETTINGS_KEYS, "logoStorageKey", "logoMimeType"]),
);
