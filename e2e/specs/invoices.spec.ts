import { expect, test, type Page } from "@playwright/test";
import { DEMO, screenshot, signIn } from "../support/session.ts";

const mainNavigation = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });
const statusBadge = (page: Page) => page.locator(".page-header .status").first();

/** Fills a new draft's lines (the form starts with one empty line). */
async function fillLines(
  page: Page,
  lines: Array<{
    description: string;
    quantity: string;
    unitPrice: string;
    vat?: string;
    discount?: string;
  }>,
) {
  for (const [index, line] of lines.entries()) {
    const n = index + 1;
    if (index > 0) await page.getByRole("button", { name: "Add line" }).click();
    await page.getByLabel(`Line ${n}: Description`).fill(line.description);
    await page.getByLabel(`Line ${n}: Quantity`).fill(line.quantity);
    await page.getByLabel(`Line ${n}: Unit price`).fill(line.unitPrice);
    if (line.vat) await page.getByLabel(`Line ${n}: VAT %`).fill(line.vat);
    if (line.discount) await page.getByLabel(`Line ${n}: Discount %`).fill(line.discount);
  }
}

async function startDocument(page: Page, area: "Invoices" | "Quotes", button: string) {
  await mainNavigation(page).getByRole("link", { name: area }).click();
  await page.getByRole("button", { name: button }).click();
  await page.getByLabel("Customer", { exact: true }).selectOption({ label: "Blauwal Reisen GmbH" });
}

async function recordPayment(page: Page, amount?: string) {
  await page.getByRole("button", { name: "Record payment" }).click();
  const dialog = page.getByRole("dialog", { name: "Record payment" });
  if (amount) await dialog.getByLabel("Amount").fill(amount);
  await dialog.getByRole("button", { name: "Save payment" }).click();
  await expect(dialog).toHaveCount(0);
}

