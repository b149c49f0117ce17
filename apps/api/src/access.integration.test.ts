import { randomUUID } from "node:crypto";
import { can, ROLES, type Role } from "@ledgerline/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./routers/app-router.ts";
import type { ProcedureMeta } from "./trpc/init.ts";
import {
  errorOf,
  outcomeOf,
  startTestApi,
  TEST_ORIGIN,
  type ApiClient,
  type TestApi,
} from "./testing/api-harness.ts";

interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  meta: ProcedureMeta | undefined;
}

function listProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: ProcedureInfo["type"]; meta?: ProcedureMeta } }
  >;
  return Object.entries(procedures).map(([path, procedure]) => ({
    path,
    type: procedure._def.type,
    meta: procedure._def.meta,
  }));
}

/** Calls a procedure by its dotted path with an input that is valid in shape but names nothing. */
function call(client: ApiClient, procedure: ProcedureInfo): Promise<unknown> {
  let target: unknown = client;
  for (const segment of procedure.path.split("."))
    target = (target as Record<string, unknown>)[segment];
  const input = { id: randomUUID() };
  const method = procedure.type === "query" ? "query" : "mutate";
  return (target as Record<string, (input: unknown) => Promise<unknown>>)[method]!(input);
}

let api: TestApi;
const clients = {} as Record<Role, ApiClient>;

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ROLES) clients[role] = await api.signInAs(role);
});
afterAll(() => api?.close());

describe("every procedure against every role", () => {
  const procedures = listProcedures();

  it("knows the procedures and each declares its access", () => {
    expect(procedures.length).toBeGreaterThan(30);
    const undeclared = procedures
      .filter((procedure) => !procedure.meta)
      .map((procedure) => procedure.path);
    expect(undeclared).toEqual([]);
  });

  for (const procedure of listProcedures().filter((p) => p.meta?.access === "permission")) {
    const permission = (procedure.meta as { permission: Parameters<typeof can>[1] }).permission;
    it(`${procedure.path} needs ${permission}`, async () => {
      for (const role of ROLES) {
        const outcome = await outcomeOf(call(clients[role], procedure));
        if (can(role, permission)) {
          expect({ role, outcome }).not.toEqual({ role, outcome: "FORBIDDEN" });
          expect({ role, outcome }).not.toEqual({ role, outcome: "UNAUTHORIZED" });
        } else {
          expect({ role, outcome }).toEqual({ role, outcome: "FORBIDDEN" });
        }
      }
      // Nobody signed in: refused before anything else.
      expect(
        await outcomeOf(call(api.client({ headers: { origin: TEST_ORIGIN } }).trpc, procedure)),
      ).toBe("UNAUTHORIZED");
    });
  }

  it("lets signed-in callers reach authenticated procedures and refuses anonymous ones", async () => {
    const anonymous = api.client({ headers: { origin: TEST_ORIGIN } }).trpc;
    expect(await outcomeOf(anonymous.auth.signOut.mutate())).toBe("UNAUTHORIZED");
    expect(await outcomeOf(anonymous.auth.setLocale.mutate({ locale: "en" }))).toBe("UNAUTHORIZED");
    expect(await anonymous.auth.me.query()).toBeNull();
    expect(await outcomeOf(clients.team_member.auth.setLocale.mutate({ locale: "en" }))).toBe("OK");
  });
});

