import type { MessageKey } from "./en.ts";
import type { Locale } from "./locale.ts";

/**
 * The active language's messages by key. It knows its locale, so what it words (a server's
 * message with an amount or a date in it) is formatted as the reader reads numbers and dates.
 */
export interface Translate {
  (key: MessageKey, params?: Record<string, string | number>): string;
  readonly locale: Locale;
}

/**
 * `{name}`, or `{name:form}` for a grammatical form of a term (German articles follow the noun's
 * gender: `{type:this}` is "diese Rechnung" or "dieses Angebot", see german-grammar.ts).
 */
const PLACEHOLDER = /\{(\w+)(?::(\w+))?\}/g;

/** Fills `{name}` and `{name:form}` placeholders; one without a value stays visible, so it gets noticed. */
export function interpolate(
  template: string,
  params: Record<string, string | number> = {},
): string {
  return template.replace(PLACEHOLDER, (placeholder, name: string, form?: string) => {
    const key = form ? `${name}:${form}` : name;
    return Object.hasOwn(params, key) ? String(params[key]) : placeholder;
  });
}

/**
 * The parameter names a message uses, sorted and each once (the dictionary test compares
 * languages with it): `{type}` in English and `{type:this}` in German both use `type`.
 */
export const placeholdersOf = (template: string): string[] =>
  [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]!))].sort();
