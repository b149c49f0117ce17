import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, switchLanguage } from "../support/session.ts";

/**
 * axe-core on every screen and dialog, in both languages, on a laptop (1280 px) and a phone
 * (390 × 844): zero violations of WCAG 2.1 A and AA (contrast included). Violations are
 * collected over the whole walk and reported together, so one run names every problem.
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
  "/invoice-groups",
  "/invoice-groups/new",
  "/payments",
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

async function newInvoice(page: Page, save: RegExp, { withProject = false } = {}) {
  await page.goto("/invoices/new");
  if (withProject) {
    // A project's invoice offers "Add billable expenses" while it is a draft.
    const project = page.getByLabel(/^(Project|Projekt)$/);
    const value = await project
      .locator("option", { hasText: "Website-Relaunch" })
      .first()
      .getAttribute("value");
    await project.selectOption(value!);
  } else {
    await page.getByLabel(/^(Customer|Kunde)$/).selectOption({ label: "Blauwal Reisen GmbH" });
  }
  await page.getByLabel(/^(Line|Position) 1: (Description|Beschreibung)$/).fill("Audit");
  await page.getByLabel(/^(Line|Position) 1: (Unit price|Einzelpreis)$/).fill("100");
  await page.getByRole("button", { name: save }).click();
}

async function issueInvoice(page: Page) {
  await newInvoice(page, /^(Save and issue|Speichern und ausstellen)$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/RE-\d{4}-\d{4}/);
}

/** A PDF as small as the server takes (its magic bytes and an end). */
const TINY_PDF = Buffer.from("%PDF-1.4\n%%EOF\n");

test.afterEach(async ({ page }) => {
  await switchLanguage(page, "EN");
});

/** The whole walk in one language: every screen, every record kind, every dialog. */
async function walk(page: Page, language: "EN" | "DE", found: string[]) {
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

  // A draft invoice of a project: its edit form, the issue and delete confirmations, and the
  // notice "Add billable expenses" answers with (a button, not a dialog).
  await newInvoice(page, /^(Save draft|Entwurf speichern)$/, { withProject: true });
  await expect(page.getByRole("button", { name: /^(Issue|Ausstellen)$/ })).toBeVisible();
  await audit(page, "/documents/:id (draft)", found);
  await auditDialog(page, /^(Issue|Ausstellen)$/, found);
  await auditDialog(page, /^(Delete draft|Entwurf löschen)$/, found);
  await page
    .getByRole("button", { name: /^(Add billable expenses|Abrechenbare Ausgaben übernehmen)$/ })
    .click();
  await expect(page.locator(".notice").first()).toBeVisible();
  await audit(page, "/documents/:id after adding billable expenses", found);
  await page.goto(`${new URL(page.url()).pathname}/edit`);
  await audit(page, "/documents/:id/edit", found);

  // An expense with a receipt, and the receipt's delete confirmation.
  await page.goto("/expenses/new");
  await page.getByLabel(/^(Title|Titel)$/).fill(`Audit ${language}`);
  await page.getByLabel(/^(Category|Kategorie)$/).selectOption("travel");
  await page.getByLabel(/^(Amount|Betrag)$/).fill("12");
  await page.getByRole("button", { name: /^(Save|Speichern)$/ }).click();
  await page
    .getByLabel(/^(Upload receipt|Beleg hochladen)$/)
    .setInputFiles({ name: "receipt.pdf", mimeType: "application/pdf", buffer: TINY_PDF });
  await expect(page.getByRole("link", { name: "receipt.pdf" })).toBeVisible();
  await audit(page, "/expenses/:id with a receipt", found);
  await auditDialog(page, /^(Delete receipt|Beleg löschen): receipt\.pdf$/, found);

  // An invoice group of the customer just invoiced: its page and the "add invoices" dialog
  // (the invoice issued above is eligible).
  await page.goto("/invoice-groups/new");
  await page.getByLabel(/^(Customer|Kunde)$/).selectOption({ label: "Blauwal Reisen GmbH" });
  await page.getByLabel(/^(Currency|Währung)$/).selectOption("EUR");
  await page.getByRole("button", { name: /^(Save|Speichern)$/ }).click();
  await expect(page).toHaveURL(/\/invoice-groups\/[0-9a-f-]{36}$/);
  await audit(page, "/invoice-groups/:id (draft)", found);
  await auditDialog(page, /^(Add invoices|Rechnungen hinzufügen)$/, found);

  // The purchase orders' batch approval confirmation.
  await page.goto("/purchase-orders");
  await page.locator("tbody tr input[type=checkbox]").first().check();
  await auditDialog(page, /^(Approve selected|Auswahl freigeben)$/, found);
}

for (const { width, height, device } of [
  { width: 1280, height: 800, device: "1280 px" },
  { width: 390, height: 844, device: "390 px" },
]) {
  for (const language of ["EN", "DE"] as const) {
    test(`every screen and dialog has no WCAG 2.1 A/AA violation (${language}, ${device})`, async ({
      page,
    }) => {
      test.setTimeout(300_000);
      await page.setViewportSize({ width, height });
      const found: string[] = [];
      await walk(page, language, found);
      expect(found, found.join("\n")).toEqual([]);
    });
  }
}
