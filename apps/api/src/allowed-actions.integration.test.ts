import {
  actionsInStatus,
  ROLES,
  SALES_DOCUMENT_ACTIONS,
  STATUSES_BY_TYPE,
  type Role,
  type SalesDocumentAction,
  type SalesDocumentStatus,
  type SalesDocumentType,
} from "@ledgerline/domain";
import { companyToday, submitSalesDocument } from "@ledgerline/services";
import { TRPCClientError } from "@trpc/client";
import { beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "./testing/api-harness.ts";
import { SEED_LINE, useSalesTestApi } from "./testing/sales-fixtures.ts";

/**
 * The contract between the domain's `allowedActions` and the use cases, over HTTP: for every
 * type and status, every role, and the caller being the document's submitter or not, each
 * action the API offers (`salesDocuments.get` → `allowedActions`, decided by the domain) is
 * accepted by its procedure, and each action it does not offer is refused, changing nothing.
 * Where a status allows an action only for some documents (paid or credited invoices, invoiced
 * order confirmations, the approval threshold, archived customers, a credit note whose invoice
 * was cancelled), each kind of document is a state of its own. For the invoice and sales-order
 * machines every (status, action) pair the status table refuses must also come back as
 * `InvalidStatusTransitionError` with the allowed moves (issue 11 part 8).
 */
const sales = useSalesTestApi();

const THRESHOLD = "1000.00";
/** 10 × 100.00 at 19 % = 1190.00: at the threshold. SEED_LINE's 202.30 is below it. */
const BIG_LINE = { description: "Projektphase", quantity: "10", unitPrice: "100", taxRate: "19" };
const GOODWILL = (unitPrice: string) => ({
  lines: [] as [],
  goodwillLines: [{ description: "Kulanz", quantity: "1", unitPrice, taxRate: "0" }],
});
const REASON = "Vertragsprüfung";

interface State {
  name: string;
  type: SalesDocumentType;
  status: SalesDocumentStatus;
  /** Makes a fresh document in this state; the submitter (if any) is `submitterId`. */
  build(submitterId: string): Promise<string>;
}

let finance: ApiClient;
let admin: ApiClient;

const draft = (type: SalesDocumentType, big = false) =>
  sales.fixtures
    .draft(type as "invoice", { lines: [big ? BIG_LINE : SEED_LINE] })
    .then((document) => document.id);

/** A submission by `submitterId` (whatever their role: the test sets the stage, not the rules). */
const submitAs = async (id: string, submitterId: string) => {
  await submitSalesDocument(
    sales.api.db,
    { kind: "user", userId: submitterId, role: "admin", name: "Submitter" },
    id,
  );
  return id;
};
const issue = async (id: string) => (await finance.salesDocuments.issue.mutate({ id })).id;
/** Issued through four-eyes: submitted by `submitterId`, approved by someone else. */
const approvedBy = async (id: string, submitterId: string) => {
  await submitAs(id, submitterId);
  const approver = submitterId === sales.api.users.admin.id ? finance : admin;
  return (await approver.salesDocuments.approve.mutate({ id })).id;
};
const pay = async (id: string, amount: string) => {
  await finance.payments.create.mutate({
    salesDocumentId: id,
    amount,
    paymentDate: companyToday(),
    method: "bank_transfer",
  });
  return id;
};
/** A status the sweep would store (overdue, expired), set as the sweep does: status alone. */
const storeStatus = async (id: string, status: SalesDocumentStatus) => {
  await sales.api.db.salesDocument.update({ where: { id }, data: { status } });
  return id;
};
const creditNote = async (invoiceId: string, input: object = GOODWILL("10.00")) =>
  (await finance.salesDocuments.createCreditNote.mutate({ invoiceId, ...input })).id;
const issuedInvoice = async () => issue(await draft("invoice"));

const STATES: State[] = [
  { name: "quote draft", type: "quote", status: "draft", build: () => draft("quote") },
  {
    name: "quote sent",
    type: "quote",
    status: "sent",
    build: async () => issue(await draft("quote")),
  },
  {
    name: "quote accepted",
    type: "quote",
    status: "accepted",
    build: async () => {
      const id = await issue(await draft("quote"));
      await finance.salesDocuments.accept.mutate({ id });
      return id;
    },
  },
  // An order is invoiced once (§5.4a): a quote with a live order confirmation converts no more;
  // one invoiced directly becomes no order confirmation and waits for its draft invoice.
  {
    name: "quote accepted, confirmed",
    type: "quote",
    status: "accepted",
    build: async () => {
      const id = await issue(await draft("quote"));
      await finance.salesDocuments.convert.mutate({ id, to: "order_confirmation" });
      return id;
    },
  },
  {
    name: "quote accepted, invoiced directly",
    type: "quote",
    status: "accepted",
    build: async () => {
      const id = await issue(await draft("quote"));
      await finance.salesDocuments.convert.mutate({ id, to: "invoice" });
      return id;
    },
  },
  {
    name: "quote declined",
    type: "quote",
    status: "declined",
    build: async () => {
      const id = await issue(await draft("quote"));
      await finance.salesDocuments.decline.mutate({ id });
      return id;
    },
  },
  {
    name: "quote expired",
    type: "quote",
    status: "expired",
    build: async () => storeStatus(await issue(await draft("quote")), "expired"),
  },
  {
    name: "order confirmation draft",
    type: "order_confirmation",
    status: "draft",
    build: () => draft("order_confirmation"),
  },
  {
    name: "order confirmation sent",
    type: "order_confirmation",
    status: "sent",
    build: async () => issue(await draft("order_confirmation")),
  },
  {
    name: "order confirmation sent, invoiced",
    type: "order_confirmation",
    status: "sent",
    build: async () => {
      const id = await issue(await draft("order_confirmation"));
      await finance.salesDocuments.convert.mutate({ id, to: "invoice" });
      return id;
    },
  },
  {
    name: "order confirmation cancelled",
    type: "order_confirmation",
    status: "cancelled",
    build: async () => {
      const id = await issue(await draft("order_confirmation"));
      await finance.salesDocuments.cancel.mutate({ id, reason: REASON });
      return id;
    },
  },
  ...(["sales_order", "pro_forma"] as const).flatMap((type): State[] => [
    { name: `${type} draft`, type, status: "draft", build: () => draft(type) },
    {
      name: `${type} draft needing approval`,
      type,
      status: "draft",
      build: () => draft(type, true),
    },
    {
      name: `${type} pending`,
      type,
      status: "pending",
      build: async (submitterId) => submitAs(await draft(type, true), submitterId),
    },
    {
      name: `${type} sent (approved)`,
      type,
      status: "sent",
      build: async (submitterId) => approvedBy(await draft(type, true), submitterId),
    },
    {
      name: `${type} cancelled`,
      type,
      status: "cancelled",
      build: async () => {
        const id = await issue(await draft(type));
        await finance.salesDocuments.cancel.mutate({ id, reason: REASON });
        return id;
      },
    },
    {
      name: `${type} transformed`,
      type,
      status: "transformed",
      build: async () => {
        const id = await issue(await draft(type));
        await finance.salesDocuments.transform.mutate({ id });
        return id;
      },
    },
  ]),
  { name: "invoice draft", type: "invoice", status: "draft", build: () => draft("invoice") },
  {
    name: "invoice draft needing approval",
    type: "invoice",
    status: "draft",
    build: () => draft("invoice", true),
  },
  {
    name: "invoice draft of an archived customer",
    type: "invoice",
    status: "draft",
    build: async () => {
      const document = await sales.fixtures.draft("invoice");
      await finance.customers.archive.mutate({ id: document.customerId });
      return document.id;
    },
  },
  {
    name: "invoice pending",
    type: "invoice",
    status: "pending",
    build: async (submitterId) => submitAs(await draft("invoice", true), submitterId),
  },
  {
    name: "invoice sent (approved)",
    type: "invoice",
    status: "sent",
    build: async (submitterId) => approvedBy(await draft("invoice", true), submitterId),
  },
  { name: "invoice sent", type: "invoice", status: "sent", build: issuedInvoice },
  {
    name: "invoice sent with a credit note draft",
    type: "invoice",
    status: "sent",
    build: async () => {
      const id = await issuedInvoice();
      await creditNote(id);
      return id;
    },
  },
  {
    name: "invoice sent, partly credited",
    type: "invoice",
    status: "sent",
    build: async () => {
      const id = await issuedInvoice();
      await issue(await creditNote(id));
      return id;
    },
  },
  {
    name: "invoice partial",
    type: "invoice",
    status: "partial",
    build: async () => pay(await issuedInvoice(), "50.00"),
  },
  {
    name: "invoice paid",
    type: "invoice",
    status: "paid",
    build: async () => pay(await issuedInvoice(), "202.30"),
  },
  {
    name: "invoice paid, credited in full",
    type: "invoice",
    status: "paid",
    build: async () => {
      const id = await pay(await issuedInvoice(), "202.30");
      await issue(await creditNote(id, { lines: "all" }));
      return id;
    },
  },
  {
    name: "invoice overdue",
    type: "invoice",
    status: "overdue",
    build: async () => storeStatus(await issuedInvoice(), "overdue"),
  },
  {
    name: "invoice cancelled",
    type: "invoice",
    status: "cancelled",
    build: async () => {
      const id = await issuedInvoice();
      await finance.salesDocuments.cancelWithDocument.mutate({ id, reason: REASON });
      return id;
    },
  },
  {
    name: "invoice refunded",
    type: "invoice",
    status: "refunded",
    build: async () => {
      const id = await pay(await issuedInvoice(), "202.30");
      await pay(await issue(await creditNote(id, { lines: "all" })), "202.30");
      return id;
    },
  },
  {
    name: "credit note draft",
    type: "credit_note",
    status: "draft",
    build: async () => creditNote(await issuedInvoice()),
  },
  {
    name: "credit note draft of a cancelled invoice",
    type: "credit_note",
    status: "draft",
    build: async () => {
      const invoiceId = await issuedInvoice();
      const id = await creditNote(invoiceId);
      await finance.salesDocuments.cancelWithDocument.mutate({ id: invoiceId, reason: REASON });
      return id;
    },
  },
  {
    name: "credit note pending",
    type: "credit_note",
    status: "pending",
    build: async (submitterId) => {
      const invoiceId = await approvedBy(await draft("invoice", true), sales.api.users.finance.id);
      return submitAs(await creditNote(invoiceId, { lines: "all" }), submitterId);
    },
  },
  {
    name: "credit note sent",
    type: "credit_note",
    status: "sent",
    build: async () => issue(await creditNote(await pay(await issuedInvoice(), "202.30"))),
  },
  {
    name: "credit note partial",
    type: "credit_note",
    status: "partial",
    build: async () =>
      pay(await issue(await creditNote(await pay(await issuedInvoice(), "202.30"))), "4.00"),
  },
  {
    name: "credit note paid",
    type: "credit_note",
    status: "paid",
    build: async () => issue(await creditNote(await issuedInvoice())),
  },
  {
    name: "cancellation sent",
    type: "cancellation",
    status: "sent",
    build: async () =>
      (
        await finance.salesDocuments.cancelWithDocument.mutate({
          id: await issuedInvoice(),
          reason: REASON,
        })
      ).id,
  },
];

/** The procedure that runs `action` on document `id`, as `client`. */
function call(client: ApiClient, action: SalesDocumentAction, id: string): Promise<unknown> {
  const documents = client.salesDocuments;
  switch (action) {
    case "issue":
      return documents.issue.mutate({ id });
    case "submit":
      return documents.submit.mutate({ id });
    case "approve":
      return documents.approve.mutate({ id });
    case "return":
    case "withdraw":
      return documents.returnToDraft.mutate({ id, reason: REASON });
    case "accept":
      return documents.accept.mutate({ id });
    case "decline":
      return documents.decline.mutate({ id, reason: REASON });
    case "cancel":
      return documents.cancel.mutate({ id, reason: REASON });
    case "transform":
      return documents.transform.mutate({ id });
    case "convertToOrderConfirmation":
      return documents.convert.mutate({ id, to: "order_confirmation" });
    case "convertToInvoice":
      return documents.convert.mutate({ id, to: "invoice" });
    case "createCreditNote":
      return documents.createCreditNote.mutate({ invoiceId: id, ...GOODWILL("0.01") });
    case "cancelWithDocument":
      return documents.cancelWithDocument.mutate({ id, reason: REASON });
    case "refund":
      return documents.refund.mutate({ id, method: "bank_transfer" });
    case "delete":
      return documents.delete.mutate({ id });
  }
}

/** The machines whose every (status, action) pair this test also checks for its error name. */
const MACHINE_TYPES: readonly SalesDocumentType[] = ["invoice", "sales_order"];

/** What the API's error data says of a refusal (apps/api/src/trpc/init.ts). */
interface RefusalData {
  code?: string;
  name?: string | null;
  details?: { allowed?: unknown } | null;
}

/** What a refusal must leave as it was. */
const snapshot = async (id: string) => ({
  document: await sales.api.db.salesDocument.findUnique({
    where: { id },
    select: { status: true, updatedAt: true, submittedById: true },
  }),
  documents: await sales.api.db.salesDocument.count(),
  payments: await sales.api.db.payment.count(),
});

/** The action the last history entry names (return and withdraw share `returnToDraft`). */
const lastAction = async (id: string) =>
  (
    await sales.api.db.auditEvent.findFirst({
      where: { entityType: "salesDocument", entityId: id },
      orderBy: { id: "desc" },
      select: { action: true },
    })
  )?.action;

beforeAll(async () => {
  finance = sales.as.finance;
  admin = sales.as.admin;
  await admin.settings.update.mutate({
    legalName: "Ledgerline Test GmbH",
    invoiceApprovalThreshold: THRESHOLD,
  });
});

describe("allowedActions is the contract of the sales-document procedures", () => {
  it("covers every status of every type", () => {
    const covered = new Set(STATES.map((state) => `${state.type}:${state.status}`));
    for (const [type, statuses] of Object.entries(STATUSES_BY_TYPE)) {
      for (const status of statuses)
        expect(covered, `${type} ${status}`).toContain(`${type}:${status}`);
    }
  });

  for (const state of STATES) {
    it(`${state.name}: offered means accepted, not offered means refused, for every role and submitter`, async () => {
      const outcomes: string[] = [];
      for (const role of ROLES as readonly Role[]) {
        for (const isSubmitter of [true, false]) {
          const me = sales.api.users[role].id;
          const someoneElse =
            role === "finance" ? sales.api.users.admin.id : sales.api.users.finance.id;
          const submitterId = isSubmitter ? me : someoneElse;
          const client = sales.as[role];
          const label = `${state.name}, ${role}${isSubmitter ? " (submitter)" : ""}`;

          let id = await state.build(submitterId);
          const read = await client.salesDocuments.get.query({ id });
          expect(read, label).toMatchObject({ type: state.type, status: state.status });
          const offered = read.allowedActions;
          // Never more than the status table lets the role do.
          expect(
            offered.every((action) =>
              actionsInStatus(state.type, state.status, role).includes(action),
            ),
            label,
          ).toBe(true);

          // Refused first, on the one document: each refusal must change nothing.
          for (const action of SALES_DOCUMENT_ACTIONS) {
            if (offered.includes(action)) continue;
            // return and withdraw are one procedure: it does whichever of the two is offered.
            const twin = action === "return" ? "withdraw" : action === "withdraw" ? "return" : null;
            if (twin && offered.includes(twin)) continue;
            const before = await snapshot(id);
            let refusal: RefusalData | undefined;
            const outcome = await call(client, action, id).then(
              () => "accepted",
              (error: unknown) => {
                if (!(error instanceof TRPCClientError)) throw error;
                refusal = error.data as RefusalData | undefined;
                return refusal?.code ?? "CLIENT_ERROR";
              },
            );
            // The invoice and sales-order machines (seed 004): a move the status does not allow
            // is refused as InvalidStatusTransitionError, naming the moves allowed now.
            const statusAllows = actionsInStatus(state.type, state.status);
            if (
              MACHINE_TYPES.includes(state.type) &&
              !statusAllows.includes(action) &&
              outcome !== "FORBIDDEN"
            ) {
              expect(refusal?.name, `${label}: ${action}`).toBe("InvalidStatusTransitionError");
              expect(refusal?.details?.allowed, `${label}: ${action}`).toEqual(statusAllows);
            }
            outcomes.push(`${label}: ${action} not offered → ${outcome}`);
            expect(outcome, `${label}: ${action} is not offered`).not.toBe("accepted");
            expect(outcome, `${label}: ${action}`).not.toBe("INTERNAL_SERVER_ERROR");
            expect(await snapshot(id), `${label}: ${action} changed something`).toEqual(before);
          }

          // Then each offered action on a document of its own (the first on this one).
          for (const [index, action] of offered.entries()) {
            if (index > 0) id = await state.build(submitterId);
            await expect(
              call(client, action, id),
              `${label}: ${action} is offered`,
            ).resolves.toBeDefined();
            outcomes.push(`${label}: ${action} offered → accepted`);
            if (action === "return" || action === "withdraw") {
              expect(await lastAction(id), label).toBe(action);
            }
          }
        }
      }
      expect(outcomes.length).toBeGreaterThan(0);
    });
  }
});
