import type { MessageKey } from "../i18n/en.ts";
import { isApiError } from "./trpc.ts";

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * What to tell a person about a failed call. The API's messages are written for people (a
 * refused delete says what refers to the record), so they are shown as they are; a request that
 * never got an answer gets our own words.
 */
export function describeError(error: unknown, t: Translate): string {
  if (!isApiError(error) || !error.data) return t("error.network");
  return error.message;
}
