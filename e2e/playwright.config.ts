import { defineConfig } from "@playwright/test";

/**
 * Browser tests against the whole system as `pnpm start` runs it (API, worker, built web app),
 * on a database of their own (ledgerline_e2e, recreated by scripts/test-all.ts) with demo data.
 * Chromium is Debian's (/usr/bin/chromium): Playwright never downloads a browser here.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const databaseUrl =
  process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/ledgerline_e2e";

export default defineConfig({
  testDir: "./specs",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  outputDir: "./test-results",
  metadata: {
    // Where phone-and-screenshots.spec.ts writes: the README's folder with UPDATE_SCREENSHOTS=1.
    screenshotFolder: process.env.UPDATE_SCREENSHOTS ? "../docs/screenshots" : "screenshots",
    // The system's database, for specs that need more rows than the API makes quickly.
    databaseUrl,
  },
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.E2E_JSON_REPORT ?? "./test-results/report.json" }],
  ],
  use: {
    baseURL,
    locale: "en-GB",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "pnpm start",
    cwd: "..",
    url: `${baseURL}/ready`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      PUBLIC_URL: baseURL,
      HOST: "127.0.0.1",
      QUEUE_PREFIX: process.env.E2E_QUEUE_PREFIX ?? "e2e",
      LOG_LEVEL: "warn",
    },
  },
});
