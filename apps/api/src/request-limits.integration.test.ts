import { INPUT_LIMITS, MAX_PAGE } from "@ledgerline/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TEST_ORIGIN, TEST_PASSWORD, type TestApi } from "./testing/api-harness.ts";

/**
 * No input may make the API work in proportion to a number the caller picks. Each request here
 * once cost seconds (or a 500) and is now refused in milliseconds, while /health keeps answering.
 */

/**
 * A refused request takes a few milliseconds (5 to 100 here); the stall these tests guard against
 * took 5,600 ms on an idle machine (a unit price of 1e30000000), and grows with the exponent. Two
 * seconds leave room for a CI machine shared with other jobs.
 */
const FAST_MS = 2_000;

let api: TestApi;
let cookie: string;

beforeAll(async () => {
  api = await startTestApi();
  const browser = api.client({ headers: { origin: TEST_ORIGIN } });
  await browser.trpc.auth.signIn.mutate({ email: api.users.admin.email, password: TEST_PASSWORD });
  cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
});
afterAll(() => api?.close());

const headers = () => ({ cookie, origin: TEST_ORIGIN, "content-type": "application/json" });

/** A tRPC mutation with a body written by hand (the wire format is `{ json, meta }`). */
const mutate = (path: string, body: string) =>
  fetch(`${api.url}/trpc/${path}`, { method: "POST", headers: headers(), body });

const query = (path: string, input: string) =>
  fetch(`${api.url}/trpc/${path}?input=${encodeURIComponent(input)}`, { headers: headers() });

/** `payload` with `json.<path>` marked as a Decimal, as a client sends a Decimal instance. */
const typedDecimal = (json: Record<string, unknown>, path: string) =>
  JSON.stringify({ json, meta: { values: { [path]: [["custom", "decimal"]] }, v: 1 } });

/**
 * Sends `request` while asking /health every few milliseconds; returns the response, how long it
 * took, and the slowest /health answer meanwhile (a stalled event loop holds /health too).
 */
