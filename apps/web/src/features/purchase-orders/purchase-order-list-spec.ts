import {
  MAX_PAGE_SIZE,
  PURCHASE_ORDER_APPROVAL_STATES,
  PURCHASE_ORDER_STATUSES,
  purchaseOrderSortSchema,
  type ListPurchaseOrdersInput,
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
 * The purchase-order list's URL state (seed 004's filters): ?q=&status=&projectId=&supplierId=
 * &managerId=&orderFrom=&orderTo=&dueFrom=&dueTo=&currency=&approval=&archived=&deleted=&sort=
 * &dir=&size=&page=. The search box searches BE numbers; `deleted=only` lists the soft-deleted
 * POs (admin and finance, who may restore them).
 */
export const purchaseOrderListSpec = defineListSpec({
  sortKeys: purchaseOrderSortSchema.options,
  defaultSortBy: "createdAt",
  defaultSortDirection: "desc",
  filters: {
    status: oneOf(PURCHASE_ORDER_STATUSES),
    projectId: idFilter(),
    supplierId: idFilter(),
    managerId: idFilter(),
    orderFrom: isoDateFilter(),
    orderTo: isoDateFilter(),
    dueFrom: isoDateFilter(),
    dueTo: isoDateFilter(),
    currency: currencyFilter(),
    approval: oneOf(PURCHASE_ORDER_APPROVAL_STATES),
    archived: archivedFilter(),
    deleted: deletedFilter(),
  },
});

export type PurchaseOrderListState = StateOf<typeof purchaseOrderListSpec>;

/**
 * What `purchaseOrders.list` is asked for a list state. The deleted POs are asked for only by
 * someone who may see them (`mayDelete`); for anyone else `deleted=only` in an old link is ignored.
 */
export function purchaseOrderListInput(
  state: PurchaseOrderListState,
  { mayDelete }: { mayDelete: boolean },
): ListPurchaseOrdersInput {
  const f = state.filters;
  const search = state.search.trim();
  return {
    ...(search ? { search } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.projectId ? { projectId: f.projectId } : {}),
    ...(f.supplierId ? { supplierId: f.supplierId } : {}),
    ...(f.managerId ? { projectManagerId: f.managerId } : {}),
    ...(f.orderFrom ? { orderDateFrom: f.orderFrom } : {}),
    ...(f.orderTo && !rangeInvalid(f.orderFrom, f.orderTo) ? { orderDateTo: f.orderTo } : {}),
    ...(f.dueFrom ? { dueDateFrom: f.dueFrom } : {}),
    ...(f.dueTo && !rangeInvalid(f.dueFrom, f.dueTo) ? { dueDateTo: f.dueTo } : {}),
    ...(f.currency ? { currency: f.currency } : {}),
    ...(f.approval ? { approval: f.approval } : {}),
    archived: f.archived ?? "active",
    ...(mayDelete && f.deleted === "only" ? { deleted: "only" } : {}),
    sortBy: state.sortBy,
    sortDirection: state.sortDirection,
    page: state.page,
    pageSize: Math.min(state.pageSize, MAX_PAGE_SIZE),
  };
}
