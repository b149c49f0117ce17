import type { MessageKey } from "../i18n/en.ts";
import { errorCodeOf, isApiError, serverFieldErrorsOf } from "./trpc.ts";

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Failures whose wording is ours, in the UI's language, whatever the API wrote. */
const MESSAGES_BY_CODE: Partial<Record<string, MessageKey>> = {
  NOT_FOUND: "error.notFound",
  FORBIDDEN: "error.forbidden",
  TOO_MANY_REQUESTS: "error.tooManyRequests",
  INTERNAL_SERVER_ERROR: "error.server",
  TIMEOUT: "error.server",
};

/**
 * What to tell a person about a failed call. Failures of a kind (not found, not allowed, a
 * server fault, no answer) get our own words in the UI's language; a refusal with field errors
 * says so (the fields show the details); other refusals carry the API's sentence, which names
 * what the rule is about (a refused delete says what refers to the record).
 */
export function describeError(error: unknown, t: Translate): string {
  if (!isApiError(error) || !error.data) return t("error.network");
  const key = MESSAGES_BY_CODE[errorCodeOf(error) ?? ""];
  if (key) return t(key);
  if (serverFieldErrorsOf(error)) return t("error.invalidFields");
  return error.message;
}

/**
 * Why a record could not be opened. An id the API cannot read (a mistyped address) is a record
 * that does not exist, not a form with fields; neither is worth a retry.
 */
export function describeLoadError(
  error: unknown,
  t: Translate,
): { message: string; retry: boolean } {
  const code = errorCodeOf(error);
  if (code === "NOT_FOUND" || code === "BAD_REQUEST") {
    return { message: t("error.recordNotFound"), retry: false };
  }
  if (code === "FORBIDDEN") return { message: t("error.forbidden"), retry: false };
  return { message: describeError(error, t), retry: true };
}
