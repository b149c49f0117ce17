import {
  dateFieldsOf,
  isStatusOfType,
  MAX_PAGE_SIZE,
  SALES_DOCUMENT_STATUSES,
  salesDocumentSortSchema,
  type ListSalesDocumentsInput,
  type SalesDocumentFiltersInput,
  type SalesDocumentStatus,
  type SalesDocumentType,
} from "@ledgerline/domain";
import {
  archivedFilter,
  deletedFilter,
  currencyFilter,
  idFilter,
  isoDateFilter,
  rangeInvalid,
} from "../../lib/list-filters.ts";
import { defineListSpec, oneOf, type FilterSpec, type StateOf } from "../../lib/list-state.ts";

/**
 * A document list's URL state: ?q=&status=sent,partial&customerId=&projectId=&from=&to=
 * &overdue=1&archived=&deleted=&sort=&dir=&size=&page=. The type is the list's own (its path),
 * not a filter, so `/invoices` and `/quotes` keep separate states. `deleted=only` lists the
 * soft-deleted documents (§5.10) for those who may delete; for anyone else it is ignored.
 */

/** Several statuses, comma-separated in the URL, each a known status, without repeats. */
export const statusListFilter = (): FilterSpec => ({
  parse: (raw) => {
    const statuses = [...new Set(raw.split(",").map((part) => part.trim()))].filter((part) =>
      (SALES_DOCUMENT_STATUSES as readonly string[]).includes(part),
    );
    return statuses.length > 0 ? statuses.join(",") : undefined;
  },
});

export const documentListSpec = defineListSpec({
  sortKeys: salesDocumentSortSchema.options,
  defaultSortBy: "createdAt",
  defaultSortDirection: "desc",
  filters: {
    status: statusListFilter(),
    customerId: idFilter(),
    projectId: idFilter(),
    from: isoDateFilter(),
    to: isoDateFilter(),
    /** Seed 004's filters: currency, due-date range, the invoice group. */
    currency: currencyFilter(),
    dueFrom: isoDateFilter(),
    dueTo: isoDateFilter(),
    groupId: idFilter(),
    overdue: oneOf(["1"]),
    archived: archivedFilter(),
    deleted: deletedFilter(),
  },
});

export type DocumentListState = StateOf<typeof documentListSpec>;

/** The statuses a list filter holds, only those the type has. */
export function statusesOf(
  value: string | undefined,
  type: SalesDocumentType,
): SalesDocumentStatus[] {
  if (!value) return [];
  return value
    .split(",")
    .filter((status): status is SalesDocumentStatus => isStatusOfType(type, status));
}

/** The filter's value after toggling one status (undefined: no status filter). */
export function toggleStatus(
  value: string | undefined,
  status: SalesDocumentStatus,
  type: SalesDocumentType,
): string | undefined {
  const current = statusesOf(value, type);
  const next = current.includes(status)
    ? current.filter((other) => other !== status)
    : [...current, status];
  return next.length > 0 ? next.join(",") : undefined;
}

/** What a list state of `type` selects: `salesDocuments.selectionTotals` is asked for this. */
export function documentFiltersInput(
  state: DocumentListState,
  type: SalesDocumentType,
  options: { mayDelete?: boolean } = {},
): SalesDocumentFiltersInput {
  const { status, customerId, projectId, from, to, overdue, archived, deleted } = state.filters;
  const { currency, dueFrom, dueTo, groupId } = state.filters;
  const statuses = statusesOf(status, type);
  // An end before the start is a typing slip, not a wish for an error: the range is dropped at its end.
  const dateTo = from && to && to < from ? undefined : to;
  return {
    type,
    ...(statuses.length > 0 ? { status: statuses } : {}),
    ...(customerId ? { customerId } : {}),
    ...(projectId ? { projectId } : {}),
    ...(from ? { dateFrom: from } : {}),
    ...(dateTo ? { dateTo } : {}),
    ...(currency ? { currency } : {}),
    ...(dateFieldsOf(type).dueDate && dueFrom ? { dueFrom } : {}),
    ...(dateFieldsOf(type).dueDate && dueTo && !rangeInvalid(dueFrom, dueTo) ? { dueTo } : {}),
    ...(type === "invoice" && groupId ? { invoiceGroupId: groupId } : {}),
    ...(state.search.trim() ? { search: state.search.trim() } : {}),
    overdueOnly: overdue === "1",
    archived: archived ?? "active",
    ...(options.mayDelete && deleted === "only" ? { deleted: "only" as const } : {}),
  };
}

/** What `salesDocuments.list` is asked for a list state of `type`: its filters, order and page. */
export function documentListInput(
  state: DocumentListState,
  type: SalesDocumentType,
  options: { mayDelete?: boolean } = {},
): ListSalesDocumentsInput {
  return {
    ...documentFiltersInput(state, type, options),
    sortBy: state.sortBy,
    sortDirection: state.sortDirection,
    page: state.page,
    pageSize: Math.min(state.pageSize, MAX_PAGE_SIZE),
  };
}
