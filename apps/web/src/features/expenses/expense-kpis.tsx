import { toDecimal, type GetExpenseKpisInput } from "@ledgerline/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useI18n } from "../../i18n/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { decimalString, type DecimalValue } from "../../lib/format.ts";

/**
 * A category's share of its currency's total as a CSS width ("37.5%"), computed with Decimals:
 * money never goes through a float, not even for a bar.
 */
export function shareOf(part: DecimalValue, whole: DecimalValue): string {
  const total = toDecimal(decimalString(whole));
  if (total.lte(0)) return "0%";
  const value = toDecimal(decimalString(part));
  return `${value.div(total).times(100).toDecimalPlaces(1).toFixed(1)}%`;
}

/**
 * The KPI strip above the expense list: per currency the total and the number of expenses,
 * then each category's total with a bar of its share. Same filters as the list below.
 */
export function ExpenseKpis({ filters }: { filters: GetExpenseKpisInput }) {
  const { t, money, number } = useI18n();
  const trpc = useTRPC();
  const headingId = useId();
  const kpis = useQuery({
    ...trpc.expenses.kpis.queryOptions(filters),
    placeholderData: keepPreviousData,
  });
  const byCurrency = kpis.data?.byCurrency ?? [];
  if (byCurrency.length === 0) return null;
  return (
    <section
      className="expense-kpis"
      aria-labelledby={headingId}
      aria-busy={kpis.isFetching || undefined}
    >
      <h2 className="visually-hidden" id={headingId}>
        {t("expenses.kpis")}
      </h2>
      <div className="stat-cards">
        {byCurrency.map((entry) => (
          <div key={entry.currency} className="stat-card expense-kpis__card">
            <p className="stat-card__label">
              {t("expenses.kpiTotal", { currency: entry.currency })}
            </p>
            <p className="stat-card__value">{money(entry.total, entry.currency)}</p>
            <p className="stat-card__hint">
              {entry.count === 1
                ? t("expenses.kpiCountOne")
                : t("expenses.kpiCount", { count: number(entry.count) })}
            </p>
            <ul className="expense-kpis__categories" aria-label={t("expenses.kpiByCategory")}>
              {entry.byCategory.map((category) => (
                <li key={category.category} className="expense-kpis__category">
                  <span className="expense-kpis__name">
                    {t(`expenses.category.${category.category}`)}
                  </span>
                  <span className="expense-kpis__amount">
                    {money(category.total, entry.currency)}
                  </span>
                  <span className="expense-kpis__bar" aria-hidden="true">
                    <span
                      className="expense-kpis__fill"
                      style={{ width: shareOf(category.total, entry.total) }}
                    />
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
