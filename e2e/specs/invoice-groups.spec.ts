import { expect, test, type Page } from "@playwright/test";
import { apiQuery, DEMO, signIn, signOut, switchLanguage } from "../support/session.ts";

/** Invoice groups on screen (seed 004 §3): a statement of three invoices and its totals. */

/** A tRPC mutation over HTTP with the page's session (from the app's origin, as the guard asks). */
async function apiMutation<T = unknown>(page: Page, procedure: string, input: unknown) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`/trpc/${procedure}`, {
    data: { json: input },
    headers: { origin },
  });
  expect(response.ok(), `${procedure}: ${response.status()}`).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

test("an invoice group of three invoices shows the right totals", async ({ page }) => {
  await signIn(page, DEMO.finance);
  await switchLanguage(page, "EN");
  // A customer of its own, so the picker of eligible invoices holds exactly these three.
  const name = `Sammelkunde ${Date.now()}`;
  const customer = await apiMutation<{ id: string }>(page, "customers.create", { name });
  const numbers: string[] = [];
  // Net 100.00, 250.50 and 49.99 at 19 %: totals 119.00, 298.10 and 59.49, together 476.59.
  for (const unitPrice of ["100.00", "250.50", "49.99"]) {
    const draft = await apiMutation<{ id: string }>(page, "salesDocuments.create", {
      type: "invoice",
      customerId: customer.id,
      currency: "EUR",
      lines: [{ description: "Übersetzung", quantity: "1", unitPrice, taxRate: "19" }],
    });
    const issued = await apiMutation<{ number: string; status: string }>(
      page,
      "salesDocuments.issue",
      { id: draft.id },
    );
    expect(issued.status).toBe("sent");
    numbers.push(issued.number);
  }

  await page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name: "Invoice groups" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Invoice groups" })).toBeVisible();
  await page.getByRole("button", { name: "New invoice group" }).first().click();
  await page.getByLabel("Customer").selectOption({ label: name });
  await page.getByLabel("Currency").selectOption("EUR");
  await page.getByLabel("Show word rates").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invoice group Draft" })).toBeVisible();

  await page.getByRole("button", { name: "Add invoices" }).click();
  const dialog = page.getByRole("dialog", { name: "Add invoices" });
  for (const number of numbers) {
    await dialog.getByRole("button", { name: `Add ${number}` }).click();
    await expect(dialog.getByRole("button", { name: `Add ${number}` })).toHaveCount(0);
  }
  await expect(dialog.getByText("No invoice can join this group now.")).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();

  const invoices = page.getByRole("table", { name: "Invoices" });
  for (const number of numbers)
    await expect(invoices.getByRole("link", { name: number })).toBeVisible();
  const totals = page.getByTestId("invoice-group-totals").locator("tr[data-currency='EUR']");
  await expect(totals.getByTestId("group-total")).toHaveText("€476.59");
  await expect(totals).toContainText("€400.49");
  await expect(totals).toContainText("€76.10");

  // One removed and added again: the totals follow.
  await invoices.getByRole("button", { name: `Remove ${numbers[1]}` }).click();
  await expect(totals.getByTestId("group-total")).toHaveText("€178.49");
  await page.getByRole("button", { name: "Add invoices" }).click();
  await dialog.getByRole("button", { name: `Add ${numbers[1]}` }).click();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(totals.getByTestId("group-total")).toHaveText("€476.59");

  await page.getByRole("group", { name: "Actions" }).getByRole("button", { name: "Issue" }).click();
  await page.getByRole("dialog", { name: "Issue" }).getByRole("button", { name: "Issue" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: /^Invoice group SR-\d{4}-\d{4,}/ }),
  ).toBeVisible();
  // Issued: locked, nothing to add or remove.
  await expect(page.getByRole("button", { name: "Add invoices" })).toHaveCount(0);
  await expect(invoices.getByRole("button", { name: /^Remove/ })).toHaveCount(0);

  // What the server stored agrees with the screen.
  const id = page.url().split("/").pop()!;
  const stored = await apiQuery<{ totals: { total: string }[]; status: string }>(
    page,
    "invoiceGroups.get",
    { id },
  );
  expect(stored.status).toBe("issued");
  expect(stored.totals.map((total) => total.total)).toEqual(["476.59"]);

  // Each invoice names its group and leads back to it.
  const heading = await page.getByRole("heading", { level: 1 }).textContent();
  const groupNumber = heading!.match(/SR-\d{4}-\d{4,}/)![0];
  await invoices.getByRole("link", { name: numbers[0] }).click();
  const related = page.getByRole("region", { name: "Related documents" });
  await related.getByRole("link", { name: groupNumber }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: new RegExp(`^Invoice group ${groupNumber}`) }),
  ).toBeVisible();

  // The invoice list filters by the group (seed 004's group filter): exactly its three invoices,
  // not the customer's invoice outside it.
  const outside = await apiMutation<{ id: string }>(page, "salesDocuments.create", {
    type: "invoice",
    customerId: customer.id,
    currency: "EUR",
    lines: [{ description: "Außerhalb", quantity: "1", unitPrice: "10.00", taxRate: "19" }],
  });
  const outsideNumber = (
    await apiMutation<{ number: string }>(page, "salesDocuments.issue", { id: outside.id })
  ).number;
  await page.goto("/invoices");
  await page.getByLabel("Customer").selectOption({ label: name });
  await page.getByLabel("Invoice group").selectOption({ label: `${groupNumber} · ${name}` });
  const rows = page.getByRole("table").first().getByRole("row");
  for (const number of numbers) await expect(rows.filter({ hasText: number })).toHaveCount(1);
  await expect(rows.filter({ hasText: outsideNumber })).toHaveCount(0);
  await expect(page).toHaveURL(/groupId=/);
  await page.goto(`/invoice-groups/${id}`);

  // In German, the same sums as a German reads them. The language is the person's setting, so
  // it goes back to English for the specs after this one.
  await switchLanguage(page, "DE");
  try {
    await expect(totals.getByTestId("group-total")).toHaveText(/^476,59\s€$/);
    await expect(
      page.getByRole("heading", { level: 1, name: /^Sammelrechnung SR-/ }),
    ).toBeVisible();
  } finally {
    await switchLanguage(page, "EN");
  }
});

