import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "@ledgerline/domain";

/**
 * The state of a list screen (search, filters, sort, page) and its place in the URL's query
 * string. Parsing never throws: a hand-edited or outdated link falls back to defaults field by
 * field, and serialising leaves defaults out so links stay short.
 */
export type SortDirection = "asc" | "desc";

/** The page sizes people can choose, never above what the API allows. */
export const PAGE_SIZE_CHOICES = [25, 50, 100].filter((size) => size <= MAX_PAGE_SIZE);

export interface FilterSpec<TValue extends string = string> {
  /** The value if `raw` is acceptable, else undefined (the filter is then off or at its fallback). */
  parse: (raw: string) => TValue | undefined;
  /** The value when the URL names none; left out of the URL. */
  fallback?: TValue;
}

export interface ListSpec<TSort extends string, TFilters extends Record<string, FilterSpec>> {
  sortKeys: readonly TSort[];
  defaultSortBy: TSort;
  defaultSortDirection: SortDirection;
  filters: TFilters;
}

type FilterValues<TFilters extends Record<string, FilterSpec>> = {
  [K in keyof TFilters]: TFilters[K] extends FilterSpec<infer V> ? V | undefined : never;
};

export interface ListState<TSort extends string, TFilters extends Record<string, FilterSpec>> {
  search: string;
  page: number;
  pageSize: number;
  sortBy: TSort;
  sortDirection: SortDirection;
  filters: FilterValues<TFilters>;
}

export type AnyListSpec = ListSpec<string, Record<string, FilterSpec>>;
export type StateOf<S> =
  S extends ListSpec<infer TSort, infer TFilters> ? ListState<TSort, TFilters> : never;

/** A filter that takes one of a fixed set of values. */
export function oneOf<const TValue extends string>(
  values: readonly TValue[],
  fallback?: TValue,
): FilterSpec<TValue> {
  return {
    parse: (raw) => ((values as readonly string[]).includes(raw) ? (raw as TValue) : undefined),
    ...(fallback === undefined ? {} : { fallback }),
  };
}

/** A filter whose value must match a pattern (ids, country codes). */
export function matching(
  pattern: RegExp,
  normalise: (raw: string) => string = (raw) => raw,
): FilterSpec {
  return {
    parse: (raw) => {
      const value = normalise(raw.trim());
      return pattern.test(value) ? value : undefined;
    },
  };
}

const positiveInteger = (raw: string | null): number | undefined => {
  if (raw === null || !/^\d{1,6}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= 1 ? value : undefined;
};

export function parseListState<TSort extends string, TFilters extends Record<string, FilterSpec>>(
  params: URLSearchParams,
  spec: ListSpec<TSort, TFilters>,
): ListState<TSort, TFilters> {
  const sortBy = params.get("sort");
  const direction = params.get("dir");
  const pageSize = positiveInteger(params.get("size"));
  const filters = {} as Record<string, string | undefined>;
  for (const [name, filter] of Object.entries(spec.filters)) {
    const raw = params.get(name);
    filters[name] = (raw === null ? undefined : filter.parse(raw)) ?? filter.fallback;
  }
  return {
    search: (params.get("q") ?? "").slice(0, 200),
    page: positiveInteger(params.get("page")) ?? 1,
    pageSize:
      pageSize !== undefined && PAGE_SIZE_CHOICES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    sortBy:
      sortBy !== null && (spec.sortKeys as readonly string[]).includes(sortBy)
        ? (sortBy as TSort)
        : spec.defaultSortBy,
    sortDirection:
      direction === "asc" || direction === "desc" ? direction : spec.defaultSortDirection,
    filters: filters as FilterValues<TFilters>,
  };
}

/** The query string for a state ("" when everything is at its default), with a leading "?". */
export function serializeListState<
  TSort extends string,
  TFilters extends Record<string, FilterSpec>,
>(state: ListState<TSort, TFilters>, spec: ListSpec<TSort, TFilters>): string {
  const params = new URLSearchParams();
  const search = state.search.trim();
  if (search) params.set("q", search);
  for (const [name, filter] of Object.entries(spec.filters)) {
    const value = (state.filters as Record<string, string | undefined>)[name];
    if (value !== undefined && value !== filter.fallback) params.set(name, value);
  }
  if (state.sortBy !== spec.defaultSortBy) params.set("sort", state.sortBy);
  if (state.sortDirection !== spec.defaultSortDirection) params.set("dir", state.sortDirection);
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set("size", String(state.pageSize));
  if (state.page !== 1) params.set("page", String(state.page));
  const query = params.toString();
  return query ? `?${query}` : "";
}

export type ListChanges<
  TSort extends string,
  TFilters extends Record<string, FilterSpec>,
> = Partial<Omit<ListState<TSort, TFilters>, "filters">> & {
  filters?: Partial<FilterValues<TFilters>>;
};

/**
 * Applies a change. Anything that changes which rows match, their order or the page size goes
 * back to page 1: page 4 of the old result means nothing in the new one.
 */
export function applyListChanges<TSort extends string, TFilters extends Record<string, FilterSpec>>(
  state: ListState<TSort, TFilters>,
  changes: ListChanges<TSort, TFilters>,
): ListState<TSort, TFilters> {
  const { filters, ...rest } = changes;
  const next: ListState<TSort, TFilters> = {
    ...state,
    ...rest,
    filters: { ...state.filters, ...filters } as FilterValues<TFilters>,
  };
  if (changes.page === undefined) next.page = 1;
  return next;
}

/** Clicking a column header: a new column sorts ascending, the same column flips. */
export function toggleSort<TSort extends string>(
  current: { sortBy: TSort; sortDirection: SortDirection },
  column: TSort,
): { sortBy: TSort; sortDirection: SortDirection } {
  if (current.sortBy !== column) return { sortBy: column, sortDirection: "asc" };
  return { sortBy: column, sortDirection: current.sortDirection === "asc" ? "desc" : "asc" };
}

/** True when a filter narrows the list beyond its defaults (the empty state then offers to clear). */
export function hasActiveFilters<TSort extends string, TFilters extends Record<string, FilterSpec>>(
  state: ListState<TSort, TFilters>,
  spec: ListSpec<TSort, TFilters>,
): boolean {
  if (state.search.trim()) return true;
  return Object.entries(spec.filters).some(
    ([name, filter]) =>
      (state.filters as Record<string, string | undefined>)[name] !== filter.fallback,
  );
}

/** Declares a list's URL state with its types inferred. */
export const defineListSpec = <TSort extends string, TFilters extends Record<string, FilterSpec>>(
  spec: ListSpec<TSort, TFilters>,
): ListSpec<TSort, TFilters> => spec;

/**
 * What a list procedure (customers.list, projects.list, suppliers.list) is asked for a state:
 * the filters as they are, no search when only spaces were typed, and never more rows than the
 * API allows.
 */
export function listQueryInput<TSort extends string, TFilters extends Record<string, FilterSpec>>(
  state: ListState<TSort, TFilters>,
) {
  return {
    search: state.search.trim() || undefined,
    ...state.filters,
    sortBy: state.sortBy,
    sortDirection: state.sortDirection,
    page: state.page,
    pageSize: Math.min(state.pageSize, MAX_PAGE_SIZE),
  };
}
