import { MAX_PAGE_SIZE, SUPPLIER_KINDS } from "@ledgerline/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  EmptyState,
  ErrorState,
  FilterSelect,
  FilterText,
  Pagination,
  SearchField,
  SortableHeader,
  TableSkeleton,
} from "../../components/list.tsx";
import { Badge, PageHeader } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { ARCHIVED_FILTER_VALUES } from "../../lib/list-filters.ts";
import { hasActiveFilters, toggleSort } from "../../lib/list-state.ts";
import { Link, navigate } from "../../lib/router.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useClampPage, useListState } from "../../lib/use-list-state.ts";
import { useCan } from "../auth/session.tsx";
import { languagePairFilter, supplierListSpec } from "./supplier-list-spec.ts";

const COLUMN_COUNT = 6;

export function SupplierListPage() {
  const { t, date } = useI18n();
  const can = useCan();
  const trpc = useTRPC();
  const [state, update] = useListState(supplierListSpec);
  const { kind, languagePair, archived } = state.filters;

  const list = useQuery(
    trpc.suppliers.list.queryOptions(
      {
        search: state.search.trim() || undefined,
        kind,
        languagePair,
        archived: archived ?? "active",
        sortBy: state.sortBy,
        sortDirection: state.sortDirection,
        page: state.page,
        pageSize: Math.min(state.pageSize, MAX_PAGE_SIZE),
      },
      { placeholderData: keepPreviousData },
    ),
  );
  const page = list.data;
  useClampPage(page, state.page, update);
  const filtered = hasActiveFilters(state, supplierListSpec);
  const sortProps = {
    sortBy: state.sortBy,
    sortDirection: state.sortDirection,
    onSort: (column: typeof state.sortBy) => update(toggleSort(state, column)),
  };
  const newSupplierButton = can("supplier.write") ? (
    <button
      type="button"
      className="button button--primary"
      onClick={() => navigate("/suppliers/new")}
    >
      {t("suppliers.new")}
    </button>
  ) : null;

  return (
    <>
      <PageHeader
        title={t("suppliers.title")}
        description={t("suppliers.description")}
        actions={newSupplierButton}
      />
      <section className="panel">
        <div className="toolbar">
          <SearchField
            label={t("suppliers.search")}
            value={state.search}
            onSearch={(search) => update({ search }, { replace: true })}
          />
          <FilterSelect
            label={t("suppliers.kind")}
            value={kind ?? ""}
            onChange={(value) => update({ filters: { kind: (value || undefined) as typeof kind } })}
          >
            <option value="">{t("filter.allKinds")}</option>
            {SUPPLIER_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`suppliers.kind.${value}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterText
            label={t("suppliers.languagePair")}
            value={languagePair ?? ""}
            placeholder="en>de"
            invalidMessage={t("validation.languagePair")}
            parse={languagePairFilter.parse}
            onChange={(value) => update({ filters: { languagePair: value } })}
          />
          <FilterSelect
            label={t("filter.status")}
            value={archived ?? "active"}
            onChange={(value) => update({ filters: { archived: value as typeof archived } })}
          >
            {ARCHIVED_FILTER_VALUES.map((value) => (
              <option key={value} value={value}>
                {t(`filter.archived.${value}`)}
              </option>
            ))}
          </FilterSelect>
        </div>

        {list.isPending ? (
          <TableSkeleton columns={COLUMN_COUNT} />
        ) : list.isError && !page ? (
          <ErrorState message={describeError(list.error, t)} onRetry={() => void list.refetch()} />
        ) : page && page.total === 0 ? (
          filtered ? (
            <EmptyState
              title={t("suppliers.noMatches")}
              description={t("list.noMatchesHint")}
              action={
                <button type="button" className="button" onClick={() => navigate("/suppliers")}>
                  {t("list.clearFilters")}
                </button>
              }
            />
          ) : (
            <EmptyState
              title={t("suppliers.empty")}
              description={t("suppliers.emptyHint")}
              action={newSupplierButton}
            />
          )
        ) : page ? (
          <>
            <div className="table-wrap" aria-busy={list.isFetching || undefined}>
              <table className="table">
                <caption className="visually-hidden">{t("suppliers.title")}</caption>
                <thead>
                  <tr>
                    <SortableHeader column="name" label={t("field.name")} {...sortProps} />
                    <th scope="col">{t("suppliers.kind")}</th>
                    <th scope="col">{t("suppliers.languagePairs")}</th>
                    <SortableHeader column="city" label={t("field.city")} {...sortProps} />
                    <th scope="col">{t("field.email")}</th>
                    <SortableHeader
                      column="updatedAt"
                      label={t("field.updatedAt")}
                      {...sortProps}
                      align="end"
                    />
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((supplier) => (
                    <tr key={supplier.id}>
                      <td>
                        <Link to={`/suppliers/${supplier.id}`} className="table__primary-link">
                          {supplier.name}
                        </Link>
                        {supplier.archivedAt ? <Badge>{t("record.archived")}</Badge> : null}
                      </td>
                      <td>{t(`suppliers.kind.${supplier.kind}`)}</td>
                      <td>
                        {supplier.languagePairs.length === 0 ? (
                          <span className="muted">—</span>
                        ) : (
                          <span className="chips">
                            {supplier.languagePairs.map((pair) => (
                              <span key={pair} className="chip">
                                {pair.replace(">", " → ")}
                              </span>
                            ))}
                          </span>
                        )}
                      </td>
                      <td>
                        {supplier.city ? `${supplier.city} ` : null}
                        <span className="muted">
                          {supplier.city ? `· ${supplier.country}` : supplier.country}
                        </span>
                      </td>
                      <td className="cell--truncate">
                        {supplier.email ?? <span className="muted">—</span>}
                      </td>
                      <td className="cell--end cell--numeric">{date(supplier.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              page={page.page}
              pageSize={page.pageSize}
              total={page.total}
              pages={page.pages}
              onPage={(next) => update({ page: next })}
              onPageSize={(pageSize) => update({ pageSize })}
            />
          </>
        ) : null}
      </section>
    </>
  );
}
