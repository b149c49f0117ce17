import {
  INVOICE_GROUP_STATUSES,
  invoiceGroupSortSchema,
  MAX_PAGE_SIZE,
  type ListInvoiceGroupsInput,
} from "@ledgerline/domain";
import {
  archivedFilter,
  deletedFilter,
  currencyFilter,
  idFilter,
  isoDateFilter,
  rangeInvalid,
} from "../../lib/list-filters.ts";
import { defineListSpec, oneOf, type StateOf } from "../../lib/list-state.ts";

/**
 * The invoice-group list's URL state (seed 004's filters): ?status=&customerId=&currency=
 * &invoiceFrom=&invoiceTo=&dueFrom=&dueTo=&archived=&deleted=&sort=&dir=&size=&page=. As on the
 * purchase-order list, `archived` shows the archive and `deleted=only` the soft-deleted groups
 * (admin and finance, who may restore them).
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
    archived: archivedFilter(),
    deleted: deletedFilter(),
  },
});

export type InvoiceGroupListState = StateOf<typeof invoiceGroupListSpec>;

/**
 * What `invoiceGroups.list` is asked for a list state. The deleted groups are asked for only by
 * someone who may see them (`mayDelete`); for anyone else `deleted=only` in an old link is ignored.
 */
export function invoiceGroupListInput(
  state: InvoiceGroupListState,
  { mayDelete }: { mayDelete: boolean },
): ListInvoiceGroupsInput {
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
    archived: f.archived ?? "active",
    ...(mayDelete && f.deleted === "only" ? { deleted: "only" } : {}),
    sortBy: state.sortBy,
    sortDirection: state.sortDirection,
    page: state.page,
    pageSize: Math.min(state.pageSize, MAX_PAGE_SIZE),
  };
}
