import { useId, type ReactNode } from "react";

/**
 * One section of a detail page (a document's lines, payments and history, a purchase order's
 * milestones and disbursements, the approval inbox's lists): a panel named by its heading, for
 * screen readers a region, with the section's own buttons beside the heading. `hiddenTitle`
 * keeps the heading for screen readers only, where the content speaks for itself (a document's
 * facts).
 */
export function DetailSection({
  title,
  actions,
  hiddenTitle = false,
  className,
  children,
}: {
  title: ReactNode;
  /** Buttons or links at the heading's end. */
  actions?: ReactNode;
  hiddenTitle?: boolean;
  /** More classes for the panel (`po-section`: text inside the panel's padding). */
  className?: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section
      className={className ? `panel detail-section ${className}` : "panel detail-section"}
      aria-labelledby={headingId}
    >
      {hiddenTitle ? (
        <h2 className="visually-hidden" id={headingId}>
          {title}
        </h2>
      ) : (
        <header className="detail-section__header">
          <h2 className="detail-section__title" id={headingId}>
            {title}
          </h2>
          {actions}
        </header>
      )}
      {children}
    </section>
  );
}
