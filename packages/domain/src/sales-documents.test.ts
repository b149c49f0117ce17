import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { Decimal } from "./money.ts";
import { DOCUMENT_NUMBER_TYPES } from "./numbering.ts";
import type { Permission } from "./permissions.ts";
import {
  ACTIONS,
  approvalPolicyOfThreshold,
  effectiveApprovalThreshold,
  invoiceApprovalPolicyOf,
  actionsInStatus,
  allowedActions,
  assertSalesDocumentAction,
  assertSalesDocumentRecordAction,
  backToDraftActionOf,
  isRecordActionDone,
  recordActionsOf,
  selfApprovalAllowed,
  type ActionDocument,
  assertActionAllowed,
  assertApprovalRoute,
  assertEditable,
  assertFourEyes,
  DERIVED_MOVES,
  DERIVED_STATUSES,
  isApprovalType,
  isArchivable,
  hasEInvoice,
  isPayableType,
  mayApprove,
  numberTypeOf,
  requestableStatuses,
  requiresApproval,
  resolveDeleteRequest,
  resolveStatusRequest,
  SALES_DOCUMENT_ACTIONS,
  SALES_DOCUMENT_STATUSES,
  SALES_DOCUMENT_TYPES,
  STATUS_MACHINES,
  statusMovesOf,
  STATUSES_BY_TYPE,
  typeWithArticle,
  type SalesDocumentAction,
  type SalesDocumentStatus,
  type SalesDocumentType,
} from "./sales-documents.ts";

/** The error a call throws; fails the test when it throws nothing. */
function errorFrom(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("Expected the call to throw.");
}

const WRITE: Permission[] = ["salesDocument.write"];
const APPROVE: Permission[] = ["salesDocument.approve"];
const DELETE: Permission[] = ["salesDocument.delete"];
const CORRECT: Permission[] = ["salesDocument.correct"];

type Row = [
  type: SalesDocumentType,
  from: SalesDocumentStatus,
  to: SalesDocumentStatus | "deleted" | "unchanged",
  by: SalesDocumentAction | "derived",
  permissions?: Permission[],
];

/** Delete from every status (§5.10): a draft is removed, any other document soft-deleted. */
const deleteRows = (type: SalesDocumentType, permissions: Permission[]): Row[] =>
  STATUSES_BY_TYPE[type].map((from): Row => [type, from, "deleted", "delete", permissions]);

const salesOrderRows = (type: "sales_order" | "pro_forma"): Row[] => [
  [type, "draft", "sent", "issue", WRITE],
  [type, "draft", "pending", "submit", WRITE],
  [type, "pending", "sent", "approve", APPROVE],
  [type, "pending", "draft", "return", APPROVE],
  [type, "pending", "draft", "withdraw", WRITE],
  [type, "draft", "cancelled", "cancel", ["salesOrder.cancel"]],
  [type, "pending", "cancelled", "cancel", ["salesOrder.cancel"]],
  [type, "sent", "cancelled", "cancel", ["salesOrder.cancel"]],
  [type, "sent", "transformed", "transform", ["salesOrder.transform"]],
  ...deleteRows(type, DELETE),
];

/** docs/domain-model.md §5.3-5.8 and §5.11, row by row (a row with several "from" is split). */
const TABLE_ROWS: Row[] = [
  // 5.3 Quote
  ["quote", "draft", "sent", "issue", WRITE],
  ["quote", "sent", "accepted", "accept", WRITE],
  ["quote", "sent", "declined", "decline", WRITE],
  ["quote", "sent", "expired", "derived"],
  ["quote", "expired", "accepted", "accept", WRITE],
  ["quote", "sent", "accepted", "convertToOrderConfirmation", WRITE],
  ["quote", "expired", "accepted", "convertToOrderConfirmation", WRITE],
  ["quote", "accepted", "accepted", "convertToOrderConfirmation", WRITE],
  ["quote", "sent", "accepted", "convertToInvoice", WRITE],
  ["quote", "expired", "accepted", "convertToInvoice", WRITE],
  ["quote", "accepted", "accepted", "convertToInvoice", WRITE],
  ...deleteRows("quote", DELETE),
  // 5.4 Order confirmation
  ["order_confirmation", "draft", "sent", "issue", WRITE],
  ["order_confirmation", "sent", "sent", "convertToInvoice", WRITE],
  ["order_confirmation", "sent", "cancelled", "cancel", WRITE],
  ...deleteRows("order_confirmation", DELETE),
  // 5.5 Sales order and pro forma
  ...salesOrderRows("sales_order"),
  ...salesOrderRows("pro_forma"),
  // 5.6 Invoice
  ["invoice", "draft", "sent", "issue", WRITE],
  ["invoice", "draft", "pending", "submit", WRITE],
  ["invoice", "pending", "sent", "approve", APPROVE],
  ["invoice", "pending", "draft", "return", APPROVE],
  ["invoice", "pending", "draft", "withdraw", WRITE],
  ["invoice", "sent", "partial", "derived"],
  ["invoice", "sent", "paid", "derived"],
  ["invoice", "partial", "paid", "derived"],
  ["invoice", "overdue", "paid", "derived"],
  ["invoice", "sent", "overdue", "derived"],
  ["invoice", "partial", "overdue", "derived"],
  ["invoice", "partial", "sent", "derived"],
  ["invoice", "paid", "sent", "derived"],
  ["invoice", "paid", "partial", "derived"],
  ["invoice", "paid", "overdue", "derived"],
  ["invoice", "paid", "refunded", "derived"],
  ["invoice", "sent", "cancelled", "cancelWithDocument", CORRECT],
  ["invoice", "overdue", "cancelled", "cancelWithDocument", CORRECT],
  ["invoice", "sent", "cancelled", "derived"],
  ["invoice", "overdue", "cancelled", "derived"],
  ["invoice", "paid", "cancelled", "derived"],
  ...deleteRows("invoice", DELETE),
  // Refund: credits the rest and pays back what was paid (§5.6).
  ["invoice", "paid", "refunded", "refund", ["salesDocument.correct", "payment.write"]],
  // 5.11 invoice -> credit note: the invoice is re-derived when the credit note is issued
  ["invoice", "sent", "unchanged", "createCreditNote", CORRECT],
  ["invoice", "partial", "unchanged", "createCreditNote", CORRECT],
  ["invoice", "overdue", "unchanged", "createCreditNote", CORRECT],
  ["invoice", "paid", "unchanged", "createCreditNote", CORRECT],
  // 5.7 Credit note
  ["credit_note", "draft", "sent", "issue", CORRECT],
  ["credit_note", "draft", "pending", "submit", CORRECT],
  ["credit_note", "pending", "sent", "approve", ["salesDocument.approve", "salesDocument.correct"]],
  ["credit_note", "pending", "draft", "return", CORRECT],
  ["credit_note", "pending", "draft", "withdraw", CORRECT],
  ["credit_note", "sent", "partial", "derived"],
  ["credit_note", "sent", "paid", "derived"],
  ["credit_note", "partial", "paid", "derived"],
  ["credit_note", "partial", "sent", "derived"],
  ["credit_note", "paid", "sent", "derived"],
  ["credit_note", "paid", "partial", "derived"],
  ...deleteRows("credit_note", ["salesDocument.correct", "salesDocument.delete"]),
  // 5.8 Cancellation: created and issued at once; no further moves, but soft delete.
  ...deleteRows("cancellation", DELETE),
];

