import { listSalesDocumentsInputSchema } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { parseListState, serializeListState } from "../../lib/list-state.ts";
import {
  documentListInput,
  documentListSpec,
  statusesOf,
  toggleStatus,
} from "./document-list-spec.ts";

const CUSTOMER_ID = "7f1c9a8e-3b2d-4c5e-9f6a-1b2c3d4e5f60";
const stateOf = (query: string) => parseListState(new URLSearchParams(query), documentListSpec);

describe("the document list's URL state", () => {
  it("keeps several statuses, dates and flags, and writes them back", () => {
    const state = stateOf(
      `status=sent,partial,nonsense,sent&customerId=${CUSTOMER_ID.toUpperCase()}&from=2026-01-01&to=2026-02-30&overdue=1&sort=total&dir=asc&size=50&page=2`,
    );
    expect(state.filters).toMatchObject({
      status: "sent,partial",
      customerId: CUSTOMER_ID,
      from: "2026-01-01",
      to: undefined,
      overdue: "1",
      archived: "active",
    });
    expect(serializeListState(state, documentListSpec)).toBe(
      `?status=sent%2Cpartial&customerId=${CUSTOMER_ID}&from=2026-01-01&overdue=1&sort=total&dir=asc&size=50&page=2`,
    );
  });

  it("toggles statuses, only those the type has", () => {
    expect(toggleStatus(undefined, "paid", "invoice")).toBe("paid");
    expect(toggleStatus("paid", "overdue", "invoice")).toBe("paid,overdue");
    expect(toggleStatus("paid,overdue", "paid", "invoice")).toBe("overdue");
    expect(toggleStatus("overdue", "overdue", "invoice")).toBeUndefined();
    expect(statusesOf("accepted,paid", "quote")).toEqual(["accepted"]);
  });

  it("asks the API for what it accepts", () => {
    const state = stateOf(
      `q=%20RE-2026%20&status=sent,accepted&customerId=${CUSTOMER_ID}&overdue=1`,
    );
    const input = documentListInput(state, "invoice");
    expect(input).toEqual({
      type: "invoice",
      status: ["sent"],
      customerId: CUSTOMER_ID,
      search: "RE-2026",
      overdueOnly: true,
      archived: "active",
      sortBy: "createdAt",
      sortDirection: "desc",
      page: 1,
      pageSize: 25,
    });
    expect(listSalesDocumentsInputSchema.safeParse(input).success).toBe(true);
  });

  it("asks for the deleted documents only for someone who may delete", () => {
    const state = stateOf("deleted=only");
    expect(state.filters.deleted).toBe("only");
    expect(documentListInput(state, "invoice", { mayDelete: true })).toMatchObject({
      deleted: "only",
    });
    expect(documentListInput(state, "invoice")).not.toHaveProperty("deleted");
    expect(serializeListState(state, documentListSpec)).toBe("?deleted=only");
    expect(stateOf("deleted=everything").filters.deleted).toBe("hidden");
  });

  it("asks for seed 004's currency, due-date range and group where the type has them", () => {
    const GROUP_ID = "1d5a3e2c-7f6b-4a9c-8d0e-5f6a7b8c9da4";
    const state = stateOf(
      `currency=chf&dueFrom=2026-01-01&dueTo=2026-03-31&groupId=${GROUP_ID.toUpperCase()}`,
    );
    expect(state.filters).toMatchObject({ currency: "CHF", groupId: GROUP_ID });
    const invoices = documentListInput(state, "invoice");
    expect(invoices).toMatchObject({
      currency: "CHF",
      dueFrom: "2026-01-01",
      dueTo: "2026-03-31",
      invoiceGroupId: GROUP_ID,
    });
    expect(listSalesDocumentsInputSchema.safeParse(invoices).success).toBe(true);
    // Quotes have no due date and are in no group; a due range ending before it starts is a slip.
    const quotes = documentListInput(state, "quote");
    expect(quotes).toMatchObject({ currency: "CHF" });
    expect(quotes).not.toHaveProperty("dueFrom");
    expect(quotes).not.toHaveProperty("invoiceGroupId");
    expect(
      documentListInput(stateOf("dueFrom=2026-03-01&dueTo=2026-02-01"), "invoice"),
    ).not.toHaveProperty("dueTo");
  });

  it("drops an end date before the start rather than asking for an error", () => {
    const input = documentListInput(stateOf("from=2026-03-01&to=2026-02-01"), "quote");
    expect(input).toMatchObject({ dateFrom: "2026-03-01" });
    expect(input).not.toHaveProperty("dateTo");
    expect(listSalesDocumentsInputSchema.safeParse(input).success).toBe(true);
  });
});
