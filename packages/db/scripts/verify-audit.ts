/**
 * `pnpm --filter @ledgerline/db audit:verify` (or `pnpm audit:verify` at the root): walks the
 * hash chain over the audit trail of DATABASE_OWNER_URL (else DATABASE_URL) and recomputes
 * every link (packages/db/src/audit-chain.ts). Exits 1 and names every problem when the trail
 * was changed past its triggers; prints the chain's head, to be kept somewhere else.
 */
import { verifyAuditChain } from "../src/audit-chain.ts";

const url = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error(
    "DATABASE_URL is not set. Example: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ledgerline pnpm audit:verify",
  );
  process.exit(1);
}

try {
  const report = await verifyAuditChain(url);
  if (report.problems.length === 0) {
    console.log(`The audit trail is intact: ${report.links} events linked, head ${report.head}.`);
  } else {
    console.error(`The audit trail does not add up (${report.links} links walked):`);
    for (const problem of report.problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
} catch (error) {
  console.error(`Verification failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