describe("types and statuses", () => {
  it("gives each type exactly the statuses its status machine reaches from where it starts", () => {
    for (const type of SALES_DOCUMENT_TYPES) {
      // Everything starts as a draft, except a cancellation, which is issued as it is made.
      const start: SalesDocumentStatus = type === "cancellation" ? "sent" : "draft";
      const reached = new Set<SalesDocumentStatus>([start]);
      for (let grew = true; grew;) {
        grew = false;
        for (const move of statusMovesOf(type)) {
          if (reached.has(move.from) && !reached.has(move.to)) {
            reached.add(move.to);
            grew = true;
          }
        }
      }
      expect([...reached].sort(), type).toEqual([...STATUSES_BY_TYPE[type]].sort());
    }
  });

  it("uses every status of the database enum, and only those", () => {
    const used = new Set(Object.values(STATUSES_BY_TYPE).flat());
    expect([...used].sort()).toEqual([...SALES_DOCUMENT_STATUSES].sort());
  });

  it("knows which types take payments and which need four-eyes approval", () => {
    expect(SALES_DOCUMENT_TYPES.filter(isPayableType)).toEqual(["invoice", "credit_note"]);
    expect(SALES_DOCUMENT_TYPES.filter(isApprovalType)).toEqual([
      "sales_order",
      "pro_forma",
      "invoice",
      "credit_note",
    ]);
  });

  it("gives each type its own number range", () => {
    for (const type of SALES_DOCUMENT_TYPES) {
      expect(numberTypeOf(type)).toBe(type);
      expect(DOCUMENT_NUMBER_TYPES).toContain(numberTypeOf(type));
    }
  });

  it("names a type with its article", () => {
    expect(typeWithArticle("invoice")).toBe("an invoice");
    expect(typeWithArticle("order_confirmation")).toBe("an order confirmation");
    expect(typeWithArticle("quote")).toBe("a quote");
    expect(typeWithArticle("pro_forma")).toBe("a pro forma");
  });
});

