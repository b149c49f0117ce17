/**
 * The two database URLs of `pnpm start` (packages/db/README.md "Roles"): the owner's, which
 * migrates and loads nothing else, and the application's (`ledgerline_app`), which the demo
 * seed, the API and the worker use.
 */
import {
  APPLICATION_ROLE,
  applicationDatabaseUrl,
  defaultApplicationPasswordFile,
} from "@ledgerline/db";
import { redactUrl } from "./services.ts";

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The URL that finds (or creates) the database and migrates it: DATABASE_OWNER_URL, or, when
 * only one URL is given, DATABASE_URL (which is then the owner's, as before roles were split).
 */
export const ownerDatabaseUrlOf = (environment: Environment): string | undefined =>
  environment.DATABASE_OWNER_URL ?? environment.DATABASE_URL;

/**
 * The application's URL for the migrated database of `ownerUrl`: DATABASE_URL as given when the
 * operator gave both URLs; otherwise `ledgerline_app` on the owner's server and database, with a
 * password generated once and kept under .data/ (0600) when the server asks for one.
 */
export async function applicationDatabaseUrlOf(
  environment: Environment,
  ownerUrl: string,
  log: (line: string) => void,
): Promise<string> {
  const given = environment.DATABASE_OWNER_URL ? environment.DATABASE_URL : undefined;
  if (given) {
    log(`the API and the worker connect with DATABASE_URL (${redactUrl(given)})`);
    return given;
  }
  const url = await applicationDatabaseUrl({
    ownerUrl,
    passwordFile: defaultApplicationPasswordFile(ownerUrl),
    log,
  });
  log(`the API and the worker connect as ${APPLICATION_ROLE} (${redactUrl(url)})`);
  return url;
}
