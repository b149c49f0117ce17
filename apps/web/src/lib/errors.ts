import { formatAppMessage } from "../i18n/format-app-message.ts";
import type { Translate } from "../i18n/translate.ts";
import type { MessageKey } from "../i18n/en.ts";
import { formatDate, formatMoney } from "./format.ts";
import {
  errorCodeOf,
  isApiError,
  serverFieldErrorsOf,
  serverFieldMessagesOf,
  serverMessageOf,
} from "./trpc.ts";
import type { AppMessage } from "@ledgerline/domain";

/** Failures whose wording is ours, in the UI's language, whatever the API wrote. */
const MESSAGES_BY_CODE: Partial<Record<string, MessageKey>> = {
  FORBIDDEN: "error.forbidden",
  TOO_MANY_REQUESTS: "error.tooManyRequests",
  INTERNAL_SERVER_ERROR: "error.server",
  TIMEOUT: "error.server",
};

/** A server message (AppError key and parameters) in the language of `t`. */
export function wordServerMessage(message: AppMessage, t: Translate, fallback?: string): string {
  const { locale } = t;
  return formatAppMessage(
    message,
    {
      locale,
      t,
      money: (amount, currency) => formatMoney(amount, currency, locale),
      date: (value, options) => formatDate(value, locale, options),
    },
    fallback,
  );
}

/**
 * What to tell a person about a failed call, in the UI's language. Failures of a kind (not
 * allowed, a server fault, no answer) get our own words; a refusal with field errors says so
 * (the fields show the details); any other refusal is the server's message by its key, worded
 * here with amounts and dates in the reader's locale (a refused delete says what refers to the
 * record). Only a server that sent no key (an older one) is quoted in its English.
 */
export function describeError(error: unknown, t: Translate): string {
  if (!isApiError(error) || !error.data) return t("error.network");
  const code = errorCodeOf(error) ?? "";
  const key = MESSAGES_BY_CODE[code];
  if (key) return t(key);
  if (serverFieldErrorsOf(error)) return t("error.invalidFields");
  const message = serverMessageOf(error);
  if (message) return wordServerMessage(message, t, error.message);
  if (code === "NOT_FOUND") return t("error.notFound");
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

/**
 * The server's field errors in the UI's language, one message per path (keyed by path as the
 * API keys them: `amount`, `lines.0.quantity`); null when it sent none.
 */
export function describeFieldErrors(error: unknown, t: Translate): Record<string, string> | null {
  const english = serverFieldErrorsOf(error);
  if (!english) return null;
  const byKey = serverFieldMessagesOf(error) ?? {};
  const errors: Record<string, string> = {};
  for (const [path, messages] of Object.entries(english)) {
    const keyed = byKey[path];
    const worded =
      keyed && keyed.length === messages.length
        ? keyed.map((message, index) => wordServerMessage(message, t, messages[index]))
        : messages;
    if (worded.length > 0) errors[path] = worded.join(" ");
  }
  return errors;
}
