import { expect, test, type Locator } from "@playwright/test";
import { DEMO, screenshot, signIn, switchLanguage } from "../support/session.ts";

/** Picks the option whose text contains `text` (labels may carry numbers or codes). */
async function selectOptionContaining(select: Locator, text: string) {
  const value = await select.locator("option", { hasText: text }).first().getAttribute("value");
  await select.selectOption(value!);
}

test("a billable project expense becomes a net line at its VAT rate on the project's draft invoice", async ({
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
  // The company's default rate (19 % in the demo data) is offered; the receipt says 7 % first.
  const taxRate = page.getByLabel("VAT rate (%)", { exact: true });
  await expect(taxRate).toHaveValue("19");
  await taxRate.fill("7");
  const vatSplit = page.getByRole("status", { name: "Net and VAT" });
  // 212.40 / 1.07 = 198.504... -> 198.50 net, 13.90 VAT.
  await expect(vatSplit).toHaveText("€198.50 net + €13.90 VAT");
  await taxRate.fill("101");
  await taxRate.blur();
  await expect(page.getByText("At most 100 %.")).toBeVisible();
  await expect(vatSplit).toHaveText("Shown once the amount and VAT rate are valid.");
  // 212.40 / 1.19 = 178.487... -> 178.49 net, 33.91 VAT.
  await taxRate.fill("19");
  await expect(vatSplit).toHaveText("€178.49 net + €33.91 VAT");
  await expect(page.getByText("At most 100 %.")).toHaveCount(0);
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
  await expect(taxRate).toHaveValue("19");
  await expect(vatSplit).toHaveText("€178.49 net + €33.91 VAT");
  await screenshot(page, "expense-form");

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
  // Billed at its net amount and its own VAT rate, so the line totals the receipt's 212.40
  // (not 212.40 plus 19 % once more).
  const billedLine = page.getByRole("row").filter({ hasText: title });
  await expect(billedLine.getByRole("cell")).toHaveText([
    "2",
    // A billed expense is an additional item (seed 004's item type, shown under the line).
    `${title} Additional item`,
    "1",
    "€178.49",
    "—",
    "19 %",
    "€178.49",
    "€33.91",
    "€212.40",
  ]);
  // 900.00 + 19 % = 1,071.00, plus the receipt's 212.40.
  const totals = page.getByRole("region", { name: "Totals" });
  await expect(totals.getByRole("definition").last()).toHaveText("€1,283.40");
  await screenshot(page, "invoice-with-billed-expense");
});

test("a receipt over 10 MiB is refused in the UI's language (the 413 is keyed)", async ({
  page,
}) => {
  await signIn(page, DEMO.finance);
  await switchLanguage(page, "DE");
  try {
    await page.goto("/expenses/new");
    const title = `Großer Beleg ${Date.now()}`;
    await page.getByLabel("Titel", { exact: true }).fill(title);
    await page.getByLabel("Kategorie", { exact: true }).selectOption({ label: "Reise" });
    await page.getByLabel("Betrag", { exact: true }).fill("12,50");
    await page.getByRole("button", { name: "Speichern", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

    // A PDF one byte over the limit: the server refuses it (413) by key, the screen says it in German.
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1);
    huge.write("%PDF-1.4\n");
    await page
      .getByLabel("Beleg hochladen", { exact: true })
      .setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: huge });
    await expect(page.getByRole("alert")).toContainText(
      "Der Beleg wurde nicht hochgeladen: Ein Beleg darf höchstens 10 MiB groß sein.",
    );
  } finally {
    // The language is stored on the user: the specs after this one expect English.
    await switchLanguage(page, "EN");
  }
});
