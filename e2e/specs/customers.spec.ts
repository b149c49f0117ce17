import { expect, test } from "@playwright/test";
import { DEMO, screenshot, signIn } from "../support/session.ts";

test("finance creates a customer and finds it in the list", async ({ page }) => {
  await signIn(page, DEMO.finance);
  await page.getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  await screenshot(page, "customers-list");

  const name = `Leuchtturm Design ${Date.now()}`;
  await page.getByRole("button", { name: "New customer" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill("not-an-email");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await screenshot(page, "customer-form-error");

  await page.getByLabel("Email", { exact: true }).fill("hallo@leuchtturm.example");
  await page.getByRole("button", { name: "Save" }).click();
  // Saving a new customer returns to the list, which says what happened.
  await expect(page.getByText(`Customer “${name}” created.`)).toBeVisible();
  await page.getByLabel("Search customers").fill("Leuchtturm");
  await expect(page.getByRole("row").filter({ hasText: name })).toBeVisible();
  await screenshot(page, "customers-search");
});

test("a team member is not offered customer creation, and the API refuses it", async ({ page }) => {
  await signIn(page, DEMO.teamMember);
  await page.getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  await expect(page.getByRole("row").nth(1)).toBeVisible();
  await expect(page.getByRole("button", { name: "New customer" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New customer" })).toHaveCount(0);

  // The same session, straight at the API: refused by the permission table, nothing written.
  const response = await page.request.post("/trpc/customers.create", {
    headers: { "content-type": "application/json", origin: new URL(page.url()).origin },
    data: { json: { name: "Sneaky GmbH" } },
  });
  expect(response.status()).toBe(403);
  const body = (await response.json()) as {
    error: { json: { data: { code: string }; message: string } };
  };
  expect(body.error.json.data.code).toBe("FORBIDDEN");
  expect(body.error.json.message).toContain("customer.write");

  await page.getByLabel("Search customers").fill("Sneaky");
  await expect(page.getByText("No customers match")).toBeVisible();
});
