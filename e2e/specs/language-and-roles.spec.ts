import { expect, test } from "@playwright/test";
import {
  apiMutation,
  apiQuery,
  DEMO,
  screenshot,
  signIn,
  signOut,
  switchLanguage,
} from "../support/session.ts";

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

test("navigation follows the role: admin and finance see users, API tokens and settings", async ({
  page,
}) => {
  // Seed 004: finance has full access, users and settings included.
  await signIn(page, DEMO.finance);
  const navigation = page.getByRole("navigation");
  await expect(navigation.getByRole("link", { name: "Customers" })).toBeVisible();
  await expect(navigation.getByRole("link", { name: "API tokens" })).toBeVisible();
  await navigation.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await navigation.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("row").filter({ hasText: DEMO.teamMember })).toBeVisible();
  // ...but finance makes nobody an admin: the role choice stops at finance, and the admin's own
  // row cannot be changed.
  const adminRow = page.getByRole("row").filter({ hasText: DEMO.admin });
  await expect(adminRow.getByRole("combobox")).toBeDisabled();
  await expect(adminRow.getByRole("button", { name: /^Deactivate/ })).toHaveCount(0);
  const memberRole = page
    .getByRole("row")
    .filter({ hasText: DEMO.teamMember })
    .getByRole("combobox");
  await expect(memberRole.locator("option")).toHaveText(["Finance", "Team lead", "Team member"]);
  await screenshot(page, "users-finance");
  await signOut(page);

  await signIn(page, DEMO.admin);
  await page.getByRole("navigation").getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("row").filter({ hasText: DEMO.teamMember })).toBeVisible();
  await expect(
    page.getByRole("navigation").getByRole("link", { name: "API tokens" }),
  ).toBeVisible();
  await screenshot(page, "users-admin");
  await signOut(page);

  await signIn(page, DEMO.teamLead);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Customers" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Settings" })).toHaveCount(0);
});

test("a team lead edits a draft invoice but sees no delete button, and the API answers 403", async ({
  page,
}) => {
  await signIn(page, DEMO.teamLead);
  await switchLanguage(page, "EN");
  const customer = await apiMutation<{ id: string }>(page, "customers.create", {
    name: `Lead Draft Customer ${Date.now()}`,
  });
  const draft = await apiMutation<{ id: string }>(page, "salesDocuments.create", {
    type: "invoice",
    customerId: customer.id,
    lines: [{ description: "Proofreading", quantity: "2", unitPrice: "40.00" }],
  });
  await page.goto(`/documents/${draft.id}`);
  const actions = page.getByRole("group", { name: "Document actions" });
  await expect(actions.getByRole("button", { name: "Edit draft" })).toBeVisible();
  await expect(actions.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
  await screenshot(page, "draft-team-lead-no-delete");
  // The API refuses what the screen does not offer, and the draft stays.
  const refused = await page.request.post("/trpc/salesDocuments.delete", {
    data: { json: { id: draft.id } },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(refused.status()).toBe(403);
  const kept = await apiQuery<{ id: string; status: string }>(page, "salesDocuments.get", {
    id: draft.id,
  });
  expect(kept.status).toBe("draft");
  await signOut(page);

  // Finance may delete it, and the screen offers it.
  await signIn(page, DEMO.finance);
  await page.goto(`/documents/${draft.id}`);
  await expect(
    page.getByRole("group", { name: "Document actions" }).getByRole("button", { name: /^Delete/ }),
  ).toBeVisible();
});
