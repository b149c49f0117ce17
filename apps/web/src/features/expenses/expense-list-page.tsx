import { EXPENSE_CATEGORIES, MAX_PAGE_SIZE } from "@ledgerline/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DateFilter, OptionalFilterSelect } from "../../components/list.tsx";
import { Badge } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { Link } from "../../lib/router.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useClampPage, useListState } from "../../lib/use-list-state.ts";
import { useCan } from "../auth/session.tsx";
import { RecordListPage, type RecordList } from "../records/record-list.tsx";
import { useRate } from "../sales/totals-panel.tsx";
import { expenseArea } from "./expense-area.ts";
import { ExpenseKpis } from "./expense-kpis.tsx";
import {
  expenseFilterInput,
  expenseListInput,
  expenseListSpec,
  isDateRangeInvalid,
  YES_NO,
} from "./expense-list-spec.ts";

/** Projects change rarely: the filter's choices may be a minute old. */
const PICKER_STALE_MS = 60_000;

/**
 * `/expenses`: search by title, filters, sortable columns and pages in the URL, the totals of
 * everything the filters match per currency, and for roles that read statistics the KPIs of
 * that same selection above the list.
 */
export function ExpenseListPage() {
  const { t, money, date, number } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const rate = useRate();
  const [state, update] = useListState(expenseListSpec);
  const query = useQuery({
    ...trpc.expenses.list.queryOptions(expenseListInput(state)),
    placeholderData: keepPreviousData,
  });
  useClampPage(query.data, state.page, update);
  const list: RecordList<
    (typeof state)["sortBy"],
    typeof expenseListSpec.filters,
    NonNullable<typeof query.data>
  > = { spec: expenseListSpec, state, update, query };
  const projects = useQuery(
    trpc.projects.list.queryOptions(
      { archived: "all", sortBy: "name", sortDirection: "asc", pageSize: MAX_PAGE_SIZE },
      { staleTime: PICKER_STALE_MS },
    ),
  );
  const { category, projectId, from, to, billable, invoiced } = state.filters;
  const dateRangeInvalid = isDateRangeInvalid(state.filters);
  const totals = query.data?.totals ?? [];

  return (
    <RecordListPage
      area={expenseArea}
      list={list}
      summary={can("statistics.read") ? <ExpenseKpis filters={expenseFilterInput(state)} /> : null}
      filters={
        <>
          <OptionalFilterSelect
            label={t("expenses.field.category")}
            offLabel={t("expenses.filter.allCategories")}
            value={category}
            onChange={(value) => update({ filters: { category: value } })}
          >
            {EXPENSE_CATEGORIES.map((value) => (
              <option key={value} value={value}>
                {t(`expenses.category.${value}`)}
              </option>
            ))}
          </OptionalFilterSelect>
          <OptionalFilterSelect
            label={t("expenses.field.project")}
            offLabel={t("expenses.filter.allProjects")}
            value={projectId}
            onChange={(value) => update({ filters: { projectId: value } })}
          >
            {projectId && !projects.data?.items.some((project) => project.id === projectId) ? (
              <option value={projectId}>{projectId}</option>
            ) : null}
            {projects.data?.items.map((project) => (
              <option key={project.id} value={project.id}>
                {project.number} {project.name}
              </option>
            ))}
          </OptionalFilterSelect>
          <DateFilter
            label={t("expenses.filter.from")}
            value={from}
            onChange={(value) => update({ filters: { from: value } })}
          />
          <DateFilter
            label={t("expenses.filter.to")}
            value={to}
            error={dateRangeInvalid ? t("validation.endBeforeStart") : undefined}
            onChange={(value) => update({ filters: { to: value } })}
          />
          <OptionalFilterSelect
            label={t("expenses.filter.billable")}
            offLabel={t("expenses.filter.any")}
            value={billable}
            onChange={(value) => update({ filters: { billable: value } })}
          >
            {YES_NO.map((value) => (
              <option key={value} value={value}>
                {t(`expenses.filter.${value}`)}
              </option>
            ))}
          </OptionalFilterSelect>
          <OptionalFilterSelect
            label={t("expenses.filter.invoiced")}
            offLabel={t("expenses.filter.any")}
            value={invoiced}
            onChange={(value) => update({ filters: { invoiced: value } })}
          >
            {YES_NO.map((value) => (
              <option key={value} value={value}>
                {t(`expenses.filter.${value}`)}
              </option>
            ))}
          </OptionalFilterSelect>
        </>
      }
      totals={
        totals.length > 0 ? (
          <dl className="selection-totals" aria-live="polite">
            {totals.map((entry) => (
              <div key={entry.currency} className="selection-totals__row">
                <dt>
                  {entry.count === 1
                    ? t("expenses.selectionTotalOne", { currency: entry.currency })
                    : t("expenses.selectionTotal", {
                        count: number(entry.count),
                        currency: entry.currency,
                      })}
                </dt>
                <dd className="cell--numeric">{money(entry.total, entry.currency)}</dd>
              </div>
            ))}
          </dl>
        ) : null
      }
      columns={[
        {
          header: t("expenses.column.date"),
          card: "status" as const,
          sortBy: "expenseDate",
          cellClassName: "cell--numeric cell--narrow",
          cell: (expense) => date(expense.expenseDate, { calendarDate: true }),
        },
        {
          header: t("expenses.field.title"),
          card: "title" as const,
          sortBy: "title",
          cell: (expense) => (
            <>
              <Link to={`${expenseArea.path}/${expense.id}`} className="table__primary-link">
                {expense.title}
              </Link>
              {expense.isBillable ? <Badge tone="info">{t("expenses.billable")}</Badge> : null}
              {expense.invoice ? <Badge tone="success">{t("expenses.invoiced")}</Badge> : null}
            </>
          ),
        },
        {
          header: t("expenses.field.category"),
          card: "detail" as const,
          sortBy: "category",
          cell: (expense) => t(`expenses.category.${expense.category}`),
        },
        {
          header: t("expenses.field.project"),
          cellClassName: "cell--truncate",
          cell: (expense) =>
            expense.project ? (
              `${expense.project.number} ${expense.project.name}`
            ) : (
              <span className="muted">—</span>
            ),
        },
        {
          header: t("expenses.column.receipts"),
          align: "end",
          cellClassName: "cell--end cell--numeric",
          cell: (expense) => number(expense.receiptCount),
        },
        {
          header: t("expenses.column.taxRate"),
          align: "end",
          cellClassName: "cell--end cell--numeric cell--narrow",
          cell: (expense) => rate(expense.taxRate),
        },
        {
          header: t("expenses.field.amount"),
          card: "amount" as const,
          sortBy: "amount",
          align: "end",
          cellClassName: "cell--end cell--numeric",
          cell: (expense) => money(expense.amount, expense.currency),
        },
      ]}
    />
  );
}
