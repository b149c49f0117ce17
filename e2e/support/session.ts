import { expect, type Page } from "@playwright/test";

/** The demo sign-ins `pnpm start` loads (packages/services/src/seed/demo-seed.ts). */
export const DEMO = {
  password: "ledgerline-demo",
  admin: "admin@demo.ledgerline.test",
  finance: "finance@demo.ledgerline.test",
  teamLead: "lead@demo.ledgerline.test",
  teamMember: "member@demo.ledgerline.test",
} as const;

/** Signs in from the sign-in page, in whichever language the device last chose. */
export async function signIn(page: Page, email: string, password: string = DEMO.password) {
  await page.goto("/");
  await page.getByLabel(/^(Email|E-Mail)$/).fill(email);
  await page.getByLabel(/^(Password|Passwort)$/).fill(password);
  await page.getByRole("button", { name: /^(Sign in|Anmelden)$/ }).click();
  // Signed in when the shell offers signing out (the sign-in page has no such button).
  await expect(page.getByRole("button", { name: /^(Sign out|Abmelden)$/ })).toBeVisible();
}

/**
 * Signs out and waits for the sign-in form. Signing in again straight after the click races the
 * sign-out request: the next page load still carries the old session and shows the shell.
 */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: /^(Sign out|Abmelden)$/ }).click();
  await expect(page.getByLabel(/^(Email|E-Mail)$/)).toBeVisible();
}

/** Saves a full-page screenshot for people to look at (e2e/screenshots, ignored by git). */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

/**
 * Reads a tRPC query over HTTP with the page's session, as any API client would (no app code):
 * what the server stored, not what the screen shows. Decimals arrive as exact strings.
 */
export async function apiQuery<T = unknown>(page: Page, procedure: string, input: unknown) {
  const query = encodeURIComponent(JSON.stringify({ json: input }));
  const response = await page.request.get(`/trpc/${procedure}?input=${query}`);
  expect(response.ok(), `${procedure}: ${response.status()}`).toBe(true);
  const body = (await response.json()) as { result: { data: { json: T } } };
  return body.result.data.json;
}

/** A tRPC mutation with the page's session and our Origin, as the web app sends it. */
export async function apiMutation<T = unknown>(page: Page, procedure: string, input: unknown) {
  const response = await page.request.post(`/trpc/${procedure}`, {
    data: { json: input },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(response.ok(), `${procedure}: ${response.status()}`).toBe(true);
  const body = (await response.json()) as { result: { data: { json: T } } };
  return body.result.data.json;
}

/** Switches the UI language with the shell's DE/EN switch. */
export async function switchLanguage(page: Page, locale: "DE" | "EN") {
  const group = page.getByRole("group", { name: /^(Language|Sprache)$/ });
  const button = group.getByRole("button", { name: locale });
  const signedIn = await page.getByRole("button", { name: /^(Sign out|Abmelden)$/ }).isVisible();
  if (signedIn && (await button.getAttribute("aria-pressed")) !== "true") {
    // Signed in, the language is the person's setting (auth.setLocale): wait until the server
    // has it, or the next page load (or the next spec's sign-in) brings the old one back.
    const stored = page.waitForResponse(
      (response) => response.url().includes("/trpc/auth.setLocale") && response.ok(),
    );
    await button.click();
    await stored;
  } else {
    await button.click();
  }
  await expect(button).toHaveAttribute("aria-pressed", "true");
}
