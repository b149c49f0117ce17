import { useEffect, useEffectEvent, useId, useState, type ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { DateInput } from "./date-field.tsx";
import { FormSkeleton } from "./form-layout.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { describeLoadError } from "../lib/errors.ts";
import { Link } from "../lib/router.tsx";
import { PageHeader } from "./page-header.tsx";
import { PAGE_SIZE_CHOICES, type SortDirection } from "../lib/list-state.ts";
import { rangeInvalid } from "../lib/list-filters.ts";

/** How long typing may pause before the list searches. */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * The list's search box. It searches once typing pauses (or at once on Enter) and follows the
 * URL when that changes by other means (back button, "clear filters"). `/` focuses it.
 */
export function SearchField({
  label,
  value,
  onSearch,
}: {
  label: string;
  value: string;
  onSearch: (value: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const [seenValue, setSeenValue] = useState(value);
  // The URL changed by other means: show its search. Our own (trimmed) search is left alone,
  // so a space just typed does not vanish.
  if (value !== seenValue) {
    setSeenValue(value);
    if (value !== text.trim()) setText(value);
  }

  const search = useEffectEvent((next: string) => onSearch(next));
  useEffect(() => {
    if (text.trim() === value.trim()) return;
    const timer = window.setTimeout(() => search(text), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, value]);

  return (
    <div className="field field--search">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="search-input">
        <svg className="search-input__icon" viewBox="0 0 20 20" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
          <path d="m13 13 4.5 4.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
        <input
          id={id}
          type="search"
          className="input"
          value={text}
          autoComplete="off"
          spellCheck={false}
          data-list-search=""
          aria-keyshortcuts="/"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              if (text.trim() !== value.trim()) onSearch(text);
            }
          }}
        />
        <kbd className="search-input__shortcut" aria-hidden="true">
          /
        </kbd>
      </div>
    </div>
  );
}

/** A column header that sorts the list; aria-sort tells screen readers the current order. */
export function SortableHeader<TSort extends string>({
  column,
  label,
  sortBy,
  sortDirection,
  onSort,
  align,
}: {
  column: TSort;
  label: string;
  sortBy: TSort;
  sortDirection: SortDirection;
  onSort: (column: TSort) => void;
  align?: "end";
}) {
  const { t } = useI18n();
  const active = sortBy === column;
  const ariaSort = active ? (sortDirection === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort} className={align === "end" ? "cell--end" : undefined}>
      <button
        type="button"
        className={`sort-button${active ? " sort-button--active" : ""}`}
        onClick={() => onSort(column)}
        title={t("list.sortBy", { column: label })}
      >
        {label}
        <span className="sort-button__icon" aria-hidden="true">
          {active ? (sortDirection === "asc" ? "↑" : "↓") : "↕"}
        </span>
      </button>
    </th>
  );
}

export function Pagination({
  page,
  pageSize,
  total,
  totalIsExact = true,
  pages,
  onPage,
  onPageSize,
}: {
  page: number;
  pageSize: number;
  /** All rows, or (when `totalIsExact` is false) a bound: more rows than this match. */
  total: number;
  totalIsExact?: boolean;
  /** The pages of `total`; when the total is a bound, more pages follow. */
  pages: number;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}) {
  const { t, number } = useI18n();
  const sizeId = useId();
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label={t("list.pagination")}>
      <p className="pagination__range" aria-live="polite">
        {t(totalIsExact ? "list.range" : "list.rangeMoreThan", {
          from: number(from),
          to: number(to),
          total: number(total),
        })}
      </p>
      <div className="pagination__size">
        <label htmlFor={sizeId}>{t("list.pageSize")}</label>
        <select
          id={sizeId}
          className="input input--select input--compact"
          value={pageSize}
          onChange={(event) => onPageSize(Number(event.target.value))}
        >
          {PAGE_SIZE_CHOICES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <div className="pagination__pages">
        <button
          type="button"
          className="button button--small"
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
        >
          <span aria-hidden="true">‹ </span>
          {t("list.previous")}
        </button>
        <span className="pagination__page">
          {t(totalIsExact ? "list.pageOf" : "list.pageOfMoreThan", {
            page: number(page),
            pages: number(pages),
          })}
        </span>
        <button
          type="button"
          className="button button--small"
          disabled={totalIsExact && page >= pages}
          onClick={() => onPage(page + 1)}
        >
          {t("list.next")}
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
    </nav>
  );
}

