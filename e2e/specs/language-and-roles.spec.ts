import { expect, test } from "@playwright/test";
import { DEMO, screenshot, signIn, signOut } from "../support/session.ts";

test("German: the switch translates the app and formats dates the German way", async ({ page }) => {
  await signIn(page, DEMO.teamLead);
  await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "DE" }).click();
  await page.getByRole("link", { name: "Kunden" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kunden" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Neuer Kunde" })).toBeVisible();
  // "Last changed" shows dates as DD.MM.YYYY in German.
  await expect(page.getByRole("row").nth(1)).toContainText(/\d{2}\.\d{2}\.\d{4}/);
  await screenshot(page, "customers-de");

  // The choice is stored on the user: it survives signing out and in again.
  await signOut(page);
  await signIn(page, DEMO.teamLead);
  await expect(page.getByRole("link", { name: "Kunden" })).toBeVisible();
  await page.getByRole("group", { name: "Sprache" }).getByRole("button", { name: "EN" }).click();
  await expect(page.getByRole("link", { name: "Customers" })).toBeVisible();
});

test("navigation follows the role: only the admin sees users, API tokens and settings", async ({
  page,
}) => {
  await signIn(page, DEMO.finance);
  const navigation = page.getByRole("navigation");
  await expect(navigation.getByRole("link", { name: "Customers" })).toBeVisible();
  await expect(navigation.getByRole("link", { name: "Users" })).toHaveCount(0);
  await signOut(page);

  await signIn(page, DEMO.admin);
  await page.getByRole("navigation").getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("row").filter({ hasText: DEMO.teamMember })).toBeVisible();
  await expect(
    page.getByRole("navigation").getByRole("link", { name: "API tokens" }),
  ).toBeVisible();
  await screenshot(page, "users-admin");
});
