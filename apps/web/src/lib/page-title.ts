import { useEffect } from "react";

export const PRODUCT_NAME = "Ledgerline";

/**
 * The browser tab's title for a screen: the most specific part first, then the area, then the
 * product ("RE-2026-0005 · Invoices · Ledgerline"), so a row of tabs and the history list tell
 * screens apart. Empty and repeated parts are left out ("Invoices · Ledgerline" on the list).
 */
export function pageTitle(parts: readonly (string | null | undefined)[]): string {
  const kept: string[] = [];
  for (const part of [...parts, PRODUCT_NAME]) {
    const text = part?.trim();
    if (text && !kept.includes(text)) kept.push(text);
  }
  return kept.join(" · ");
}

/** Sets the tab's title while the screen is shown. */
export function usePageTitle(parts: readonly (string | null | undefined)[]) {
  const title = pageTitle(parts);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
