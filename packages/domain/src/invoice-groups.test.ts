import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { compareByLanguage } from "./line-order.ts";
import {
  assertInvoiceGroupAction,
  INVOICE_GROUP_MACHINE,
  INVOICE_GROUP_STATUSES,
  invoiceGroupAllowedActions,
  invoiceGroupIsPaid,
  invoiceGroupMembershipProblem,
  invoiceGroupStatusFollowing,
  invoiceGroupTotalsOf,
  resolveInvoiceGroupDeleteRequest,
  type InvoiceGroupStatus,
  isInvoiceGroupFieldEditable,
} from "./invoice-groups.ts";
import { ROLES } from "./roles.ts";
import type { SalesDocumentStatus } from "./sales-documents.ts";

/** The moves of the group machine, written out: changing them takes an edit here too. */
const MOVES: Record<InvoiceGroupStatus, InvoiceGroupStatus[]> = {
  draft: ["issued"],
  issued: ["paid", "cancelled"],
  paid: ["issued"],
  cancelled: [],
};

const caught = (work: () => void) => {
  try {
    work();
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected a refusal");
};

describe("the invoice group machine", () => {
  for (const from of INVOICE_GROUP_STATUSES) {
    for (const to of INVOICE_GROUP_STATUSES) {
      const allowed = MOVES[from].includes(to);
      it(`${from} → ${to} is ${allowed ? "allowed" : "refused naming the allowed moves"}`, () => {
        if (allowed) {
          expect(() => INVOICE_GROUP_MACHINE.assertMove(from, to)).not.toThrow();
          return;
        }
        const error = caught(() => INVOICE_GROUP_MACHINE.assertMove(from, to));
        expect(error).toBeInstanceOf(AppError);
        expect(error.code).toBe("INVALID_TRANSITION");
        expect(error.details).toEqual({ status: from, from, to, allowed: MOVES[from] });
      });
    }
  }
});

describe("membership", () => {
  const group = { id: "g1", customerId: "c1", currency: "EUR" };
  const invoice = {
    type: "invoice" as const,
    status: "sent" as const,
    customerId: "c1",
    currency: "EUR",
    groupId: null,
  };
  it("takes an issued invoice of the same customer and currency in no group", () => {
    expect(invoiceGroupMembershipProblem(group, invoice)).toBeNull();
    for (const status of ["partial", "overdue", "paid"] as const)
      expect(invoiceGroupMembershipProblem(group, { ...invoice, status })).toBeNull();
  });
  it.each([
    [{ customerId: "c2" }, "invoiceGroup.otherCustomer"],
    [{ currency: "CHF" }, "invoiceGroup.otherCurrency"],
    [{ groupId: "g2" }, "invoiceGroup.inAnotherGroup"],
    [{ groupId: "g1" }, "invoiceGroup.alreadyInThisGroup"],
    [{ status: "draft" }, "invoiceGroup.invoiceNotIssued"],
    [{ status: "pending" }, "invoiceGroup.invoiceNotIssued"],
    [{ status: "cancelled" }, "invoiceGroup.invoiceNotIssued"],
    [{ status: "refunded" }, "invoiceGroup.invoiceNotIssued"],
    [{ type: "credit_note" }, "invoiceGroup.notAnInvoice"],
  ] as const)("refuses %o with %s", (change, key) => {
    expect(invoiceGroupMembershipProblem(group, { ...invoice, ...change })?.key).toBe(key);
  });
});

describe("the paid state follows the invoices", () => {
  it.each([
    [[], false],
    [["paid"], true],
    [["paid", "paid", "paid"], true],
    [["paid", "sent"], false],
    [["paid", "partial"], false],
    [["paid", "overdue"], false],
    [["paid", "cancelled"], true],
    [["refunded", "paid"], true],
    [["cancelled"], false],
  ] as const)("%o → paid: %s", (statuses, paid) => {
    expect(invoiceGroupIsPaid(statuses)).toBe(paid);
    expect(invoiceGroupStatusFollowing("issued", statuses)).toBe(paid ? "paid" : "issued");
    expect(invoiceGroupStatusFollowing("paid", statuses)).toBe(paid ? "paid" : "issued");
  });
  it("leaves drafts and cancelled groups as they are", () => {
    expect(invoiceGroupStatusFollowing("draft", ["paid"])).toBe("draft");
    expect(invoiceGroupStatusFollowing("cancelled", ["paid"])).toBe("cancelled");
  });
});

describe("totals", () => {
  const invoice = (
    total: string,
    paidAmount: string,
    status: SalesDocumentStatus = "sent",
    creditedAmount = "0",
  ) => ({
    currency: "EUR",
    netAmount: total,
    taxAmount: "0",
    total,
    paidAmount,
    creditedAmount,
    status,
  });
  it("are the sums of the invoices per currency, exactly", () => {
    const [total] = invoiceGroupTotalsOf([
      invoice("0.10", "0"),
      invoice("0.20", "0.20"),
      invoice("100.00", "120.00"),
    ]);
    expect(total!.total.toFixed(2)).toBe("100.30");
    expect(total!.paidAmount.toFixed(2)).toBe("120.20");
    // The overpaid invoice owes nothing, and does not lower what the others owe.
    expect(total!.openAmount.toFixed(2)).toBe("0.10");
    expect(invoiceGroupTotalsOf([])).toEqual([]);
  });
  it("owe what the invoices owe: credit notes lower it, a cancelled invoice owes nothing", () => {
    const [total] = invoiceGroupTotalsOf([
      // 100.00 credited by 30.00 and paid 70.00: settled (stored paid), nothing open.
      invoice("100.00", "70.00", "paid", "30.00"),
      // 50.00 credited by 10.00, paid 15.00: 25.00 open, not 35.00.
      invoice("50.00", "15.00", "partial", "10.00"),
      invoice("20.00", "0", "cancelled"),
    ]);
    expect(total!.openAmount.toFixed(2)).toBe("25.00");
    expect(total!.paidAmount.toFixed(2)).toBe("85.00");
  });
});

describe("deleting", () => {
  it("removes a draft for good and soft-deletes every other group (GoBD)", () => {
    for (const status of INVOICE_GROUP_STATUSES) {
      expect(resolveInvoiceGroupDeleteRequest(status)).toBe(
        status === "draft" ? "delete" : "softDelete",
      );
    }
  });
});

describe("what a person may do", () => {
  const facts = (status: InvoiceGroupStatus, invoiceCount: number, extra = {}) => ({
    status,
    invoiceCount,
    archivedAt: null,
    deletedAt: null,
    ...extra,
  });
  it("only a draft is edited; issuing needs an invoice; only finance and admin delete", () => {
    for (const role of ROLES) {
      const actions = invoiceGroupAllowedActions(facts("draft", 1), role);
      if (role === "team_member") expect(actions).toEqual([]);
      else
        expect(actions).toEqual(
          role === "team_lead"
            ? ["issue", "edit", "addInvoice", "removeInvoice"]
            : ["issue", "edit", "addInvoice", "removeInvoice", "delete"],
        );
    }
    expect(invoiceGroupAllowedActions(facts("draft", 0), "admin")).toEqual([
      "edit",
      "addInvoice",
      "delete",
    ]);
  });
  it("archives and soft-deletes any group but a draft; team leads archive but delete nothing", () => {
    expect(invoiceGroupAllowedActions(facts("issued", 2), "admin")).toEqual([
      "cancel",
      "archive",
      "delete",
    ]);
    expect(invoiceGroupAllowedActions(facts("paid", 2), "finance")).toEqual(["archive", "delete"]);
    expect(invoiceGroupAllowedActions(facts("cancelled", 2), "team_lead")).toEqual(["archive"]);
    expect(invoiceGroupAllowedActions(facts("issued", 2), "team_member")).toEqual([]);
  });
  it("a deleted group is only restored, by admin and finance; an archived one only restored", () => {
    const deleted = facts("issued", 2, { deletedAt: new Date() });
    expect(invoiceGroupAllowedActions(deleted, "finance")).toEqual(["restoreDeleted"]);
    expect(invoiceGroupAllowedActions(deleted, "team_lead")).toEqual([]);
    expect(caught(() => assertInvoiceGroupAction(deleted, "cancel", "admin")).appMessage.key).toBe(
      "invoiceGroup.deleted",
    );
    expect(
      caught(() => assertInvoiceGroupAction(deleted, "restoreDeleted", "team_lead")).code,
    ).toBe("FORBIDDEN");
    const archived = facts("paid", 2, { archivedAt: new Date() });
    expect(invoiceGroupAllowedActions(archived, "team_lead")).toEqual(["restore"]);
    expect(invoiceGroupAllowedActions(archived, "team_member")).toEqual([]);
    expect(caught(() => assertInvoiceGroupAction(archived, "delete", "admin")).appMessage.key).toBe(
      "invoiceGroup.archived",
    );
    expect(
      caught(() => assertInvoiceGroupAction(facts("draft", 1), "archive", "admin")).appMessage.key,
    ).toBe("invoiceGroup.draftNotArchived");
    expect(
      caught(() => assertInvoiceGroupAction(facts("issued", 1), "restoreDeleted", "admin"))
        .appMessage.key,
    ).toBe("invoiceGroup.notDeleted");
  });
  it("refuses by role, by move and by lock", () => {
    expect(
      caught(() => assertInvoiceGroupAction(facts("draft", 1), "delete", "team_lead")).code,
    ).toBe("FORBIDDEN");
    expect(
      caught(() => assertInvoiceGroupAction(facts("issued", 1), "delete", "team_lead")).code,
    ).toBe("FORBIDDEN");
    expect(caught(() => assertInvoiceGroupAction(facts("paid", 1), "cancel", "admin")).code).toBe(
      "INVALID_TRANSITION",
    );
    expect(
      caught(() => assertInvoiceGroupAction(facts("issued", 1), "edit", "admin")).appMessage.key,
    ).toBe("invoiceGroup.notDraft");
  });
});

describe("language-based ordering (seed 004)", () => {
  it("puts lines without a target language first, then by item type and languages", () => {
    const line = (
      position: number,
      itemType: string,
      targetLanguage: string | null,
      sourceLanguage: string | null = "en",
    ) => ({
      position,
      itemType,
      targetLanguage,
      sourceLanguage,
    });
    const lines = [
      line(1, "language_pair", "fr"),
      line(2, "language_pair", "de"),
      line(3, "other", null, null),
      line(4, "additional_item", "de"),
    ];
    expect([...lines].sort(compareByLanguage).map((l) => l.position)).toEqual([3, 4, 2, 1]);
  });
});

describe("isInvoiceGroupFieldEditable", () => {
  it("holds the customer and currency fixed while the group holds invoices", () => {
    for (const field of ["customerId", "currency"]) {
      expect(isInvoiceGroupFieldEditable(field, { invoiceCount: 0 }), field).toBe(true);
      expect(isInvoiceGroupFieldEditable(field, { invoiceCount: 1 }), field).toBe(false);
    }
    expect(isInvoiceGroupFieldEditable("notes", { invoiceCount: 3 })).toBe(true);
  });
});
