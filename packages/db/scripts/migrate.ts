/**
 * `pnpm --filter @ledgerline/db migrate` (or `pnpm db:migrate` at the root): applies pending
 * migrations with Prisma's engine where it exists, the built-in migrator otherwise, as the owner
 * of the tables: DATABASE_OWNER_URL, or DATABASE_URL where only that is set (README "Roles").
 * Scripts are where this package reads the environment; src/ takes it as arguments.
 */
import { migrate } from "../src/migrate.ts";

const url = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error(
    "DATABASE_OWNER_URL is not set. Example: DATABASE_OWNER_URL=postgresql://postgres@127.0.0.1:5432/ledgerline pnpm db:migrate",
  );
  process.exit(1);
}

const neverUsePrismaEngine = process.argv.includes("--builtin");

try {
  const result = await migrate({
    url,
    log: (line) => console.log(line),
    usePrismaEngine: neverUsePrismaEngine ? "never" : "auto",
    environment: process.env,
  });
  const mode =
    result.mode === "prisma" ? "prisma migrate deploy" : "built-in migrator (no Prisma engine)";
  if (result.applied.length === 0) {
    console.log(`Database is up to date (${mode}).`);
  } else {
    console.log(`Applied ${result.applied.length} migration(s) with the ${mode}:`);
    for (const name of result.applied) console.log(`  - ${name}`);
  }
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
