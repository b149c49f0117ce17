import { expect, test, type Page } from "@playwright/test";
import { shoot } from "../support/screenshots.ts";
import { DEMO, signIn } from "../support/session.ts";

/**
 * The screens at a phone's 390 px and a laptop's 1280 px: nothing wider than the screen, and
 * on the phone the invoice list keeps number, customer, status and amount of its first row in
 * view. The screenshots go to docs/screenshots (the README's folder) with
 * UPDATE_SCREENSHOTS=1, else to e2e/screenshots.
 */

/** Nothing wider than the screen; `insideTables` also counts what a table's own scroll would hide. */
async function noSidewaysScroll(page: Page, { insideTables = false } = {}) {
  const overflow = await page.evaluate((insideTables) => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>("main *")]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .filter(
        (element) =>
          !element.closest(
            insideTables
              ? // A card table's header row (the lists', the home page's month) is there for
                // screen readers only, clipped out of sight.
                ".sidebar__list, .card-table thead, .home-month thead"
              : ".table-wrap, .sidebar__list",
          ),
      )
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    return { scroll: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5) };
  }, insideTables);
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

/**
 * The other lists a finance person opens every day, as cards on the phone (the shared
 * `card` places of components/data-table.tsx): the first row's name and its second line in
 * view, and nothing to scroll sideways, not even inside the table.
 */
const CARD_LISTS = [
  { path: "/customers", shot: "customer-list" },
  { path: "/projects", shot: "project-list" },
  { path: "/suppliers", shot: "supplier-list" },
  { path: "/expenses", shot: "expense-list" },
  { path: "/purchase-orders", shot: "purchase-order-list" },
];

for (const { width, height, suffix } of [
  { width: 390, height: 844, suffix: "390" },
  { width: 1280, height: 800, suffix: "1280" },
]) {
  test(`customers, projects, suppliers, expenses and purchase orders at ${width} px`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width, height });
    await signIn(page, DEMO.finance);
    // The demo data has no expenses: one, so the expense list has a row to show.
    await page.goto("/expenses/new");
    await page.getByLabel("Title", { exact: true }).fill(`Train Berlin–Hamburg ${width}`);
    await page.getByLabel("Category", { exact: true }).selectOption({ label: "Travel" });
    await page.getByLabel("Amount", { exact: true }).fill("212.40");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    // Saved, the expense opens on its own page (for its receipts).
    await expect(
      page.getByRole("heading", { level: 1, name: `Train Berlin–Hamburg ${width}` }),
    ).toBeVisible();
    for (const { path, shot } of CARD_LISTS) {
      await page.goto(path);
      const firstRow = page.locator("tbody tr").first();
      await expect(firstRow, path).toBeVisible();
      if (width === 390) {
        await noSidewaysScroll(page, { insideTables: true });
        for (const place of ["title", "detail"]) {
          await expect(
            firstRow.locator(`td[data-card="${place}"]`),
            `${path} ${place}`,
          ).toBeInViewport();
        }
        // A card, not a table: the columns without a place are not shown.
        await expect(firstRow.locator("td:not([data-card])").first()).toBeHidden();
      } else {
        await noSidewaysScroll(page);
      }
      await shoot(page, `${shot}-${suffix}`);
    }
  });
}

test("the home page at 390 px: each currency's month in one card, every figure in view", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, DEMO.finance);
  await page.goto("/home");
  const month = page.locator("table.home-month tbody tr").first();
  await expect(month).toBeVisible();
  await noSidewaysScroll(page, { insideTables: true });
  // Issued, paid and open side by side, none of them off to the right: with the card scrolled
  // into view (the day's payments above it may fill the first screen), all three are in it.
  await month.scrollIntoViewIfNeeded();
  for (const figure of await month.locator("td a").all()) await expect(figure).toBeInViewport();
  await shoot(page, "home-390");
});
