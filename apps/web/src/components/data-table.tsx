import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n.tsx";
import { describeError } from "../lib/errors.ts";
import type { SortDirection } from "../lib/list-state.ts";
import { ErrorState, SortableHeader, TableSkeleton } from "./list.tsx";
import { scrollRegion } from "./scroll-region.ts";

/**
 * Where a column's cell goes when a phone (≤ 640 px) shows the table as cards, one card per row:
 * `title` and `status` on the first line, `detail` and `amount` under them, `select` (a
 * checkbox) and `actions` (buttons) beside both. A column without a place is left out on the
 * phone; the row's own page shows it. The header row stays for screen readers.
 */
export type CardPlace = "title" | "status" | "detail" | "amount" | "select" | "actions";

/** The classes and attribute a table and its cells need to become cards on a phone. */
export const CARD_TABLE_CLASS = "card-table";

export interface TableColumn<TRow, TSort extends string = never> {
  header: string;
  /** For a column of buttons: the header is there for screen readers only. */
  hideHeader?: boolean;
  /** Makes the header a button that sorts the list by this key. */
  sortBy?: TSort;
  /** "end" puts the header over right-aligned cells (numbers, dates, actions). */
  align?: "end";
  /** The classes of the column's cells. */
  cellClassName?: string;
  /** Its place on a phone's card; without one the column is not shown there. */
  card?: CardPlace;
  cell: (row: TRow) => ReactNode;
}

interface DataTableProps<TRow, TSort extends string> {
  caption: string;
  columns: readonly TableColumn<TRow, TSort>[];
  rows: readonly TRow[];
  rowClassName?: (row: TRow) => string | undefined;
  sort?: { sortBy: TSort; sortDirection: SortDirection; onSort: (column: TSort) => void };
  busy?: boolean;
}

/**
 * A table described by its columns, one row per item. The caption names it for screen readers;
 * `busy` marks it while newer rows load. When its columns name their `card` places, a phone
 * shows one card per row instead of a table that scrolls sideways (styles: `.card-table`).
 */
export function DataTable<TRow extends { id: string }, TSort extends string = never>({
  caption,
  columns,
  rows,
  rowClassName,
  sort,
  busy,
}: DataTableProps<TRow, TSort>) {
  return (
    <div className="table-wrap" aria-busy={busy || undefined} ref={scrollRegion(caption)}>
      <table
        className={columns.some((column) => column.card) ? `table ${CARD_TABLE_CLASS}` : "table"}
      >
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) =>
              column.sortBy !== undefined && sort ? (
                <SortableHeader
                  key={index}
                  column={column.sortBy}
                  label={column.header}
                  align={column.align}
                  {...sort}
                />
              ) : (
                <th
                  key={index}
                  scope="col"
                  className={column.align === "end" ? "cell--end" : undefined}
                >
                  {column.hideHeader ? (
                    <span className="visually-hidden">{column.header}</span>
                  ) : (
                    column.header
                  )}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={rowClassName?.(row)}>
              {columns.map((column, index) => (
                <td key={index} className={column.cellClassName} data-card={column.card}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A table of everything one query loads (short admin lists, no paging): grey rows in the
 * `skeleton`'s size while loading, the failure with "Try again", `empty` when there is nothing.
 */
export function LoadedTable<TRow extends { id: string }>({
  query,
  skeleton,
  empty,
  ...table
}: Omit<DataTableProps<TRow, never>, "rows" | "sort" | "busy"> & {
  query: UseQueryResult<TRow[], unknown>;
  skeleton: { columns: number; rows: number };
  empty: ReactNode;
}) {
  const { t } = useI18n();
  if (query.isPending) return <TableSkeleton {...skeleton} />;
  if (query.isError) {
    return (
      <ErrorState message={describeError(query.error, t)} onRetry={() => void query.refetch()} />
    );
  }
  if (query.data.length === 0) return empty;
  return <DataTable rows={query.data} {...table} />;
}
