import { appMessage, englishOf, type AppMessage, type AppMessageKey } from "./messages.ts";

/**
 * Which expenses an invoice may bill (seed 000 §2 "billable"): the one rule behind billing an
 * expense on a draft invoice, keeping a billed expense on it while the draft changes, and
 * changing an expense while it is billed. An expense is a cost of a project; billing passes it on
 * to that project's customer, so it belongs on an invoice of that customer (and of that project,
 * when the invoice names one), in the invoice's currency, and on one invoice at a time.
 */

/** What the rule needs to know of an expense. */
export interface ExpenseBillingFacts {
  title: string;
  isBillable: boolean;
  currency: string;
  projectId: string | null;
  /** The customer of the expense's project; null without a project. */
  projectCustomerId: string | null;
  /** The invoice the expense is billed on; null while it is not billed. */
  invoiceId: string | null;
}

/** What the rule needs to know of the invoice. */
export interface InvoiceBillingFacts {
  id: string;
  customerId: string;
  projectId: string | null;
  currency: string;
}

/**
 * The field a problem is about, named from the expense's side (`isBillable`, `projectId`,
 * `currency`, `invoiceId`) or, for a customer mismatch, `customerId` (the invoice's customer is
 * not the project's). Callers map it to the field their caller set.
 */
export type ExpenseBillingField =
  "isBillable" | "invoiceId" | "projectId" | "customerId" | "currency";

export interface ExpenseBillingProblem {
  field: ExpenseBillingField;
  /** The same in English and by key (messages.ts). */
  message: string;
  appMessage: AppMessage;
}

const problemOf = (
  field: ExpenseBillingField,
  key: AppMessageKey,
  params: Record<string, string>,
): ExpenseBillingProblem => {
  const message = appMessage(key, params);
  return { field, message: englishOf(message), appMessage: message };
};

/** Create rule of an expense: without a project it has no customer to be billed to. */
export const BILLABLE_NEEDS_PROJECT_MESSAGE =
  "A billable expense needs a project: it is billed to the project's customer.";

/**
 * Why `expense` cannot be billed on `invoice` (or stay billed on it), or null when it fits: it
 * must be billable, billed on no other invoice, have a project of the invoice's customer (the
 * invoice's project, when it has one) and be in the invoice's currency.
 */
export function expenseBillingProblem(
  expense: ExpenseBillingFacts,
  invoice: InvoiceBillingFacts,
): ExpenseBillingProblem | null {
  const name = expense.title;
  if (!expense.isBillable) return problemOf("isBillable", "expense.notBillable", { name });
  if (expense.invoiceId !== null && expense.invoiceId !== invoice.id) {
    return problemOf("invoiceId", "expense.billedElsewhere", { name });
  }
  if (expense.projectId === null) {
    return problemOf("projectId", "expense.noProject", { name });
  }
  if (expense.projectCustomerId !== invoice.customerId) {
    return problemOf("customerId", "expense.otherCustomer", { name });
  }
  if (invoice.projectId !== null && expense.projectId !== invoice.projectId) {
    return problemOf("projectId", "expense.otherProject", { name });
  }
  if (expense.currency !== invoice.currency) {
    return problemOf("currency", "expense.otherCurrency", {
      name,
      currency: expense.currency,
      invoiceCurrency: invoice.currency,
    });
  }
  return null;
}
