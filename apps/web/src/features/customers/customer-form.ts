import type { CreateCustomerInput, Locale } from "@ledgerline/domain";
import { wholeNumberOfText } from "../../lib/decimal-entry.ts";
import { draftKey, textOf } from "../../lib/form-values.ts";
import type { RouterOutputs } from "../../lib/trpc.ts";

export type CustomerRecord = RouterOutputs["customers"]["get"];

export interface ContactDraft {
  /** React's key: the id for stored contacts, a draft key for new ones. */
  key: string;
  id?: string;
  name: string;
  email: string;
  phone: string;
  position: string;
  isPrimary: boolean;
}

export interface CustomerFormValues {
  name: string;
  legalName: string;
  email: string;
  phone: string;
  website: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  vatId: string;
  defaultCurrency: string;
  paymentTermsDays: string;
  buyerReference: string;
  electronicAddress: string;
  notes: string;
  contacts: ContactDraft[];
}

export const emptyContact = (isPrimary: boolean): ContactDraft => ({
  key: draftKey(),
  name: "",
  email: "",
  phone: "",
  position: "",
  isPrimary,
});

export const newCustomerValues = (): CustomerFormValues => ({
  name: "",
  legalName: "",
  email: "",
  phone: "",
  website: "",
  street: "",
  postalCode: "",
  city: "",
  country: "DE",
  vatId: "",
  defaultCurrency: "EUR",
  paymentTermsDays: "14",
  buyerReference: "",
  electronicAddress: "",
  notes: "",
  contacts: [],
});

export const customerValuesOf = (customer: CustomerRecord): CustomerFormValues => ({
  name: customer.name,
  legalName: textOf(customer.legalName),
  email: textOf(customer.email),
  phone: textOf(customer.phone),
  website: textOf(customer.website),
  street: textOf(customer.street),
  postalCode: textOf(customer.postalCode),
  city: textOf(customer.city),
  country: customer.country,
  vatId: textOf(customer.vatId),
  defaultCurrency: customer.defaultCurrency,
  paymentTermsDays: String(customer.paymentTermsDays),
  buyerReference: textOf(customer.buyerReference),
  electronicAddress: textOf(customer.electronicAddress),
  notes: textOf(customer.notes),
  contacts: customer.contacts.map((contact) => ({
    key: contact.id,
    id: contact.id,
    name: contact.name,
    email: textOf(contact.email),
    phone: textOf(contact.phone),
    position: textOf(contact.position),
    isPrimary: contact.isPrimary,
  })),
});

/** The form as createCustomerInputSchema's input (its transforms turn "" into null). */
export const customerInputOf = (
  { contacts, paymentTermsDays, ...values }: CustomerFormValues,
  locale: Locale,
): CreateCustomerInput => ({
  ...values,
  paymentTermsDays: wholeNumberOfText(paymentTermsDays, locale),
  contacts: contacts.map(({ key: _key, id, ...contact }) => (id ? { id, ...contact } : contact)),
});
