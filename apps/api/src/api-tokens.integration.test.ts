import { AppError, permissionsOf, type Role } from "@ledgerline/domain";
import { createApiToken } from "@ledgerline/services";
import { describe, expect, it } from "vitest";
import { errorOf, outcomeOf, TEST_ORIGIN, TEST_PASSWORD } from "./testing/api-harness.ts";
import { useSalesTestApi } from "./testing/sales-fixtures.ts";

/**
 * A token acts as the person who owns it: it is capped by their current role, ends with their
 * deactivation, counts as them for four-eyes, and the audit trail names both. A file of its own:
 * these tests change people's roles and the approval threshold.
 */
const sales = useSalesTestApi();

let sequence = 0;

/** A new person of `role`, made by the fixture admin, and a browser signed in as them. */
async function newPerson(role: Role) {
  const email = `person-${++sequence}-${Date.now()}@test.ledgerline.test`;
  const user = await sales.as.admin.users.create.mutate({
    email,
    name: `Person ${sequence}`,
    role,
    password: TEST_PASSWORD,
  });
  const browser = sales.api.client({ headers: { origin: TEST_ORIGIN } }).trpc;
  await browser.auth.signIn.mutate({ email, password: TEST_PASSWORD });
  return { user, browser };
}

/** A program calling with `secret`. */
const program = (secret: string) =>
  sales.api.client({ headers: { authorization: `Bearer ${secret}` } }).trpc;

