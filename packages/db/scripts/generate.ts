/**
 * `prisma generate` without network: the CLI tries to download its native schema engine first
 * unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file. Generating never runs that engine,
 * so any file will do (see shared ENVIRONMENT notes and packages/db/README.md).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, "..");
const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
env.CHECKPOINT_DISABLE = "1";

const result = spawnSync(process.execPath, [prismaCli, "generate"], {
  cwd: packageRoot,
  env,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
