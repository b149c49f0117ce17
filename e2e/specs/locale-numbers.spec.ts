import { expect, test } from "@playwright/test";
import { apiQuery, DEMO, screenshot, signIn, switchLanguage } from "../support/session.ts";

/**
 * German amounts typed as a German finance person types them are stored as they read them:
 * "1.234" is one thousand two hundred thirty-four, "1.234,50" is accepted, and "1000.50" is
 * refused with the German spelling as the way out. What counts is what the server stored,
 * read back over the API.
 */
// The language is stored on the user: the specs after this one expect English.
test.afterEach(async ({ page }) => {
  await switchLanguage(page, "EN");
});

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const germanDay = (date: Date) => isoDay(date).split("-").reverse().join(".");

interface StoredDocument {
  id: string;
  number: string | null;
  total: string;
  dueDate: string | null;
  lineItems: { quantity: string; unitPrice: string; taxRate: string }[];
  payments: { amount: string }[];
}

test("German amounts in an invoice line, the payment and an expense are stored as a German reads them", async ({
  page,
}) => {
  await signIn(page, DEMO.finance);
  await switchLanguage(page, "DE");
  const navigation = page.getByRole("navigation", { name: "Hauptnavigation" });

  await navigation.getByRole("link", { name: "Rechnungen", exact: true }).click();
  await page.getByRole("button", { name: "Neue Rechnung" }).click();
  await page.getByLabel("Kunde", { exact: true }).selectOption({ label: "Blauwal Reisen GmbH" });
  // Dates the German way, one Tab stop each (the calendar button is for the mouse; Alt+↓ opens it).
  const due = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
  const issuedDate = page.getByLabel("Belegdatum", { exact: true });
  await expect(issuedDate).toHaveAttribute("placeholder", "TT.MM.JJJJ");
  await issuedDate.focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Fällig am", { exact: true })).toBeFocused();
  await page.keyboard.type(germanDay(due));
  await page.getByLabel("Position 1: Beschreibung").fill("Lektorat");
  await page.getByLabel("Position 1: Menge").fill("1");
  const price1 = page.getByLabel("Position 1: Einzelpreis");
  await price1.fill("1.234");
  await price1.blur();
  // What it understood, spelt out: one thousand two hundred thirty-four euros.
  await expect(price1).toHaveValue("1.234,00");
  await page.getByRole("button", { name: "Position hinzufügen" }).click();
  await page.getByLabel("Position 2: Beschreibung").fill("Übersetzung");
  await page.getByLabel("Position 2: Menge").fill("2,5");
  await page.getByLabel("Position 2: Einzelpreis").fill("1.234,50");
  await page.getByLabel("Position 2: USt. %").fill("7");
  // 1234.00 + 19 % = 1468.46; 2.5 × 1234.50 = 3086.25 + 7 % 216.04 = 3302.29 → 4770.75
  await expect(page.getByRole("region", { name: "Summen" })).toContainText("4.770,75 €");
  await screenshot(page, "invoice-form-german-amounts");
  await page.getByRole("button", { name: "Speichern und ausstellen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/RE-\d{4}-\d{4}/);
  const id = new URL(page.url()).pathname.split("/").pop()!;

  let stored = await apiQuery<StoredDocument>(page, "salesDocuments.get", { id });
  expect(stored.lineItems.map((line) => [line.quantity, line.unitPrice, line.taxRate])).toEqual([
    ["1", "1234", "19"],
    ["2.5", "1234.5", "7"],
  ]);
  expect(stored.total).toBe("4770.75");
  expect(stored.dueDate).toContain(isoDay(due));

  // The payment dialog offers what is open the German way and refuses an English amount.
  await page.getByRole("button", { name: "Zahlung erfassen" }).click();
  const dialog = page.getByRole("dialog", { name: "Zahlung erfassen" });
  const amount = dialog.getByLabel("Betrag", { exact: true });
  await expect(amount).toHaveValue("4.770,75");
  await expect(dialog.getByLabel("Zahlungsdatum", { exact: true })).toHaveValue(
    /^\d{2}\.\d{2}\.\d{4}$/,
  );
  await amount.fill("1000.50");
  await dialog.getByRole("button", { name: "Zahlung speichern" }).click();
  await expect(dialog.getByText(/Bitte 1000,50 schreiben/)).toBeVisible();
  // More than is open: the server's refusal, worded in German with German amounts.
  await amount.fill("9.999,00");
  await dialog.getByRole("button", { name: "Zahlung speichern" }).click();
  await expect(
    dialog.getByText(
      /Diese Zahlung über 9\.999,00\s€ ist höher als die noch offenen 4\.770,75\s€\./,
    ),
  ).toBeVisible();
  await amount.fill("1.000,50");
  await expect(dialog.getByText("Gelesen als 1.000,50 €")).toBeVisible();
  await dialog.getByRole("button", { name: "Zahlung speichern" }).click();
  await expect(dialog).toHaveCount(0);
  stored = await apiQuery<StoredDocument>(page, "salesDocuments.get", { id });
  expect(stored.payments.map((payment) => payment.amount)).toEqual(["1000.5"]);

  // An expense: the gross amount as typed in German.
  await navigation.getByRole("link", { name: "Ausgaben" }).click();
  await page.getByRole("button", { name: "Neue Ausgabe" }).first().click();
  await page.getByLabel("Titel", { exact: true }).fill(`Bahnfahrt ${Date.now()}`);
  await page.getByLabel("Betrag", { exact: true }).fill("1.234,56");
  await expect(page.getByText("Gelesen als 1.234,56 €")).toBeVisible();
  await page.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(page).toHaveURL(/\/expenses\/[0-9a-f-]{36}$/);
  const expenseId = new URL(page.url()).pathname.split("/").pop()!;
  const expense = await apiQuery<{ amount: string }>(page, "expenses.get", { id: expenseId });
  expect(expense.amount).toBe("1234.56");
  await expect(page.getByLabel("Betrag", { exact: true })).toHaveValue("1.234,56");
});

test("whole numbers the German way: payment terms refuse 1,5, read 1.000 as a thousand, store 45", async ({
  page,
}) => {
  await signIn(page, DEMO.finance);
  await switchLanguage(page, "DE");
  await page.goto("/customers/new");
  const name = `Ganzzahl GmbH ${Date.now()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  const terms = page.getByLabel("Zahlungsziel (Tage)", { exact: true });
  const save = page.getByRole("button", { name: "Speichern", exact: true });

  // A fraction is no count of days: refused in German, nothing stored.
  await terms.fill("1,5");
  await save.click();
  await expect(page.getByText("Nur ganze Zahlen, ohne Komma (z. B. 1.000).")).toBeVisible();
  await expect(terms).toHaveAttribute("aria-invalid", "true");
  // "1.000" is one thousand to a German (read as 1 it would pass): the schema's bound refuses it.
  await terms.fill("1.000");
  await save.click();
  await expect(page.getByText(/Höchstens 365/)).toBeVisible();
  // While valid, the field says what it read, the locale's way.
  await terms.fill("45");
  await expect(page.getByText("Gelesen als 45")).toBeVisible();

  await save.click();
  await expect(page.getByText(`Kunde „${name}“ angelegt.`)).toBeVisible();
  const list = await apiQuery<{ items: { id: string }[] }>(page, "customers.list", {
    search: name,
  });
  expect(list.items).toHaveLength(1);
  const stored = await apiQuery<{ paymentTermsDays: number }>(page, "customers.get", {
    id: list.items[0]!.id,
  });
  expect(stored.paymentTermsDays).toBe(45);
});
