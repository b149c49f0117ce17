import { expect, test, type Page } from "@playwright/test";
import { shoot } from "../support/screenshots.ts";
import { DEMO, signIn } from "../support/session.ts";

/**
 * The screens at a phone's 390 px and a laptop's 1280 px: nothing wider than the screen, and
 * on the phone the invoice list keeps number, customer, status and amount of its first row in
 * view. The screenshots go to docs/screenshots (the README's folder) with
 * UPDATE_SCREENSHOTS=1, else to e2e/screenshots.
 */

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>("main *")]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .filter((element) => !element.closest(".table-wrap, .sidebar__list"))
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    return { scroll: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5) };
  });
  expect(overflow, "the page fits the screen's width").toEqual({ scroll: 0, wide: [] });
}

for (const { width, height, suffix } of [
  { width: 390, height: 844, suffix: "390" },
  { width: 1280, height: 800, suffix: "1280" },
]) {
  test(`invoice list and new invoice at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await signIn(page, DEMO.finance);
    await page.goto("/invoices");
    const firstRow = page.locator("tbody tr").first();
    await expect(firstRow).toBeVisible();
    await noSidewaysScroll(page);
    if (width === 390) {
      // The first row is on the first screen, with what a person looks for in it.
      for (const column of ["number", "customer", "status", "total"]) {
        await expect(firstRow.locator(`td[data-column="${column}"]`)).toBeInViewport();
      }
    }
    await shoot(page, `invoice-list-${suffix}`);

    await page.goto("/invoices/new");
    await page
      .getByLabel("Customer", { exact: true })
      .selectOption({ label: "Blauwal Reisen GmbH" });
    await page.getByLabel("Line 1: Description").fill("Translation EN>DE, 12 pages");
    await page.getByLabel("Line 1: Unit price").fill("85");
    await noSidewaysScroll(page);
    await shoot(page, `invoice-form-${suffix}`);
  });
}
