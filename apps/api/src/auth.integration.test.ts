import { SIGN_IN_LIMITS } from "@ledgerline/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  errorOf,
  outcomeOf,
  startTestApi,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type TestApi,
} from "./testing/api-harness.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const browser = () => api.client({ headers: { origin: TEST_ORIGIN } });

describe("sign-in", () => {
  it("signs in with a session cookie that scripts cannot read and no token in the body", async () => {
    const raw = await fetch(`${api.url}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN },
      body: JSON.stringify({ json: { email: api.users.finance.email, password: TEST_PASSWORD } }),
    });
    expect(raw.status).toBe(200);
    const cookie = raw.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^ll_session=[\w-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    const token = /^ll_session=([^;]+)/.exec(cookie)![1]!;
    const body = await raw.text();
    expect(body).toContain("finance");
    expect(body).not.toContain(token);
    // Only the token's hash is stored.
    const sessions = await api.db.session.findMany({ where: { userId: api.users.finance.id } });
    expect(sessions.some((session) => session.id === token)).toBe(false);
  });

  it("answers the same for an unknown email and a wrong password", async () => {
    const unknown = await errorOf(
      browser().trpc.auth.signIn.mutate({
        email: "nobody@test.ledgerline.test",
        password: "whatever-long",
      }),
    );
    const wrong = await errorOf(
      browser().trpc.auth.signIn.mutate({
        email: api.users.team_lead.email,
        password: "wrong-password",
      }),
    );
    expect(unknown.data?.code).toBe("UNAUTHORIZED");
    expect(wrong.data?.code).toBe("UNAUTHORIZED");
    expect(unknown.message).toBe(wrong.message);
  });

  it("tells who is signed in, and signing out ends the session", async () => {
    const client = browser();
    await client.trpc.auth.signIn.mutate({
      email: api.users.team_member.email,
      password: TEST_PASSWORD,
    });
    const cookieBefore = client.cookies.get("ll_session")!;
    const me = await client.trpc.auth.me.query();
    expect(me?.user?.email).toBe(api.users.team_member.email);
    expect(me?.permissions).toContain("customer.read");
    expect(me?.permissions).not.toContain("customer.write");

    await client.trpc.auth.signOut.mutate();
    expect(client.cookies.has("ll_session")).toBe(false);
    // Replaying the old cookie does not work either.
    const replay = api.client({
      headers: { origin: TEST_ORIGIN, cookie: `ll_session=${cookieBefore}` },
    });
    expect(await replay.trpc.auth.me.query()).toBeNull();
  });

  it("refuses an expired session", async () => {
    const client = await api.signInAs("admin");
    await api.db.session.updateMany({
      where: { userId: api.users.admin.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await outcomeOf(client.users.list.query())).toBe("UNAUTHORIZED");
  });

  it("never lets a session outlive its maximum, however active", async () => {
    await api.db.session.deleteMany({ where: { userId: api.users.finance.id } });
    const client = await api.signInAs("finance");
    const maxMs = api.env.SESSION_MAX_DAYS * 86_400_000;
    const createdAt = new Date(Date.now() - maxMs + 60_000);
    await api.db.session.updateMany({
      where: { userId: api.users.finance.id },
      data: { createdAt, lastSeenAt: new Date(Date.now() - 10 * 60_000) },
    });
    // Still inside the maximum: accepted, and the renewed expiry stops at the maximum.
    expect(await outcomeOf(client.customers.list.query({}))).toBe("OK");
    const session = await api.db.session.findFirstOrThrow({
      where: { userId: api.users.finance.id },
    });
    expect(session.expiresAt.getTime()).toBe(createdAt.getTime() + maxMs);
    // Past the maximum: refused even though the idle expiry has not come yet.
    await api.db.session.updateMany({
      where: { userId: api.users.finance.id },
      data: {
        createdAt: new Date(Date.now() - maxMs - 1000),
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    expect(await outcomeOf(client.customers.list.query({}))).toBe("UNAUTHORIZED");
  });

  it("ends a deactivated user's sessions and refuses their sign-in", async () => {
    const admin = await api.signInAs("admin");
    const lead = await api.signInAs("team_lead");
    await admin.users.setActive.mutate({ id: api.users.team_lead.id, active: false });
    expect(await outcomeOf(lead.customers.list.query({}))).toBe("UNAUTHORIZED");
    expect(
      await outcomeOf(
        browser().trpc.auth.signIn.mutate({
          email: api.users.team_lead.email,
          password: TEST_PASSWORD,
        }),
      ),
    ).toBe("UNAUTHORIZED");
    await admin.users.setActive.mutate({ id: api.users.team_lead.id, active: true });
  });

  it("makes a new role take effect at once", async () => {
    const admin = await api.signInAs("admin");
    const member = await api.signInAs("team_member");
    await admin.users.changeRole.mutate({ id: api.users.team_member.id, role: "finance" });
    expect(await outcomeOf(member.customers.list.query({}))).toBe("UNAUTHORIZED");
    const promoted = await api.signInAs("team_member");
    expect(await outcomeOf(promoted.customers.create.mutate({ name: "Promoted GmbH" }))).toBe("OK");
    await admin.users.changeRole.mutate({ id: api.users.team_member.id, role: "team_member" });
  });

  it("keeps the last administrator", async () => {
    const admin = await api.signInAs("admin");
    const error = await errorOf(
      admin.users.changeRole.mutate({ id: api.users.admin.id, role: "finance" }),
    );
    expect(error.data?.code).toBe("CONFLICT");
    expect(error.message).toMatch(/last active administrator/);
  });
});

describe("sign-in limits", () => {
  it("locks an account after too many wrong passwords, even for the right one", async () => {
    await api.db.signInAttempt.deleteMany();
    const email = api.users.team_lead.email;
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.maxFailuresPerAccount; attempt++) {
      expect(
        await outcomeOf(browser().trpc.auth.signIn.mutate({ email, password: `wrong-${attempt}` })),
      ).toBe("UNAUTHORIZED");
    }
    const locked = await errorOf(
      browser().trpc.auth.signIn.mutate({ email, password: TEST_PASSWORD }),
    );
    expect(locked.data?.code).toBe("TOO_MANY_REQUESTS");
    expect(locked.message).toMatch(/Too many failed sign-in attempts/);
    // Other accounts from the same address still work.
    expect(
      await outcomeOf(
        browser().trpc.auth.signIn.mutate({
          email: api.users.finance.email,
          password: TEST_PASSWORD,
        }),
      ),
    ).toBe("OK");
    await api.db.signInAttempt.deleteMany();
  });

  it("locks an address that guesses across many accounts", async () => {
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.maxFailuresPerAddress; attempt++) {
      await outcomeOf(
        browser().trpc.auth.signIn.mutate({
          email: `guess-${attempt}@test.ledgerline.test`,
          password: "wrong-password",
        }),
      );
    }
    const locked = await errorOf(
      browser().trpc.auth.signIn.mutate({
        email: api.users.finance.email,
        password: TEST_PASSWORD,
      }),
    );
    expect(locked.data?.code).toBe("TOO_MANY_REQUESTS");
    await api.db.signInAttempt.deleteMany();
  });
});

describe("sign-in limits under concurrency", () => {
  /** Fires all sign-ins at once, each over its own connection, and counts the outcomes. */
  async function signInAtOnce(attempts: Array<{ email: string; password: string }>) {
    const outcomes = await Promise.all(
      attempts.map((attempt) => outcomeOf(browser().trpc.auth.signIn.mutate(attempt))),
    );
    const counted: Record<string, number> = {};
    for (const outcome of outcomes) counted[outcome] = (counted[outcome] ?? 0) + 1;
    return counted;
  }

  // A password is verified only for an attempt recorded first (the reservation), so the rows are
  // the verifications: exactly the limit, however many arrive at once.
  it("checks at most five of twenty parallel wrong passwords for one account", async () => {
    await api.db.signInAttempt.deleteMany();
    const email = api.users.team_lead.email;
    const outcomes = await signInAtOnce(
      Array.from({ length: 20 }, (_, attempt) => ({ email, password: `wrong-${attempt}` })),
    );
    expect(outcomes).toEqual({ UNAUTHORIZED: 5, TOO_MANY_REQUESTS: 15 });
    expect(await api.db.signInAttempt.count({ where: { email } })).toBe(
      SIGN_IN_LIMITS.maxFailuresPerAccount,
    );
    await api.db.signInAttempt.deleteMany();
  });

  it("checks at most twenty of thirty parallel guesses from one address across accounts", async () => {
    await api.db.signInAttempt.deleteMany();
    const outcomes = await signInAtOnce(
      Array.from({ length: 30 }, (_, attempt) => ({
        email: `parallel-${attempt}@test.ledgerline.test`,
        password: "wrong-password",
      })),
    );
    expect(outcomes).toEqual({ UNAUTHORIZED: 20, TOO_MANY_REQUESTS: 10 });
    expect(await api.db.signInAttempt.count()).toBe(SIGN_IN_LIMITS.maxFailuresPerAddress);
    await api.db.signInAttempt.deleteMany();
  });

  // An attempt counts as a failure while its password is checked, so at most five sign-ins of
  // one account are checked at once; a person never signs in five times in the same instant.
  it("records a right password as a success, which does not count against the account", async () => {
    await api.db.signInAttempt.deleteMany();
    const email = api.users.finance.email;
    const right = { email, password: TEST_PASSWORD };
    expect(await signInAtOnce(Array.from({ length: 5 }, () => right))).toEqual({ OK: 5 });
    expect(await api.db.signInAttempt.count({ where: { email, succeeded: true } })).toBe(5);
    const wrong = Array.from({ length: SIGN_IN_LIMITS.maxFailuresPerAccount - 1 }, () => ({
      email,
      password: "wrong-password",
    }));
    expect(await signInAtOnce(wrong)).toEqual({ UNAUTHORIZED: wrong.length });
    expect(await signInAtOnce([right])).toEqual({ OK: 1 });
    await api.db.signInAttempt.deleteMany();
  });
});

describe("secrets stay secret", () => {
  it("never logs passwords, session tokens or API tokens", async () => {
    const client = browser();
    await client.trpc.auth.signIn.mutate({ email: api.users.admin.email, password: TEST_PASSWORD });
    const { secret } = await client.trpc.apiTokens.create.mutate({
      name: "log check",
      role: "finance",
    });
    await outcomeOf(
      browser().trpc.auth.signIn.mutate({
        email: api.users.admin.email,
        password: "a-wrong-password-123",
      }),
    );
    const logs = api.logs();
    expect(logs).toContain('"path":"/trpc/auth.signIn"');
    expect(logs).not.toContain(TEST_PASSWORD);
    expect(logs).not.toContain("a-wrong-password-123");
    expect(logs).not.toContain(client.cookies.get("ll_session")!);
    expect(logs).not.toContain(secret);
    await api.db.signInAttempt.deleteMany();
  });
});