describe("the permission table as the roles experience it", () => {
  it("lets finance create a customer and refuses a team member", async () => {
    const created = await clients.finance.customers.create.mutate({ name: "Role Test GmbH" });
    expect(created.name).toBe("Role Test GmbH");
    expect(await outcomeOf(clients.team_member.customers.create.mutate({ name: "Nope" }))).toBe(
      "FORBIDDEN",
    );
    expect(await api.db.customer.count({ where: { name: "Nope" } })).toBe(0);
    // ...but every role can read it.
    for (const role of ROLES) {
      const page = await clients[role].customers.list.query({ search: "Role Test" });
      expect(page.total).toBe(1);
    }
  });

  it("lets a team lead edit but not delete, and finance delete", async () => {
    const customer = await clients.team_lead.customers.create.mutate({ name: "Lead Made Ltd" });
    expect(await outcomeOf(clients.team_lead.customers.delete.mutate({ id: customer.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await outcomeOf(clients.finance.customers.delete.mutate({ id: customer.id }))).toBe(
      "OK",
    );
  });

  it("lets admin and finance manage people, but nobody grants more than they hold", async () => {
    expect(await outcomeOf(clients.team_lead.users.list.query())).toBe("FORBIDDEN");
    for (const role of ["admin", "finance"] as const) {
      const users = await clients[role].users.list.query();
      expect(users.map((user) => user.role).sort()).toEqual([...ROLES].sort());
      // No password hash ever leaves the server.
      expect(JSON.stringify(users)).not.toContain("argon2");
    }
    const person = await clients.finance.users.create.mutate({
      name: "Made By Finance",
      email: "made-by-finance@example.test",
      role: "team_lead",
      password: "correct horse battery staple",
    });
    expect(person.role).toBe("team_lead");
    expect(
      await outcomeOf(clients.finance.users.changeRole.mutate({ id: person.id, role: "finance" })),
    ).toBe("OK");
    // Finance never makes an admin, nor changes or deactivates one.
    const refusal = await errorOf(
      clients.finance.users.changeRole.mutate({ id: person.id, role: "admin" }),
    );
    expect(refusal.data?.code).toBe("FORBIDDEN");
    expect(refusal.message).toContain("above yours");
    expect(
      await outcomeOf(
        clients.finance.users.create.mutate({
          name: "Would Be Admin",
          email: "would-be-admin@example.test",
          role: "admin",
          password: "correct horse battery staple",
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await outcomeOf(
        clients.finance.users.setActive.mutate({ id: api.users.admin.id, active: false }),
      ),
    ).toBe("FORBIDDEN");
    expect(await api.db.user.count({ where: { role: "admin" } })).toBe(1);
    expect(await api.db.user.count({ where: { email: "would-be-admin@example.test" } })).toBe(0);
    // ...and an admin does all of it.
    expect(
      await outcomeOf(clients.admin.users.changeRole.mutate({ id: person.id, role: "admin" })),
    ).toBe("OK");
    await clients.admin.users.setActive.mutate({ id: person.id, active: false });
  });

  it("lets finance reach API tokens and company settings, and refuses team leads", async () => {
    const created = await clients.finance.apiTokens.create.mutate({
      name: "Finance robot",
      role: "finance",
    });
    expect(created.token.owner.id).toBe(api.users.finance.id);
    expect(
      await outcomeOf(clients.finance.apiTokens.create.mutate({ name: "Too high", role: "admin" })),
    ).toBe("FORBIDDEN");
    const change = { legalName: "Finance Sets Up GmbH" };
    expect(await outcomeOf(clients.finance.settings.update.mutate(change))).toBe("OK");
    expect((await clients.team_member.settings.get.query())?.legalName).toBe(change.legalName);
    expect(await outcomeOf(clients.team_lead.apiTokens.list.query())).toBe("FORBIDDEN");
    expect(await outcomeOf(clients.team_lead.settings.update.mutate(change))).toBe("FORBIDDEN");
  });
});

/**
 * Seed 004's Permissions section stated on its own, not read back from the permission table: a
 * call as each role, judged against these lists, so a change to the table that breaks the seed
 * fails here even though the walk above follows the table.
 */
describe("seed 004's roles, procedure by procedure", () => {
  const mutations = listProcedures().filter(
    (procedure) => procedure.meta?.access === "permission" && procedure.type === "mutation",
  );
  const reachedBy = async (role: Role, procedures: ProcedureInfo[]) => {
    const reached: string[] = [];
    for (const procedure of procedures) {
      if ((await outcomeOf(call(clients[role], procedure))) !== "FORBIDDEN")
        reached.push(procedure.path);
    }
    return reached.sort();
  };

  it("lets a team lead delete nothing, while finance deletes", async () => {
    const deletions = mutations.filter((procedure) =>
      /^(delete\w*|batchDelete|restoreDeleted)$/.test(procedure.path.split(".").at(-1)!),
    );
    expect(deletions.map((procedure) => procedure.path).sort()).toEqual(
      expect.arrayContaining([
        "customers.delete",
        "expenses.delete",
        "expenses.deleteReceipt",
        "invoiceGroups.delete",
        "invoiceGroups.restoreDeleted",
        "payments.delete",
        "projects.delete",
        "purchaseOrders.batchDelete",
        "purchaseOrders.delete",
        "purchaseOrders.disbursements.delete",
        "salesDocuments.delete",
        "suppliers.delete",
      ]),
    );
    expect(await reachedBy("team_lead", deletions)).toEqual([]);
    expect(await reachedBy("team_member", deletions)).toEqual([]);
    expect(await reachedBy("finance", deletions)).toEqual(
      deletions.map((procedure) => procedure.path).sort(),
    );
  });

  it("lets a team member change only the named fields: document notes and milestones", async () => {
    // Asking for a record's PDF (render or retry) changes no record: whoever reads it may.
    expect(await reachedBy("team_member", mutations)).toEqual([
      "invoiceGroupPdfs.queue",
      "purchaseOrderPdfs.queue",
      "purchaseOrders.milestones.record",
      "purchaseOrders.milestones.update",
      "salesDocumentPdfs.queue",
      "salesDocuments.annotate",
    ]);
  });

  it("gives finance every procedure an admin has", async () => {
    const all = listProcedures().filter((procedure) => procedure.meta?.access === "permission");
    expect(await reachedBy("finance", all)).toEqual(all.map((procedure) => procedure.path).sort());
  });
});

describe("requests from other sites", () => {
  const signedInCookie = async () => {
    const browser = api.client({ headers: { origin: TEST_ORIGIN } });
    await browser.trpc.auth.signIn.mutate({
      email: api.users.finance.email,
      password: "correct horse battery staple",
    });
    return [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  };
  const post = (
    path: string,
    headers: Record<string, string>,
    body = JSON.stringify({ json: { name: "Cross Site" } }),
  ) => fetch(`${api.url}/trpc/${path}`, { method: "POST", headers, body });

  it("refuses a mutation with the cookie from a foreign origin, no origin, or a form body", async () => {
    const cookie = await signedInCookie();
    const foreign = await post("customers.create", {
      cookie,
      origin: "https://evil.example",
      "content-type": "application/json",
    });
    expect(foreign.status).toBe(403);
    const noOrigin = await post("customers.create", { cookie, "content-type": "application/json" });
    expect(noOrigin.status).toBe(403);
    const form = await post(
      "customers.create",
      { cookie, origin: TEST_ORIGIN, "content-type": "application/x-www-form-urlencoded" },
      "name=x",
    );
    expect(form.status).toBe(415);
    expect(await api.db.customer.count({ where: { name: "Cross Site" } })).toBe(0);

    const sameOrigin = await post("customers.create", {
      cookie,
      origin: TEST_ORIGIN,
      "content-type": "application/json",
    });
    expect(sameOrigin.status).toBe(200);
    expect(await api.db.customer.count({ where: { name: "Cross Site" } })).toBe(1);
  });

  it("limits batch size and body size", async () => {
    const cookie = await signedInCookie();
    const paths = Array.from({ length: api.env.MAX_BATCH_SIZE + 1 }, () => "auth.me").join(",");
    const batch = await fetch(`${api.url}/trpc/${paths}?batch=1&input={}`, { headers: { cookie } });
    expect(batch.status).toBe(413);
    const huge = JSON.stringify({ json: { name: "x".repeat(api.env.MAX_BODY_BYTES + 10) } });
    const tooLarge = await post(
      "customers.create",
      { cookie, origin: TEST_ORIGIN, "content-type": "application/json" },
      huge,
    );
    expect(tooLarge.status).toBe(413);
  });
});