describe("the action table and the status machines", () => {
  it.each(TABLE_ROWS)("%s: %s -> %s by %s is allowed", (type, from, to, by, permissions) => {
    const machine = STATUS_MACHINES[type];
    if (by === "derived") {
      expect(machine.canMove(from, to as SalesDocumentStatus)).toBe(true);
      expect(DERIVED_MOVES[type].some((m) => m.to === to && m.from.includes(from as never))).toBe(
        true,
      );
      return;
    }
    const rule = assertActionAllowed(type, from, by);
    expect(rule.to).toBe(to);
    expect(rule.permissions).toEqual(permissions);
    expect(actionsInStatus(type, from)).toContain(by);
    if (to !== "deleted" && to !== "unchanged") expect(machine.canMove(from, to)).toBe(true);
  });

  it("holds no status move beyond the table rows", () => {
    for (const type of SALES_DOCUMENT_TYPES) {
      const expected = TABLE_ROWS.filter(
        (row) => row[0] === type && row[2] !== "deleted" && row[2] !== "unchanged",
      ).map(([, from, to, by]) => `${from}->${to} by ${by}`);
      const actual = statusMovesOf(type).map(({ from, to, by }) => `${from}->${to} by ${by}`);
      expect(actual.sort(), type).toEqual(expected.sort());
    }
  });

  it("holds no action beyond the table rows", () => {
    for (const type of SALES_DOCUMENT_TYPES) {
      for (const status of STATUSES_BY_TYPE[type]) {
        const expected = TABLE_ROWS.filter(
          (row) => row[0] === type && row[1] === status && row[3] !== "derived",
        ).map((row) => row[3]);
        expect(actionsInStatus(type, status).sort(), `${type} ${status}`).toEqual(
          [...new Set(expected)].sort(),
        );
      }
    }
  });

  it("names actions in a fixed order", () => {
    expect(actionsInStatus("invoice", "draft")).toEqual(["issue", "submit", "delete"]);
    expect(actionsInStatus("sales_order", "pending")).toEqual([
      "approve",
      "return",
      "withdraw",
      "cancel",
      "delete",
    ]);
    expect(actionsInStatus("quote", "sent")).toEqual([
      "accept",
      "decline",
      "convertToOrderConfirmation",
      "convertToInvoice",
      "delete",
    ]);
  });

  it("marks the conversions with what they create, and which reasons are needed", () => {
    expect(ACTIONS.quote.convertToInvoice?.creates).toBe("invoice");
    expect(ACTIONS.quote.convertToOrderConfirmation?.creates).toBe("order_confirmation");
    expect(ACTIONS.order_confirmation.convertToInvoice?.creates).toBe("invoice");
    expect(ACTIONS.sales_order.transform?.creates).toBe("invoice");
    expect(ACTIONS.invoice.createCreditNote?.creates).toBe("credit_note");
    expect(ACTIONS.invoice.cancelWithDocument?.creates).toBe("cancellation");
    expect(ACTIONS.invoice.cancelWithDocument?.reason).toBe("required");
    expect(ACTIONS.order_confirmation.cancel?.reason).toBe("required");
    expect(ACTIONS.pro_forma.cancel?.reason).toBe("required");
    expect(ACTIONS.quote.decline?.reason).toBe("optional");
    expect(ACTIONS.invoice.issue?.thenDerive).toBe(true);
    expect(ACTIONS.credit_note.approve?.thenDerive).toBe(true);
  });

  it.each<[SalesDocumentType, SalesDocumentStatus, SalesDocumentAction, string]>([
    [
      "invoice",
      "draft",
      "approve",
      'Cannot approve this invoice while it is "draft". Allowed now: issue, submit, delete.',
    ],
    [
      "invoice",
      "paid",
      "cancelWithDocument",
      'Cannot cancel this invoice while it is "paid". Allowed now: create credit note, refund, delete.',
    ],
    [
      "invoice",
      "partial",
      "refund",
      'Cannot refund this invoice while it is "partial". Allowed now: create credit note, delete.',
    ],
    [
      "invoice",
      "cancelled",
      "createCreditNote",
      'Cannot create a credit note for this invoice while it is "cancelled". Allowed now: delete.',
    ],
    [
      "invoice",
      "sent",
      "accept",
      'Cannot accept this invoice while it is "sent". Allowed now: create credit note, cancel (with a cancellation document), delete.',
    ],
    [
      "quote",
      "declined",
      "convertToInvoice",
      'Cannot convert this quote to an invoice while it is "declined". Allowed now: delete.',
    ],
    [
      "quote",
      "draft",
      "accept",
      'Cannot accept this quote while it is "draft". Allowed now: issue, delete.',
    ],
    [
      "order_confirmation",
      "cancelled",
      "convertToInvoice",
      'Cannot convert this order confirmation to an invoice while it is "cancelled". Allowed now: delete.',
    ],
    [
      "sales_order",
      "transformed",
      "cancel",
      'Cannot cancel this sales order while it is "transformed". Allowed now: delete.',
    ],
    [
      "pro_forma",
      "draft",
      "transform",
      'Cannot transform this pro forma while it is "draft". Allowed now: issue, submit, cancel, delete.',
    ],
    [
      "credit_note",
      "sent",
      "cancel",
      'Cannot cancel this credit note while it is "sent". Allowed now: delete.',
    ],
    [
      "cancellation",
      "sent",
      "refund",
      'Cannot refund this cancellation while it is "sent". Allowed now: delete.',
    ],
  ])("%s in %s: %s is refused", (type, status, action, message) => {
    const error = errorFrom(() => assertActionAllowed(type, status, action));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "INVALID_TRANSITION", message });
    expect((error as AppError).details).toEqual({
      type,
      status,
      action,
      allowed: actionsInStatus(type, status),
    });
  });

  it("refuses derived and unlisted status moves through the machine, naming the allowed ones", () => {
    expect(errorFrom(() => STATUS_MACHINES.invoice.assertMove("draft", "paid"))).toMatchObject({
      code: "INVALID_TRANSITION",
      message:
        'Cannot move this invoice from "draft" to "paid". Allowed from "draft": pending, sent.',
    });
    expect(errorFrom(() => STATUS_MACHINES.invoice.assertMove("cancelled", "paid"))).toMatchObject({
      message:
        'Cannot move this invoice from "cancelled" to "paid". Allowed from "cancelled": none (final status).',
    });
    expect(
      errorFrom(() => STATUS_MACHINES.invoice.assertMove("partial", "cancelled")),
    ).toMatchObject({
      message:
        'Cannot move this invoice from "partial" to "cancelled". Allowed from "partial": sent, paid, overdue.',
    });
    expect(errorFrom(() => STATUS_MACHINES.credit_note.assertMove("sent", "draft"))).toMatchObject({
      message:
        'Cannot move this credit note from "sent" to "draft". Allowed from "sent": partial, paid.',
    });
    expect(STATUS_MACHINES.quote.canMove("declined", "accepted")).toBe(false);
    expect(STATUS_MACHINES.cancellation.allowedFrom("sent")).toEqual([]);
  });
});

describe("actionsInStatus for a role", () => {
  it("offers only what the role has every permission for", () => {
    expect(actionsInStatus("invoice", "sent", "finance")).toEqual([
      "createCreditNote",
      "cancelWithDocument",
      "delete",
    ]);
    expect(actionsInStatus("invoice", "paid", "finance")).toEqual([
      "createCreditNote",
      "refund",
      "delete",
    ]);
    // Team leads delete nothing (seed 004).
    expect(actionsInStatus("invoice", "sent", "team_lead")).toEqual([]);
    expect(actionsInStatus("invoice", "draft", "team_member")).toEqual([]);
    // Team leads delete nothing (seed 004's Permissions section): a draft is deleted by finance.
    expect(actionsInStatus("invoice", "draft", "team_lead")).toEqual(["issue", "submit"]);
    expect(actionsInStatus("invoice", "draft", "finance")).toEqual(["issue", "submit", "delete"]);
    // Approving a credit note needs approve and correct; team leads have only the first.
    expect(actionsInStatus("credit_note", "pending", "team_lead")).toEqual([]);
    expect(actionsInStatus("credit_note", "pending", "admin")).toEqual([
      "approve",
      "return",
      "withdraw",
      "delete",
    ]);
    expect(actionsInStatus("sales_order", "sent", "team_lead")).toEqual(["cancel", "transform"]);
  });

  it("offers issue or submit, whichever the threshold calls for", () => {
    expect(actionsInStatus("invoice", "draft", "finance", { approvalRequired: true })).toEqual([
      "submit",
      "delete",
    ]);
    expect(actionsInStatus("invoice", "draft", undefined, { approvalRequired: false })).toEqual([
      "issue",
      "delete",
    ]);
    // Quotes have no approval: issue stays.
    expect(actionsInStatus("quote", "draft", undefined, { approvalRequired: true })).toEqual([
      "issue",
      "delete",
    ]);
  });
});

