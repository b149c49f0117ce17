/**
 * `pnpm test`: every check and every test tier, then one closing line that sums the tests:
 *
 *   N passed, N failed
 *
 * Order: lint, format and typecheck (gates, cheap), unit tests, integration tests (real PostgreSQL and
 * Redis; each file makes its own database), end-to-end tests in Chromium (the whole system on a
 * fresh ledgerline_e2e database). A tier that cannot run at all counts as one failure, so the
 * closing line never hides a broken suite.
 *
 * Flags: --skip-e2e, --skip-checks (lint, format, typecheck), --only=unit|integration|e2e.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const reports = join(root, ".data", "test-reports");
const args = new Set(process.argv.slice(2));
const only = [...args].find((arg) => arg.startsWith("--only="))?.slice("--only=".length);

interface Tally {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  note?: string;
}
const tallies: Tally[] = [];
let checksFailed = false;

function run(
  command: string,
  commandArgs: string[],
  env: NodeJS.ProcessEnv = {},
  cwd = root,
): number {
  console.log(`\n$ ${command} ${commandArgs.join(" ")}`);
  const result = spawnSync(command, commandArgs, {
    cwd,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

function check(name: string, command: string, commandArgs: string[]) {
  const status = run(command, commandArgs);
  console.log(`[test] ${name}: ${status === 0 ? "ok" : "FAILED"}`);
  if (status !== 0) checksFailed = true;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}

function vitestTier(project: "unit" | "integration") {
  const output = join(reports, `vitest-${project}.json`);
  rmSync(output, { force: true });
  const status = run("pnpm", [
    "exec",
    "vitest",
    "run",
    "--project",
    project,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${output}`,
  ]);
  if (!existsSync(output)) {
    tallies.push({
      name: project,
      passed: 0,
      failed: 1,
      skipped: 0,
      note: `vitest exited ${status} without a report`,
    });
    return;
  }
  const report = JSON.parse(readFileSync(output, "utf8")) as VitestReport;
  // A file that fails to load has no tests but is a failure all the same.
  const failed =
    report.numFailedTests +
    (report.numFailedTests === 0 && report.numFailedTestSuites > 0
      ? report.numFailedTestSuites
      : 0);
  tallies.push({
    name: project,
    passed: report.numPassedTests,
    failed: failed + (status !== 0 && failed === 0 ? 1 : 0),
    skipped: report.numPendingTests + report.numTodoTests,
  });
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: Array<{ message?: string }>;
}

async function recreateDatabase(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
}

async function e2eTier() {
  const adminUrl =
    process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = "/ledgerline_e2e";
  try {
    await recreateDatabase(adminUrl, "ledgerline_e2e");
  } catch (error) {
    tallies.push({
      name: "e2e",
      passed: 0,
      failed: 1,
      skipped: 0,
      note: `could not prepare its database: ${String(error)}`,
    });
    return;
  }
  const output = join(reports, "playwright.json");
  rmSync(output, { force: true });
  const status = run(
    "pnpm",
    ["exec", "playwright", "test"],
    { E2E_JSON_REPORT: output, E2E_DATABASE_URL: databaseUrl.toString() },
    join(root, "e2e"),
  );
  if (!existsSync(output)) {
    tallies.push({
      name: "e2e",
      passed: 0,
      failed: 1,
      skipped: 0,
      note: `playwright exited ${status} without a report`,
    });
    return;
  }
  const report = JSON.parse(readFileSync(output, "utf8")) as PlaywrightReport;
  const setupErrors = report.errors?.length ?? 0;
  tallies.push({
    name: "e2e",
    passed: report.stats.expected + report.stats.flaky,
    failed:
      report.stats.unexpected +
      setupErrors +
      (status !== 0 && report.stats.unexpected + setupErrors === 0 ? 1 : 0),
    skipped: report.stats.skipped,
  });
}

async function main() {
  mkdirSync(reports, { recursive: true });
  if (!only && !args.has("--skip-checks")) {
    check("lint", "pnpm", ["exec", "eslint", ".", "--max-warnings", "0"]);
    check("format", "pnpm", ["exec", "prettier", "--check", ".", "--log-level", "warn"]);
    check("typecheck", "pnpm", ["run", "typecheck"]);
  }
  if (!only || only === "unit") vitestTier("unit");
  if (!only || only === "integration") vitestTier("integration");
  if ((!only && !args.has("--skip-e2e")) || only === "e2e") await e2eTier();

  console.log("\n[test] summary");
  for (const tally of tallies) {
    const note = tally.note ? ` (${tally.note})` : "";
    console.log(
      `[test]   ${tally.name.padEnd(12)} ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped${note}`,
    );
  }
  if (checksFailed) console.log("[test]   lint/format/typecheck FAILED (see above)");
  const passed = tallies.reduce((sum, tally) => sum + tally.passed, 0);
  const failed = tallies.reduce((sum, tally) => sum + tally.failed, 0) + (checksFailed ? 1 : 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

void main();
