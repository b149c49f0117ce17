import { Decimal, INPUT_LIMITS, MAX_PAGE, transformer, type Role } from "@ledgerline/domain";
import { seededRandom } from "@ledgerline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./routers/app-router.ts";
import { startTestApi, TEST_ORIGIN, TEST_PASSWORD, type TestApi } from "./testing/api-harness.ts";

/**
 * Bad values in every field of every procedure, over HTTP, as a signed-in admin and finance
 * person. The shapes come from the procedures' own zod input schemas: a valid-looking input is
 * derived from each, then one field at a time gets a value that must be refused (a NUL, a lone
 * surrogate, a huge string, array or object, deep nesting, a decimal or number out of range, the
 * wrong type, an unknown field holding such a value), and each input as a whole gets envelopes
 * SuperJSON must not read. Every answer must be a 4xx, arrive fast, and the database must be
 * exactly as before. Odd values that may be valid (-0, the last page, an unknown field) only
 * must not fail the server.
 *
 * The generator is seeded: a failure names its case, and the same seed makes the same cases.
 */
const SEED = 20261203;
/** Refusals take milliseconds; this leaves room for a CI machine shared with other jobs. */
const FAST_MS = 2_000;
/** Requests in flight at once, so thousands of cases take seconds. */
const CONCURRENCY = 6;
/** Generic bad values tried per field (all of them at least once per procedure). */
const GENERIC_VALUES_PER_FIELD = 3;
/** Share of cases also sent as the finance person. */
const FINANCE_SHARE = 0.2;
/** A run stops sending after this many failures: enough to see what is wrong, and it ends soon. */
const MAX_FAILURES = 100;

// ---------------------------------------------------------------- the procedures and their schemas

interface ZodLike {
  _zod: { def: Record<string, unknown> & { type: string }; optin?: string };
  safeParse(value: unknown): { success: boolean; error?: { issues: unknown[] } };
}

interface ProcedureInfo {
  path: string;
  type: "query" | "mutation";
  input: ZodLike | null;
}

function listProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: "query" | "mutation"; inputs: ZodLike[] } }
  >;
  return Object.entries(procedures).map(([path, procedure]) => {
    const { inputs } = procedure._def;
    // Every procedure takes at most one input schema; a second would need merging here.
    expect(inputs.length, path).toBeLessThanOrEqual(1);
    return { path, type: procedure._def.type, input: inputs[0] ?? null };
  });
}

const defOf = (schema: ZodLike) => schema._zod.def;
const isOptional = (schema: ZodLike) => schema._zod.optin === "optional";
const WRAPPERS = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "readonly",
  "nonoptional",
  "catch",
]);

/**
 * The schema that decides a value's shape: wrappers and the input side of pipes removed. A
 * preprocess (`z.preprocess`: a pipe from a transform) fills or derives fields before its schema
 * reads them, so that schema is the shape.
 */
function unwrap(schema: ZodLike): ZodLike {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type)) current = def.innerType as ZodLike;
    else if (def.type === "pipe") {
      const input = def.in as ZodLike;
      current = defOf(input).type === "transform" ? (def.out as ZodLike) : input;
    } else return current;
  }
}

type Fixtures = Record<string, string>;

/** Candidate values for a leaf; the first its schema accepts is taken. */
function leafCandidates(key: string, namespace: string, ids: Fixtures): unknown[] {
  // An `id` names a record of the procedure's own kind: the procedure's fixture (a batch for
  // `purchaseOrders.batchStatus`), else its router's (`purchaseOrders.milestones`), else the
  // top router's.
  const segments = namespace.split(".");
  const idOfRouter = segments
    .map((_, index) => segments.slice(0, segments.length - index).join("."))
    .map((path) => ids[path])
    .find((id) => id !== undefined);
  const idFor = ids[key] ?? (key === "id" ? idOfRouter : undefined);
  return [
    ...(idFor ? [idFor] : []),
    "Fuzz Value",
    "DE",
    "EUR",
    "en>de",
    "RE",
    "2026-01-15",
    "fuzz@example.test",
    "Fuzz password 123!",
    "DE89370400440532013000",
    "COBADEFFXXX",
    "RE-2026-0001",
    "1",
    "1.00",
    "19",
    true,
    false,
    1,
    14,
    0,
    null,
    ...Object.values(ids),
  ];
}

