/**
 * `pnpm bench`: the three benches one after another, each in a process and a database of its own,
 * so that each starts from what it filled and none measures while another fills:
 *
 *   sales-documents   src/main.ts             lists, counts, totals, get, create, issue (200,000 documents)
 *   purchase-orders   src/purchase-orders.ts  PO list and get, batch approval of 10,000 (200,000 POs)
 *   documents         src/documents-bench.ts  PDFs per second through the queue, memory, e-invoices
 *
 * BENCH_ONLY=purchase-orders,documents runs some of them. Each one's own variables (BENCH_DOCUMENTS,
 * BENCH_REUSE, BENCH_PURCHASE_ORDERS, BENCH_PDFS, …) pass through; BENCH_DATABASE, BENCH_PORT
 * and BENCH_QUEUE_PREFIX are for running one bench alone (`pnpm --filter @ledgerline/bench
 * bench:<name>`), since the three would otherwise share them. Figures: docs/performance.md.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const BENCHES = {
  "sales-documents": "main.ts",
  "purchase-orders": "purchase-orders.ts",
  documents: "documents-bench.ts",
} as const;
type BenchName = keyof typeof BENCHES;

const here = dirname(fileURLToPath(import.meta.url));
const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const unknown = only?.filter((name) => !(name in BENCHES)) ?? [];
if (unknown.length > 0) {
  console.error(
    `BENCH_ONLY names no bench: ${unknown.join(", ")} (there are ${Object.keys(BENCHES).join(", ")})`,
  );
  process.exit(2);
}
for (const shared of ["BENCH_DATABASE", "BENCH_PORT", "BENCH_QUEUE_PREFIX"]) {
  if (process.env[shared] && (only?.length ?? 3) > 1) {
    console.error(`${shared} would be shared by several benches: run one (BENCH_ONLY=<name>).`);
    process.exit(2);
  }
}

let failed = 0;
for (const [name, script] of Object.entries(BENCHES) as [BenchName, string][]) {
  if (only && !only.includes(name)) continue;
  console.log(`\n=== bench: ${name} (bench/src/${script}) ===`);
  const result = spawnSync(process.execPath, ["--import", "tsx", join(here, script)], {
    stdio: "inherit",
    env: process.env,
  });
  if (result.status !== 0) {
    console.error(`bench ${name} failed (exit ${result.status ?? result.signal})`);
    failed += 1;
  }
}
process.exit(failed > 0 ? 1 : 0);