async function whileHealthAnswers(request: () => Promise<Response>) {
  let done = false;
  let slowestHealthMs = 0;
  const probeHealth = async () => {
    while (!done) {
      const started = performance.now();
      const health = await fetch(`${api.url}/health`);
      await health.arrayBuffer();
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const prober = probeHealth();
  const started = performance.now();
  const response = await request();
  const body = await response.text();
  const ms = performance.now() - started;
  done = true;
  await prober;
  return { status: response.status, body, ms, slowestHealthMs };
}

async function expectRefusedFast(request: () => Promise<Response>, status = 400) {
  const outcome = await whileHealthAnswers(request);
  expect({ status: outcome.status, body: outcome.body.slice(0, 300) }).toMatchObject({ status });
  expect(outcome.ms).toBeLessThan(FAST_MS);
  expect(outcome.slowestHealthMs).toBeLessThan(FAST_MS);
  return outcome;
}

const line = (unitPrice: unknown) => ({
  description: "Stall",
  quantity: "1",
  unitPrice,
});

describe("decimals are bounded before they are converted", () => {
  it("refuses a typed unit price of 1e30000000 in milliseconds while /health answers", async () => {
    const customer = await fetch(`${api.url}/trpc/customers.create`, {
      method: "POST",
      headers: headers(),
      body: JSON.stringify({ json: { name: "Decimal Probe" } }),
    }).then(
      async (response) =>
        ((await response.json()) as { result: { data: { json: { id: string } } } }).result.data
          .json,
    );
    const before = await api.db.salesDocument.count();
    const { body } = await expectRefusedFast(() =>
      mutate(
        "salesDocuments.create",
        typedDecimal(
          { type: "invoice", customerId: customer.id, lines: [line("1e30000000")] },
          "lines.0.unitPrice",
        ),
      ),
    );
    expect(JSON.parse(body).error.json.data).toMatchObject({
      code: "BAD_REQUEST",
      httpStatus: 400,
    });
    expect(await api.db.salesDocument.count()).toBe(before);
  });

  it.each([
    ["a typed amount of 1e30000000", "1e30000000", true],
    ["a typed amount of 1e-30000000", "1e-30000000", true],
    ["a typed amount of 400 digits", "9".repeat(400), true],
    ["a typed NaN", "NaN", true],
    ["an amount of 1e30000000 as text", "1e30000000", false],
    ["an amount of 1e-999999 as text", "1e-999999", false],
    ["an amount of 100,000 digits as text", "1" + "0".repeat(100_000), false],
  ])("refuses %s in milliseconds", async (_label, amount, typed) => {
    const json = { title: "Stall", category: "travel", amount };
    const body = typed ? typedDecimal(json, "amount") : JSON.stringify({ json });
    await expectRefusedFast(() => mutate("expenses.create", body));
    expect(await api.db.expense.count()).toBe(0);
  });

  it("refuses an out-of-range decimal in a query as well", async () => {
    await expectRefusedFast(() =>
      query("settings.get", typedDecimal({ threshold: "1e30000000" }, "threshold")),
    );
  });
});

describe("input structure is bounded", () => {
  it("refuses a body nested 500,000 levels deep before parsing it", async () => {
    const deep = "[".repeat(500_000) + "]".repeat(500_000);
    const { body } = await expectRefusedFast(() =>
      mutate("customers.create", `{"json":{"name":${deep}}}`),
    );
    expect(body).toMatch(/nested too deeply/);
  });

  it("refuses nesting in a query's input and in SuperJSON's annotations", async () => {
    const nested = "[".repeat(2_000) + "]".repeat(2_000);
    await expectRefusedFast(() => query("customers.list", `{"json":{"search":${nested}}}`));
    const annotations = '{"a":'.repeat(100_000) + '["undefined"]' + "}".repeat(100_000);
    await expectRefusedFast(() =>
      mutate("customers.create", `{"json":{"name":"x"},"meta":{"values":${annotations}}}`),
    );
  });

  it("refuses a list longer than any input holds, and one that only claims to be", async () => {
    const ids = Array.from({ length: 20_000 }, () => "00000000-0000-4000-8000-000000000000");
    const idsBody = JSON.stringify({ json: { ids, status: "sent" } });
    const { body } = await expectRefusedFast(() =>
      mutate("salesDocuments.bulkStatusUpdate", idsBody),
    );
    expect(JSON.parse(body).error.json.data.fieldErrors).toEqual({
      ids: [`At most ${INPUT_LIMITS.maxArrayLength} items.`],
    });
    // SuperJSON would create lines[99999999] for this annotation: an array of 10^8 places.
    await expectRefusedFast(() =>
      mutate(
        "customers.create",
        JSON.stringify({
          json: { name: "x", contacts: [] },
          meta: { values: { "contacts.99999999": ["undefined"] }, v: 1 },
        }),
      ),
    );
  });

  it("refuses an object with 50,000 keys and a string of 600,000 characters", async () => {
    const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
    const wideBody = JSON.stringify({ json: { name: "x", ...wide } });
    await expectRefusedFast(() => mutate("customers.create", wideBody));
    const longBody = JSON.stringify({
      json: { email: "a@" + "a.".repeat(300_000), password: "x" },
    });
    const { body } = await expectRefusedFast(() => mutate("auth.signIn", longBody));
    expect(JSON.parse(body).error.json.data.fieldErrors).toEqual({
      email: [`At most ${INPUT_LIMITS.maxStringLength} characters.`],
    });
  });

  it("refuses a BigInt of a million digits before reading it", async () => {
    const bigintBody = JSON.stringify({
      json: { name: "9".repeat(1_000_000) },
      meta: { values: { name: ["bigint"] } },
    });
    await expectRefusedFast(() => mutate("customers.create", bigintBody));
  });

  it("refuses page numbers beyond the last page, and answers the last one", async () => {
    for (const page of [MAX_PAGE + 1, 1e9, 2 ** 53, 1e300]) {
      const { body } = await expectRefusedFast(() =>
        query("customers.list", JSON.stringify({ json: { page } })),
      );
      expect(Object.keys(JSON.parse(body).error.json.data.fieldErrors)).toEqual(["page"]);
    }
    for (const path of ["customers.list", "salesDocuments.list", "expenses.list", "audit.list"]) {
      const last = await query(path, JSON.stringify({ json: { page: MAX_PAGE, pageSize: 500 } }));
      expect({ path, status: last.status }).toEqual({ path, status: 200 });
    }
  });
});

describe("the batch limit counts calls after decoding", () => {
  const limit = () => api.env.MAX_BATCH_SIZE;
  const names = (count: number, separator: string, name = "auth.me") =>
    Array.from({ length: count }, () => name).join(separator);

  it.each([",", "%2C", "%2c"])(
    "refuses %s-joined queries above the limit (GET)",
    async (separator) => {
      const response = await fetch(
        `${api.url}/trpc/${names(limit() + 1, separator)}?batch=1&input={}`,
        {
          headers: headers(),
        },
      );
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        `A request may carry at most ${limit()} calls; this one names ${limit() + 1}.`,
      );
      const atLimit = await fetch(`${api.url}/trpc/${names(limit(), separator)}?batch=1&input={}`, {
        headers: headers(),
      });
      expect(atLimit.status).toBe(200);
      expect(await atLimit.json()).toHaveLength(limit());
    },
  );

  it("refuses 200 encoded queries in one GET", async () => {
    const response = await fetch(`${api.url}/trpc/${names(200, "%2C")}?batch=1&input={}`, {
      headers: headers(),
    });
    expect(response.status).toBe(413);
  });

  it.each([",", "%2C"])(
    "refuses %s-joined mutations above the limit (POST) and writes nothing",
    async (separator) => {
      const count = limit() + 10;
      const inputs = Object.fromEntries(
        Array.from({ length: count }, (_, index) => [index, { json: { name: `Batch ${index}` } }]),
      );
      const response = await fetch(
        `${api.url}/trpc/${names(count, separator, "customers.create")}?batch=1`,
        { method: "POST", headers: headers(), body: JSON.stringify(inputs) },
      );
      expect(response.status).toBe(413);
      expect(await api.db.customer.count({ where: { name: { startsWith: "Batch " } } })).toBe(0);
    },
  );

  it("counts calls the same way without ?batch=1", async () => {
    const response = await fetch(`${api.url}/trpc/${names(limit() + 1, "%2C")}`, {
      headers: headers(),
    });
    expect(response.status).toBe(413);
  });
});
