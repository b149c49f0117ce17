import {
  INVOICE_GROUP_STATUSES,
  invoiceGroupSortSchema,
  MAX_PAGE_SIZE,
  type ListInvoiceGroupsInput,
} from "@ledgerline/domain";
import { currencyFilter, idFilter, isoDateFilter, rangeInvalid } from "../../lib/list-filters.ts";
import { defineListSpec, oneOf, type StateOf } from "../../lib/list-state.ts";

/**
 * The invoice-group list's URL state (seed 004's filters): ?status=&customerId=&currency=
 * &invoiceFrom=&invoiceTo=&dueFrom=&dueTo=&sort=&dir=&size=&page=.
 */
export const invoiceGroupListSpec = defineListSpec({
  sortKeys: invoiceGroupSortSchema.options,
  defaultSortBy: "createdAt",
  defaultSortDirection: "desc",
  filters: {
    status: oneOf(INVOICE_GROUP_STATUSES),
    customerId: idFilter(),
    currency: currencyFilter(),
    invoiceFrom: isoDateFilter(),
    invoiceTo: isoDateFilter(),
    dueFrom: isoDateFilter(),
    dueTo: isoDateFilter(),
  },
});

export type InvoiceGroupListState = StateOf<typeof invoiceGroupListSpec>;

/** What `invoiceGroups.list` is asked for a list state. */
export function invoiceGroupListInput(state: InvoiceGroupListState): ListInvoiceGroupsInput {
  const f = state.filters;
  return {
    ...(f.status ? { status: f.status } : {}),
    ...(f.customerId ? { customerId: f.customerId } : {}),
    ...(f.currency ? { currency: f.currency } : {}),
    ...(f.invoiceFrom ? { invoiceDateFrom: f.invoiceFrom } : {}),
    ...(f.invoiceTo && !rangeInvalid(f.invoiceFrom, f.invoiceTo)
      ? { invoiceDateTo: f.invoiceTo }
      : {}),
    ...(f.dueFrom ? { dueDateFrom: f.dueFrom } : {}),
    ...(f.dueTo && !rangeInvalid(f.dueFrom, f.dueTo) ? { dueDateTo: f.dueTo } : {}),
    sortBy: state.sortBy,
    sortDirection: state.sortDirection,
    page: state.page,
    pageSize: Math.min(state.pageSize, MAX_PAGE_SIZE),
  };
}
