import { test, type Page } from "@playwright/test";

/**
 * A screenshot of the whole page for people to look at: into docs/screenshots with
 * UPDATE_SCREENSHOTS=1, else into e2e/screenshots. The folder is chosen in playwright.config.ts
 * (specs do not read the environment).
 */
export async function shoot(page: Page, name: string) {
  const folder = String(test.info().config.metadata.screenshotFolder ?? "screenshots");
  await page.screenshot({ path: `${folder}/${name}.png` });
}
