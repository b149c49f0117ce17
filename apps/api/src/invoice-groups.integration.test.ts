import {
  can,
  INVOICE_GROUP_ACTIONS,
  INVOICE_GROUP_RECORD_ACTIONS,
  ROLES,
  type InvoiceGroupAllowedAction,
  type InvoiceGroupStatus,
} from "@ledgerline/domain";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type ApiClient, type TestApi } from "./testing/api-harness.ts";

/**
 * The contract between the domain's `invoiceGroupAllowedActions` and the invoice-group
 * procedures, over HTTP: for every state of a group and every role, each action the API offers
 * (`invoiceGroups.get` → `allowedActions`) is accepted by its procedure, and each it does not
 * offer is refused with a 4xx, changing nothing.
 */
let api: TestApi;
let admin: ApiClient;
const clients = {} as Record<(typeof ROLES)[number], ApiClient>;
let customerId: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.signInAs("admin");
  for (const role of ROLES) clients[role] = await api.signInAs(role);
  await admin.settings.update.mutate({ legalName: "Gruppen GmbH" });
  customerId = (await admin.customers.create.mutate({ name: "Sammel AG" })).id;
});
afterAll(() => api?.close());

async function issuedInvoice() {
  const draft = await admin.salesDocuments.create.mutate({
    type: "invoice",
    customerId,
    currency: "EUR",
    lines: [{ description: "Übersetzung", quantity: "1", unitPrice: "50.00", taxRate: "19" }],
  });
  return admin.salesDocuments.issue.mutate({ id: draft.id });
}

async function draftGroup(withInvoice: boolean) {
  const group = await admin.invoiceGroups.create.mutate({
    customerId,
    currency: "EUR",
    invoiceDate: "2026-12-01",
  });
  if (withInvoice)
    await admin.invoiceGroups.addInvoice.mutate({
      id: group.id,
      invoiceId: (await issuedInvoice()).id,
    });
  return group.id;
}

const STATES: Record<string, { status: InvoiceGroupStatus; build: () => Promise<string> }> = {
  "an empty draft": { status: "draft", build: () => draftGroup(false) },
  "a draft with an invoice": { status: "draft", build: () => draftGroup(true) },
  issued: {
    status: "issued",
    build: async () => {
      const id = await draftGroup(true);
      await admin.invoiceGroups.transition.mutate({ id, action: "issue" });
      return id;
    },
  },
  paid: {
    status: "paid",
    build: async () => {
      const id = await draftGroup(true);
      const group = await admin.invoiceGroups.transition.mutate({ id, action: "issue" });
      const invoice = group.invoices[0]!;
      await admin.payments.create.mutate({
        salesDocumentId: invoice.id,
        amount: invoice.total.toString(),
        paymentDate: "2026-12-01",
        method: "bank_transfer",
      });
      return id;
    },
  },
  cancelled: {
    status: "cancelled",
    build: async () => {
      const id = await draftGroup(true);
      await admin.invoiceGroups.transition.mutate({ id, action: "issue" });
      await admin.invoiceGroups.transition.mutate({ id, action: "cancel", reason: "Test" });
      return id;
    },
  },
  "issued and archived": {
    status: "issued",
    build: async () => {
      const id = await draftGroup(true);
      await admin.invoiceGroups.transition.mutate({ id, action: "issue" });
      await admin.invoiceGroups.archive.mutate({ id });
      return id;
    },
  },
  "issued and deleted": {
    status: "issued",
    build: async () => {
      const id = await draftGroup(true);
      await admin.invoiceGroups.transition.mutate({ id, action: "issue" });
      await admin.invoiceGroups.delete.mutate({ id });
      return id;
    },
  },
};

/** Runs one action on a group as `client`; adding takes a fresh eligible invoice. */
async function run(client: ApiClient, id: string, action: InvoiceGroupAllowedAction) {
  switch (action) {
    case "issue":
    case "cancel":
      return client.invoiceGroups.transition.mutate({ id, action });
    case "edit":
      return client.invoiceGroups.update.mutate({ id, values: { notes: "geändert" } });
    case "addInvoice":
      return client.invoiceGroups.addInvoice.mutate({ id, invoiceId: (await issuedInvoice()).id });
    case "removeInvoice": {
      const group = await admin.invoiceGroups.get.query({ id });
      const invoiceId = group.invoices[0]?.id ?? (await issuedInvoice()).id;
      return client.invoiceGroups.removeInvoice.mutate({ id, invoiceId });
    }
    case "delete":
      return client.invoiceGroups.delete.mutate({ id });
    case "archive":
      return client.invoiceGroups.archive.mutate({ id });
    case "restore":
      return client.invoiceGroups.restore.mutate({ id });
    case "restoreDeleted":
      return client.invoiceGroups.restoreDeleted.mutate({ id });
  }
}

const ACTIONS: InvoiceGroupAllowedAction[] = [
  ...INVOICE_GROUP_ACTIONS,
  ...INVOICE_GROUP_RECORD_ACTIONS,
];

describe("allowedActions is the contract of the invoice-group procedures", () => {
  for (const [name, state] of Object.entries(STATES)) {
    it(`${name}: offered means accepted, not offered means refused, for every role`, async () => {
      for (const role of ROLES) {
        const id = await state.build();
        const before = await admin.invoiceGroups.get.query({ id });
        expect(before.status).toBe(state.status);
        // A deleted group is gone for those who may not delete (and so not restore) groups.
        const hidden = before.deletedAt !== null && !can(role, "invoiceGroup.delete");
        const offered = hidden
          ? await clients[role].invoiceGroups.get.query({ id }).then(
              () => expect.fail(`${role} reads a deleted group`),
              (error: TRPCClientError<never>) => {
                expect((error.data as { code?: string } | undefined)?.code).toBe("NOT_FOUND");
                return [];
              },
            )
          : (await clients[role].invoiceGroups.get.query({ id })).allowedActions;
        for (const action of ACTIONS.filter((candidate) => !offered.includes(candidate))) {
          const error = await run(clients[role], id, action).then(
            () => null,
            (caught: unknown) => caught,
          );
          expect(error, `${role} ${action} on ${name}`).toBeInstanceOf(TRPCClientError);
          const data = (error as TRPCClientError<never>).data as
            { httpStatus?: number } | undefined;
          const status = data?.httpStatus ?? 0;
          expect({ role, action, status: status >= 400 && status < 500 }).toEqual({
            role,
            action,
            status: true,
          });
          const after = await admin.invoiceGroups.get.query({ id });
          expect({ role, action, after }).toEqual({ role, action, after: before });
        }
        for (const action of offered) {
          const fresh = await state.build();
          await expect(
            run(clients[role], fresh, action),
            `${role} ${action}`,
          ).resolves.toBeTruthy();
        }
      }
    });
  }
});
