import { transformer } from "@ledgerline/domain";
import type { AppRouter } from "@ledgerline/api";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";

export type { AppRouter };
export { TRPCClientError };

export interface LedgerlineClientOptions {
  /** Where Ledgerline runs, such as https://finance.example.com (the client adds /trpc). */
  url: string;
  /** An API token an administrator created (Settings → API tokens); it carries one role. */
  token: string;
  /** Replace fetch (tests, proxies). */
  fetch?: typeof fetch;
}

/**
 * The typed client for internal programs: every procedure of the API with its input and output
 * types, authenticated by an API token. Amounts arrive as Decimal and dates as Date.
 *
 * @example
 * const ledgerline = createLedgerlineClient({ url: "http://localhost:3000", token: tokenFromYourSecretStore });
 * const page = await ledgerline.customers.list.query({ search: "GmbH" });
 */
export function createLedgerlineClient(options: LedgerlineClientOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${options.url.replace(/\/$/, "")}/trpc`,
        transformer,
        headers: { authorization: `Bearer ${options.token}` },
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
}

export type LedgerlineClient = ReturnType<typeof createLedgerlineClient>;