/** The HTTP status of one call with a Bearer token, as a program would see it. */
async function statusOf(secret: string, path: string, input: unknown) {
  const response = await fetch(`${sales.api.url}/trpc/${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ json: input }),
  });
  return response.status;
}

const newAdminInput = () => ({
  email: `minted-${++sequence}-${Date.now()}@test.ledgerline.test`,
  name: "Minted admin",
  role: "admin" as const,
  password: TEST_PASSWORD,
});

describe("a token follows its owner", () => {
  it("is revoked with its owner's deactivation and can no longer create an admin (the probe)", async () => {
    const owner = await newPerson("admin");
    const { token, secret } = await owner.browser.apiTokens.create.mutate({
      name: "Provisioning",
      role: "admin",
    });
    expect(await outcomeOf(program(secret).users.create.mutate(newAdminInput()))).toBe("OK");

    await sales.as.admin.users.setActive.mutate({ id: owner.user.id, active: false });

    const refused = newAdminInput();
    expect(await statusOf(secret, "users.create", refused)).toBe(401);
    expect(await outcomeOf(program(secret).users.list.query())).toBe("UNAUTHORIZED");
    expect(await sales.api.db.user.count({ where: { email: refused.email } })).toBe(0);

    // Revoked and audited in the deactivation's own transaction (one transaction id).
    const revoked = await sales.api.db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const [written] = await sales.api.db.$queryRaw<
      Array<{ userRow: string; tokenRow: string; deactivateEvent: string; revokeEvent: string }>
    >`
      SELECT (SELECT xmin::text FROM users WHERE id = ${owner.user.id}::uuid) AS "userRow",
             (SELECT xmin::text FROM api_tokens WHERE id = ${token.id}::uuid) AS "tokenRow",
             (SELECT xmin::text FROM audit_events WHERE entity_type = 'user'
                AND entity_id = ${owner.user.id} AND action = 'deactivate') AS "deactivateEvent",
             (SELECT xmin::text FROM audit_events WHERE entity_type = 'apiToken'
                AND entity_id = ${token.id} AND action = 'revoke') AS "revokeEvent"`;
    expect(written!.revokeEvent).toBeTruthy();
    expect(new Set(Object.values(written!))).toEqual(new Set([written!.userRow]));
    const revokeEvent = await sales.api.db.auditEvent.findFirstOrThrow({
      where: { entityType: "apiToken", entityId: token.id, action: "revoke" },
    });
    expect(revokeEvent.actorId).toBe(sales.api.users.admin.id);
    expect(revokeEvent.after).toMatchObject({ reason: "ownerDeactivated" });
  });

  it("stays revoked when its owner is activated again", async () => {
    const owner = await newPerson("admin");
    const { token, secret } = await owner.browser.apiTokens.create.mutate({
      name: "Nightly export",
      role: "finance",
    });
    await sales.as.admin.users.setActive.mutate({ id: owner.user.id, active: false });
    const { revokedAt } = await sales.api.db.apiToken.findUniqueOrThrow({
      where: { id: token.id },
    });
    await sales.as.admin.users.setActive.mutate({ id: owner.user.id, active: true });

    expect(await outcomeOf(program(secret).customers.list.query({}))).toBe("UNAUTHORIZED");
    expect(
      await sales.api.db.apiToken.findUniqueOrThrow({ where: { id: token.id } }),
    ).toMatchObject({ revokedAt });
  });

  it("is refused when its owner was deactivated without revoking it (by SQL)", async () => {
    const owner = await newPerson("admin");
    const { secret } = await owner.browser.apiTokens.create.mutate({
      name: "Hand-made",
      role: "finance",
    });
    expect(await outcomeOf(program(secret).customers.list.query({}))).toBe("OK");
    await sales.api.db
      .$executeRaw`UPDATE users SET active = false WHERE id = ${owner.user.id}::uuid`;
    expect(await statusOf(secret, "customers.create", { name: "Not written" })).toBe(401);
  });

  it("acts with the lower of its role and its owner's current role, from the next request on", async () => {
    const owner = await newPerson("admin");
    const { secret } = await owner.browser.apiTokens.create.mutate({
      name: "Admin script",
      role: "admin",
    });
    const script = program(secret);
    expect(await outcomeOf(script.users.list.query())).toBe("OK");

    await sales.as.admin.users.changeRole.mutate({ id: owner.user.id, role: "finance" });
    // Finance manages people too (seed 004), but the capped role no longer makes admins.
    expect(await outcomeOf(script.users.list.query())).toBe("OK");
    expect(await outcomeOf(script.users.create.mutate(newAdminInput()))).toBe("FORBIDDEN");
    expect(await outcomeOf(script.audit.list.query({}))).toBe("OK");

    await sales.as.admin.users.changeRole.mutate({ id: owner.user.id, role: "team_member" });
    expect(await outcomeOf(script.customers.create.mutate({ name: "Not written" }))).toBe(
      "FORBIDDEN",
    );
    expect(await outcomeOf(script.customers.list.query({}))).toBe("OK");

    // Back to admin: the token's own role (admin) is the cap again.
    await sales.as.admin.users.changeRole.mutate({ id: owner.user.id, role: "admin" });
    expect(await outcomeOf(script.users.list.query())).toBe("OK");

    // A token never acts above its own role, whatever its owner's.
    const { secret: readOnly } = await (
      await newPerson("admin")
    ).browser.apiTokens.create.mutate({ name: "Reader", role: "team_member" });
    expect(
      await outcomeOf(program(readOnly).customers.create.mutate({ name: "Not written" })),
    ).toBe("FORBIDDEN");
  });

  it("answers auth.me as its owner, with the role it acts with", async () => {
    const owner = await newPerson("admin");
    const { token, secret } = await owner.browser.apiTokens.create.mutate({
      name: "Billing",
      role: "finance",
    });
    expect(await program(secret).auth.me.query()).toEqual({
      kind: "apiToken",
      name: owner.user.name,
      role: "finance",
      permissions: permissionsOf("finance"),
      user: {
        id: owner.user.id,
        email: owner.user.email,
        name: owner.user.name,
        role: "admin",
        locale: null,
      },
      apiToken: { id: token.id, name: "Billing" },
    });
    await sales.as.admin.users.changeRole.mutate({ id: owner.user.id, role: "team_lead" });
    expect(await program(secret).auth.me.query()).toMatchObject({
      role: "team_lead",
      permissions: permissionsOf("team_lead"),
      user: { role: "team_lead" },
    });
  });

  it("cannot be created with a role above its creator's", async () => {
    // Only admins may create tokens today, so this holds the rule in the use case itself.
    const finance = sales.api.users.finance;
    const actor = { kind: "user" as const, userId: finance.id, role: "finance" as const, name: "" };
    const above = await createApiToken(sales.api.db, actor, { name: "Too much", role: "admin" })
      .then(() => null)
      .catch((error: unknown) => error);
    expect(above).toBeInstanceOf(AppError);
    expect(above).toMatchObject({ code: "FORBIDDEN", fieldErrors: { role: [expect.any(String)] } });
    const same = await createApiToken(sales.api.db, actor, { name: "Fine", role: "finance" });
    expect(same.token.owner.id).toBe(finance.id);
    expect(await sales.api.db.apiToken.count({ where: { name: "Too much" } })).toBe(0);
  });
});

/** 10 × 100.00 at 19 % = 1190.00, above the threshold set below. */
const BIG_LINE = { description: "Projektphase", quantity: "10", unitPrice: "100", taxRate: "19" };

const withThreshold = async (work: () => Promise<void>) => {
  await sales.as.admin.settings.update.mutate({
    legalName: "Ledgerline Test GmbH",
    invoiceApprovalThreshold: "1000.00",
  });
  try {
    await work();
  } finally {
    await sales.as.admin.settings.update.mutate({
      legalName: "Ledgerline Test GmbH",
      invoiceApprovalThreshold: null,
    });
  }
};

describe("four-eyes through a token compares persons", () => {
  it("refuses the submitter's approval through their own token", () =>
    withThreshold(async () => {
      const owner = await newPerson("admin");
      const { secret } = await owner.browser.apiTokens.create.mutate({
        name: "Approver",
        role: "finance",
      });
      const draft = await sales.fixtures.draft("invoice", { lines: [BIG_LINE] }, owner.browser);
      await owner.browser.salesDocuments.submit.mutate({ id: draft.id });

      const script = program(secret);
      const seen = await script.salesDocuments.get.query({ id: draft.id });
      expect(seen.allowedActions).toEqual(["withdraw", "delete"]);
      const own = await errorOf(script.salesDocuments.approve.mutate({ id: draft.id }));
      expect(own.data?.code).toBe("FORBIDDEN");
      expect(own.message).toBe("You submitted this document; someone else must approve it.");
      const byStatus = await errorOf(
        script.salesDocuments.updateStatus.mutate({ id: draft.id, status: "sent" }),
      );
      expect(byStatus.message).toBe("You submitted this document; someone else must approve it.");
      expect(
        await sales.api.db.salesDocument.findUniqueOrThrow({ where: { id: draft.id } }),
      ).toMatchObject({ status: "pending", number: null });
    }));

  it("refuses an approval through a token whose owner was demoted to team member", () =>
    withThreshold(async () => {
      const owner = await newPerson("admin");
      const { secret } = await owner.browser.apiTokens.create.mutate({
        name: "Approver",
        role: "finance",
      });
      const draft = await sales.fixtures.draft("invoice", { lines: [BIG_LINE] });
      await sales.as.finance.salesDocuments.submit.mutate({ id: draft.id });
      await sales.as.admin.users.changeRole.mutate({ id: owner.user.id, role: "team_member" });

      const script = program(secret);
      expect(await outcomeOf(script.salesDocuments.approve.mutate({ id: draft.id }))).toBe(
        "FORBIDDEN",
      );
      const byStatus = await errorOf(
        script.salesDocuments.updateStatus.mutate({ id: draft.id, status: "sent" }),
      );
      expect(byStatus.data?.code).toBe("FORBIDDEN");
      expect(byStatus.message).toMatch(/^Your role \(team_member\) may not do this/);
      expect(
        await sales.api.db.salesDocument.findUniqueOrThrow({ where: { id: draft.id } }),
      ).toMatchObject({ status: "pending", number: null });

      // Another person's token approves, as that person.
      const other = await newPerson("admin");
      const { secret: otherSecret } = await other.browser.apiTokens.create.mutate({
        name: "Approver",
        role: "team_lead",
      });
      const approved = await program(otherSecret).salesDocuments.approve.mutate({ id: draft.id });
      expect(approved).toMatchObject({ status: "sent", approvedBy: { id: other.user.id } });
    }));
});

describe("the audit trail names the person and the token", () => {
  it("records both for a token call, also for the number the commit assigns", async () => {
    const owner = await newPerson("admin");
    const { token, secret } = await owner.browser.apiTokens.create.mutate({
      name: "Billing script",
      role: "finance",
    });
    const script = program(secret);
    const customer = await script.customers.create.mutate({ name: "Audited via token GmbH" });
    expect(
      await sales.api.db.auditEvent.findFirstOrThrow({
        where: { entityType: "customer", entityId: customer.id, action: "create" },
      }),
    ).toMatchObject({ actorId: owner.user.id, apiTokenId: token.id });

    const draft = await sales.fixtures.draft("invoice", { customerId: customer.id }, script);
    const issued = await script.salesDocuments.issue.mutate({ id: draft.id });
    expect(issued.number).toMatch(/^RE-/);
    // The issue event is written by the numbering trigger at commit.
    expect(
      await sales.api.db.auditEvent.findFirstOrThrow({
        where: { entityType: "salesDocument", entityId: draft.id, action: "issue" },
      }),
    ).toMatchObject({ actorId: owner.user.id, apiTokenId: token.id });
    expect(issued.history.at(-1)).toMatchObject({
      action: "issue",
      actorName: owner.user.name,
      apiTokenName: "Billing script",
    });

    // The audit list, by token and by person, shows "person via token".
    const byToken = await sales.as.finance.audit.list.query({ apiTokenId: token.id });
    expect(byToken.items.map((event) => [event.action, event.entityType])).toEqual([
      ["issue", "salesDocument"],
      ["create", "salesDocument"],
      ["create", "customer"],
    ]);
    for (const event of byToken.items) {
      expect(event.actor).toEqual({ id: owner.user.id, name: owner.user.name });
      expect(event.apiToken).toEqual({ id: token.id, name: "Billing script" });
    }
    const byPerson = await sales.as.finance.audit.list.query({ actorId: owner.user.id });
    expect(byPerson.items.map((event) => event.apiToken?.id ?? null)).toEqual([
      token.id,
      token.id,
      token.id,
      null, // the token's creation, in the person's own session
    ]);
  });
});
