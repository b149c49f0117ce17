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

test("a team member, who sees no company figures, still lands on the customers", async ({
  page,
}) => {
  await signIn(page, DEMO.teamMember);
  await expect(page).toHaveURL(/\/customers$/);
});
