import type { AppRouter } from "@ledgerline/api";
import { transformer } from "@ledgerline/domain";
import { createTRPCClient, httpLink } from "@trpc/client";

/** Waits (up to 30 s) until the API at `origin` answers its readiness check. */
export async function waitUntilReady(origin: string) {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(`${origin}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("The API did not become ready.");
}

/** A tRPC client signed in as `email`, carrying its session cookie as a browser would. */
export async function signedInClient(origin: string, email: string, password: string) {
  let cookie = "";
  const cookieFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("origin", origin);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(input, { ...init, headers });
    const setCookie = response.headers.getSetCookie()[0];
    if (setCookie) cookie = setCookie.split(";")[0]!;
    return response;
  };
  const client = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${origin}/trpc`, transformer, fetch: cookieFetch })],
  });
  await client.auth.signIn.mutate({ email, password });
  return client;
}

/** Runs `run` and adds how long it took (ms) to `samples`. */
export async function time<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  samples.push(performance.now() - started);
  return result;
}
