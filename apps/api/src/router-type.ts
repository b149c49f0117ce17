/**
 * What other packages may take from the API: its router's type, for typed clients (the web app
 * and @ledgerline/client). Type-only; importing values from an app is not allowed.
 */
export type { AppRouter } from "./routers/app-router.ts";
