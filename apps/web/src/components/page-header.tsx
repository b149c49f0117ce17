import { createContext, useContext, type ReactNode } from "react";
import { usePageTitle } from "../lib/page-title.ts";

/** The area the shell's navigation marks as current ("Invoices"), for the tab's title. */
export const PageAreaContext = createContext<string | undefined>(undefined);

/**
 * A screen's heading. It also names the browser tab: `pageTitle` (else the title, when it is
 * text), then `area` (else the navigation's current area), then the product.
 */
export function PageHeader({
  title,
  description,
  actions,
  breadcrumb,
  badge,
  pageTitle,
  area,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  breadcrumb?: ReactNode;
  badge?: ReactNode;
  /** The tab's title when `title` is not plain text (a number and a badge). */
  pageTitle?: string | undefined;
  /** The area when the navigation marks none (a document page belongs to its type's list). */
  area?: string | undefined;
}) {
  const currentArea = useContext(PageAreaContext);
  usePageTitle([pageTitle ?? (typeof title === "string" ? title : undefined), area ?? currentArea]);
  return (
    <header className="page-header">
      <div className="page-header__text">
        {breadcrumb ? <div className="page-header__breadcrumb">{breadcrumb}</div> : null}
        <h1 className="page-header__title">
          {title}
          {badge ? <span className="page-header__badge">{badge}</span> : null}
        </h1>
        {description ? <p className="page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}

export function Badge({
  tone = "neutral",
  children,
}: {
  tone?: "neutral" | "success" | "warning" | "danger" | "info";
  children: ReactNode;
}) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
