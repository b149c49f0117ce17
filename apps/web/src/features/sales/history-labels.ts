import type { MessageKey } from "../../i18n/en.ts";

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
  "refund",
  "softDelete",
  "restoreDeleted",
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
