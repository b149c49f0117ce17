import { MAX_LOGO_BYTES } from "@ledgerline/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  outcomeOf,
  startTestApi,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type CookieClient,
  type TestApi,
} from "./testing/api-harness.ts";

/**
 * The branding settings screen's server side: the company logo over HTTP (`/files/company-logo`)
 * and the live preview (`settings.previewDocument`), against the real API and database.
 */
let api: TestApi;
let admin: CookieClient;
let finance: CookieClient;
/** A role that may not change the settings (admin and finance may: seed 004's full access). */
let lead: CookieClient;

async function browserAs(role: "admin" | "finance" | "team_lead"): Promise<CookieClient> {
  const browser = api.client({ headers: { origin: TEST_ORIGIN } });
  await browser.trpc.auth.signIn.mutate({ email: api.users[role].email, password: TEST_PASSWORD });
  return browser;
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await browserAs("admin");
  finance = await browserAs("finance");
  lead = await browserAs("team_lead");
  await admin.trpc.settings.update.mutate({
    legalName: "Logo GmbH",
    iban: "DE89370400440532013000",
  });
});
afterAll(() => api?.close());

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==",
  "base64",
);
const SVG = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"><rect width="40" height="10" fill="#ff9100"/></svg>',
);
const LOGO_URL = () => `${api.url}/files/company-logo`;

const upload = (browser: CookieClient, body: Buffer, type: string) =>
  browser.fetch(LOGO_URL(), { method: "POST", body, headers: { "content-type": type } });

describe("the company logo", () => {
  it("is uploaded, shown to documents and the preview, replaced, and removed", async () => {
    const first = await upload(admin, PNG, "image/png");
    expect(first.status).toBe(201);
    const png = (await first.json()) as { id: string; mimeType: string; sizeBytes: number };
    expect(png).toMatchObject({ mimeType: "image/png", sizeBytes: PNG.length });
    expect(await admin.trpc.settings.logo.query()).toMatchObject({ id: png.id });
    const preview = await admin.trpc.settings.previewDocument.query({ legalName: "Logo GmbH" });
    expect(preview.html).toContain(`src="data:image/png;base64,${PNG.toString("base64")}"`);
    // Every role that reads settings may fetch the logo's bytes.
    const bytes = await finance.fetch(`${api.url}/files/${png.id}`);
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(PNG);

    // Replacing it removes the old one (row and file).
    const second = await upload(admin, SVG, "image/svg+xml");
    expect(second.status).toBe(201);
    const svg = (await second.json()) as { id: string };
    expect((await admin.fetch(`${api.url}/files/${png.id}`)).status).toBe(404);
    const served = await admin.fetch(`${api.url}/files/${svg.id}`);
    expect(served.headers.get("content-type")).toBe("image/svg+xml");
    // Opened directly, an SVG runs sandboxed and without scripts.
    expect(served.headers.get("content-security-policy")).toContain("sandbox");

    const removed = await admin.fetch(LOGO_URL(), { method: "DELETE" });
    expect(await removed.json()).toEqual({ removed: true });
    expect(await admin.trpc.settings.logo.query()).toBeNull();
    expect((await admin.fetch(`${api.url}/files/${svg.id}`)).status).toBe(404);
    const events = await api.db.auditEvent.findMany({
      where: { entityType: "companySettings", action: { in: ["setLogo", "removeLogo"] } },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => [event.action, event.actorId])).toEqual([
      ["setLogo", api.users.admin.id],
      ["setLogo", api.users.admin.id],
      ["removeLogo", api.users.admin.id],
    ]);
  });

  it("refuses what is not a PNG, JPEG or SVG, a disguised file, one too large, and those who may not change the settings", async () => {
    expect((await upload(admin, Buffer.from("%PDF-1.4"), "application/pdf")).status).toBe(415);
    expect(
      (await upload(admin, Buffer.from("<html><script>1</script>"), "image/svg+xml")).status,
    ).toBe(400);
    expect((await upload(admin, SVG, "image/png")).status).toBe(400);
    expect((await upload(admin, Buffer.alloc(0), "image/png")).status).toBe(400);
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES)]);
    expect((await upload(admin, big, "image/png")).status).toBe(413);
    expect((await upload(lead, PNG, "image/png")).status).toBe(403);
    expect((await lead.fetch(LOGO_URL(), { method: "DELETE" })).status).toBe(403);
    // The cookie from another site may not change the logo.
    const cookie = [...admin.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const foreign = await fetch(LOGO_URL(), {
      method: "POST",
      body: PNG,
      headers: { cookie, origin: "https://evil.example", "content-type": "image/png" },
    });
    expect(foreign.status).toBe(403);
    expect(await admin.trpc.settings.logo.query()).toBeNull();
  });
});