test("an invoice with three lines: live totals match the server, then partial and full payment", async ({
  page,
}) => {
  await signIn(page, DEMO.finance);
  await startDocument(page, "Invoices", "New invoice");
  await fillLines(page, [
    { description: "Translation EN>DE, 12 pages", quantity: "2", unitPrice: "85.00" },
    { description: "Proofreading", quantity: "3", unitPrice: "19.99", discount: "10" },
    { description: "Project management", quantity: "1.5", unitPrice: "60", vat: "7" },
  ]);
  // 170.00 + 32.30 | 53.97 + 10.25 | 90.00 + 6.30 → net 313.97, VAT 48.85, total 362.82
  const totals = page.getByRole("region", { name: "Totals" });
  await expect(totals).toContainText("€313.97");
  await expect(totals).toContainText("€362.82");
  await screenshot(page, "invoice-form-live-totals");

  await page.getByRole("button", { name: "Save and issue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/RE-\d{4}-\d{4}/);
  await expect(page.getByText("€362.82").first()).toBeVisible();
  await expect(statusBadge(page)).toHaveClass(/status--sent/);

  await recordPayment(page, "100.00");
  await expect(statusBadge(page)).toHaveClass(/status--partial/);
  await expect(page.getByText("€262.82").first()).toBeVisible();
  await screenshot(page, "invoice-partly-paid");

  // The dialog offers what is still open; saving it settles the invoice.
  await recordPayment(page);
  await expect(statusBadge(page)).toHaveClass(/status--paid/);
});

test("a quote is converted into an invoice that keeps its lines and link", async ({ page }) => {
  await signIn(page, DEMO.finance);
  await startDocument(page, "Quotes", "New quote");
  await fillLines(page, [{ description: "Website audit", quantity: "8", unitPrice: "95.00" }]);
  await page.getByRole("button", { name: "Save and issue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/AN-\d{4}-\d{4}/);
  const quoteNumber = (await page.getByRole("heading", { level: 1 }).textContent())!.match(
    /AN-\d{4}-\d{4}/,
  )![0];

  await page.getByRole("button", { name: "Convert to invoice" }).click();
  // Nothing is invoiced of the quote yet: the whole of it, or a partial invoice (§5.4a).
  const convert = page.getByRole("dialog", { name: /^New invoice from/ });
  await expect(convert.getByLabel("Invoice in full")).toBeChecked();
  await convert.getByRole("button", { name: "Create invoice draft" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Invoice");
  await expect(page.getByText("Website audit")).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(quoteNumber) })).toBeVisible();
  await screenshot(page, "quote-converted");
});

test("an invoice is cancelled with a cancellation document", async ({ page }) => {
  await signIn(page, DEMO.finance);
  await startDocument(page, "Invoices", "New invoice");
  await fillLines(page, [
    { description: "Wrongly billed workshop", quantity: "1", unitPrice: "1200.00" },
  ]);
  await page.getByRole("button", { name: "Save and issue" }).click();
  await expect(statusBadge(page)).toHaveClass(/status--sent/);

  await page.getByRole("button", { name: "Cancel with cancellation document" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill("Billed to the wrong customer");
  await dialog.getByRole("button", { name: "Issue cancellation document" }).click();
  await expect(page.getByText(/ST-\d{4}-\d{4}/).first()).toBeVisible();
  await screenshot(page, "invoice-cancellation");
});

test("part of an issued invoice is credited: a GS credit note is drafted from selected lines and issued", async ({
  page,
}) => {
  await signIn(page, DEMO.finance);
  await startDocument(page, "Invoices", "New invoice");
  await fillLines(page, [
    { description: "Translation, 40 pages", quantity: "40", unitPrice: "30.00" },
    { description: "Rush surcharge", quantity: "1", unitPrice: "150.00" },
  ]);
  await page.getByRole("button", { name: "Save and issue" }).click();
  await expect(statusBadge(page)).toHaveClass(/status--sent/);
  const invoiceNumber = (await page.getByRole("heading", { level: 1 }).textContent())!.match(
    /RE-\d{4}-\d{4}/,
  )![0];

  // Credit 10 of the 40 pages: 10 × 30.00 + 19 % = 357.00.
  await page.getByRole("button", { name: "Create credit note" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Selected lines and quantities").check();
  await dialog.getByLabel(/^Credit line 1:/).check();
  await dialog.getByLabel("Line 1: Quantity to credit").fill("10");
  await expect(
    dialog
      .getByText("Credit note total: €357.00")
      .or(dialog.getByText("Credit note total: -€357.00")),
  ).toBeVisible();
  await dialog.getByLabel("Reason").fill("Ten pages were not needed");
  await dialog.getByRole("button", { name: "Create credit note draft" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText("Credit note");
  await page.getByRole("button", { name: "Issue", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Issue now" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/GS-\d{4}-\d{4}/);
  await expect(page.getByRole("link", { name: new RegExp(invoiceNumber) })).toBeVisible();
  await screenshot(page, "credit-note-issued");
});

test("the invoice list shows the totals of everything the filters select, in any order", async ({
  page,
}) => {
  await signIn(page, DEMO.finance);
  await mainNavigation(page).getByRole("link", { name: "Invoices" }).click();
  // The demo invoices are in EUR and CHF: one totals row per currency.
  const totalsRow = page.locator("tfoot .totals-row", { hasText: "in EUR" });
  await expect(totalsRow).toContainText(/\d+ documents? in EUR/);
  await expect(page.locator("tfoot .totals-row", { hasText: "in CHF" })).toBeVisible();
  const before = (await totalsRow.textContent()) ?? "";
  await screenshot(page, "invoice-list-totals");

  // Another order of the same selection keeps the same totals.
  const totalColumn = page.getByRole("columnheader", { name: "Total" });
  await totalColumn.getByRole("button").click();
  await expect(totalColumn).toHaveAttribute("aria-sort", /ascending|descending/);
  await expect(page).toHaveURL(/sort=total/);
  await expect(totalsRow).toHaveText(before);
});
