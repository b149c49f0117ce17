import {
  keepPreviousData,
  useQuery,
  type QueryKey,
  type UseQueryOptions,
  type UseQueryResult,
} from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { DataTable, type TableColumn } from "../../components/data-table.tsx";
import {
  EmptyState,
  ErrorState,
  FilterSelect,
  Pagination,
  SearchField,
  TableSkeleton,
} from "../../components/list.tsx";
import { Badge, PageHeader } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import {
  ARCHIVED_FILTER_VALUES,
  DELETED_FILTER_VALUES,
  type ArchivedFilterValue,
  type DeletedFilterValue,
} from "../../lib/list-filters.ts";
import {
  hasActiveFilters,
  listQueryInput,
  toggleSort,
  type FilterSpec,
  type ListChanges,
  type ListSpec,
  type ListState,
} from "../../lib/list-state.ts";
import { Link, navigate } from "../../lib/router.tsx";
import { useClampPage, useListState } from "../../lib/use-list-state.ts";
import { useCan } from "../auth/session.tsx";
import type { RecordArea, StoredRecord } from "./record-area.ts";

/** One page of a list, as the list procedures answer. */
interface ListPage {
  items: { id: string }[];
  total: number;
  /** False when `total` is a bound (more rows match); lists that count everything omit it. */
  totalIsExact?: boolean;
  page: number;
  pageSize: number;
  pages: number;
}

/** A record list's state in the URL, the way to change it, and the page of rows it shows. */
export interface RecordList<
  TSort extends string,
  TFilters extends Record<string, FilterSpec>,
  TPage extends ListPage,
> {
  spec: ListSpec<TSort, TFilters>;
  state: ListState<TSort, TFilters>;
  update: (changes: ListChanges<TSort, TFilters>, options?: { replace?: boolean }) => void;
  query: UseQueryResult<TPage, unknown>;
}

/**
 * A list's state in the URL and the page of rows it asks for. `queryOptions` is the kind's list
 * query for an input, e.g. `(input) => trpc.customers.list.queryOptions(input)`; a list whose
 * input needs more than the URL's state (the document type, the role) builds its own from the
 * state it is given second. While another page loads, the previous one stays on screen; a page
 * past the end (an old link) moves to the last one. Every list screen (records, sales documents,
 * purchase orders) keeps its state this way.
 */
export function useRecordList<
  TSort extends string,
  TFilters extends Record<string, FilterSpec>,
  TPage extends ListPage,
  TError,
  TQueryKey extends QueryKey,
>(
  spec: ListSpec<TSort, TFilters>,
  queryOptions: (
    input: ReturnType<typeof listQueryInput<TSort, TFilters>>,
    state: ListState<TSort, TFilters>,
  ) => UseQueryOptions<TPage, TError, TPage, TQueryKey>,
): RecordList<TSort, TFilters, TPage> {
  const [state, update] = useListState(spec);
  const query = useQuery({
    ...queryOptions(listQueryInput(state), state),
    placeholderData: keepPreviousData,
  });
  useClampPage(query.data, state.page, update);
  return { spec, state, update, query };
}

/**
 * A list screen of customers, projects or suppliers: header with the create button (only for a
 * role that may create), search and the kind's filters, then the table with sortable columns
 * and pagination, or the loading, failed, empty or nothing-matches state.
 */
export function RecordListPage<
  TSort extends string,
  TFilters extends Record<string, FilterSpec>,
  TPage extends ListPage,
>({
  area,
  list,
  filters,
  columns,
  newRecordPath = `${area.path}/new`,
  summary,
  totals,
}: {
  /** The list asks for its rows through `list`; the area's procedures are the form's. */
  area: Omit<RecordArea<StoredRecord, unknown>, "procedures">;
  list: RecordList<TSort, TFilters, TPage>;
  /** The toolbar's filters, after the search box. */
  filters: ReactNode;
  columns: readonly TableColumn<TPage["items"][number], TSort>[];
  newRecordPath?: string;
  /** Shown between the header and the list (figures for the current filters). */
  summary?: ReactNode;
  /** Shown under the table, before the pagination (totals of the selection). */
  totals?: ReactNode;
}) {
  const { t } = useI18n();
  const can = useCan();
  const { state, update, query } = list;

  const newRecordButton = can(area.permissions.write) ? (
    <button
      type="button"
      className="button button--primary"
      onClick={() => navigate(newRecordPath)}
    >
      {t(area.messages.create)}
    </button>
  ) : null;

  return (
    <>
      <PageHeader
        title={t(area.messages.title)}
        description={t(area.messages.description)}
        actions={newRecordButton}
      />
      {summary}
      <section className="panel">
        <div className="toolbar">
          <SearchField
            label={t(area.messages.search)}
            value={state.search}
            onSearch={(search) => update({ search }, { replace: true })}
          />
          {filters}
        </div>

        <ListResults
          list={list}
          skeletonColumns={columns.length}
          noMatchesTitle={t(area.messages.noMatches)}
          clearFiltersPath={area.path}
          empty={
            <EmptyState
              title={t(area.messages.empty)}
              description={t(area.messages.emptyHint)}
              action={newRecordButton}
            />
          }
        >
          {(page) => (
            <>
              <DataTable
                caption={t(area.messages.title)}
                columns={columns}
                rows={page.items}
                sort={{
                  sortBy: state.sortBy,
                  sortDirection: state.sortDirection,
                  onSort: (column) => update(toggleSort(state, column)),
                }}
                busy={query.isFetching}
              />
              {totals}
            </>
          )}
        </ListResults>
      </section>
    </>
  );
}