describe("requiresApproval", () => {
  const approval = (total: string, threshold: string | null, type: SalesDocumentType = "invoice") =>
    requiresApproval({ type, total, threshold });

  it("is off with a null threshold", () => {
    expect(approval("1000000.00", null)).toBe(false);
    expect(requiresApproval({ type: "invoice", total: "5.00", threshold: undefined })).toBe(false);
  });

  it("applies to every document with a threshold of 0", () => {
    expect(approval("0.00", "0")).toBe(true);
    expect(approval("0.01", "0.00")).toBe(true);
  });

  it("holds at the threshold and above, not below", () => {
    expect(approval("5000.00", "5000.00")).toBe(true);
    expect(approval("5000.01", "5000.00")).toBe(true);
    expect(approval("4999.99", "5000.00")).toBe(false);
  });

  it("compares the absolute total of credit notes", () => {
    expect(approval("-5000.00", "5000.00", "credit_note")).toBe(true);
    expect(approval("-4999.99", "5000.00", "credit_note")).toBe(false);
    expect(
      requiresApproval({ type: "credit_note", total: new Decimal("-7000"), threshold: "5000" }),
    ).toBe(true);
  });

  it("applies to sales orders and pro forma, never to quotes, order confirmations or cancellations", () => {
    expect(approval("9000.00", "0", "sales_order")).toBe(true);
    expect(approval("9000.00", "0", "pro_forma")).toBe(true);
    expect(approval("9000.00", "0", "quote")).toBe(false);
    expect(approval("9000.00", "0", "order_confirmation")).toBe(false);
    expect(approval("-9000.00", "0", "cancellation")).toBe(false);
  });
});

describe("assertApprovalRoute", () => {
  it("refuses issuing what needs approval, and submitting what does not", () => {
    expect(
      errorFrom(() =>
        assertApprovalRoute({ type: "invoice", action: "issue", approvalRequired: true }),
      ),
    ).toMatchObject({
      code: "INVALID_TRANSITION",
      message:
        "This invoice needs approval: its total is at or above the approval threshold. Submit it instead.",
    });
    expect(
      errorFrom(() =>
        assertApprovalRoute({ type: "credit_note", action: "submit", approvalRequired: false }),
      ),
    ).toMatchObject({
      message:
        "This credit note needs no approval: its total is below the approval threshold. Issue it directly.",
    });
  });

  it("lets the right route and other types pass", () => {
    expect(() =>
      assertApprovalRoute({ type: "invoice", action: "submit", approvalRequired: true }),
    ).not.toThrow();
    expect(() =>
      assertApprovalRoute({ type: "invoice", action: "issue", approvalRequired: false }),
    ).not.toThrow();
    expect(() =>
      assertApprovalRoute({ type: "quote", action: "issue", approvalRequired: true }),
    ).not.toThrow();
  });
});

describe("assertFourEyes", () => {
  it("refuses approving one's own submission", () => {
    const error = errorFrom(() => assertFourEyes({ submittedById: "u1", approverId: "u1" }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "FORBIDDEN",
      message: "You submitted this document; someone else must approve it.",
    });
  });

  it("lets someone else approve, also when the submitter no longer exists", () => {
    expect(() => assertFourEyes({ submittedById: "u1", approverId: "u2" })).not.toThrow();
    expect(() => assertFourEyes({ submittedById: null, approverId: "u2" })).not.toThrow();
  });
});

