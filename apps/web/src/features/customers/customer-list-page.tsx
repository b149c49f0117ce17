import { MAX_PAGE_SIZE } from "@ledgerline/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Badge, PageHeader } from "../../components/page-header.tsx";
import { CountryOptions } from "../../components/region-options.tsx";
import {
  EmptyState,
  ErrorState,
  FilterSelect,
  Pagination,
  SearchField,
  SortableHeader,
  TableSkeleton,
} from "../../components/list.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { ARCHIVED_FILTER_VALUES } from "../../lib/list-filters.ts";
import { hasActiveFilters, toggleSort } from "../../lib/list-state.ts";
import { Link, navigate } from "../../lib/router.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useClampPage, useListState } from "../../lib/use-list-state.ts";
import { useCan } from "../auth/session.tsx";
import { customerListSpec } from "./customer-list-spec.ts";

const COLUMN_COUNT = 6;

export function CustomerListPage() {
  const { t, date, number } = useI18n();
  const can = useCan();
  const trpc = useTRPC();
  const [state, update] = useListState(customerListSpec);

  const list = useQuery(
    trpc.customers.list.queryOptions(
      {
        search: state.search.trim() || undefined,
        archived: state.filters.archived ?? "active",
        country: state.filters.country,
        sortBy: state.sortBy,
        sortDirection: state.sortDirection,
        page: state.page,
        pageSize: Math.min(state.pageSize, MAX_PAGE_SIZE),
      },
      { placeholderData: keepPreviousData },
    ),
  );

  const canCreate = can("customer.write");
  const newCustomerButton = canCreate ? (
    <button
      type="button"
      className="button button--primary"
      onClick={() => navigate("/customers/new")}
    >
      {t("customers.new")}
    </button>
  ) : null;
  const filtered = hasActiveFilters(state, customerListSpec);
  const page = list.data;
  useClampPage(page, state.page, update);
  const sortProps = {
    sortBy: state.sortBy,
    sortDirection: state.sortDirection,
    onSort: (column: typeof state.sortBy) => update(toggleSort(state, column)),
  };

  return (
    <>
      <PageHeader
        title={t("customers.title")}
        description={t("customers.description")}
        actions={newCustomerButton}
      />
      <section className="panel">
        <div className="toolbar">
          <SearchField
            label={t("customers.search")}
            value={state.search}
            onSearch={(search) => update({ search }, { replace: true })}
          />
          <FilterSelect
            label={t("filter.status")}
            value={state.filters.archived ?? "active"}
            onChange={(archived) =>
              update({ filters: { archived: archived as (typeof ARCHIVED_FILTER_VALUES)[number] } })
            }
          >
            {ARCHIVED_FILTER_VALUES.map((value) => (
              <option key={value} value={value}>
                {t(`filter.archived.${value}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect
            label={t("field.country")}
            value={state.filters.country ?? ""}
            onChange={(country) => update({ filters: { country: country || undefined } })}
          >
            <option value="">{t("filter.allCountries")}</option>
            <CountryOptions value={state.filters.country ?? ""} />
          </FilterSelect>
        </div>

        {list.isPending ? (
          <TableSkeleton columns={COLUMN_COUNT} />
        ) : list.isError && !page ? (
          <ErrorState message={describeError(list.error, t)} onRetry={() => void list.refetch()} />
        ) : page && page.total === 0 ? (
          filtered ? (
            <EmptyState
              title={t("customers.noMatches")}
              description={t("list.noMatchesHint")}
              action={
                <button type="button" className="button" onClick={() => navigate("/customers")}>
                  {t("list.clearFilters")}
                </button>
              }
            />
          ) : (
            <EmptyState
              title={t("customers.empty")}
              description={t("customers.emptyHint")}
              action={newCustomerButton}
            />
          )
        ) : page ? (
          <>
            <div className="table-wrap" aria-busy={list.isFetching || undefined}>
              <table className="table">
                <caption className="visually-hidden">{t("customers.title")}</caption>
                <thead>
                  <tr>
                    <SortableHeader column="name" label={t("field.name")} {...sortProps} />
                    <SortableHeader column="city" label={t("field.city")} {...sortProps} />
                    <th scope="col">{t("field.email")}</th>
                    <th scope="col">{t("customers.primaryContact")}</th>
                    <th scope="col" className="cell--end">
                      {t("customers.projects")}
                    </th>
                    <SortableHeader
                      column="updatedAt"
                      label={t("field.updatedAt")}
                      {...sortProps}
                      align="end"
                    />
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((customer) => {
                    const contact = customer.contacts[0];
                    return (
                      <tr key={customer.id}>
                        <td>
                          <Link to={`/customers/${customer.id}`} className="table__primary-link">
                            {customer.name}
                          </Link>
                          {customer.archivedAt ? <Badge>{t("record.archived")}</Badge> : null}
                        </td>
                        <td>
                          {customer.city ? `${customer.city} ` : null}
                          <span className="muted">
                            {customer.city ? `· ${customer.country}` : customer.country}
                          </span>
                        </td>
                        <td className="cell--truncate">
                          {customer.email ?? <span className="muted">—</span>}
                        </td>
                        <td className="cell--truncate">
                          {contact ? contact.name : <span className="muted">—</span>}
                        </td>
                        <td className="cell--end cell--numeric">
                          {number(customer._count.projects)}
                        </td>
                        <td className="cell--end cell--numeric">{date(customer.updatedAt)}</td>
                      </tr>
                    );
                  })}
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
