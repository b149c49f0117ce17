import { createDb, type Db } from "@ledgerline/db";

/**
 * A database client whose every statement PostgreSQL explains to it (auto_explain with ANALYZE
 * and BUFFERS, `client_min_messages=log`), for the `explain` scripts. Needs a superuser URL
 * (TEST_DATABASE_ADMIN_URL's server), as loading auto_explain does. `explain(name, run)` runs a
 * use case three times and prints the third run's plans (plans cached and the connection warm
 * by then, as on a running server); `only` (the script's argument) picks names containing it.
 */
export function explainSession(databaseName: string, only: string | undefined) {
  const adminUrl =
    process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const options = [
    "session_preload_libraries=auto_explain",
    "auto_explain.log_min_duration=0",
    "auto_explain.log_analyze=on",
    "auto_explain.log_buffers=on",
    "auto_explain.log_format=text",
    "client_min_messages=log",
  ]
    .map((option) => `-c ${option}`)
    .join(" ");
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  url.searchParams.set("options", options);

  let capture: string[] | undefined;
  const db: Db = createDb({
    url: url.toString(),
    maxConnections: 1,
    onNotice: (message) => capture?.push(message),
  });

  async function explain(name: string, run: () => Promise<unknown>) {
    if (only && !name.includes(only)) return;
    for (let attempt = 1; attempt <= 3; attempt++) {
      capture = attempt === 3 ? [] : undefined;
      const started = performance.now();
      await run();
      const elapsed = performance.now() - started;
      if (attempt === 3) {
        console.log(`\n### ${name} (${elapsed.toFixed(1)} ms in the use case)\n`);
        for (const plan of capture ?? []) console.log(`${plan.trim()}\n`);
      }
    }
  }
  return { db, explain };
}