describe("resolveStatusRequest", () => {
  it.each<[SalesDocumentType, SalesDocumentStatus, SalesDocumentStatus, SalesDocumentAction]>([
    ["invoice", "draft", "sent", "issue"],
    ["invoice", "draft", "pending", "submit"],
    ["invoice", "pending", "sent", "approve"],
    ["invoice", "pending", "draft", "return"],
    ["invoice", "sent", "cancelled", "cancelWithDocument"],
    ["invoice", "overdue", "cancelled", "cancelWithDocument"],
    ["quote", "draft", "sent", "issue"],
    ["quote", "sent", "accepted", "accept"],
    ["quote", "expired", "accepted", "accept"],
    ["quote", "sent", "declined", "decline"],
    ["order_confirmation", "sent", "cancelled", "cancel"],
    ["sales_order", "draft", "cancelled", "cancel"],
    ["pro_forma", "sent", "transformed", "transform"],
    ["credit_note", "pending", "sent", "approve"],
  ])("%s: %s -> %s is the action %s", (type, from, to, action) => {
    expect(resolveStatusRequest(type, from, to)).toBe(action);
  });

  it("makes pending -> draft a withdrawal for the submitter and a return for anyone else", () => {
    expect(resolveStatusRequest("invoice", "pending", "draft", { isSubmitter: true })).toBe(
      "withdraw",
    );
    expect(resolveStatusRequest("invoice", "pending", "draft", { isSubmitter: false })).toBe(
      "return",
    );
  });

  it.each<[SalesDocumentType, SalesDocumentStatus, SalesDocumentStatus, string]>([
    [
      "invoice",
      "sent",
      "paid",
      'An invoice becomes "paid" from its payments and credit notes: record a payment instead.',
    ],
    [
      "invoice",
      "sent",
      "partial",
      'An invoice becomes "partial" from its payments and credit notes: record a payment instead.',
    ],
    [
      "invoice",
      "sent",
      "overdue",
      'An invoice becomes "overdue" when its due date passes with an amount still open; that status is set by the system.',
    ],
    [
      "invoice",
      "paid",
      "refunded",
      'An invoice becomes "refunded" when what was paid on it is paid back in full: use Refund on the paid invoice instead.',
    ],
    [
      "quote",
      "sent",
      "expired",
      'A quote becomes "expired" when its valid-until date passes; that status is set by the system.',
    ],
    [
      "credit_note",
      "sent",
      "paid",
      'A credit note becomes "paid" as its refund is paid out: record a payment on it instead.',
    ],
  ])("%s: %s -> %s is derived, so refused", (type, from, to, message) => {
    const error = errorFrom(() => resolveStatusRequest(type, from, to));
    expect(error).toMatchObject({ code: "INVALID_TRANSITION", message });
    expect((error as AppError).details).toMatchObject({ derived: true });
  });

  it("names the current status and the allowed moves in every refused status request (seed 004)", () => {
    // Counted, so that a resolveStatusRequest that refused nothing could not pass unchecked.
    let refusals = 0;
    for (const type of SALES_DOCUMENT_TYPES) {
      for (const from of STATUSES_BY_TYPE[type] as readonly SalesDocumentStatus[]) {
        for (const to of SALES_DOCUMENT_STATUSES) {
          let refusal: unknown = null;
          try {
            resolveStatusRequest(type, from, to);
          } catch (error) {
            refusal = error;
          }
          if (refusal === null) continue;
          refusals += 1;
          expect(refusal, `${type} ${from} -> ${to}`).toMatchObject({
            code: "INVALID_TRANSITION",
            details: { status: from, allowed: requestableStatuses(type, from) },
          });
        }
      }
    }
    expect(refusals).toBeGreaterThan(0);
    const route = errorFrom(() =>
      assertApprovalRoute({ type: "invoice", action: "issue", approvalRequired: true }),
    );
    expect((route as AppError).details).toMatchObject({ status: "draft", allowed: ["submit"] });
  });

  it("refuses every derived move of every type", () => {
    for (const type of SALES_DOCUMENT_TYPES) {
      for (const move of DERIVED_MOVES[type]) {
        for (const from of move.from) {
          // sent -> cancelled is also the cancel action (it issues a cancellation document).
          const byPerson = statusMovesOf(type).some(
            (m) => m.from === from && m.to === move.to && m.by !== "derived",
          );
          if (byPerson) continue;
          const error = errorFrom(() => resolveStatusRequest(type, from, move.to));
          expect(error, `${type} ${from} -> ${move.to}`).toMatchObject({
            code: "INVALID_TRANSITION",
          });
          // A derived status says why; a derived move to a person's status (partial -> sent
          // when payments are deleted) is simply not one a person can ask for from there.
          if ((DERIVED_STATUSES as readonly string[]).includes(move.to)) {
            expect((error as AppError).message).toMatch(/record a payment|set by the system/);
          } else {
            expect(requestableStatuses(type, from)).not.toContain(move.to);
          }
        }
      }
    }
  });

  it("refuses a status the type does not have, and the status it already has", () => {
    expect(errorFrom(() => resolveStatusRequest("quote", "sent", "paid"))).toMatchObject({
      code: "INVALID_TRANSITION",
      message:
        'A quote is never "paid". Its statuses are: draft, sent, accepted, declined, expired.',
    });
    expect(
      errorFrom(() => resolveStatusRequest("order_confirmation", "sent", "pending")),
    ).toMatchObject({
      message:
        'An order confirmation is never "pending". Its statuses are: draft, sent, cancelled.',
    });
    expect(errorFrom(() => resolveStatusRequest("invoice", "sent", "sent"))).toMatchObject({
      code: "INVALID_TRANSITION",
      message: 'This invoice is already "sent".',
    });
  });

  it("refuses any other move, naming the statuses a person can ask for", () => {
    expect(errorFrom(() => resolveStatusRequest("invoice", "sent", "draft"))).toMatchObject({
      code: "INVALID_TRANSITION",
      message:
        'Cannot move this invoice from "sent" to "draft". From "sent" it can be moved to: cancelled.',
      details: { type: "invoice", from: "sent", to: "draft", allowed: ["cancelled"] },
    });
    expect(errorFrom(() => resolveStatusRequest("invoice", "partial", "cancelled"))).toMatchObject({
      message:
        'Cannot move this invoice from "partial" to "cancelled". No status can be set by hand from "partial".',
    });
    expect(errorFrom(() => resolveStatusRequest("quote", "declined", "accepted"))).toMatchObject({
      message:
        'Cannot move this quote from "declined" to "accepted". No status can be set by hand from "declined".',
    });
    expect(
      errorFrom(() => resolveStatusRequest("sales_order", "draft", "transformed")),
    ).toMatchObject({
      message:
        'Cannot move this sales order from "draft" to "transformed". From "draft" it can be moved to: pending, sent, cancelled.',
    });
  });

  it("lists the statuses a person can ask for", () => {
    expect(requestableStatuses("invoice", "draft")).toEqual(["pending", "sent"]);
    expect(requestableStatuses("invoice", "pending")).toEqual(["draft", "sent"]);
    // Conversions reach "accepted" too, but accept is the status request.
    expect(requestableStatuses("quote", "accepted")).toEqual([]);
    expect(requestableStatuses("quote", "expired")).toEqual(["accepted"]);
  });
});

describe("assertEditable", () => {
  it("lets drafts change", () => {
    for (const type of SALES_DOCUMENT_TYPES)
      expect(() => assertEditable(type, "draft")).not.toThrow();
  });

  it("refuses anything else and says what to do instead", () => {
    expect(errorFrom(() => assertEditable("invoice", "sent"))).toMatchObject({
      code: "INVALID_TRANSITION",
      message:
        'Only drafts can be changed; this invoice is "sent". Correct it with a credit note or a cancellation.',
    });
    expect(errorFrom(() => assertEditable("invoice", "pending"))).toMatchObject({
      message:
        'Only drafts can be changed; this invoice is "pending". Return or withdraw it to draft first.',
    });
    expect(errorFrom(() => assertEditable("quote", "sent"))).toMatchObject({
      message: 'Only drafts can be changed; this quote is "sent". Only its notes can still change.',
    });
  });
});

describe("resolveDeleteRequest", () => {
  it("removes drafts and soft-deletes every other document; archives any but a draft", () => {
    expect(resolveDeleteRequest("invoice", "draft")).toBe("delete");
    for (const [type, statuses] of Object.entries(STATUSES_BY_TYPE)) {
      for (const status of statuses) {
        if (status === "draft") continue;
        expect(resolveDeleteRequest(type as SalesDocumentType, status), `${type} ${status}`).toBe(
          "softDelete",
        );
        expect(isArchivable(type as SalesDocumentType, status), `${type} ${status}`).toBe(true);
      }
    }
    expect(isArchivable("credit_note", "draft")).toBe(false);
  });
});

