import { expect, test } from "@playwright/test";
import { DEMO, screenshot, signIn } from "../support/session.ts";

test("finance lands on the home page, and each figure opens the list behind it", async ({
  page,
}) => {
  await signIn(page, DEMO.finance);
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
  await expect(page).toHaveTitle("Today · Ledgerline");
  const todo = page.getByRole("region", { name: "What needs doing" });
  await expect(todo.getByText("Invoice drafts to issue")).toBeVisible();
  await screenshot(page, "home");

  // The drafts figure is the number of rows the list it opens holds.
  const drafts = todo.getByRole("link", { name: /Invoice drafts to issue/ });
  const count = Number(await drafts.locator(".stat-card__value").textContent());
  await drafts.click();
  await expect(page).toHaveURL(/\/invoices\?status=draft$/);
  await expect(page.getByRole("heading", { level: 1, name: "Invoices" })).toBeVisible();
  // The list's totals rows (one per currency) count the documents it selects.
  // (The totals arrive after the rows: wait for them.)
  if (count > 0) await expect(page.locator("tfoot .totals-row").first()).toBeVisible();
  else await expect(page.locator("tbody tr")).toHaveCount(0);
  const totals = await page.locator("tfoot .totals-row th").allTextContents();
  const listed = totals
    .map((text) => Number(/(\d+) documents?/.exec(text)?.[1] ?? 0))
    .reduce((sum, value) => sum + value, 0);
  expect(listed).toBe(count);

  // The month's issued figure opens the invoices issued this month.
  await page.goBack();
  const month = page.getByRole("region", { name: /at a glance/ });
  const issued = month.locator("tbody tr").first().getByRole("link").first();
  await issued.click();
  await expect(page).toHaveURL(/\/invoices\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}$/);
});

test("a team member reads the company's figures too (seed 004: read access)", async ({ page }) => {
  await signIn(page, DEMO.teamMember);
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("link", { name: /Invoice drafts to issue/ })).toBeVisible();
});

/** "€1,234.50" (English) as a number of cents, exactly. */
const centsOf = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, "")) * 100);

test("the month's paid figure opens the payments received this month, whose total it is", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signIn(page, DEMO.finance);
  // A payment today, so the month has one in EUR whatever the demo data holds.
  await page.goto("/invoices/new");
  await page.getByLabel("Customer", { exact: true }).selectOption({ label: "Blauwal Reisen GmbH" });
  await page.getByLabel("Line 1: Description").fill("Paid this month");
  await page.getByLabel("Line 1: Unit price").fill("123.45");
  await page.getByRole("button", { name: "Save and issue" }).click();
  await page.getByRole("button", { name: "Record payment" }).click();
  const dialog = page.getByRole("dialog", { name: "Record payment" });
  await dialog.getByRole("button", { name: "Save payment" }).click();
  await expect(dialog).toHaveCount(0);

  await page.goto("/home");
  const month = page.getByRole("region", { name: /at a glance/ });
  const euro = month
    .locator("tbody tr")
    .filter({ has: page.getByRole("rowheader", { name: "EUR" }) });
  // Columns: issued, paid, open.
  const paid = euro.locator("td").nth(1).getByRole("link");
  const figure = (await paid.textContent())!.trim();
  expect(centsOf(figure)).toBeGreaterThanOrEqual(12345 + Math.round(12345 * 0.19));
  await paid.click();
  await expect(page).toHaveURL(/\/payments\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Payments received" })).toBeVisible();
  await expect(page).toHaveTitle(/^Payments received · /);
  const total = page.locator('.stat-card__value[data-currency="EUR"]');
  await expect(total).toHaveText(figure);

  // And the total is the sum of the listed payments in EUR (every one on one page).
  await page.goto(`${new URL(page.url()).pathname}${new URL(page.url()).search}&pageSize=500`);
  await expect(page.locator("tbody tr").first()).toBeVisible();
  const amounts = await page.locator("tbody tr td:last-child").allTextContents();
  const euros = amounts.filter((text) => text.includes("€")).map(centsOf);
  expect(euros.reduce((sum, cents) => sum + cents, 0)).toBe(centsOf(figure));
  await screenshot(page, "payments-received");
});
