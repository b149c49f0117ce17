import type { CreateSupplierInput, SupplierKind } from "@ledgerline/domain";
import { listFromInput, textOf } from "../../lib/form-values.ts";
import type { RouterOutputs } from "../../lib/trpc.ts";

export type SupplierRecord = RouterOutputs["suppliers"]["get"];

export interface SupplierFormValues {
  name: string;
  kind: SupplierKind;
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  taxId: string;
  iban: string;
  bic: string;
  defaultCurrency: string;
  /** "en>de, en>fr": one text field, a list for the schema. */
  languagePairs: string;
  notes: string;
}

export const newSupplierValues = (): SupplierFormValues => ({
  name: "",
  kind: "freelancer",
  email: "",
  phone: "",
  street: "",
  postalCode: "",
  city: "",
  country: "DE",
  taxId: "",
  iban: "",
  bic: "",
  defaultCurrency: "EUR",
  languagePairs: "",
  notes: "",
});

/** IBANs are stored compact; people read them in groups of four. */
export const groupIban = (iban: string): string => iban.replace(/(.{4})/g, "$1 ").trim();

export const supplierValuesOf = (supplier: SupplierRecord): SupplierFormValues => ({
  name: supplier.name,
  kind: supplier.kind,
  email: textOf(supplier.email),
  phone: textOf(supplier.phone),
  street: textOf(supplier.street),
  postalCode: textOf(supplier.postalCode),
  city: textOf(supplier.city),
  country: supplier.country,
  taxId: textOf(supplier.taxId),
  iban: supplier.iban ? groupIban(supplier.iban) : "",
  bic: textOf(supplier.bic),
  defaultCurrency: supplier.defaultCurrency,
  languagePairs: supplier.languagePairs.join(", "),
  notes: textOf(supplier.notes),
});

export const supplierInputOf = ({
  languagePairs,
  ...values
}: SupplierFormValues): CreateSupplierInput => ({
  ...values,
  languagePairs: listFromInput(languagePairs),
});