describe("allowedActions for a document, its settings and the person asking", () => {
  const invoice = {
    type: "invoice" as const,
    status: "sent" as SalesDocumentStatus,
    total: "200.00",
    paidAmount: "0.00",
    submittedById: null as string | null,
    followUps: [] as { type: SalesDocumentType; status: SalesDocumentStatus; total: string }[],
    source: null,
    customerArchived: false,
  };
  const noThreshold = { invoiceApprovalThreshold: null };
  const finance = { role: "finance" as const, personId: "finance-person" };

  it("lets the submitter withdraw and everyone else approve or return (four-eyes)", () => {
    const pending = { ...invoice, status: "pending" as const, submittedById: "finance-person" };
    expect(allowedActions(pending, noThreshold, finance)).toEqual(["withdraw", "delete"]);
    expect(allowedActions(pending, noThreshold, { role: "admin", personId: "other" })).toEqual([
      "approve",
      "return",
      "delete",
    ]);
    // The system is nobody's submission.
    expect(allowedActions(pending, noThreshold, { personId: null })).toEqual([
      "approve",
      "return",
      "delete",
    ]);
  });

  it("takes the approval route the company's threshold calls for", () => {
    const draft = { ...invoice, status: "draft" as const };
    expect(allowedActions(draft, { invoiceApprovalThreshold: "200.00" }, finance)).toEqual([
      "submit",
      "delete",
    ]);
    expect(allowedActions(draft, { invoiceApprovalThreshold: "200.01" }, finance)).toEqual([
      "issue",
      "delete",
    ]);
    expect(allowedActions({ ...draft, customerArchived: true }, noThreshold, finance)).toEqual([
      "delete",
    ]);
  });

  it("cancels an invoice with a document only while nothing is paid and nothing credited", () => {
    expect(allowedActions(invoice, noThreshold, finance)).toEqual([
      "createCreditNote",
      "cancelWithDocument",
      "delete",
    ]);
    expect(allowedActions({ ...invoice, paidAmount: "0.01" }, noThreshold, finance)).toEqual([
      "createCreditNote",
      "delete",
    ]);
    const withNote = (status: SalesDocumentStatus, total: string) => ({
      ...invoice,
      followUps: [{ type: "credit_note" as const, status, total }],
    });
    // A draft credit note blocks nothing; one past draft blocks the cancellation.
    expect(allowedActions(withNote("draft", "-10.00"), noThreshold, finance)).toContain(
      "cancelWithDocument",
    );
    expect(allowedActions(withNote("pending", "-10.00"), noThreshold, finance)).toEqual([
      "createCreditNote",
      "delete",
    ]);
    // Credited in full (in any status): nothing is left to credit.
    expect(allowedActions(withNote("draft", "-200.00"), noThreshold, finance)).toEqual([
      "cancelWithDocument",
      "delete",
    ]);
  });

  it("refunds a paid invoice that has money to pay back, and allows nothing on a deleted one", () => {
    const paid = { ...invoice, status: "paid" as const, paidAmount: "200.00" };
    expect(allowedActions(paid, noThreshold, finance)).toEqual([
      "createCreditNote",
      "refund",
      "delete",
    ]);
    // A zero invoice is paid by nothing: there is nothing to refund.
    expect(
      allowedActions({ ...paid, total: "0.00", paidAmount: "0.00" }, noThreshold, finance),
    ).not.toContain("refund");
    // Team leads neither correct nor record payments.
    expect(
      allowedActions(paid, noThreshold, { role: "team_lead", personId: "lead" }),
    ).not.toContain("refund");
    expect(allowedActions({ ...paid, deleted: true }, noThreshold, finance)).toEqual([]);
  });

  it("issues a credit note only while its invoice is open to correction", () => {
    const note = {
      ...invoice,
      type: "credit_note" as const,
      status: "draft" as const,
      total: "-10.00",
      source: { type: "invoice" as const, status: "paid" as const },
    };
    expect(allowedActions(note, noThreshold, finance)).toEqual(["issue", "delete"]);
    expect(
      allowedActions(
        { ...note, source: { type: "invoice", status: "cancelled" } },
        noThreshold,
        finance,
      ),
    ).toEqual(["delete"]);
  });

  it("cancels an order confirmation only while no invoice made from it is live", () => {
    const confirmation = { ...invoice, type: "order_confirmation" as const };
    const invoiced = (status: SalesDocumentStatus) => ({
      ...confirmation,
      followUps: [{ type: "invoice" as const, status, total: "200.00" }],
    });
    expect(allowedActions(confirmation, noThreshold, finance)).toContain("cancel");
    expect(allowedActions(invoiced("draft"), noThreshold, finance)).not.toContain("cancel");
    expect(allowedActions(invoiced("cancelled"), noThreshold, finance)).toContain("cancel");
  });

  it("invoices an order once at a time, and a quote through one order confirmation (§5.4a)", () => {
    const confirmation = { ...invoice, type: "order_confirmation" as const };
    const withInvoice = (status: SalesDocumentStatus) => ({
      ...confirmation,
      followUps: [{ type: "invoice" as const, status, total: "200.00" }],
    });
    expect(allowedActions(withInvoice("draft"), noThreshold, finance)).not.toContain(
      "convertToInvoice",
    );
    expect(allowedActions(withInvoice("pending"), noThreshold, finance)).not.toContain(
      "convertToInvoice",
    );
    // An issued one leaves the rest to invoice (over-invoicing is asked for at issue).
    expect(allowedActions(withInvoice("paid"), noThreshold, finance)).toContain("convertToInvoice");
    const quote = { ...invoice, type: "quote" as const, status: "accepted" as const };
    const quoteWith = (type: SalesDocumentType, status: SalesDocumentStatus) => ({
      ...quote,
      followUps: [{ type, status, total: "200.00" }],
    });
    // Deleting (soft, §5.10) stays possible in every case.
    expect(allowedActions(quote, noThreshold, finance)).toEqual([
      "convertToOrderConfirmation",
      "convertToInvoice",
      "delete",
    ]);
    expect(allowedActions(quoteWith("order_confirmation", "draft"), noThreshold, finance)).toEqual([
      "delete",
    ]);
    expect(
      allowedActions(quoteWith("order_confirmation", "cancelled"), noThreshold, finance),
    ).toEqual(["convertToOrderConfirmation", "convertToInvoice", "delete"]);
    expect(allowedActions(quoteWith("invoice", "sent"), noThreshold, finance)).toEqual([
      "convertToInvoice",
      "delete",
    ]);
  });
});

