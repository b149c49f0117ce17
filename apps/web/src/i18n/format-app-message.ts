import type { AppMessage, AppMessageParam, AppMessageTerm } from "@ledgerline/domain";
import { en, type MessageKey } from "./en.ts";
import { germanTermForms } from "./german-grammar.ts";
import type { I18n } from "./i18n.tsx";

/** Where the UI keeps its own label of a term a message names. */
const TERM_PREFIX: Record<AppMessageTerm, string> = {
  documentType: "documentType.",
  salesStatus: "salesStatus.",
  salesAction: "salesAction.",
  purchaseOrderStatus: "po.status.",
  purchaseOrderAction: "po.action.",
  invoiceGroupStatus: "invoiceGroup.status.",
  invoiceGroupAction: "invoiceGroup.action.",
  role: "role.",
  record: "appTerm.record.",
};

type Formatter = Pick<I18n, "locale" | "t" | "money" | "date">;

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

function formatParam(param: AppMessageParam, i18n: Formatter): string {
  if (typeof param === "string") return param;
  if (typeof param === "number")
    return i18n.locale === "de" ? param.toLocaleString("de-DE") : String(param);
  if ("money" in param) return i18n.money(param.money, param.currency);
  if ("date" in param) return i18n.date(param.date, { calendarDate: true });
  if ("list" in param) {
    const items = param.list.map((item) => formatParam(item, i18n));
    return new Intl.ListFormat(i18n.locale, { type: "conjunction" }).format(items);
  }
  if ("message" in param) return formatAppMessage(param.message, i18n);
  const key = `${TERM_PREFIX[param.term]}${param.value}`;
  if (!isMessageKey(key)) return param.value.replaceAll("_", " ");
  const label = i18n.t(key);
  // English labels are capitalised as headings; inside a sentence a document type is a noun.
  return i18n.locale === "en" && (param.term === "documentType" || param.term === "record")
    ? label.toLowerCase()
    : label;
}

/**
 * A server message in the UI's language: its key's template with the parameters formatted for
 * the locale (amounts and dates as the person reads them, statuses and actions by the UI's own
 * labels). A key this UI does not know (a newer server) falls back to `fallback`, the server's
 * English sentence.
 */
export function formatAppMessage(message: AppMessage, i18n: Formatter, fallback?: string): string {
  const key = `app.${message.key}`;
  if (!isMessageKey(key)) return fallback ?? message.key;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) {
    params[name] = formatParam(value, i18n);
    // German templates name a document type or record kind with its article ("{type:this}").
    if (
      i18n.locale === "de" &&
      typeof value === "object" &&
      "term" in value &&
      (value.term === "documentType" || value.term === "record")
    ) {
      Object.assign(params, germanTermForms(name, value.value, params[name]));
    }
  }
  return i18n.t(key, params);
}