/**
 * What a list shows under its toolbar, for every list screen: a skeleton while the first page
 * loads, the error with a retry, "nothing matches" with a way to clear the filters, the empty
 * state when nothing exists yet, or the page's table (`children`) and the pagination. A page
 * stays on screen while the next one loads (and when reloading it fails).
 */
export function ListResults<
  TSort extends string,
  TFilters extends Record<string, FilterSpec>,
  TPage extends ListPage,
>({
  list,
  skeletonColumns,
  noMatchesTitle,
  clearFiltersPath,
  empty,
  children,
}: {
  list: RecordList<TSort, TFilters, TPage>;
  skeletonColumns: number;
  noMatchesTitle: string;
  /** The list without its filters, where "Clear filters" leads. */
  clearFiltersPath: string;
  /** Shown when nothing exists yet (no filter set). */
  empty: ReactNode;
  /** The page's table, and whatever goes under it before the pagination. */
  children: (page: TPage) => ReactNode;
}) {
  const { t } = useI18n();
  const { spec, state, update, query } = list;
  const page = query.data;
  if (query.isPending) return <TableSkeleton columns={skeletonColumns} />;
  if (query.isError && !page)
    return (
      <ErrorState message={describeError(query.error, t)} onRetry={() => void query.refetch()} />
    );
  if (!page) return null;
  if (page.total === 0)
    return hasActiveFilters(state, spec) ? (
      <EmptyState
        title={noMatchesTitle}
        description={t("list.noMatchesHint")}
        action={
          <button type="button" className="button" onClick={() => navigate(clearFiltersPath)}>
            {t("list.clearFilters")}
          </button>
        }
      />
    ) : (
      empty
    );
  return (
    <>
      {children(page)}
      <Pagination
        page={page.page}
        pageSize={page.pageSize}
        total={page.total}
        totalIsExact={page.totalIsExact}
        pages={page.pages}
        onPage={(next) => update({ page: next })}
        onPageSize={(pageSize) => update({ pageSize })}
      />
    </>
  );
}

/**
 * The rows chosen for a batch or a status change (the sales and the purchase-order lists): one
 * row on or off, or all rows of the page at once.
 */
export function useRowSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const change = (ids: readonly string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  return {
    selected,
    /** Replaces the selection (emptied with no argument). */
    reset: (ids: Iterable<string> = []) => setSelected(new Set(ids)),
    toggle: (id: string, on: boolean) => change([id], on),
    toggleAll: change,
    /** Whether every one of `ids` (and at least one) is chosen. */
    hasAll: (ids: readonly string[]) => ids.length > 0 && ids.every((id) => selected.has(id)),
  };
}

/** Active / archived / all: the filter every record list has. */
export function ArchivedFilter({
  value,
  onChange,
  label,
}: {
  value: ArchivedFilterValue | undefined;
  onChange: (value: ArchivedFilterValue) => void;
  /** The filter's name where "Status" means something else (a purchase order's status). */
  label?: string;
}) {
  const { t } = useI18n();
  return (
    <FilterSelect
      label={label ?? t("filter.status")}
      value={value ?? "active"}
      onChange={(next) => onChange(next as ArchivedFilterValue)}
    >
      {ARCHIVED_FILTER_VALUES.map((option) => (
        <option key={option} value={option}>
          {t(`filter.archived.${option}`)}
        </option>
      ))}
    </FilterSelect>
  );
}

/**
 * Hidden / only deleted: the soft-delete filter of sales documents, purchase orders and invoice
 * groups, shown to those who may delete (and so restore).
 */
export function DeletedFilter({
  value,
  onChange,
}: {
  value: DeletedFilterValue | undefined;
  onChange: (value: DeletedFilterValue) => void;
}) {
  const { t } = useI18n();
  return (
    <FilterSelect
      label={t("filter.deleted")}
      value={value ?? "hidden"}
      onChange={(next) => onChange(next as DeletedFilterValue)}
    >
      {DELETED_FILTER_VALUES.map((option) => (
        <option key={option} value={option}>
          {t(`filter.deleted.${option}`)}
        </option>
      ))}
    </FilterSelect>
  );
}

/** A list row's way to its record: the name, linked, with a badge when archived. */
export function RecordLink({
  area,
  record,
}: {
  area: { path: string };
  record: { id: string; name: string; archivedAt: Date | null };
}) {
  const { t } = useI18n();
  return (
    <>
      <Link to={`${area.path}/${record.id}`} className="table__primary-link">
        {record.name}
      </Link>
      {record.archivedAt ? <Badge>{t("record.archived")}</Badge> : null}
    </>
  );
}

/** "Berlin · DE", or only the country code when no city is known. */
export function CityAndCountry({ city, country }: { city: string | null; country: string }) {
  return (
    <>
      {city ? `${city} ` : null}
      <span className="muted">{city ? `· ${country}` : country}</span>
    </>
  );
}