describe("assertSalesDocumentAction refuses what allowedActions leaves out, by the same rules", () => {
  const invoice: ActionDocument = {
    type: "invoice",
    status: "sent",
    total: "200.00",
    paidAmount: "0.00",
    submittedById: null,
    followUps: [],
    source: null,
    customerArchived: false,
    currency: "EUR",
    customerName: "Muster GmbH",
  };
  const noThreshold = { invoiceApprovalThreshold: null };
  const finance = { role: "finance" as const, personId: "finance-person" };
  const keyOf = (document: ActionDocument, actor: typeof finance, action: SalesDocumentAction) => {
    const error = errorFrom(() => assertSalesDocumentAction(document, noThreshold, actor, action));
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).code, key: (error as AppError).appMessage.key };
  };
  /** Every action of the type: offered by allowedActions exactly when the assert lets it through. */
  const agrees = (
    document: ActionDocument,
    actor: { role?: "finance" | "admin"; personId: string | null; soleApprover?: boolean },
  ) => {
    const offered = allowedActions(document, noThreshold, actor);
    for (const action of SALES_DOCUMENT_ACTIONS) {
      let passes = true;
      try {
        assertSalesDocumentAction(document, noThreshold, actor, action);
      } catch {
        passes = false;
      }
      expect(passes, `${document.type} ${document.status} ${action}`).toBe(
        offered.includes(action),
      );
    }
  };

  it("names why a paid or credited invoice is not cancelled, and what it may do instead", () => {
    const paid = { ...invoice, paidAmount: "10.00" };
    const error = errorFrom(() =>
      assertSalesDocumentAction(paid, noThreshold, finance, "cancelWithDocument"),
    ) as AppError;
    expect(error.appMessage.key).toBe("document.paidCannotCancel");
    expect(error.details).toMatchObject({
      status: "sent",
      allowed: ["createCreditNote", "delete"],
    });
    const credited = {
      ...invoice,
      followUps: [
        { type: "credit_note" as const, status: "sent" as const, total: "-10.00", number: "GS-1" },
      ],
    };
    expect(keyOf(credited, finance, "cancelWithDocument")).toEqual({
      code: "INVALID_TRANSITION",
      key: "document.creditedCannotCancel",
    });
    // A draft credit note does not stand in the way.
    const drafted = {
      ...invoice,
      followUps: [{ type: "credit_note" as const, status: "draft" as const, total: "-10.00" }],
    };
    expect(assertSalesDocumentAction(drafted, noThreshold, finance, "cancelWithDocument").to).toBe(
      "cancelled",
    );
    agrees(paid, finance);
    agrees(credited, finance);
  });

  it("refunds only what was paid", () => {
    const paidByNothing = { ...invoice, status: "paid" as const, total: "0.00" };
    expect(keyOf(paidByNothing, finance, "refund").key).toBe("document.nothingToRefund");
    agrees(paidByNothing, finance);
    agrees({ ...paidByNothing, paidAmount: "1.00" }, finance);
  });

  it("keeps four-eyes but for the sole approver, and returns or withdraws by who submitted", () => {
    const pending = { ...invoice, status: "pending" as const, submittedById: "finance-person" };
    expect(keyOf(pending, finance, "approve")).toEqual({
      code: "FORBIDDEN",
      key: "document.ownSubmission",
    });
    const sole = { ...finance, soleApprover: true };
    expect(selfApprovalAllowed(pending, sole)).toBe(true);
    expect(selfApprovalAllowed(pending, finance)).toBe(false);
    expect(selfApprovalAllowed(pending, { ...sole, personId: "other" })).toBe(false);
    expect(assertSalesDocumentAction(pending, noThreshold, sole, "approve").to).toBe("sent");
    expect(backToDraftActionOf(pending, finance)).toBe("withdraw");
    expect(backToDraftActionOf(pending, { personId: "other" })).toBe("return");
    expect(backToDraftActionOf(pending, { personId: null })).toBe("return");
    agrees(pending, finance);
    agrees(pending, sole);
    agrees(pending, { role: "admin", personId: "other" });
  });

  it("gives an archived customer no new business, but corrections", () => {
    const draft = { ...invoice, status: "draft" as const, customerArchived: true };
    expect(keyOf(draft, finance, "issue")).toEqual({
      code: "BAD_REQUEST",
      key: "customer.archived",
    });
    const note = {
      ...draft,
      type: "credit_note" as const,
      total: "-10.00",
      source: { type: "invoice" as const, status: "sent" as const },
    };
    expect(assertSalesDocumentAction(note, noThreshold, finance, "issue").to).toBe("sent");
    agrees(draft, finance);
    agrees(note, finance);
  });

  it("cancels an order confirmation only while no invoice made from it is live", () => {
    const confirmation = {
      ...invoice,
      type: "order_confirmation" as const,
      followUps: [
        { type: "invoice" as const, status: "draft" as const, total: "200.00", number: null },
      ],
    };
    const error = errorFrom(() =>
      assertSalesDocumentAction(confirmation, noThreshold, finance, "cancel"),
    ) as AppError;
    expect(error.appMessage.key).toBe("document.draftFromConfirmation");
    expect(error.details).toMatchObject({
      status: "sent",
      allowed: ["convertToInvoice", "delete"],
    });
    const invoiced = {
      ...confirmation,
      followUps: [
        { type: "invoice" as const, status: "sent" as const, total: "200.00", number: "RE-1" },
      ],
    };
    expect(keyOf(invoiced, finance, "cancel").key).toBe("document.invoiceFromConfirmation");
    agrees(confirmation, finance);
    agrees(invoiced, finance);
    agrees(
      {
        ...confirmation,
        followUps: [{ ...confirmation.followUps[0]!, status: "cancelled" as const }],
      },
      finance,
    );
  });

  it("checks the role's permission and the status first", () => {
    expect(
      keyOf(invoice, { role: "team_member" as never, personId: "x" }, "cancelWithDocument").code,
    ).toBe("FORBIDDEN");
    expect(keyOf(invoice, finance, "approve").code).toBe("INVALID_TRANSITION");
    expect(keyOf({ ...invoice, deleted: true }, finance, "createCreditNote").key).toBe(
      "document.deleted",
    );
  });
});

describe("assertSalesDocumentRecordAction", () => {
  const paid = { type: "invoice" as const, status: "paid" as const, archivedAt: null };
  it("refuses what recordActionsOf leaves out and lets done ones through unchanged", () => {
    expect(() => assertSalesDocumentRecordAction(paid, "team_lead", "archive")).not.toThrow();
    const draft = { ...paid, status: "draft" as const };
    expect(
      (errorFrom(() => assertSalesDocumentRecordAction(draft, "admin", "archive")) as AppError)
        .appMessage.key,
    ).toBe("document.draftNotArchived");
    expect(
      (errorFrom(() => assertSalesDocumentRecordAction(paid, "team_member", "archive")) as AppError)
        .code,
    ).toBe("FORBIDDEN");
    // restoreDeleted needs the delete permission, deleted or not.
    expect(
      (
        errorFrom(() =>
          assertSalesDocumentRecordAction(paid, "team_member", "restoreDeleted"),
        ) as AppError
      ).code,
    ).toBe("FORBIDDEN");
    expect(isRecordActionDone(paid, "restoreDeleted")).toBe(true);
    expect(isRecordActionDone({ ...paid, archivedAt: new Date() }, "archive")).toBe(true);
    const deleted = { ...paid, deletedAt: new Date() };
    expect(
      (errorFrom(() => assertSalesDocumentRecordAction(deleted, "admin", "annotate")) as AppError)
        .appMessage.key,
    ).toBe("document.deleted");
    expect(recordActionsOf(deleted, "admin")).toEqual(["restoreDeleted"]);
  });
});

