import type { ReactNode } from "react";

type Tone = "error" | "warning" | "success" | "info";

/** A message in the flow of the page. Errors are announced at once (role="alert"). */
export function Alert({
  tone,
  title,
  children,
  action,
}: {
  tone: Tone;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className={`alert alert--${tone}`} role={tone === "error" ? "alert" : "status"}>
      <div className="alert__body">
        {title ? <p className="alert__title">{title}</p> : null}
        {children ? <div className="alert__text">{children}</div> : null}
      </div>
      {action ? <div className="alert__action">{action}</div> : null}
    </div>
  );
}
