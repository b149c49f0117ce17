import {
  draftIssuesForType,
  draftValuesSchema,
  type CreatableSalesDocumentType,
  type CreateSalesDocumentInput,
  type DraftValuesInput,
  orderLines,
  type LineOrder,
  type Locale,
  type SalesDocumentType,
} from "@ledgerline/domain";
import { textOf } from "../../lib/form-values.ts";
import { emptyLine, lineDraftOf, lineInputOf, type LineDraft } from "./line-items.ts";

/**
 * The create/edit form of a draft document: its values as the inputs hold them, the values of
 * a stored draft, and the input the API takes (`salesDocuments.create` with a type,
 * `salesDocuments.updateDraft` without).
 */
export interface DocumentFormValues {
  customerId: string;
  projectId: string;
  contactId: string;
  /** Empty on a new document: the customer's currency. */
  currency: string;
  issuedDate: string;
  dueDate: string;
  validUntil: string;
  servicePeriodStart: string;
  servicePeriodEnd: string;
  notes: string;
  terms: string;
  /** How the document shows and prints its lines: as entered, or seed 004's language order. */
  lineOrder: LineOrder;
  lines: LineDraft[];
}

/** The draft's fields the form edits (all of them: the update keeps none it is not sent). */
export type { DraftValuesInput };

/** A calendar date from the API (a `Date` at UTC midnight, or already `YYYY-MM-DD`) for an input. */
export function dateInputText(value: Date | string | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.slice(0, 10);
  return value.toISOString().slice(0, 10);
}

export function newDocumentValues(options: {
  defaultTaxRate: string;
  customerId?: string | undefined;
  projectId?: string | undefined;
}): DocumentFormValues {
  return {
    customerId: options.customerId ?? "",
    projectId: options.projectId ?? "",
    contactId: "",
    currency: "",
    issuedDate: "",
    dueDate: "",
    validUntil: "",
    servicePeriodStart: "",
    servicePeriodEnd: "",
    notes: "",
    terms: "",
    lineOrder: "position",
    lines: [emptyLine(options.defaultTaxRate)],
  };
}

/** The parts of a stored document the form reads. */
export interface StoredDraft {
  customerId: string;
  projectId: string | null;
  contactId: string | null;
  currency: string;
  issuedDate: Date | string | null;
  dueDate: Date | string | null;
  validUntil: Date | string | null;
  servicePeriodStart: Date | string | null;
  servicePeriodEnd: Date | string | null;
  notes: string | null;
  terms: string | null;
  lineOrder: LineOrder;
  lineItems: (Parameters<typeof lineDraftOf>[0] & { position: number })[];
}

export function documentValuesOf(document: StoredDraft, locale: Locale): DocumentFormValues {
  return {
    customerId: document.customerId,
    projectId: textOf(document.projectId),
    contactId: textOf(document.contactId),
    currency: document.currency,
    issuedDate: dateInputText(document.issuedDate),
    dueDate: dateInputText(document.dueDate),
    validUntil: dateInputText(document.validUntil),
    servicePeriodStart: dateInputText(document.servicePeriodStart),
    servicePeriodEnd: dateInputText(document.servicePeriodEnd),
    notes: textOf(document.notes),
    terms: textOf(document.terms),
    lineOrder: document.lineOrder,
    // The API lists lines in the document's line order; the form edits them as entered.
    lines: orderLines(document.lineItems, "position").map((line) => lineDraftOf(line, locale)),
  };
}

/**
 * The form as the draft schema's input: empty choices and dates are null (the schema's
 * transforms also turn empty text into null), an empty currency is left out (the customer's).
 */
export function draftInputOf(values: DocumentFormValues, locale: Locale): DraftValuesInput {
  return {
    customerId: values.customerId || null,
    projectId: values.projectId || null,
    contactId: values.contactId || null,
    ...(values.currency ? { currency: values.currency } : {}),
    issuedDate: values.issuedDate || null,
    dueDate: values.dueDate || null,
    validUntil: values.validUntil || null,
    servicePeriodStart: values.servicePeriodStart || null,
    servicePeriodEnd: values.servicePeriodEnd || null,
    notes: values.notes,
    terms: values.terms,
    lineOrder: values.lineOrder,
    lines: values.lines.map((line) => lineInputOf(line, locale)),
  };
}

/** `salesDocuments.create`'s input for a new document of `type`. */
export const createInputOf = (
  type: CreatableSalesDocumentType,
  input: DraftValuesInput,
): CreateSalesDocumentInput => ({ type, ...input });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The form's schema: the API's draft schema plus the rules that depend on the type (quantities
 * above 0, negative on credit notes; which dates a type has), which the create schema applies
 * and a draft update checks in the service. Reported even while other fields fail.
 */
export const draftFormSchema = (type: SalesDocumentType) =>
  draftValuesSchema.superRefine(
    (values, ctx) => {
      const lines = Array.isArray(values.lines) ? values.lines : [];
      const issues = draftIssuesForType(type, { ...values, lines });
      for (const [path, messages] of Object.entries(issues)) {
        for (const message of messages) {
          ctx.addIssue({
            code: "custom",
            path: path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
            message,
          });
        }
      }
    },
    { when: (payload) => isObject(payload.value) },
  );
