import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startTestApi,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type CookieClient,
  type TestApi,
} from "./testing/api-harness.ts";

/**
 * Input the database or a decoder cannot take is refused as a 4xx that names it, never a 500:
 * NUL characters and lone surrogates in any text, malformed URLs and cookies, file names.
 * (input-fuzz.integration.test.ts throws such values at every procedure.)
 */

let api: TestApi;
let webDistDir: string;
let browser: CookieClient;

beforeAll(async () => {
  // The built web app is served too, as under `pnpm start`: its handler decodes paths.
  webDistDir = await mkdtemp(join(tmpdir(), "ledgerline-web-"));
  await writeFile(join(webDistDir, "index.html"), "<!doctype html><title>Ledgerline</title>");
  api = await startTestApi({ webDistDir });
  browser = api.client({ headers: { origin: TEST_ORIGIN } });
  await browser.trpc.auth.signIn.mutate({ email: api.users.admin.email, password: TEST_PASSWORD });
});
afterAll(async () => {
  await api?.close();
  await rm(webDistDir, { recursive: true, force: true });
});

const cookieHeader = () =>
  [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ");

/** A tRPC call with a hand-written JSON input, as the signed-in admin from our Origin. */
async function call(path: string, input: unknown, method: "GET" | "POST" = "POST") {
  const body = JSON.stringify({ json: input });
  const response = await fetch(
    method === "GET"
      ? `${api.url}/trpc/${path}?input=${encodeURIComponent(body)}`
      : `${api.url}/trpc/${path}`,
    {
      method,
      headers: { cookie: cookieHeader(), origin: TEST_ORIGIN, "content-type": "application/json" },
      ...(method === "POST" ? { body } : {}),
    },
  );
  const payload = (await response.json()) as {
    error?: { json: { message: string; data: { fieldErrors: Record<string, string[]> | null } } };
  };
  return { status: response.status, error: payload.error?.json };
}

describe("text the database cannot store", () => {
  it("refuses a NUL character in a text field with the field's path", async () => {
    const outcome = await call("customers.create", { name: "Acme\u0000 GmbH" });
    expect(outcome.status).toBe(400);
    expect(outcome.error?.data.fieldErrors).toEqual({ name: [expect.stringMatching(/NUL/)] });
    expect(outcome.error?.message).toMatch(/^Some fields are not valid \(name: /);
    expect(await api.db.customer.count()).toBe(0);
  });

  it("refuses a NUL in a list search and in a nested field", async () => {
    const search = await call("customers.list", { search: "Acme\u0000" }, "GET");
    expect(search.status).toBe(400);
    expect(search.error?.data.fieldErrors).toEqual({ search: [expect.stringMatching(/NUL/)] });
    const nested = await call("customers.create", {
      name: "Acme",
      contacts: [{ name: "Ann" }, { name: "Bob\u0000" }],
    });
    expect(nested.status).toBe(400);
    expect(nested.error?.data.fieldErrors).toEqual({
      "contacts.1.name": [expect.stringMatching(/NUL/)],
    });
  });

  it("refuses half of a surrogate pair rather than store the text altered", async () => {
    const auditBefore = await api.db.auditEvent.count();
    for (const title of ["Taxi \ud83d", "\udc4b Taxi"]) {
      const outcome = await call("expenses.create", { title, category: "travel", amount: "12.50" });
      expect(outcome.status).toBe(400);
      expect(outcome.error?.data.fieldErrors).toEqual({
        title: [expect.stringMatching(/surrogate/)],
      });
    }
    // A whole pair is a character like any other.
    const emoji = await call("expenses.create", {
      title: "Taxi 👋",
      category: "travel",
      amount: "1",
    });
    expect(emoji.status).toBe(200);
    expect(await api.db.auditEvent.count()).toBe(auditBefore + 1);
  });

  it("refuses a NUL in a field the procedure does not know (or takes no input at all)", async () => {
    const unknown = await call("customers.create", { name: "Acme", extra: "\u0000" });
    expect(unknown.status).toBe(400);
    expect(unknown.error?.data.fieldErrors).toEqual({ extra: [expect.stringMatching(/NUL/)] });
    const noInput = await call("auth.me", { anything: "\u0000" }, "GET");
    expect(noInput.status).toBe(400);
  });
});

describe("URLs and cookies that do not decode", () => {
  it.each(["/%E0%A4%A", "/customers/%E0%A4%A", "/trpc/%E0%A4%A", "/files/%E0%A4%A", "/%00"])(
    "answers %s with 400",
    async (path) => {
      const response = await fetch(`${api.url}${path}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /URL/,
      );
    },
  );

  it("still serves the app and its pages", async () => {
    expect((await fetch(`${api.url}/customers/%C3%BC`)).status).toBe(200);
    expect((await fetch(`${api.url}/`)).status).toBe(200);
  });

  it("treats a malformed session cookie as no session, not as an error", async () => {
    for (const value of ["%E0%A4%A", "%00", "a b", "x".repeat(300)]) {
      const cookie = `ll_session=${value}`;
      const me = await fetch(`${api.url}/trpc/auth.me`, { headers: { cookie } });
      expect({ value, status: me.status }).toEqual({ value, status: 200 });
      expect(await me.json()).toEqual({ result: { data: { json: null } } });
      const list = await fetch(`${api.url}/trpc/customers.list`, { headers: { cookie } });
      expect({ value, status: list.status }).toEqual({ value, status: 401 });
      // A mutation with it still needs our Origin: the cookie is sent, whatever it holds.
      const mutation = await fetch(`${api.url}/trpc/auth.signOut`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: "{}",
      });
      expect({ value, status: mutation.status }).toEqual({ value, status: 403 });
    }
  });
});

describe("file uploads", () => {
  const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");

  it("refuses a file name with a NUL or a broken percent-encoding, and stores nothing", async () => {
    const expense = await browser.trpc.expenses.create.mutate({
      title: "Receipt Probe",
      category: "travel",
      amount: "10.00",
    });
    for (const fileName of ["receipt%00.pdf", "receipt%E0%A4%A.pdf"]) {
      const response = await browser.fetch(`${api.url}/files/expenses/${expense.id}/receipts`, {
        method: "POST",
        headers: { "content-type": "application/pdf", "x-file-name": fileName },
        body: PDF,
      });
      expect({ fileName, status: response.status }).toEqual({ fileName, status: 400 });
      const { error } = (await response.json()) as {
        error: { fieldErrors: Record<string, string[]> };
      };
      expect(Object.keys(error.fieldErrors)).toEqual(["fileName"]);
    }
    expect(await api.db.storedFile.count()).toBe(0);
    const good = await browser.fetch(`${api.url}/files/expenses/${expense.id}/receipts`, {
      method: "POST",
      headers: { "content-type": "application/pdf", "x-file-name": "Quittung%20M%C3%BCnchen.pdf" },
      body: PDF,
    });
    expect(good.status).toBe(201);
    expect(((await good.json()) as { fileName: string }).fileName).toBe("Quittung München.pdf");
  });
});
