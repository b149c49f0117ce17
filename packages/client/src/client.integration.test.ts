import { createLedgerlineClient } from "./index.ts";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, outcomeOf, startTestApi, type TestApi } from "@ledgerline/api/testing";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe("API tokens for internal programs", () => {
  it("shows the secret once, stores only its hash, and works through @ledgerline/client", async () => {
    const admin = await api.signInAs("admin");
    const { token, secret } = await admin.apiTokens.create.mutate({
      name: "Nightly export",
      role: "finance",
    });
    expect(secret).toMatch(/^llt_/);
    expect(JSON.stringify(await admin.apiTokens.list.query())).not.toContain(secret);
    const stored = await api.db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(stored.tokenHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(stored.lastUsedAt).toBeNull();

    const ledgerline = createLedgerlineClient({ url: api.url, token: secret });
    await ledgerline.customers.create.mutate({ name: "Token Kunde GmbH" });
    const page = await ledgerline.customers.list.query({ search: "Token Kunde" });
    expect(page.items.map((customer) => customer.name)).toEqual(["Token Kunde GmbH"]);
    expect(page.items[0]!.createdAt).toBeInstanceOf(Date);

    const used = await api.db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(used.lastUsedAt).toBeInstanceOf(Date);
    // The audit trail names the person the token acts as, and the token.
    const audit = await api.db.auditEvent.findFirstOrThrow({
      where: { entityType: "customer", action: "create", apiTokenId: token.id },
    });
    expect(audit.actorId).toBe(api.users.admin.id);
  });

  it("applies the token's role and refuses it once revoked", async () => {
    const admin = await api.signInAs("admin");
    const { token, secret } = await admin.apiTokens.create.mutate({
      name: "Read only",
      role: "team_member",
    });
    const ledgerline = createLedgerlineClient({ url: api.url, token: secret });
    expect(await outcomeOf(ledgerline.customers.list.query({}))).toBe("OK");
    expect(await outcomeOf(ledgerline.customers.create.mutate({ name: "Not allowed" }))).toBe(
      "FORBIDDEN",
    );

    await admin.apiTokens.revoke.mutate({ id: token.id });
    expect(await outcomeOf(ledgerline.customers.list.query({}))).toBe("UNAUTHORIZED");
  });

  it("refuses unknown and expired tokens, and token holders cannot mint tokens", async () => {
    expect(
      await outcomeOf(
        createLedgerlineClient({ url: api.url, token: "llt_made-up" }).customers.list.query({}),
      ),
    ).toBe("UNAUTHORIZED");
    const admin = await api.signInAs("admin");
    const { token, secret } = await admin.apiTokens.create.mutate({
      name: "Admin script",
      role: "admin",
      expiresInDays: 1,
    });
    const script = createLedgerlineClient({ url: api.url, token: secret });
    const error = await errorOf(script.apiTokens.create.mutate({ name: "Minted", role: "admin" }));
    expect(error.data?.code).toBe("FORBIDDEN");
    await api.db.apiToken.update({
      where: { id: token.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await outcomeOf(script.users.list.query())).toBe("UNAUTHORIZED");
  });
});

describe("the ten-line script in docs/api-client.md", () => {
  it("lists customers with a token", async () => {
    const admin = await api.signInAs("admin");
    await admin.customers.create.mutate({ name: "Script Sichtbar GmbH", city: "Trier" });
    const { secret } = await admin.apiTokens.create.mutate({
      name: "docs script",
      role: "team_member",
    });
    const script = fileURLToPath(new URL("../scripts/list-customers.ts", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], {
      env: { LEDGERLINE_URL: api.url, LEDGERLINE_TOKEN: secret },
    });
    expect(stdout).toMatch(/Script Sichtbar GmbH\s+Trier \(0 projects\)/);
    expect(stdout).toMatch(/\d+ customers/);
  });
});
