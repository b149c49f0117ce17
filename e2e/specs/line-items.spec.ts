import { expect, test, type Page } from "@playwright/test";
import { apiQuery, DEMO, screenshot, signIn, switchLanguage } from "../support/session.ts";

/** The document page's lines table, row by row (header row left out). */
const lineRows = (page: Page) =>
  page
    .getByRole("table", { name: /^(Line items|Positionen)$/ })
    .getByRole("row")
    .filter({
      has: page.getByRole("cell"),
    });

test("a team lead adds a language-pair line with its languages and orders the lines by language", async ({
  page,
}) => {
  await signIn(page, DEMO.teamLead);
  await switchLanguage(page, "EN");
  await page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name: "Invoices" })
    .click();
  await page.getByRole("button", { name: "New invoice" }).click();
  await page.getByLabel("Customer", { exact: true }).selectOption({ label: "Blauwal Reisen GmbH" });

  // Line 1: a language pair, its languages typed as BCP 47 tags and named by the browser's Intl.
  await page.getByLabel("Line 1: Description").fill("Translation of the brochure");
  await page.getByLabel("Line 1: Quantity").fill("1250");
  await page.getByLabel("Line 1: Unit price").fill("0.12");
  await page.getByLabel("Line 1: Item type").selectOption({ label: "Language pair" });
  const source = page.getByLabel("Line 1: Source language");
  await source.fill("en");
  await expect(page.locator(`#${await source.getAttribute("id")}-name`)).toHaveText("English");
  const target = page.getByLabel("Line 1: Target language");
  await target.fill("de_at");
  await expect(page.locator(`#${await target.getAttribute("id")}-name`)).toHaveText(
    /Not a language tag/,
  );
  await target.fill("de-AT");
  await expect(page.locator(`#${await target.getAttribute("id")}-name`)).toHaveText(
    "Austrian German",
  );
  // The suggestions are a searchable list of the languages Intl names.
  expect(
    await page.locator("#line-language-options option[value='fr']").getAttribute("label"),
  ).toBe("French");

  // Line 2: an additional item without languages.
  await page.getByRole("button", { name: "Add line" }).click();
  await page.getByLabel("Line 2: Description").fill("Formatting");
  await page.getByLabel("Line 2: Quantity").fill("1");
  await page.getByLabel("Line 2: Unit price").fill("30");
  await page.getByLabel("Line 2: Item type").selectOption({ label: "Additional item" });
  await page.getByLabel("Line order").selectOption({ label: "By language" });
  await screenshot(page, "invoice-form-language-pair");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").at(-1)!;

  // Seed 004's order: the line without a target language first.
  await expect(lineRows(page).nth(0)).toContainText("Formatting");
  await expect(lineRows(page).nth(1)).toContainText("Translation of the brochure");
  await expect(lineRows(page).nth(1)).toContainText("Language pair · English → Austrian German");
  await screenshot(page, "invoice-language-order");

  // The API stored the tags and answers in the same order; the totals are exact.
  const listed = await apiQuery<{
    items: {
      description: string;
      itemType: string;
      sourceLanguage: string;
      targetLanguage: string;
    }[];
    document: { total: string; lineOrder: string };
  }>(page, "salesDocuments.items.list", { salesDocumentId: id });
  expect(listed.document.lineOrder).toBe("language");
  expect(
    listed.items.map((item) => [item.description, item.sourceLanguage, item.targetLanguage]),
  ).toEqual([
    ["Formatting", null, null],
    ["Translation of the brochure", "en", "de-AT"],
  ]);
  // 150.00 + 28.50 (19 %) and 30.00 + 5.70 → 214.20
  expect(listed.document.total).toMatch(/^214\.20?$/);

  // In German, the names follow the UI's language.
  await switchLanguage(page, "DE");
  await expect(lineRows(page).nth(1)).toContainText(
    "Sprachpaar · Englisch → Österreichisches Deutsch",
  );
  await switchLanguage(page, "EN");
});
