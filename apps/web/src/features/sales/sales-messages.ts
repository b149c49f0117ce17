import { PAYMENT_DATE_IN_FUTURE_MESSAGE } from "@ledgerline/domain";
import { useCallback } from "react";
import type { MessageKey } from "../../i18n/en.ts";
import { useI18n } from "../../i18n/i18n.tsx";

/**
 * The sales schemas' own messages (English, in @ledgerline/domain) in the active language.
 * `localizeIssue` translates by issue kind and field; the rules of decimal fields and documents
 * are custom issues under `lines.N.*`, so they are matched by their text here. A message not
 * listed (a new rule, a server message) is shown as it is.
 */
const SCHEMA_MESSAGES: Record<string, MessageKey> = {
  "Enter a quantity such as 2 or 1.5.": "salesValidation.quantity",
  "Enter a price such as 85.00.": "salesValidation.unitPrice",
  "Enter a rate such as 19 or 7.": "salesValidation.taxRate",
  "Enter a percentage such as 10.": "salesValidation.discount",
  "Enter an amount such as 120.00.": "salesValidation.amount",
  "The quantity cannot be 0.": "salesValidation.quantityZero",
  "The quantity must be more than 0.": "salesValidation.quantityPositive",
  "On a credit note or cancellation the quantity is negative: the amount taken back.":
    "salesValidation.quantityNegative",
  "The quantity to credit must be more than 0.": "salesValidation.creditQuantity",
  "The unit price cannot be negative.": "salesValidation.unitPriceNegative",
  "Cannot be negative.": "salesValidation.notNegative",
  "At most 100 %.": "salesValidation.atMost100",
  "This number is too large.": "salesValidation.tooLarge",
  "Use a point for decimals (12.50, not 12,50).": "salesValidation.decimalPoint",
  "The amount must be more than 0.": "salesValidation.amountPositive",
  "Add at least one line.": "salesValidation.oneLine",
  "Choose a customer or a project.": "salesValidation.customer",
  "The due date cannot be before the issued date.": "salesValidation.dueBeforeIssued",
  "The valid-until date cannot be before the issued date.": "salesValidation.validBeforeIssued",
  "Enter the start of the service period too.": "salesValidation.serviceStart",
  "The end of the service period cannot be before its start.": "salesValidation.serviceEnd",
  "Choose a payment method.": "salesValidation.method",
  "Choose at least one line to credit or add a goodwill line.": "salesValidation.creditLines",
  [PAYMENT_DATE_IN_FUTURE_MESSAGE]: "salesValidation.paymentDateFuture",
};

const DECIMAL_PLACES = /^At most (\d+) decimal places\.$/;

export function translateSalesMessage(
  message: string,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): string {
  const key = SCHEMA_MESSAGES[message];
  if (key) return t(key);
  const places = DECIMAL_PLACES.exec(message);
  if (places) return t("salesValidation.places", { places: Number(places[1]) });
  return message;
}

/** `message(form.errorOf(path))`: a field's error in the active language (undefined stays). */
export function useSalesMessage() {
  const { t } = useI18n();
  return useCallback(
    (message: string | undefined) =>
      message === undefined ? undefined : translateSalesMessage(message, t),
    [t],
  );
}

/** History entries name the action that was taken; known ones in the active language. */
const HISTORY_ACTIONS = [
  "create",
  "update",
  "annotate",
  "recalculate",
  "addBillableExpenses",
  "issue",
  "submit",
  "approve",
  "withdraw",
  "return",
  "accept",
  "decline",
  "cancel",
  "settle",
  "archive",
  "restore",
  "transform",
  "convertToOrderConfirmation",
  "convertToInvoice",
  "createCreditNote",
  "cancelWithDocument",
] as const;

export function historyActionLabel(
  action: string,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): string {
  return (HISTORY_ACTIONS as readonly string[]).includes(action)
    ? t(`salesHistory.${action as (typeof HISTORY_ACTIONS)[number]}`)
    : action;
}

/**
 * Who made a history entry: the person, "person via token" when they acted through an API
 * token, the token alone for token calls recorded before tokens named their person, or the
 * system.
 */
export function historyActorLabel(
  entry: { actorName: string | null; apiTokenName: string | null },
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): string {
  if (entry.actorName && entry.apiTokenName)
    return t("sales.viaToken", { name: entry.actorName, token: entry.apiTokenName });
  if (entry.apiTokenName) return t("sales.token", { token: entry.apiTokenName });
  return entry.actorName ?? t("sales.system");
}
