import {
  STATUSES_BY_TYPE,
  type SalesDocumentStatus,
  type SalesDocumentType,
} from "@ledgerline/domain";
import { useEffect, useId, useRef } from "react";
import { useI18n } from "../../i18n/i18n.tsx";

/**
 * Several statuses at once: a disclosure button that opens a list of checkboxes, one per status
 * the type has. Escape or a click elsewhere closes it; each checkbox applies at once.
 */
export function StatusFilter({
  type,
  selected,
  onToggle,
  onClear,
}: {
  type: SalesDocumentType;
  selected: readonly SalesDocumentStatus[];
  onToggle: (status: SalesDocumentStatus) => void;
  onClear: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const details = useRef<HTMLDetailsElement>(null);
  const statuses = STATUSES_BY_TYPE[type] as readonly SalesDocumentStatus[];

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const element = details.current;
      if (element?.open && !element.contains(event.target as Node)) element.open = false;
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, []);

  const summary =
    selected.length === 0
      ? t("filter.allStatuses")
      : selected.length <= 2
        ? selected.map((status) => t(`salesStatus.${status}`)).join(", ")
        : t("sales.statusesSelected", { count: selected.length });

  return (
    <div className="field field--filter">
      <span className="field__label" id={`${id}-label`}>
        {t("sales.status")}
      </span>
      <details
        ref={details}
        className="multi-select"
        onKeyDown={(event) => {
          if (event.key === "Escape" && details.current?.open) {
            event.preventDefault();
            details.current.open = false;
            details.current.querySelector("summary")?.focus();
          }
        }}
      >
        <summary
          className="input input--select multi-select__summary"
          aria-labelledby={`${id}-label ${id}-value`}
        >
          <span id={`${id}-value`}>{summary}</span>
        </summary>
        <fieldset className="multi-select__menu">
          <legend className="visually-hidden">{t("sales.status")}</legend>
          {statuses.map((status) => (
            <label key={status} className="multi-select__option">
              <input
                type="checkbox"
                className="checkbox"
                checked={selected.includes(status)}
                onChange={() => onToggle(status)}
              />
              <span className={`status-dot status-dot--${status}`} aria-hidden="true" />
              {t(`salesStatus.${status}`)}
            </label>
          ))}
          {selected.length > 0 ? (
            <button type="button" className="button button--small button--ghost" onClick={onClear}>
              {t("sales.clearStatuses")}
            </button>
          ) : null}
        </fieldset>
      </details>
    </div>
  );
}