/** A value `schema` accepts, made from the schema itself; undefined when none was found. */
function sampleOf(schema: ZodLike, key: string, namespace: string, ids: Fixtures): unknown {
  const shape = unwrap(schema);
  const def = defOf(shape);
  switch (def.type) {
    case "object": {
      const fields = Object.entries(def.shape as Record<string, ZodLike>);
      const value: Record<string, unknown> = {};
      for (const [field, fieldSchema] of fields) {
        if (!isOptional(fieldSchema)) value[field] = sampleOf(fieldSchema, field, namespace, ids);
      }
      // Rules across fields may want some of the optional ones ("a customer or a project", and
      // "the lines or an amount"): each is kept when it leaves fewer problems than before.
      const problems = (candidate: unknown) => shape.safeParse(candidate).error?.issues.length ?? 0;
      let best = value;
      let left = problems(best);
      for (const [field, fieldSchema] of fields.filter(([, fieldSchema]) =>
        isOptional(fieldSchema),
      )) {
        if (left === 0) break;
        const withField = { ...best, [field]: sampleOf(fieldSchema, field, namespace, ids) };
        const remaining = problems(withField);
        if (remaining < left) [best, left] = [withField, remaining];
      }
      return best;
    }
    case "array":
      return [sampleOf(def.element as ZodLike, key, namespace, ids)];
    case "union":
      for (const option of def.options as ZodLike[]) {
        const value = sampleOf(option, key, namespace, ids);
        if (schema.safeParse(value).success) return value;
      }
      return undefined;
    case "enum":
      return Object.values(def.entries as Record<string, unknown>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "record":
      return {};
    default:
      return leafCandidates(key, namespace, ids).find((value) => schema.safeParse(value).success);
  }
}

type Path = (string | number)[];

interface Field {
  path: Path;
  schema: ZodLike;
  kind: "container" | "decimal" | "number" | "boolean" | "other";
}

/** Every field of an input, nested ones included (an array's fields through its first item). */
function fieldsOf(schema: ZodLike, path: Path = []): Field[] {
  const shape = unwrap(schema);
  const def = defOf(shape);
  if (def.type === "object") {
    return Object.entries(def.shape as Record<string, ZodLike>).flatMap(([key, fieldSchema]) => [
      { path: [...path, key], schema: fieldSchema, kind: kindOf(fieldSchema) },
      ...fieldsOf(fieldSchema, [...path, key]),
    ]);
  }
  if (def.type === "array") return fieldsOf(def.element as ZodLike, [...path, 0]);
  if (def.type === "union") {
    return (def.options as ZodLike[]).flatMap((option) => fieldsOf(option, path));
  }
  return [];
}

/** Where a field holds an object to add unknown keys to: itself, or its array's first item. */
function objectPathsOf(field: Field): Path[] {
  const def = defOf(unwrap(field.schema));
  if (def.type === "object") return [field.path];
  if (def.type === "array" && defOf(unwrap(def.element as ZodLike)).type === "object") {
    return [[...field.path, 0]];
  }
  return [];
}

function kindOf(schema: ZodLike): Field["kind"] {
  const type = defOf(unwrap(schema)).type;
  if (["object", "array", "record"].includes(type)) return "container";
  if (schema.safeParse(new Decimal("1")).success) return "decimal";
  if (schema.safeParse(1).success || schema.safeParse(14).success) return "number";
  if (schema.safeParse(true).success) return "boolean";
  return "other";
}

/** A copy of `input` with `value` at `path`, creating what is missing on the way. */
function withValueAt(input: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const container = (
    Array.isArray(input)
      ? [...(input as unknown[])]
      : typeof input === "object" && input !== null
        ? { ...input }
        : typeof head === "number"
          ? []
          : {}
  ) as Record<string | number, unknown>;
  container[head!] = withValueAt(container[head!], rest, value);
  return container;
}

// ---------------------------------------------------------------- the bad values

/** Replaced in the JSON text by nesting too deep to build as a value. */
const DEEP = "\u0001fuzz-deep\u0001";
/** Replaced in the JSON text by a number literal of 400 digits. */
const HUGE_LITERAL = "\u0001fuzz-huge-literal\u0001";

interface BadValue {
  label: string;
  value: unknown;
}

const wideObject = Object.fromEntries(
  Array.from({ length: INPUT_LIMITS.maxObjectKeys + 1 }, (_, index) => [`k${index}`, index]),
);

/** Values no field accepts, whatever it is. */
const GENERIC: BadValue[] = [
  { label: "a NUL character", value: "Fuzz\u0000Value" },
  { label: "a lone high surrogate", value: "Fuzz\ud800" },
  { label: "a lone low surrogate", value: "\udfffFuzz" },
  { label: "a huge string", value: "x".repeat(INPUT_LIMITS.maxStringLength + 1) },
  { label: "deep nesting", value: DEEP },
  { label: "a huge array", value: Array(INPUT_LIMITS.maxArrayLength + 1).fill(0) },
  { label: "an object with too many keys", value: wideObject },
  { label: "a typed Decimal 1e30000000", value: new Decimal("1e30000000") },
  { label: "a typed Decimal -1e-30000000", value: new Decimal("-1e-30000000") },
  { label: "a typed Decimal NaN", value: new Decimal(Number.NaN) },
  { label: "a BigInt beyond int8", value: 10n ** 30n },
];

const wrongTypeFor = (field: Field): BadValue =>
  field.kind === "container"
    ? { label: "the wrong type (a number)", value: 42 }
    : { label: "the wrong type (an object)", value: { fuzz: 1 } };

const BY_KIND: Record<Field["kind"], BadValue[]> = {
  container: [],
  decimal: [
    { label: "1e30000000 as text", value: "1e30000000" },
    { label: "1e-999999 as text", value: "1e-999999" },
    { label: "400 digits as text", value: "9".repeat(400) },
    { label: "NaN as text", value: "NaN" },
    { label: "Infinity as text", value: "Infinity" },
    { label: "-Infinity as text", value: "-Infinity" },
    { label: "a JavaScript number", value: 12.5 },
    { label: "hexadecimal", value: "0x10" },
  ],
  number: [
    { label: "NaN", value: Number.NaN },
    { label: "Infinity", value: Number.POSITIVE_INFINITY },
    { label: "-Infinity", value: Number.NEGATIVE_INFINITY },
    { label: "1e300", value: 1e300 },
    { label: "-1e300", value: -1e300 },
    { label: "1e9", value: 1e9 },
    { label: "2^53", value: 2 ** 53 },
    { label: "a fraction", value: 0.5 },
    { label: "a 400-digit literal", value: HUGE_LITERAL },
    { label: "a number as text", value: "1" },
  ],
  boolean: [
    { label: "true as text", value: "true" },
    { label: "1 for true", value: 1 },
  ],
  other: [],
};

/** Values that may well be valid; they only must not fail the server. */
const ODD_BY_KIND: Partial<Record<Field["kind"], BadValue[]>> = {
  decimal: [
    { label: "-0 as text", value: "-0" },
    { label: "-0.000 as text", value: "-0.000" },
  ],
  number: [
    { label: "-0", value: -0 },
    { label: `the last page (${MAX_PAGE})`, value: MAX_PAGE },
  ],
};

// ---------------------------------------------------------------- cases and requests

interface Case {
  label: string;
  procedure: ProcedureInfo;
  /** The request's input as the wire carries it: `{ json, meta }` text (or raw text). */
  body: string;
  role: Role;
}

function wireText(input: unknown, forQuery: boolean): string {
  const text = JSON.stringify(transformer.serialize(input));
  // Far beyond the limit either way; a query's input travels in the URL, which stays short.
  const deep = forQuery ? 200 : 2_000;
  return text
    .replace(JSON.stringify(DEEP), "[".repeat(deep) + "]".repeat(deep))
    .replace(JSON.stringify(HUGE_LITERAL), "1" + "0".repeat(399));
}

/** Envelopes around an input that SuperJSON must not be given (or that are not JSON at all). */
function envelopeCases(base: unknown): { label: string; body: (forQuery: boolean) => string }[] {
  const firstKey =
    typeof base === "object" && base !== null ? (Object.keys(base)[0] ?? "fuzz") : "fuzz";
  const json = JSON.stringify(base ?? {});
  return [
    { label: "a payload that is not { json, meta }", body: () => "null" },
    { label: "JSON that does not parse", body: () => '{"json":' },
    {
      label: "an annotation naming lines.99999999",
      body: () => `{"json":${json},"meta":{"values":{"fuzz.99999999":["undefined"]},"v":1}}`,
    },
    {
      label: "a Map annotation",
      body: () => `{"json":${json},"meta":{"values":{"${firstKey}":["map"]},"v":1}}`,
    },
    {
      label: "deeply nested annotations",
      body: (forQuery) => {
        const depth = forQuery ? 200 : 2_000;
        return `{"json":${json},"meta":{"values":${'{"a":'.repeat(depth)}["undefined"]${"}".repeat(depth)}}}`;
      },
    },
    {
      label: "a reference to a path it does not hold",
      body: () => `{"json":${json},"meta":{"referentialEqualities":{"${firstKey}":["fuzz.0.1"]}}}`,
    },
  ];
}

function buildCases(procedures: ProcedureInfo[], ids: Fixtures) {
  const random = seededRandom(SEED);
  const refused: Case[] = [];
  const odd: Case[] = [];
  const roleFor = (): Role => (random.next() < FINANCE_SHARE ? "finance" : "admin");
  const add = (list: Case[], procedure: ProcedureInfo, label: string, body: string) => {
    list.push({ label, procedure, body, role: "admin" });
    const role = roleFor();
    if (role !== "admin") list.push({ label, procedure, body, role });
  };

  for (const procedure of procedures) {
    const forQuery = procedure.type === "query";
    const namespace = procedure.path;
    const base = procedure.input ? sampleOf(procedure.input, "", namespace, ids) : undefined;
    const fields = procedure.input ? fieldsOf(procedure.input) : [];
    const objectPaths: Path[] = [[], ...fields.flatMap((field) => objectPathsOf(field))];

    for (const envelope of envelopeCases(base)) {
      add(refused, procedure, envelope.label, envelope.body(forQuery));
    }
    // Every generic value once at the input itself (procedures without input too)...
    for (const bad of GENERIC) {
      add(refused, procedure, `${bad.label} as the input`, wireText(bad.value, forQuery));
    }
    // ...once in a field chosen at random, in a few random others, plus each field's own kind.
    const generic = new Map<Field, BadValue[]>();
    for (const bad of GENERIC) {
      if (fields.length === 0) break;
      const field = random.pick(fields);
      generic.set(field, [...(generic.get(field) ?? []), bad]);
    }
    for (const field of fields) {
      const values = [
        ...(generic.get(field) ?? []),
        ...random.sample(GENERIC, GENERIC_VALUES_PER_FIELD),
        wrongTypeFor(field),
        ...BY_KIND[field.kind],
      ];
      for (const bad of new Set(values)) {
        const input = withValueAt(base, field.path, bad.value);
        add(
          refused,
          procedure,
          `${bad.label} in ${field.path.join(".")}`,
          wireText(input, forQuery),
        );
      }
      for (const value of ODD_BY_KIND[field.kind] ?? []) {
        const input = withValueAt(base, field.path, value.value);
        add(odd, procedure, `${value.label} in ${field.path.join(".")}`, wireText(input, forQuery));
      }
    }
    // Unknown fields: refused when they hold what no field may hold, ignored otherwise.
    for (const path of objectPaths) {
      if (!procedure.input) break;
      const where = path.length > 0 ? path.join(".") : "the input";
      const bad = random.pick(GENERIC);
      add(
        refused,
        procedure,
        `an unknown field holding ${bad.label} in ${where}`,
        wireText(withValueAt(base, [...path, "fuzzUnknown"], bad.value), forQuery),
      );
      add(
        odd,
        procedure,
        `an unknown field in ${where}`,
        wireText(withValueAt(base, [...path, "fuzzUnknown"], "x"), forQuery),
      );
    }
  }
  // Shuffled, so the first failures of a broken run show every kind of fault. Signing out ends
  // the session every other case uses (if it ever took bad input, the cases after it would only
  // see "please sign in"), so it goes last.
  const ordered = (cases: Case[]) => {
    const shuffled = random.sample(cases, cases.length);
    const isSignOut = (testCase: Case) => testCase.procedure.path === "auth.signOut";
    return [...shuffled.filter((each) => !isSignOut(each)), ...shuffled.filter(isSignOut)];
  };
  return { refused: ordered(refused), odd: ordered(odd) };
}

// ---------------------------------------------------------------- the database, before and after

/** Columns that change on every request of a signed-in person, refused or not. */
const VOLATILE_COLUMNS: Record<string, string[]> = {
  sessions: ["last_seen_at", "expires_at"],
  api_tokens: ["last_used_at"],
};

/** Every table's row count and a hash of all its rows: a refused request changes neither. */
async function snapshotOf(api: TestApi): Promise<Record<string, string>> {
  const tables = await api.db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const snapshot: Record<string, string> = {};
  for (const { name } of tables) {
    const dropped = (VOLATILE_COLUMNS[name] ?? []).map((column) => ` - '${column}'`).join("");
    const [row] = await api.db.$queryRawUnsafe<{ rows: number; hash: string }[]>(
      `SELECT count(*)::int AS rows,
              md5(coalesce(string_agg(r, ',' ORDER BY r), '')) AS hash
         FROM (SELECT (to_jsonb(t)${dropped})::text AS r FROM "${name}" t) s`,
    );
    snapshot[name] = `${row!.rows} rows, ${row!.hash}`;
  }
  return snapshot;
}

// ---------------------------------------------------------------- the test

let api: TestApi;
const cookies = {} as Record<Role, string>;
let ids: Fixtures;

async function signedInCookie(role: Role): Promise<string> {
  const browser = api.client({ headers: { origin: TEST_ORIGIN } });
  await browser.trpc.auth.signIn.mutate({ email: api.users[role].email, password: TEST_PASSWORD });
  return [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** One record of each kind, so ids in the derived inputs name real rows and reach the services. */
async function makeFixtures(): Promise<Fixtures> {
  const admin = await api.signInAs("admin");
  await admin.settings.update.mutate({ legalName: "Fuzz GmbH" });
  const customer = await admin.customers.create.mutate({
    name: "Fuzz Kunde",
    contacts: [{ name: "Fuzz Contact" }],
  });
  const project = await admin.projects.create.mutate({ name: "Fuzz", customerId: customer.id });
  const supplier = await admin.suppliers.create.mutate({ name: "Fuzz Supplier" });
  const expense = await admin.expenses.create.mutate({
    title: "Fuzz expense",
    category: "travel",
    amount: "10.00",
    isBillable: true,
    projectId: project.id,
  });
  const line = { description: "Fuzz", quantity: "1", unitPrice: "10.00" };
  const draft = await admin.salesDocuments.create.mutate({
    type: "invoice",
    customerId: customer.id,
    projectId: project.id,
    lines: [line],
  });
  const issuedDraft = await admin.salesDocuments.create.mutate({
    type: "invoice",
    customerId: customer.id,
    lines: [line],
  });
  const invoice = await admin.salesDocuments.issue.mutate({ id: issuedDraft.id });
  const payment = await admin.payments.create.mutate({
    salesDocumentId: invoice.id,
    amount: "1.00",
    paymentDate: "2026-01-15",
    method: "bank_transfer",
  });
  const token = await admin.apiTokens.create.mutate({ name: "Fuzz", role: "finance" });
  const purchaseOrder = await admin.purchaseOrders.create.mutate({
    projectId: project.id,
    supplierId: supplier.id,
    amount: "100.00",
  });
  await admin.purchaseOrders.transition.mutate({ id: purchaseOrder.id, action: "accept" });
  const milestone = await admin.purchaseOrders.milestones.record.mutate({
    purchaseOrderId: purchaseOrder.id,
    percentage: 25,
  });
  const disbursement = await admin.purchaseOrders.disbursements.add.mutate({
    purchaseOrderId: purchaseOrder.id,
    itemType: "dtp",
    itemTypeInfo: "Fuzz layout",
    units: 1,
    ratePerUnit: "10",
    totalCost: "10.00",
  });
  const batch = await admin.purchaseOrders.batchApprove.mutate({ ids: [purchaseOrder.id] });
  // A draft group holding the issued invoice, so add, remove, update and issue reach the rules.
  const invoiceGroup = await admin.invoiceGroups.create.mutate({
    customerId: customer.id,
    currency: "EUR",
    invoiceDate: "2026-01-15",
  });
  await admin.invoiceGroups.addInvoice.mutate({ id: invoiceGroup.id, invoiceId: invoice.id });
  return {
    customers: customer.id,
    customerId: customer.id,
    contactId: customer.contacts[0]!.id,
    projects: project.id,
    projectId: project.id,
    suppliers: supplier.id,
    expenses: expense.id,
    expenseIds: expense.id,
    salesDocuments: draft.id,
    salesDocumentPdfs: invoice.id,
    ids: draft.id,
    invoiceId: invoice.id,
    salesDocumentId: invoice.id,
    sourceLineItemId: invoice.lineItems[0]!.id,
    // The items procedures name a line of the document `salesDocumentId` names (the invoice).
    "salesDocuments.items": invoice.lineItems[0]!.id,
    payments: payment.payment.id,
    apiTokens: token.token.id,
    purchaseOrders: purchaseOrder.id,
    purchaseOrderPdfs: purchaseOrder.id,
    purchaseOrderId: purchaseOrder.id,
    "purchaseOrders.milestones": milestone.id,
    "purchaseOrders.disbursements": disbursement.id,
    "purchaseOrders.batchStatus": batch.id,
    invoiceGroups: invoiceGroup.id,
    invoiceGroupPdfs: invoiceGroup.id,
    users: api.users.team_member.id,
    managerId: api.users.team_lead.id,
    actorId: api.users.admin.id,
  };
}

beforeAll(async () => {
  api = await startTestApi();
  ids = await makeFixtures();
  cookies.admin = await signedInCookie("admin");
  cookies.finance = await signedInCookie("finance");
});
afterAll(() => api?.close());

interface Outcome {
  status: number;
  ms: number;
  body: string;
}

async function send(testCase: Case): Promise<Outcome> {
  const { procedure, body } = testCase;
  const headers = {
    cookie: cookies[testCase.role],
    origin: TEST_ORIGIN,
    "content-type": "application/json",
  };
  const started = performance.now();
  try {
    const response =
      procedure.type === "query"
        ? await fetch(`${api.url}/trpc/${procedure.path}?input=${encodeURIComponent(body)}`, {
            headers,
          })
        : await fetch(`${api.url}/trpc/${procedure.path}`, { method: "POST", headers, body });
    const text = await response.text();
    return { status: response.status, ms: performance.now() - started, body: text };
  } catch (error) {
    // A connection the server dropped is as bad as a 500.
    return { status: 599, ms: performance.now() - started, body: String(error) };
  }
}

/**
 * Runs every case, `CONCURRENCY` at a time; returns how many failed and the first of them, server
 * errors first (then slow answers, then acceptances), each naming its case.
 */
async function runAll(cases: Case[], fails: (outcome: Outcome) => boolean) {
  const failures: { rank: number; text: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length && failures.length < MAX_FAILURES) {
      const testCase = cases[next++]!;
      const outcome = await send(testCase);
      if (fails(outcome)) {
        failures.push({
          rank: outcome.status >= 500 ? 0 : outcome.ms > FAST_MS ? 1 : 2,
          text:
            `${testCase.procedure.path} as ${testCase.role} with ${testCase.label}: ` +
            `${outcome.status} in ${Math.round(outcome.ms)} ms: ${outcome.body.slice(0, 200)}`,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  failures.sort((a, b) => a.rank - b.rank);
  return { count: failures.length, first: failures.slice(0, 25).map((failure) => failure.text) };
}

describe(`fuzzed input on every procedure (seed ${SEED})`, () => {
  const procedures = listProcedures();

  it("derives a valid input for every procedure from its schema", async () => {
    expect(procedures.length).toBeGreaterThan(60);
    const underived = procedures
      .filter((procedure) => procedure.input)
      .filter((procedure) => {
        const base = sampleOf(procedure.input!, "", procedure.path, ids);
        return !procedure.input!.safeParse(base).success;
      })
      .map((procedure) => procedure.path);
    expect(underived).toEqual([]);
    // The derived inputs name real records, so a bad value in one field reaches the services.
    const answers: Record<string, number> = {};
    for (const procedure of procedures.filter((each) => each.type === "query" && each.input)) {
      const base = sampleOf(procedure.input!, "", procedure.path, ids);
      const body = wireText(base, true);
      answers[procedure.path] = (
        await send({ label: "base", procedure, body, role: "admin" })
      ).status;
    }
    expect(Object.entries(answers).filter(([, status]) => status !== 200)).toEqual([
      // No document has the number the generator makes up; the lookup itself ran.
      ["salesDocuments.getByNumber", 404],
    ]);
  });

  it(
    "refuses every bad value fast with a 4xx and writes nothing",
    { timeout: 120_000 },
    async () => {
      const { refused } = buildCases(procedures, ids);
      expect(refused.length).toBeGreaterThan(3_000);
      const before = await snapshotOf(api);
      const failures = await runAll(
        refused,
        (outcome) => outcome.status < 400 || outcome.status >= 500 || outcome.ms > FAST_MS,
      );
      expect(failures).toEqual({ count: 0, first: [] });
      expect(await snapshotOf(api)).toEqual(before);
    },
  );

  it("never fails the server on odd values that may be valid", async () => {
    const { odd } = buildCases(procedures, ids);
    expect(odd.length).toBeGreaterThan(100);
    const failures = await runAll(odd, (outcome) => outcome.status >= 500 || outcome.ms > FAST_MS);
    expect(failures).toEqual({ count: 0, first: [] });
  });
});
