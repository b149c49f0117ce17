import { MAX_PAGE_SIZE, PROJECT_STATUSES } from "@ledgerline/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  EmptyState,
  ErrorState,
  FilterSelect,
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
import { projectListSpec } from "./project-list-spec.ts";
import { ProjectStatusBadge } from "./project-status.tsx";

const COLUMN_COUNT = 6;

export function ProjectListPage() {
  const { t, date } = useI18n();
  const can = useCan();
  const trpc = useTRPC();
  const [state, update] = useListState(projectListSpec);
  const { status, customerId, managerId, archived } = state.filters;

  const list = useQuery(
    trpc.projects.list.queryOptions(
      {
        search: state.search.trim() || undefined,
        status,
        customerId,
        managerId,
        archived: archived ?? "active",
        sortBy: state.sortBy,
        sortDirection: state.sortDirection,
        page: state.page,
        pageSize: Math.min(state.pageSize, MAX_PAGE_SIZE),
      },
      { placeholderData: keepPreviousData },
    ),
  );
  // Pickers list every customer (archived ones too: their projects can still be looked up).
  const customers = useQuery(
    trpc.customers.list.queryOptions(
      { archived: "all", sortBy: "name", pageSize: MAX_PAGE_SIZE },
      { staleTime: 60_000 },
    ),
  );
  const managers = useQuery(
    trpc.users.listAssignable.queryOptions(undefined, { staleTime: 60_000 }),
  );

  const page = list.data;
  useClampPage(page, state.page, update);
  const filtered = hasActiveFilters(state, projectListSpec);
  const sortProps = {
    sortBy: state.sortBy,
    sortDirection: state.sortDirection,
    onSort: (column: typeof state.sortBy) => update(toggleSort(state, column)),
  };
  const newProjectButton = can("project.write") ? (
    <button
      type="button"
      className="button button--primary"
      onClick={() =>
        navigate(customerId ? `/projects/new?customerId=${customerId}` : "/projects/new")
      }
    >
      {t("projects.new")}
    </button>
  ) : null;

  return (
    <>
      <PageHeader
        title={t("projects.title")}
        description={t("projects.description")}
        actions={newProjectButton}
      />
      <section className="panel">
        <div className="toolbar">
          <SearchField
            label={t("projects.search")}
            value={state.search}
            onSearch={(search) => update({ search }, { replace: true })}
          />
          <FilterSelect
            label={t("projects.statusLabel")}
            value={status ?? ""}
            onChange={(value) =>
              update({ filters: { status: (value || undefined) as typeof status } })
            }
          >
            <option value="">{t("filter.allStatuses")}</option>
            {PROJECT_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`projects.status.${value}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect
            label={t("projects.customer")}
            value={customerId ?? ""}
            onChange={(value) => update({ filters: { customerId: value || undefined } })}
          >
            <option value="">{t("filter.allCustomers")}</option>
            {customerId && !customers.data?.items.some((customer) => customer.id === customerId) ? (
              <option value={customerId}>{t("filter.selectedCustomer")}</option>
            ) : null}
            {customers.data?.items.map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect
            label={t("projects.manager")}
            value={managerId ?? ""}
            onChange={(value) => update({ filters: { managerId: value || undefined } })}
          >
            <option value="">{t("filter.allManagers")}</option>
            {managers.data?.map((manager) => (
              <option key={manager.id} value={manager.id}>
                {manager.name}
              </option>
            ))}
          </FilterSelect>
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
              title={t("projects.noMatches")}
              description={t("list.noMatchesHint")}
              action={
                <button type="button" className="button" onClick={() => navigate("/projects")}>
                  {t("list.clearFilters")}
                </button>
              }
            />
          ) : (
            <EmptyState
              title={t("projects.empty")}
              description={t("projects.emptyHint")}
              action={newProjectButton}
            />
          )
        ) : page ? (
          <>
            <div className="table-wrap" aria-busy={list.isFetching || undefined}>
              <table className="table">
                <caption className="visually-hidden">{t("projects.title")}</caption>
                <thead>
                  <tr>
                    <SortableHeader column="number" label={t("projects.number")} {...sortProps} />
                    <SortableHeader column="name" label={t("field.name")} {...sortProps} />
                    <th scope="col">{t("projects.customer")}</th>
                    <th scope="col">{t("projects.manager")}</th>
                    <SortableHeader
                      column="status"
                      label={t("projects.statusLabel")}
                      {...sortProps}
                    />
                    <th scope="col">{t("projects.period")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((project) => (
                    <tr key={project.id}>
                      <td className="cell--numeric cell--narrow">{project.number}</td>
                      <td>
                        <Link to={`/projects/${project.id}`} className="table__primary-link">
                          {project.name}
                        </Link>
                        {project.archivedAt ? <Badge>{t("record.archived")}</Badge> : null}
                      </td>
                      <td className="cell--truncate">{project.customer.name}</td>
                      <td className="cell--truncate">
                        {project.manager?.name ?? <span className="muted">—</span>}
                      </td>
                      <td>
                        <ProjectStatusBadge status={project.status} />
                      </td>
                      <td className="cell--numeric">
                        {project.startDate || project.endDate ? (
                          `${project.startDate ? date(project.startDate, { calendarDate: true }) : "…"} – ${
                            project.endDate ? date(project.endDate, { calendarDate: true }) : "…"
                          }`
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
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
