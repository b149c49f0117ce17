import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, switchLanguage } from "../support/session.ts";

/**
 * axe-core on every screen and dialog, in both languages: zero violations of WCAG 2.1 A and AA
 * (contrast included). Violations are collected over the whole walk and reported together, so
 * one run names every problem.
 */
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function audit(page: Page, screen: string, found: string[]) {
  await expect(page.locator("h1, dialog[open] h2").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  for (const violation of results.violations) {
    const where = violation.nodes
      .slice(0, 3)
      .map((node) => node.target.join(" "))
      .join(" | ");
    found.push(`${screen}: ${violation.id} ×${violation.nodes.length} — ${where}`);
  }
}

const LIST_SCREENS = [
  "/home",
  "/customers",
  "/customers/new",
  "/projects",
  "/projects/new",
  "/suppliers",
  "/suppliers/new",
  "/expenses",
  "/expenses/new",
  "/invoices",
  "/invoices/new",
  "/quotes",
  "/credit-notes",
  "/statistics",
  "/approvals",
  "/purchase-orders",
  "/purchase-orders/new",
  "/purchasing",
  "/admin/users",
  "/admin/api-tokens",
  "/settings",
];

/** Opens a dialog with its button, audits it, and closes it with Escape. */
async function auditDialog(page: Page, opener: RegExp, found: string[]) {
  await page.getByRole("button", { name: opener }).first().click();
  await expect(page.locator("dialog[open]")).toBeVisible();
  await audit(page, `dialog ${opener.source}`, found);
  await page.keyboard.press("Escape");
  await expect(page.locator("dialog[open]")).toHaveCount(0);
}

/** The first record of a list, opened from its row; false when the list is empty (fresh data). */
async function openFirstRow(page: Page, list: string): Promise<boolean> {
  await page.goto(list);
  const row = page.locator("tbody tr a").first();
  await expect(row.or(page.locator(".empty-state")).first()).toBeVisible();
  if (!(await row.isVisible())) return false;
  await row.click();
  await expect(page).not.toHaveURL(new RegExp(`${list}$`));
  return true;
}

async function issueInvoice(page: Page) {
  await page.goto("/invoices/new");
  await page.getByLabel(/^(Customer|Kunde)$/).selectOption({ label: "Blauwal Reisen GmbH" });
  await page.getByLabel(/^(Line|Position) 1: (Description|Beschreibung)$/).fill("Audit");
  await page.getByLabel(/^(Line|Position) 1: (Unit price|Einzelpreis)$/).fill("100");
  await page.getByRole("button", { name: /^(Save and issue|Speichern und ausstellen)$/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/RE-\d{4}-\d{4}/);
}

test.afterEach(async ({ page }) => {
  await switchLanguage(page, "EN");
});

for (const language of ["EN", "DE"] as const) {
  test(`every screen and dialog has no WCAG 2.1 A/AA violation (${language})`, async ({ page }) => {
    test.setTimeout(240_000);
    const found: string[] = [];
    await page.goto("/");
    await page.evaluate(
      (locale) => localStorage.setItem("ledgerline.locale", locale),
      language.toLowerCase(),
    );
    await page.goto("/");
    await audit(page, "sign-in", found);
    await signIn(page, DEMO.admin);
    await switchLanguage(page, language);

    for (const path of LIST_SCREENS) {
      await page.goto(path);
      await audit(page, path, found);
    }
    for (const list of ["/projects", "/suppliers", "/expenses", "/purchase-orders"]) {
      if (await openFirstRow(page, list)) await audit(page, `${list}/:id`, found);
    }
    // The demo data always has customers: a customer's page and its archive confirmation.
    expect(await openFirstRow(page, "/customers")).toBe(true);
    await audit(page, "/customers/:id", found);
    await auditDialog(page, /^(Archive|Archivieren)$/, found);
    await page.goto("/admin/users");
    await auditDialog(page, /^(New user|Neuer Benutzer)$/, found);
    await page.goto("/admin/api-tokens");
    await auditDialog(page, /^(New API token|Neues API-Token)$/, found);
    await page.goto("/no-such-screen");
    await audit(page, "not found", found);

    // A fresh issued invoice and its dialogs.
    await issueInvoice(page);
    await audit(page, "/documents/:id (invoice)", found);
    for (const opener of [
      /^(Record payment|Zahlung erfassen)$/,
      /^(Create credit note|Gutschrift erstellen)$/,
      /^(Cancel with cancellation document|Mit Stornorechnung stornieren)$/,
    ]) {
      await auditDialog(page, opener, found);
    }

    expect(found, found.join("\n")).toEqual([]);
  });
}
