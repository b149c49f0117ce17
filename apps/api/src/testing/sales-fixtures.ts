import { randomBytes } from "node:crypto";
import { ROLES, type Role } from "@ledgerline/domain";
import { afterAll, beforeAll } from "vitest";
import { startTestApi, type ApiClient, type TestApi } from "./api-harness.ts";

/**
 * Data for the sales-document and payment tests, made through the API as a person would: a
 * customer with a unique name per call, drafts with seed 000's line, issued documents.
 */
export type CreateInput = Parameters<ApiClient["salesDocuments"]["create"]["mutate"]>[0];
export type LineInput = NonNullable<CreateInput["lines"]>[number];
export type DocumentType = CreateInput["type"];

/** Seed 000's sample line: 2 × 85.00 at 19 % → 170.00 + 32.30 = 202.30. */
export const SEED_LINE = {
  description: "IT-Support",
  quantity: "2",
  unit: "Hours",
  unitPrice: "85.00",
  taxRate: "19",
} satisfies LineInput;

/** Anything with decimal places (a Decimal over the wire) as a string with two. */
export const cents = (value: { toFixed(places: number): string } | null | undefined) =>
  value == null ? null : value.toFixed(2);

export function salesFixtures(api: TestApi, clients: Record<Role, ApiClient>) {
  let sequence = 0;
  const unique = (label: string) => `${label} ${++sequence}-${randomBytes(3).toString("hex")}`;
  const finance = clients.finance;

  const customer = (
    values: Partial<Parameters<ApiClient["customers"]["create"]["mutate"]>[0]> = {},
  ) =>
    finance.customers.create.mutate({
      name: unique("Kunde"),
      street: "Hafenstraße 1",
      postalCode: "24103",
      city: "Kiel",
      vatId: "DE123456789",
      ...values,
    });

  /** A draft for a new customer (or the one given), with seed 000's line unless others are given. */
  const draft = async (
    type: DocumentType = "invoice",
    values: Partial<CreateInput> = {},
    client: ApiClient = finance,
  ) => {
    const customerId = values.customerId ?? (values.projectId ? undefined : (await customer()).id);
    return client.salesDocuments.create.mutate({
      type,
      customerId,
      lines: [SEED_LINE],
      ...values,
    } as CreateInput);
  };

  /** An issued document (below any approval threshold). */
  const issued = async (type: DocumentType = "invoice", values: Partial<CreateInput> = {}) => {
    const created = await draft(type, values);
    return finance.salesDocuments.issue.mutate({ id: created.id });
  };

  /** How many rows there are, to prove a refused call wrote nothing. */
  const counts = async () => ({
    documents: await api.db.salesDocument.count(),
    lines: await api.db.lineItem.count(),
    payments: await api.db.payment.count(),
    auditEvents: await api.db.auditEvent.count(),
    numbers: (
      await api.db.numberSequence.findMany({ orderBy: [{ scope: "asc" }, { year: "asc" }] })
    )
      .map((row) => `${row.scope}/${row.year}/${row.lastNumber}`)
      .join(","),
  });

  return { unique, customer, draft, issued, counts };
}

export async function signInEveryone(api: TestApi): Promise<Record<Role, ApiClient>> {
  const clients = {} as Record<Role, ApiClient>;
  for (const role of ROLES) clients[role] = await api.signInAs(role);
  return clients;
}

export interface SalesTestContext {
  api: TestApi;
  as: Record<Role, ApiClient>;
  fixtures: ReturnType<typeof salesFixtures>;
}

/**
 * For a test file: starts the API on a database of the file's own, signs in one client per
 * role before the tests and closes everything after them. Read the fields inside tests only.
 */
export function useSalesTestApi(): SalesTestContext {
  const context = {} as SalesTestContext;
  beforeAll(async () => {
    context.api = await startTestApi();
    context.as = await signInEveryone(context.api);
    context.fixtures = salesFixtures(context.api, context.as);
  });
  afterAll(() => context.api?.close());
  return context;
}
