import { expect, test } from "@playwright/test";
import { DEMO, signIn, switchLanguage } from "../support/session.ts";

test.afterEach(async ({ page }) => {
  await switchLanguage(page, "EN");
});

test("a missing or mistyped record says so in the UI's language, with the way back, and every screen names its tab", async ({
  page,
}) => {
  await signIn(page, DEMO.finance);
  await switchLanguage(page, "DE");

  for (const id of ["0c4f2d1b-6e5a-4f8b-8c9d-4e5f6a7b8c93", "not-an-id"]) {
    await page.goto(`/documents/${id}`);
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("Unter dieser Adresse gibt es keinen Datensatz");
    await expect(alert).not.toContainText(/fields|Felder/);
    // Retrying cannot bring it back; the list can.
    await expect(alert.getByRole("button", { name: "Erneut versuchen" })).toHaveCount(0);
    await alert.getByRole("link", { name: "← Rechnungen" }).click();
    await expect(page).toHaveURL(/\/invoices/);
  }
  await expect(page).toHaveTitle("Rechnungen · Ledgerline");

  await page.goto("/customers/0c4f2d1b-6e5a-4f8b-8c9d-4e5f6a7b8c93");
  await expect(page.getByRole("alert").getByRole("link", { name: "← Kunden" })).toBeVisible();

  await page.goto("/invoices");
  await page
    .locator("tbody tr a", { hasText: /RE-\d{4}-\d{4}/ })
    .first()
    .click();
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.match(
    /RE-\d{4}-\d{4}/,
  )![0];
  await expect(page).toHaveTitle(`${number} · Rechnungen · Ledgerline`);

  await page.goto("/no-such-screen");
  await expect(page).toHaveTitle("Seite nicht gefunden · Ledgerline");
});