test("a team lead may edit and fill a draft group but not delete it; a team member only reads", async ({
  page,
}) => {
  await signIn(page, DEMO.teamLead);
  await switchLanguage(page, "EN");
  const customer = await apiMutation<{ id: string }>(page, "customers.create", {
    name: `Leitungskunde ${Date.now()}`,
  });
  const group = await apiMutation<{ id: string }>(page, "invoiceGroups.create", {
    customerId: customer.id,
    currency: "EUR",
    invoiceDate: "2026-12-01",
  });
  await page.goto(`/invoice-groups/${group.id}`);
  const actions = page.getByRole("group", { name: "Actions" });
  await expect(actions.getByRole("button", { name: "Edit" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add invoices" })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Delete" })).toHaveCount(0);
  // The API refuses what the screen does not offer.
  const origin = new URL(page.url()).origin;
  const refused = await page.request.post("/trpc/invoiceGroups.delete", {
    data: { json: { id: group.id } },
    headers: { origin },
  });
  expect(refused.status()).toBe(403);

  await signOut(page);
  await signIn(page, DEMO.teamMember);
  await page.goto(`/invoice-groups/${group.id}`);
  await expect(page.getByRole("heading", { level: 1, name: /^Invoice group Draft/ })).toBeVisible();
  await expect(page.getByRole("group", { name: "Actions" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add invoices" })).toHaveCount(0);
  await page.goto("/invoice-groups");
  await expect(page.getByRole("heading", { level: 1, name: "Invoice groups" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New invoice group" })).toHaveCount(0);
});
