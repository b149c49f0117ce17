import {
  EXPENSE_CATEGORIES,
  expenseSortSchema,
  MAX_PAGE_SIZE,
  type GetExpenseKpisInput,
  type ListExpensesInput,
} from "@ledgerline/domain";
import { idFilter, isoDateFilter } from "../../lib/list-filters.ts";
import { defineListSpec, oneOf, type StateOf } from "../../lib/list-state.ts";

/** Yes / no filters (billable, invoiced): off unless one is chosen. */
export const YES_NO = ["yes", "no"] as const;

/**
 * The expense list's URL state: ?q=&category=&projectId=&from=&to=&billable=&invoiced=
 * &sort=&dir=&size=&page=. The search box searches titles.
 */
export const expenseListSpec = defineListSpec({
  sortKeys: expenseSortSchema.options,
  defaultSortBy: "expenseDate",
  defaultSortDirection: "desc",
  filters: {
    category: oneOf(EXPENSE_CATEGORIES),
    projectId: idFilter(),
    from: isoDateFilter(),
    to: isoDateFilter(),
    billable: oneOf(YES_NO),
    invoiced: oneOf(YES_NO),
  },
});

export type ExpenseListState = StateOf<typeof expenseListSpec>;

const yesNo = (value: string | undefined): boolean | undefined =>
  value === "yes" ? true : value === "no" ? false : undefined;

/** True when the date range ends before it starts (the end is then not applied). */
export const isDateRangeInvalid = ({ from, to }: ExpenseListState["filters"]): boolean =>
  Boolean(from && to && to < from);

/** The filters as `expenses.kpis` (and the list) take them; the same for both. */
export function expenseFilterInput(state: ExpenseListState): GetExpenseKpisInput {
  const { category, projectId, from, to, billable, invoiced } = state.filters;
  const title = state.search.trim();
  const isBillable = yesNo(billable);
  const isInvoiced = yesNo(invoiced);
  return {
    ...(title ? { title } : {}),
    ...(category ? { category } : {}),
    ...(projectId ? { projectId } : {}),
    ...(from ? { fromDate: from } : {}),
    // An end before the start is a typing slip: the range is dropped at its end.
    ...(to && !isDateRangeInvalid(state.filters) ? { toDate: to } : {}),
    ...(isBillable === undefined ? {} : { isBillable }),
    ...(isInvoiced === undefined ? {} : { invoiced: isInvoiced }),
  };
}

/** What `expenses.list` is asked for a list state. */
export function expenseListInput(state: ExpenseListState): ListExpensesInput {
  return {
    ...expenseFilterInput(state),
    sortBy: state.sortBy,
    sortDirection: state.sortDirection,
    page: state.page,
    pageSize: Math.min(state.pageSize, MAX_PAGE_SIZE),
  };
}
