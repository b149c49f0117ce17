import { useCallback, useEffect, useMemo } from "react";
import {
  applyListChanges,
  parseListState,
  serializeListState,
  type FilterSpec,
  type ListChanges,
  type ListSpec,
  type ListState,
} from "./list-state.ts";
import { navigate, useLocation } from "./router.tsx";

/** Where each list was last left, so "back to the list" from a record restores it. */
const lastListUrls = new Map<string, string>();

export const lastListUrl = (pathname: string): string => lastListUrls.get(pathname) ?? pathname;

/**
 * A list screen's state, read from and written to the URL. Typing in the search box replaces
 * the history entry (one entry per search, not per keystroke); other changes push one.
 */
export function useListState<TSort extends string, TFilters extends Record<string, FilterSpec>>(
  spec: ListSpec<TSort, TFilters>,
) {
  const { pathname, search } = useLocation();
  const state = useMemo(() => parseListState(new URLSearchParams(search), spec), [search, spec]);
  useEffect(() => {
    lastListUrls.set(pathname, pathname + search);
  }, [pathname, search]);

  const update = useCallback(
    (changes: ListChanges<TSort, TFilters>, options: { replace?: boolean } = {}) => {
      const next: ListState<TSort, TFilters> = applyListChanges(state, changes);
      navigate(pathname + serializeListState(next, spec), options);
    },
    [pathname, spec, state],
  );

  return [state, update] as const;
}

/** A page past the end (an old link, rows deleted meanwhile) moves to the last page there is. */
export function useClampPage(
  result: { total: number; pages: number; items: readonly unknown[] } | undefined,
  page: number,
  update: (changes: { page: number }, options: { replace: boolean }) => void,
) {
  const lastPage =
    result && result.total > 0 && result.items.length === 0 && page > result.pages
      ? result.pages
      : null;
  useEffect(() => {
    if (lastPage !== null) update({ page: lastPage }, { replace: true });
  }, [lastPage, update]);
}