/** Grey bars in the shape of the table while the first page loads. */
export function TableSkeleton({ columns, rows = 8 }: { columns: number; rows?: number }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap" aria-busy="true">
      <span className="visually-hidden" role="status">
        {t("state.loading")}
      </span>
      <table className="table table--skeleton" aria-hidden="true">
        <tbody>
          {Array.from({ length: rows }, (_, row) => (
            <tr key={row}>
              {Array.from({ length: columns }, (_, column) => (
                <td key={column}>
                  <span
                    className="skeleton"
                    style={{ width: `${45 + ((row * 7 + column * 13) % 45)}%` }}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EmptyState({
  title,
  description,
  action,
}: {
  title: string;
  description?: string;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state">
      <svg className="empty-state__icon" viewBox="0 0 48 48" aria-hidden="true">
        <rect
          x="8"
          y="10"
          width="32"
          height="28"
          rx="4"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        />
        <path
          d="M8 18h32M16 25h16M16 31h10"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        />
      </svg>
      <h2 className="empty-state__title">{title}</h2>
      {description ? <p className="empty-state__description">{description}</p> : null}
      {action ? <div className="empty-state__action">{action}</div> : null}
    </div>
  );
}

/** A failed load; `onRetry` is left out when trying again cannot help (the record is gone). */
export function ErrorState({
  message,
  onRetry,
  back,
}: {
  message: string;
  onRetry?: (() => void) | undefined;
  /** The way back (a record's list) when retrying cannot help or as well as retrying. */
  back?: { to: string; label: string } | undefined;
}) {
  const { t } = useI18n();
  return (
    <div className="error-state" role="alert">
      <h2 className="error-state__title">{t("state.errorTitle")}</h2>
      <p className="error-state__message">{message}</p>
      {onRetry || back ? (
        <div className="error-state__actions">
          {back ? (
            <Link to={back.to} className={`button${onRetry ? "" : " button--primary"}`}>
              ← {back.label}
            </Link>
          ) : null}
          {onRetry ? (
            <button type="button" className="button" onClick={onRetry}>
              {t("action.retry")}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/**
 * A record that could not be opened: in the UI's language, with the way back to its list, and a
 * retry only where one can help (not for a record that does not exist or a mistyped address).
 */
export function LoadErrorState({
  error,
  onRetry,
  back,
}: {
  error: unknown;
  onRetry: () => void;
  back: { to: string; label: string };
}) {
  const { t } = useI18n();
  const { message, retry } = describeLoadError(error, t);
  return <ErrorState message={message} onRetry={retry ? onRetry : undefined} back={back} />;
}

/**
 * A record that could not be loaded, as its page shows it: the area's title with the way back
 * to its list (the last one the person saw), and why it failed, with a retry where one helps.
 */
export function RecordLoadError({
  title,
  listUrl,
  error,
  onRetry,
}: {
  title: string;
  listUrl: string;
  error: unknown;
  onRetry: () => void;
}) {
  return (
    <>
      <PageHeader title={title} breadcrumb={<Link to={listUrl}>← {title}</Link>} />
      <LoadErrorState error={error} onRetry={onRetry} back={{ to: listUrl, label: title }} />
    </>
  );
}

/**
 * A record's page while its query runs: a skeleton while it loads, `RecordLoadError` (the way
 * back to its list, a retry where one helps) when it fails, else the page for the loaded data.
 */
export function LoadedRecord<T>({
  query,
  title,
  listUrl,
  children,
}: {
  query: Pick<UseQueryResult<T, unknown>, "isPending" | "isError" | "error" | "data" | "refetch">;
  title: string;
  listUrl: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <FormSkeleton />;
  if (query.isError) {
    return (
      <RecordLoadError
        title={title}
        listUrl={listUrl}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  }
  return children(query.data as T);
}

/** A labelled select for list filters (compact, in the toolbar). */
export function FilterSelect({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field field--filter">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="input input--select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {children}
      </select>
    </div>
  );
}

/**
 * A filter select that is off until a value is chosen; its first choice, `offLabel` ("All
 * statuses"), turns it off again.
 */
export function OptionalFilterSelect<TValue extends string>({
  label,
  offLabel,
  value,
  onChange,
  children,
}: {
  label: string;
  offLabel: string;
  value: TValue | undefined;
  onChange: (value: TValue | undefined) => void;
  /** The `<option>`s, each a TValue. */
  children: ReactNode;
}) {
  return (
    <FilterSelect
      label={label}
      value={value ?? ""}
      onChange={(next) => onChange(next === "" ? undefined : (next as TValue))}
    >
      <option value="">{offLabel}</option>
      {children}
    </FilterSelect>
  );
}

/**
 * A free-text filter that applies on Enter or when left, and only when `parse` accepts it (an
 * unfinished "en>" does not empty the list). Empty clears the filter.
 */
export function FilterText({
  label,
  value,
  placeholder,
  invalidMessage,
  parse,
  onChange,
}: {
  label: string;
  value: string;
  placeholder?: string;
  invalidMessage: string;
  parse: (raw: string) => string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const [seenValue, setSeenValue] = useState(value);
  const [invalid, setInvalid] = useState(false);
  if (value !== seenValue) {
    setSeenValue(value);
    setText(value);
    setInvalid(false);
  }
  const commit = () => {
    const trimmed = text.trim();
    if (trimmed === "") {
      setInvalid(false);
      if (value !== "") onChange(undefined);
      return;
    }
    const parsed = parse(trimmed);
    setInvalid(parsed === undefined);
    if (parsed !== undefined && parsed !== value) onChange(parsed);
  };
  return (
    <div className={`field field--filter${invalid ? " field--invalid" : ""}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        value={text}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            commit();
          }
        }}
      />
      {invalid ? (
        <p className="field__error" id={`${id}-error`}>
          {invalidMessage}
        </p>
      ) : null}
    </div>
  );
}

/** A date filter (from / to) that applies as soon as a whole date is entered or cleared. */
export function DateFilter({
  label,
  value,
  error,
  onChange,
}: {
  label: string;
  value: string | undefined;
  error?: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const id = useId();
  return (
    <div className={`field field--filter field--date${error ? " field--invalid" : ""}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <DateInput
        id={id}
        value={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value || undefined)}
      />
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A from–to pair of date filters. An end before its start is a typing slip: the end field says
 * so, and the list specs do not apply it (`rangeInvalid`).
 */
export function DateRangeFilter({
  fromLabel,
  toLabel,
  from,
  to,
  onFrom,
  onTo,
}: {
  fromLabel: string;
  toLabel: string;
  from: string | undefined;
  to: string | undefined;
  onFrom: (value: string | undefined) => void;
  onTo: (value: string | undefined) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <DateFilter label={fromLabel} value={from} onChange={onFrom} />
      <DateFilter
        label={toLabel}
        value={to}
        error={rangeInvalid(from, to) ? t("validation.endBeforeStart") : undefined}
        onChange={onTo}
      />
    </>
  );
}
