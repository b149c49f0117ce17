import { z } from "zod";
import { isValidLeitwegId, looksLikeLeitwegId } from "../leitweg-id.ts";
import { isCurrencyCode } from "../money.ts";
import { isValidBic, isValidIban, normalizeIban } from "../iban.ts";
import {
  archivedFilterSchema,
  countryCodeSchema,
  idSchema,
  optionalEmail,
  optionalText,
  pageInputSchema,
  requiredText,
  sortDirectionSchema,
} from "./common.ts";
import { updateInputOf } from "./partial-update.ts";

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, "Use an ISO 4217 currency code such as EUR.");

const paymentTermsDaysSchema = z
  .number({ error: "Enter a number of days." })
  .int("Whole days only.")
  .min(0, "Cannot be negative.")
  .max(365, "At most 365 days.");

const optionalIban = optionalText(42)
  .transform((value) => (value ? normalizeIban(value) : null))
  .refine((value) => value === null || isValidIban(value), "This IBAN is not valid (checksum).");

// 14 leaves room for the spaces people write ("COBA DE FF XXX"); the length that counts is checked
// by isValidBic once they are removed.
const optionalBic = optionalText(14)
  .transform((value) => (value ? value.replace(/\s+/g, "").toUpperCase() : null))
  .refine((value) => value === null || isValidBic(value), "A BIC has 8 or 11 letters and digits.");

/** Postal address, shared by customers and suppliers (and the company settings). */
const addressFields = {
  street: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  country: countryCodeSchema.default("DE"),
};

// ---------------------------------------------------------------- customers (seed 004 "company")

export const contactInputSchema = z.object({
  id: idSchema.optional(),
  name: requiredText(200, "Name"),
  email: optionalEmail,
  phone: optionalText(50),
  position: optionalText(100),
  isPrimary: z.boolean().default(false),
});
export type ContactInput = z.input<typeof contactInputSchema>;

export const createCustomerInputSchema = z.object({
  name: requiredText(200, "Name"),
  legalName: optionalText(200),
  email: optionalEmail,
  phone: optionalText(50),
  website: optionalText(200),
  ...addressFields,
  vatId: optionalText(20),
  defaultCurrency: currencySchema.default("EUR"),
  paymentTermsDays: paymentTermsDaysSchema.default(14),
  /**
   * XRechnung BT-10: the buyer reference; for public buyers their Leitweg-ID, which is checked
   * (format and check digits) when the text begins as one does (`looksLikeLeitwegId`).
   */
  buyerReference: optionalText(200).refine(
    (value) => !value || !looksLikeLeitwegId(value) || isValidLeitwegId(value),
    "This Leitweg-ID is not valid (format 991-33333TEST-33, check digits).",
  ),
  /** XRechnung BT-49: where the customer receives e-invoices (an email address). */
  electronicAddress: optionalEmail,
  notes: optionalText(4000),
  contacts: z
    .array(contactInputSchema)
    .max(50, "At most 50 contacts.")
    .default([])
    .refine(
      (contacts) => contacts.filter((c) => c.isPrimary).length <= 1,
      "Only one primary contact.",
    ),
});
export type CreateCustomerInput = z.input<typeof createCustomerInputSchema>;
export type CustomerValues = z.output<typeof createCustomerInputSchema>;

/**
 * `customers.update`: the fields to change (`updateSchemaOf`). `contacts`, when given, is the new
 * list: a contact with its `id` keeps that contact (with the fields sent changed), one without
 * is new, contacts left out of the list are removed.
 */
export const updateCustomerInputSchema = updateInputOf(createCustomerInputSchema);
export type UpdateCustomerInput = z.input<typeof updateCustomerInputSchema>;

export const customerSortSchema = z.enum(["name", "city", "createdAt", "updatedAt"]);

export const listCustomersInputSchema = pageInputSchema.extend({
  search: z.string().trim().max(200).optional(),
  country: countryCodeSchema.optional(),
  archived: archivedFilterSchema,
  sortBy: customerSortSchema.default("name"),
  sortDirection: sortDirectionSchema.default("asc"),
});
export type ListCustomersInput = z.input<typeof listCustomersInputSchema>;

