import { expect, test, type Locator } from "@playwright/test";
import { DEMO, screenshot, signIn } from "../support/session.ts";

/** Picks the option whose text contains `text` (labels may carry numbers or codes). */
async function selectOptionContaining(select: Locator, text: string) {
  const value = await select.locator("option", { hasText: text }).first().getAttribute("value");
  await select.selectOption(value!);
}

test("a billable project expense becomes a line of the project's draft invoice", async ({
  page,
}) => {
  await signIn(page, DEMO.finance);
  const navigation = page.getByRole("navigation", { name: "Main navigation" });

  await navigation.getByRole("link", { name: "Expenses" }).click();
  // An empty list offers the button twice (header and empty state): either will do.
  await page.getByRole("button", { name: "New expense" }).first().click();
  const title = `Hotel for the relaunch workshop ${Date.now()}`;
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Category", { exact: true }).selectOption({ label: "Travel" });
  await page.getByLabel("Amount", { exact: true }).fill("212.40");
  await selectOptionContaining(
    page.getByLabel("Project", { exact: true }),
    "Website-Relaunch 2026",
  );
  await page.getByLabel("Billable to the customer").check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(
    page
      .getByText("Changes saved.")
      .or(page.getByText(/created/))
      .first(),
  ).toBeVisible();

  await navigation.getByRole("link", { name: "Invoices" }).click();
  await page.getByRole("button", { name: "New invoice" }).click();
  await page.getByLabel("Customer", { exact: true }).selectOption({ label: "Blauwal Reisen GmbH" });
  await selectOptionContaining(
    page.getByLabel("Project", { exact: true }),
    "Website-Relaunch 2026",
  );
  await page.getByLabel("Line 1: Description").fill("Workshop facilitation");
  await page.getByLabel("Line 1: Quantity").fill("1");
  await page.getByLabel("Line 1: Unit price").fill("900.00");
  await page.getByRole("button", { name: "Save draft" }).click();

  await page.getByRole("button", { name: "Add billable expenses" }).click();
  await expect(
    page.getByText(/1 line added from billable expenses\.|lines added from billable expenses\./),
  ).toBeVisible();
  await expect(page.getByText(title)).toBeVisible();
  await screenshot(page, "invoice-with-billed-expense");
});
