import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TEST_ORIGIN, TEST_PASSWORD, type TestApi } from "./testing/api-harness.ts";

/**
 * Only a valid API token may stand in for the Origin check. A request with the session cookie and
 * any other Authorization header (Basic, a malformed Bearer) acts with the cookie, so it must come
 * from an allowed Origin; one with a well-formed Bearer acts with the token alone, and a wrong
 * token is no one. Checked for tRPC mutations and for file uploads.
 */

let api: TestApi;
let cookie: string;
let expenseId: string;
let validToken: string;

const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");

beforeAll(async () => {
  api = await startTestApi();
  const browser = api.client({ headers: { origin: TEST_ORIGIN } });
  await browser.trpc.auth.signIn.mutate({ email: api.users.admin.email, password: TEST_PASSWORD });
  cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  expenseId = (
    await browser.trpc.expenses.create.mutate({ title: "Origin", category: "travel", amount: "1" })
  ).id;
  validToken = (await browser.trpc.apiTokens.create.mutate({ name: "Origin", role: "finance" }))
    .secret;
});
afterAll(() => api?.close());

/** Rows that a mutation or an upload would add. */
const written = async () => ({
  customers: await api.db.customer.count(),
  storedFiles: await api.db.storedFile.count(),
  auditEvents: await api.db.auditEvent.count(),
});

const createCustomer = (headers: Record<string, string>) =>
  fetch(`${api.url}/trpc/customers.create`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ json: { name: "Cross Site Ltd" } }),
  });

const uploadReceipt = (headers: Record<string, string>) =>
  fetch(`${api.url}/files/expenses/${expenseId}/receipts`, {
    method: "POST",
    headers: { "content-type": "application/pdf", ...headers },
    body: PDF,
  });

/** Authorization headers that are not a valid Bearer token, and what each must be answered with. */
const notAToken: [string, string, number][] = [
  ["Basic credentials", "Basic eDp5", 403],
  [
    "Basic for the admin",
    `Basic ${Buffer.from(`${"admin"}:${TEST_PASSWORD}`).toString("base64")}`,
    403,
  ],
  ["an empty Bearer", "Bearer", 403],
  ["a Bearer with a blank token", "Bearer    ", 403],
  ["a Bearer with two words", "Bearer llt_a llt_b", 403],
  ["a Bearer with a quote", 'Bearer "llt_x"', 403],
  // Well-formed, so the cookie is not used at all: the token alone decides, and it is nobody.
  ["a Bearer with a wrong token", "Bearer llt_wrongwrongwrongwrongwrongwrongwrong", 401],
  ["a lower-case bearer with a wrong token", "bearer llt_wrong", 401],
];

describe.each([
  ["a tRPC mutation", createCustomer, 200],
  ["a file upload", uploadReceipt, 201],
])("%s with the session cookie", (_label, send, successStatus) => {
  it.each(notAToken)(
    "and %s, from no Origin or a foreign one, is refused and writes nothing",
    async (_header, authorization, status) => {
      const before = await written();
      for (const origin of [undefined, "https://evil.example"]) {
        const response = await send({ cookie, authorization, ...(origin ? { origin } : {}) });
        expect({ origin, status: response.status }).toEqual({ origin, status });
      }
      expect(await written()).toEqual(before);
    },
  );

  it("and Basic credentials, from our Origin, acts as the cookie's person", async () => {
    const response = await send({ cookie, authorization: "Basic eDp5", origin: TEST_ORIGIN });
    expect(response.status).toBe(successStatus);
  });

  it("and a valid API token acts as the token, with no Origin needed", async () => {
    const response = await send({ cookie, authorization: `Bearer ${validToken}` });
    expect(response.status).toBe(successStatus);
  });
});