describe("the live preview", () => {
  it("prints a sample invoice with the unsaved values, and saves nothing", async () => {
    const before = await admin.trpc.settings.get.query();
    const { html, notices } = await admin.trpc.settings.previewDocument.query({
      legalName: "Vorschau & Söhne GmbH",
      street: "Neue Straße 5",
      postalCode: "20095",
      city: "Hamburg",
      iban: "DE02120300000000202051",
      bic: "BYLADEM1001",
      documentFooter: "HRB 999 Hamburg",
      language: "de",
    });
    expect(html).toContain("Vorschau &amp; Söhne GmbH");
    expect(html).toContain("Neue Straße 5");
    expect(html).toContain("DE02 1203 0000 0000 2020 51");
    expect(html).toContain("HRB 999 Hamburg");
    expect(html).toContain("data-girocode");
    expect(html).toContain("RECHNUNG");
    expect(notices).toEqual([]);
    expect(await admin.trpc.settings.get.query()).toEqual(before);

    // Half typed: the preview still renders, without the GiroCode, and says why.
    const typing = await admin.trpc.settings.previewDocument.query({
      legalName: "Vorschau GmbH",
      iban: "DE0212",
      country: "D",
      language: "en",
    });
    expect(typing.html).toContain("INVOICE");
    expect(typing.html).not.toContain("data-girocode");
    expect(typing.notices).toEqual([expect.stringMatching(/^No GiroCode/)]);

    const small = await admin.trpc.settings.previewDocument.query({
      legalName: "Klein",
      smallBusiness: true,
    });
    expect(small.html).toContain("§ 19");
  });

  it("prints the unsaved default terms, and none while there are none", async () => {
    const typed = await admin.trpc.settings.previewDocument.query({
      legalName: "Vorschau GmbH",
      defaultDocumentTerms: "Zahlbar binnen 7 Tagen, Skonto 2 % bei Zahlung binnen 3 Tagen.",
    });
    expect(typed.html).toContain("Zahlbar binnen 7 Tagen, Skonto 2 % bei Zahlung binnen 3 Tagen.");
    expect(typed.html).not.toContain("Zahlbar innerhalb von 14 Tagen");
    const none = await admin.trpc.settings.previewDocument.query({ legalName: "Vorschau GmbH" });
    expect(none.html).not.toContain("Zahlbar innerhalb von 14 Tagen");
    expect(
      await outcomeOf(
        admin.trpc.settings.previewDocument.query({ defaultDocumentTerms: "x".repeat(4001) }),
      ),
    ).toBe("BAD_REQUEST");
  });

  it("saves the default terms, bounded like a document's terms", async () => {
    const saved = await admin.trpc.settings.update.mutate({
      defaultDocumentTerms: "  Zahlbar sofort.  ",
    });
    expect(saved.defaultDocumentTerms).toBe("Zahlbar sofort.");
    expect(
      await outcomeOf(
        admin.trpc.settings.update.mutate({ defaultDocumentTerms: "x".repeat(4001) }),
      ),
    ).toBe("BAD_REQUEST");
    expect((await admin.trpc.settings.get.query()).defaultDocumentTerms).toBe("Zahlbar sofort.");
    await admin.trpc.settings.update.mutate({ defaultDocumentTerms: "" });
    expect((await admin.trpc.settings.get.query()).defaultDocumentTerms).toBeNull();
  });

  it("is for whoever may change the settings", async () => {
    expect(await outcomeOf(finance.trpc.settings.previewDocument.query({ legalName: "X" }))).toBe(
      "OK",
    );
    expect(await outcomeOf(lead.trpc.settings.previewDocument.query({ legalName: "X" }))).toBe(
      "FORBIDDEN",
    );
  });
});
