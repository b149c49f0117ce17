import { messageOfSentence } from "@ledgerline/domain";
import type { z } from "zod";
import type { MessageKey } from "../i18n/en.ts";
import type { Translate } from "../i18n/translate.ts";
import { wordServerMessage } from "./errors.ts";

/**
 * Field errors for forms, from the same zod schemas the API parses with (@ledgerline/domain).
 * Messages are keyed by path as the API keys them (`email`, `contacts.0.email`), so errors
 * found in the browser and errors the server returns land on the same field.
 */
export type FieldErrors = Record<string, string>;

type Issue = z.core.$ZodIssue;

const pathOf = (issue: { path: readonly PropertyKey[] }) => issue.path.map(String).join(".") || "_";

/**
 * Messages for rules a field carries (a pattern or a refinement), by field name; the schema's
 * own English wording is the fallback, so a new rule is never silent, only untranslated.
 */
const FIELD_RULE_MESSAGES: Record<string, MessageKey> = {
  country: "validation.country",
  defaultCurrency: "validation.currency",
  iban: "validation.iban",
  bic: "validation.bic",
  languagePairs: "validation.languagePair",
  endDate: "validation.endBeforeStart",
  contacts: "validation.onePrimary",
  defaultTaxRate: "validation.taxRate",
  invoiceApprovalThreshold: "validation.amount",
  purchaseOrderAutoApprovalThreshold: "validation.amount",
  purchaseOrderAutoApprovalThresholds: "validation.amount",
  numberPrefixes: "validation.prefix",
  pdfFileNamePrefix: "validation.fileNamePrefix",
  buyerReference: "validation.leitwegId",
  customerId: "validation.choose",
  managerId: "validation.choose",
  // The expense form's one rule on its project: a billable expense needs one.
  projectId: "validation.billableNeedsProject",
};

/**
 * The active language's message for a zod issue: by its kind, by its field's rule, else by its
 * sentence's key in the domain's message registry (messages.ts, German in app-messages.ts), the
 * one home of the schemas' own sentences ("Enter a quantity such as 2 or 1.5.").
 */
export function localizeIssue(issue: Issue, t: Translate): string {
  const fieldName = String(issue.path[0] ?? "");
  const own = messageOfSentence(issue.message);
  switch (issue.code) {
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.origin === "string")
        return minimum <= 1
          ? t("validation.required")
          : t("validation.minLength", { min: minimum });
      if (issue.origin === "number") return t("validation.min", { min: minimum });
      break;
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      if (issue.origin === "string") return t("validation.maxLength", { max: maximum });
      if (issue.origin === "number") {
        return fieldName === "defaultTaxRate"
          ? t("validation.taxRate")
          : t("validation.max", { max: maximum });
      }
      if (issue.origin === "array") return t("validation.maxItems", { max: maximum });
      break;
    }
    case "invalid_type":
      if (issue.expected === "number") return t("validation.number");
      if (issue.expected === "int") return t("validation.wholeNumber");
      if (issue.input === undefined || issue.input === null) return t("validation.required");
      break;
    case "invalid_format":
      if (issue.format === "email") return t("validation.email");
      if (issue.format === "date") return t("validation.date");
      if (issue.format === "uuid") return t("validation.choose");
      break;
    case "invalid_value":
      // A choice with its own sentence ("Choose a payment method.") says it.
      return own.key === "text" ? t("validation.choose") : wordServerMessage(own, t, issue.message);
    default:
      break;
  }
  if (issue.code === "invalid_format" || issue.code === "custom") {
    const key = FIELD_RULE_MESSAGES[fieldName];
    if (key) return t(key);
  }
  return own.key === "text" ? issue.message : wordServerMessage(own, t, issue.message);
}

export type ValidationResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Parses `input` with `schema`; on failure, the first message per field path. */
export function validate<TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
  t: Translate,
): ValidationResult<z.output<TSchema>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    errors[pathOf(issue)] ??= localizeIssue(issue, t);
  }
  return { ok: false, errors };
}

/** The API's field errors (`data.fieldErrors`, several messages per path) as one message per path. */
export function fromServerFieldErrors(fieldErrors: Record<string, string[]>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, messages] of Object.entries(fieldErrors)) {
    if (messages.length > 0) errors[path] = messages.join(" ");
  }
  return errors;
}

/** The message for a field, or for anything under it when `nested` (list fields such as languagePairs.2). */
export function errorAt(errors: FieldErrors, path: string, nested = false): string | undefined {
  if (errors[path] !== undefined) return errors[path];
  if (!nested) return undefined;
  const prefix = `${path}.`;
  const messages = Object.entries(errors)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, message]) => message);
  return messages.length > 0 ? [...new Set(messages)].join(" ") : undefined;
}