// ---------------------------------------------------------------- suppliers (seed 004 "translator")

export const SUPPLIER_KINDS = ["freelancer", "agency"] as const;
export type SupplierKind = (typeof SUPPLIER_KINDS)[number];

/** A language pair "source>target" such as "en>de" or "en>pt-br" (BCP 47 tags contain "-"). */
export const languagePairSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}(-[a-z]{2,4})?>[a-z]{2,3}(-[a-z]{2,4})?$/, 'Write a pair as "en>de".');

export const createSupplierInputSchema = z.object({
  name: requiredText(200, "Name"),
  kind: z.enum(SUPPLIER_KINDS).default("freelancer"),
  email: optionalEmail,
  phone: optionalText(50),
  ...addressFields,
  taxId: optionalText(30),
  iban: optionalIban,
  bic: optionalBic,
  defaultCurrency: currencySchema.default("EUR"),
  languagePairs: z.array(languagePairSchema).max(50).default([]),
  notes: optionalText(4000),
});
export type CreateSupplierInput = z.input<typeof createSupplierInputSchema>;
export type SupplierValues = z.output<typeof createSupplierInputSchema>;

/** `suppliers.update`: the fields to change (`updateSchemaOf`). */
export const updateSupplierInputSchema = updateInputOf(createSupplierInputSchema);
export type UpdateSupplierInput = z.input<typeof updateSupplierInputSchema>;

export const supplierSortSchema = z.enum(["name", "city", "createdAt", "updatedAt"]);

export const listSuppliersInputSchema = pageInputSchema.extend({
  search: z.string().trim().max(200).optional(),
  kind: z.enum(SUPPLIER_KINDS).optional(),
  languagePair: languagePairSchema.optional(),
  archived: archivedFilterSchema,
  sortBy: supplierSortSchema.default("name"),
  sortDirection: sortDirectionSchema.default("asc"),
});
export type ListSuppliersInput = z.input<typeof listSuppliersInputSchema>;

// ---------------------------------------------------------------- projects (seed 004 "job")

export const PROJECT_STATUSES = ["active", "on_hold", "completed"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

const isoDate = z.iso.date({ error: "Use a date (YYYY-MM-DD)." });

const projectDatesAreValid = (value: unknown) => {
  const { startDate, endDate } = (value ?? {}) as { startDate?: unknown; endDate?: unknown };
  return [startDate, endDate].every((date) => date == null || isoDate.safeParse(date).success);
};

export const createProjectInputSchema = z
  .object({
    name: requiredText(200, "Name"),
    customerId: idSchema,
    managerId: idSchema.nullish().transform((value) => value ?? null),
    status: z.enum(PROJECT_STATUSES).default("active"),
    startDate: isoDate.nullish().transform((value) => value ?? null),
    endDate: isoDate.nullish().transform((value) => value ?? null),
    notes: optionalText(4000),
  })
  // Only well-formed dates are compared; a malformed one already has its own error.
  .refine((p) => !p.startDate || !p.endDate || p.endDate >= p.startDate, {
    when: (payload) => projectDatesAreValid(payload.value),
    message: "The end date cannot be before the start date.",
    path: ["endDate"],
  });
export type CreateProjectInput = z.input<typeof createProjectInputSchema>;
export type ProjectValues = z.output<typeof createProjectInputSchema>;

/** `projects.update`: the fields to change (`updateSchemaOf`). */
export const updateProjectInputSchema = updateInputOf(createProjectInputSchema);
export type UpdateProjectInput = z.input<typeof updateProjectInputSchema>;

export const projectSortSchema = z.enum(["number", "name", "status", "createdAt", "updatedAt"]);

export const listProjectsInputSchema = pageInputSchema.extend({
  search: z.string().trim().max(200).optional(),
  customerId: idSchema.optional(),
  managerId: idSchema.optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  archived: archivedFilterSchema,
  sortBy: projectSortSchema.default("number"),
  sortDirection: sortDirectionSchema.default("desc"),
});
export type ListProjectsInput = z.input<typeof listProjectsInputSchema>;
