import { databaseRefusalOf, LEDGERLINE_SQLSTATE, type Db } from "@ledgerline/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  errorOf,
  startTestApi,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type ApiClient,
  type TestApi,
} from "./testing/api-harness.ts";

/**
 * There is always an active administrator, also when two of them remove each other at the same
 * moment, and also against SQL typed by hand. A file of its own: it demotes and deactivates
 * administrators round after round.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

/** A race is only likely, not certain, in one round; several rounds make a lost one show. */
const ROUNDS = 8;

let sequence = 0;

const activeAdmins = () => api.db.user.findMany({ where: { role: "admin", active: true } });

async function signIn(email: string): Promise<ApiClient> {
  const browser = api.client({ headers: { origin: TEST_ORIGIN } }).trpc;
  await browser.auth.signIn.mutate({ email, password: TEST_PASSWORD });
  return browser;
}

/**
 * Leaves exactly two active administrators, both signed in: the one left from the last round
 * (or the harness's) and a new one it makes.
 */
async function twoAdmins() {
  const [remaining, ...others] = await activeAdmins();
  expect(others).toEqual([]);
  const first = { id: remaining!.id, client: await signIn(remaining!.email) };
  const email = `admin-${++sequence}@test.ledgerline.test`;
  const created = await first.client.users.create.mutate({
    email,
    name: `Admin ${sequence}`,
    role: "admin",
    password: TEST_PASSWORD,
  });
  return [first, { id: created.id, client: await signIn(email) }] as const;
}

type Removal = (client: ApiClient, id: string) => Promise<unknown>;
const deactivate: Removal = (client, id) => client.users.setActive.mutate({ id, active: false });
const demote: Removal = (client, id) => client.users.changeRole.mutate({ id, role: "finance" });

describe("two administrators removing each other at once", () => {
  const cases: Array<[string, Removal, Removal]> = [
    ["deactivate each other", deactivate, deactivate],
    ["demote each other", demote, demote],
    ["one deactivates while the other demotes", deactivate, demote],
  ];
  for (const [name, firstRemoves, secondRemoves] of cases) {
    it(`${name}: exactly one succeeds and one active administrator remains`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const [first, second] = await twoAdmins();
        const results = await Promise.all([
          errorOf(firstRemoves(first.client, second.id)).catch(() => null),
          errorOf(secondRemoves(second.client, first.id)).catch(() => null),
        ]);
        const refusals = results.filter((error) => error !== null);
        expect({ round, refusals: refusals.length }).toEqual({ round, refusals: 1 });
        expect({ round, admins: (await activeAdmins()).length }).toEqual({ round, admins: 1 });
        // Usually both calls are under way together and the second meets the rule; if the first
        // had already committed when the second arrived, the second's session had ended with it.
        const [refusal] = refusals;
        if (refusal!.data?.code !== "UNAUTHORIZED") {
          expect(refusal!.data?.code).toBe("CONFLICT");
          expect(refusal!.message).toBe(
            "This is the last active administrator; make someone else an administrator first.",
          );
        }
      }
    });
  }
});

/** The database's SQLSTATE in an error Prisma raised (it wraps the driver's). */
const sqlStateOf = (error: unknown): string | null => databaseRefusalOf(error)?.code ?? null;

type IsolationLevel = "ReadCommitted" | "RepeatableRead" | "Serializable";

/**
 * Two transactions of hand-typed SQL, each taking one of two administrators away; both have
 * changed their row before either commits. Returns how each commit ended.
 */
async function removeBothBySql(db: Db, ids: [string, string], isolationLevel: IsolationLevel) {
  let changed = 0;
  let bothChanged!: () => void;
  const barrier = new Promise<void>((resolve) => (bothChanged = resolve));
  const remove = (id: string) =>
    db
      .$transaction(
        async (tx) => {
          await tx.$executeRaw`UPDATE users SET active = false WHERE id = ${id}::uuid`;
          if (++changed === 2) bothChanged();
          await barrier;
        },
        { isolationLevel, timeout: 20_000 },
      )
      .then(
        () => "committed",
        (error: unknown) => sqlStateOf(error) ?? String(error),
      );
  return Promise.all(ids.map(remove));
}

describe("the database keeps an active administrator for any writer", () => {
  beforeAll(async () => {
    // Start from exactly two active administrators, whatever the rounds above left.
    const [remaining] = await activeAdmins();
    const client = await signIn(remaining!.email);
    await client.users.create.mutate({
      email: "sql-admin@test.ledgerline.test",
      name: "SQL admin",
      role: "admin",
      password: TEST_PASSWORD,
    });
  });

  const twoActiveAdminIds = async () => {
    const admins = await activeAdmins();
    expect(admins).toHaveLength(2);
    return admins.map((admin) => admin.id) as [string, string];
  };

  it("refuses one statement that deactivates every administrator", async () => {
    const refused = await api.db.$executeRaw`UPDATE users SET active = false WHERE role = 'admin'`
      .then(() => "committed")
      .catch((error: unknown) => sqlStateOf(error));
    expect(refused).toBe(LEDGERLINE_SQLSTATE.lastActiveAdministrator);
    expect(await activeAdmins()).toHaveLength(2);
    // Demoting or deleting them all is refused alike.
    const demoted = await api.db.$executeRaw`UPDATE users SET role = 'finance' WHERE role = 'admin'`
      .then(() => "committed")
      .catch((error: unknown) => sqlStateOf(error));
    expect(demoted).toBe(LEDGERLINE_SQLSTATE.lastActiveAdministrator);
  });

  // Under READ COMMITTED (PostgreSQL's default) the second commit waits for the first and sees
  // it; under REPEATABLE READ and SERIALIZABLE it cannot see it and fails instead (a
  // serialization failure or a deadlock is a refusal too). Either way one commit stands.
  for (const isolationLevel of ["ReadCommitted", "RepeatableRead", "Serializable"] as const) {
    it(`lets only one of two concurrent ${isolationLevel} transactions remove an administrator`, async () => {
      const ids = await twoActiveAdminIds();
      const outcomes = await removeBothBySql(api.db, ids, isolationLevel);
      expect(outcomes.filter((outcome) => outcome === "committed")).toHaveLength(1);
      const [refusal] = outcomes.filter((outcome) => outcome !== "committed");
      expect([LEDGERLINE_SQLSTATE.lastActiveAdministrator, "40001", "40P01"]).toContain(refusal);
      if (isolationLevel === "ReadCommitted")
        expect(refusal).toBe(LEDGERLINE_SQLSTATE.lastActiveAdministrator);
      expect(await activeAdmins()).toHaveLength(1);
      // Back to two for the next isolation level.
      await api.db.user.updateMany({ where: { id: { in: ids } }, data: { active: true } });
    });
  }
});
