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

/** Fills `{name}` placeholders; a placeholder without a value stays visible, so it gets noticed. */
export function interpolate(
  template: string,
  params: Record<string, string | number> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}

/** The placeholder names a message uses, sorted (the dictionary test compares languages with it). */
export const placeholdersOf = (template: string): string[] =>
  [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