describe("recordActionsOf", () => {
  it("edits drafts with the type's draft permission, annotates any, archives the finished, restores the archived", () => {
    expect(
      recordActionsOf({ type: "invoice", status: "draft", archivedAt: null }, "team_lead"),
    ).toEqual(["edit", "annotate"]);
    expect(
      recordActionsOf({ type: "credit_note", status: "draft", archivedAt: null }, "team_lead"),
    ).toEqual(["annotate"]);
    expect(
      recordActionsOf({ type: "credit_note", status: "draft", archivedAt: null }, "finance"),
    ).toEqual(["edit", "annotate"]);
    expect(
      recordActionsOf({ type: "invoice", status: "paid", archivedAt: null }, "team_lead"),
    ).toEqual(["annotate", "archive"]);
    // Any document but a draft is archived (seed 004).
    expect(recordActionsOf({ type: "invoice", status: "sent", archivedAt: null }, "admin")).toEqual(
      ["annotate", "archive"],
    );
    expect(
      recordActionsOf({ type: "invoice", status: "pending", archivedAt: null }, "admin"),
    ).toEqual(["annotate", "archive"]);
    // A deleted one is only restored, by whoever may delete.
    expect(
      recordActionsOf(
        { type: "invoice", status: "paid", archivedAt: null, deletedAt: new Date() },
        "finance",
      ),
    ).toEqual(["restoreDeleted"]);
    expect(
      recordActionsOf(
        { type: "invoice", status: "paid", archivedAt: null, deletedAt: new Date() },
        "team_member",
      ),
    ).toEqual([]);
    expect(
      recordActionsOf({ type: "invoice", status: "paid", archivedAt: new Date() }, "finance"),
    ).toEqual(["annotate", "restore"]);
    expect(
      recordActionsOf({ type: "invoice", status: "paid", archivedAt: null }, "team_member"),
    ).toEqual(["annotate"]);
  });
});

describe("the approval policy (§5.1)", () => {
  it("reads a stored policy, and anything it does not know as never", () => {
    expect(invoiceApprovalPolicyOf("always")).toBe("always");
    expect(invoiceApprovalPolicyOf("threshold")).toBe("threshold");
    for (const unknown of ["", "Always", "sometimes", null, undefined]) {
      expect(invoiceApprovalPolicyOf(unknown)).toBe("never");
    }
  });
  it("maps always, threshold and never onto the one threshold the rules compare with", () => {
    expect(effectiveApprovalThreshold("always", "500.00")).toBe("0");
    expect(effectiveApprovalThreshold("never", "500.00")).toBeNull();
    expect(effectiveApprovalThreshold("threshold", "500.00")).toBe("500.00");
    expect(
      requiresApproval({
        type: "invoice",
        total: "0.00",
        threshold: effectiveApprovalThreshold("always", null),
      }),
    ).toBe(true);
  });

  it("reads an old threshold as the policy it meant, as the migration does", () => {
    expect(approvalPolicyOfThreshold(null)).toBe("never");
    expect(approvalPolicyOfThreshold("0.00")).toBe("always");
    expect(approvalPolicyOfThreshold("1000.00")).toBe("threshold");
  });

  it("lets the only person who may approve approve their own submission, nobody else", () => {
    const pending = {
      type: "invoice" as const,
      status: "pending" as const,
      total: "200.00",
      paidAmount: "0.00",
      submittedById: "me",
      followUps: [],
      source: null,
      customerArchived: false,
    };
    const settings = { invoiceApprovalThreshold: "0" };
    expect(allowedActions(pending, settings, { role: "finance", personId: "me" })).toEqual([
      "withdraw",
      "delete",
    ]);
    expect(
      allowedActions(pending, settings, { role: "finance", personId: "me", soleApprover: true }),
    ).toEqual(["approve", "withdraw", "delete"]);
  });

  it("mayApprove is the approve of allowedActions: a credit note needs salesDocument.correct too", () => {
    const note = {
      type: "credit_note" as const,
      status: "pending" as const,
      submittedById: "someone else",
      source: { type: "invoice" as const, status: "sent" as const },
      customerArchived: false,
    };
    expect(mayApprove(note, { role: "finance", personId: "me" })).toBe(true);
    expect(mayApprove(note, { role: "team_lead", personId: "me" })).toBe(false);
    expect(
      mayApprove({ ...note, type: "invoice", source: null }, { role: "team_lead", personId: "me" }),
    ).toBe(true);
    // Its invoice is no longer open to correction.
    const cancelled = {
      ...note,
      source: { type: "invoice" as const, status: "cancelled" as const },
    };
    expect(mayApprove(cancelled, { role: "finance", personId: "me" })).toBe(false);
    // Four-eyes, except for the sole approver.
    const mine = { ...note, submittedById: "me" };
    expect(mayApprove(mine, { role: "finance", personId: "me" })).toBe(false);
    expect(mayApprove(mine, { role: "finance", personId: "me", soleApprover: true })).toBe(true);
    expect(mayApprove({ ...note, deleted: true }, { personId: null })).toBe(false);
  });
});

describe("hasEInvoice", () => {
  it("is for issued invoices, credit notes and cancellations", () => {
    expect(hasEInvoice("invoice", "sent")).toBe(true);
    expect(hasEInvoice("credit_note", "paid")).toBe(true);
    expect(hasEInvoice("cancellation", "sent")).toBe(true);
    expect(hasEInvoice("invoice", "draft")).toBe(false);
    expect(hasEInvoice("invoice", "pending")).toBe(false);
    expect(hasEInvoice("quote", "sent")).toBe(false);
  });
});
