import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { shoot } from "../support/screenshots.ts";
import { apiMutation, apiQuery, DEMO, signIn, switchLanguage } from "../support/session.ts";

/**
 * The branding settings (issue 13 §6): an admin changes the company name and uploads a logo,
 * the live preview follows before anything is saved, and after saving an issued invoice's PDF,
 * printed by the real worker and read back with pdftotext, carries the new name. Screenshots of
 * the settings page in both languages go to docs/screenshots with UPDATE_SCREENSHOTS=1.
 */
const run = promisify(execFile);

/** A small SVG logo: an orange bar with a dark square. */
const LOGO_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" viewBox="0 0 240 60">' +
    '<rect width="240" height="60" rx="8" fill="#ff9100"/><rect x="12" y="12" width="36" height="36" fill="#1a1a1a"/>' +
    "</svg>",
);

interface Settings {
  legalName: string;
}

test("an admin rebrands: the preview follows as they type, and the next invoice's PDF carries the new name", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page, DEMO.admin);
  await page.setViewportSize({ width: 1440, height: 900 });
  const before = await apiQuery<Settings>(page, "settings.get", undefined);
  const newName = `Leuchtturm Übersetzungen ${Date.now().toString(36).toUpperCase()} GmbH`;
  try {
    await page
      .getByRole("navigation", { name: "Main navigation" })
      .getByRole("link", { name: "Settings" })
      .click();
    const preview = page.frameLocator('[data-testid="document-preview"]');
    await expect(preview.locator("h1")).toHaveText("RECHNUNG");
    await expect(preview.locator("footer.company")).toContainText(before.legalName);

    // Typed, not saved: the preview shows it.
    await page.getByLabel("Company name", { exact: true }).fill(newName);
    await expect(preview.locator("footer.company")).toContainText(newName);
    await expect(preview.locator("footer.company")).not.toContainText(before.legalName);

    // The IBAN is checked as typed, with the domain's rule.
    const iban = page.getByLabel("IBAN", { exact: true });
    const savedIban = await iban.inputValue();
    await iban.fill("DE89 3704 0044 0532 0130 01");
    await expect(page.getByText("This IBAN is not valid (checksum).")).toBeVisible();
    await expect(
      page.getByText("No GiroCode in the preview: it needs a valid IBAN."),
    ).toBeVisible();
    await iban.fill(savedIban);
    await expect(page.getByText("This IBAN is not valid (checksum).")).toBeHidden();

    // The default terms, typed, replace the preview's terms; cleared, the preview prints none.
    const terms = page.getByLabel("Default terms", { exact: true });
    await terms.fill("Zahlbar binnen 7 Tagen netto.");
    await expect(preview.locator("body")).toContainText("Zahlbar binnen 7 Tagen netto.");
    await terms.fill("");
    await expect(preview.locator("body")).not.toContainText("Zahlbar binnen 7 Tagen netto.");

    // The logo is stored at once and shows on the page and in the preview.
    await expect(preview.locator("img.logo")).toHaveCount(0);
    await page.getByLabel("Logo", { exact: true }).setInputFiles({
      name: "leuchtturm.svg",
      mimeType: "image/svg+xml",
      buffer: LOGO_SVG,
    });
    await expect(page.getByTestId("company-logo")).toBeVisible();
    await expect(preview.locator("img.logo")).toHaveAttribute(
      "src",
      /^data:image\/svg\+xml;base64,/,
    );

    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Company settings saved.")).toBeVisible();
    await page.getByText("Company settings saved.").waitFor({ state: "hidden", timeout: 15_000 });
    // The branding section beside its preview, as a person sees the screen.
    await page.getByRole("heading", { name: "Documents and branding" }).scrollIntoViewIfNeeded();
    await shoot(page, "settings-branding-en");
    await page
      .getByTestId("document-preview")
      .screenshot({ path: "screenshots/settings-preview.png" });
    await switchLanguage(page, "DE");
    const german = page.getByRole("heading", { name: "Dokumente und Erscheinungsbild" });
    await expect(german).toBeVisible();
    await expect(preview.locator("footer.company")).toContainText(newName);
    await german.scrollIntoViewIfNeeded();
    await shoot(page, "settings-branding-de");
    await switchLanguage(page, "EN");

    // The next invoice is printed with the new name.
    await page
      .getByRole("navigation", { name: "Main navigation" })
      .getByRole("link", { name: "Invoices" })
      .click();
    await page.getByRole("button", { name: "New invoice" }).click();
    await page
      .getByLabel("Customer", { exact: true })
      .selectOption({ label: "Blauwal Reisen GmbH" });
    await page.getByLabel("Line 1: Description").fill("Lektorat Broschüre");
    await page.getByLabel("Line 1: Quantity").fill("2");
    await page.getByLabel("Line 1: Unit price").fill("120.00");
    await page.getByRole("button", { name: "Save and issue" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/RE-\d{4}-\d{4}/);
    const panel = page.getByRole("region", { name: "PDF and e-invoices" });
    await expect(panel.getByTestId("pdf-state")).toContainText("PDF ready (version 1", {
      timeout: 60_000,
    });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      panel.getByRole("link", { name: "Download PDF" }).click(),
    ]);
    const dir = await mkdtemp(join(tmpdir(), "branding-pdf-"));
    try {
      const path = join(dir, "invoice.pdf");
      await writeFile(path, await readFile((await download.path())!));
      const { stdout } = await run("pdftotext", ["-layout", path, "-"]);
      expect(stdout).toContain(newName);
      expect(stdout).toContain("Lektorat Broschüre");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    // The other specs share this database: the demo company's name back, no logo.
    await apiMutation(page, "settings.update", { legalName: before.legalName });
    await page.request.delete("/files/company-logo", {
      headers: { origin: new URL(page.url()).origin },
    });
  }
});

test("a customer's Leitweg-ID is checked as typed, saved, and shown again on the customer's page", async ({
  page,
}) => {
  await signIn(page, DEMO.finance);
  await page.getByRole("link", { name: "Customers" }).click();
  const name = `Stadtverwaltung Musterstadt ${Date.now()}`;
  await page.getByRole("button", { name: "New customer" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  const reference = page.getByLabel("Buyer reference (Leitweg-ID)", { exact: true });
  // The check digits of 991-33333TEST are 33.
  await reference.fill("991-33333TEST-34");
  await reference.blur();
  await expect(page.getByText(/This Leitweg-ID is not valid/)).toBeVisible();
  await reference.fill("991-33333TEST-33");
  await expect(page.getByText(/This Leitweg-ID is not valid/)).toBeHidden();
  await page
    .getByLabel("Electronic address for e-invoices", { exact: true })
    .fill("erechnung@musterstadt.example");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`Customer “${name}” created.`)).toBeVisible();
  await page.getByLabel("Search customers").fill(name);
  await page.getByRole("row").filter({ hasText: name }).getByRole("link").first().click();
  await expect(page.getByLabel("Buyer reference (Leitweg-ID)", { exact: true })).toHaveValue(
    "991-33333TEST-33",
  );
  await expect(page.getByLabel("Electronic address for e-invoices", { exact: true })).toHaveValue(
    "erechnung@musterstadt.example",
  );
});
