import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { PageAreaContext } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useForgetData } from "../auth/forget-data.ts";
import { useSession } from "../auth/session.tsx";
import { LanguageSwitch } from "./language-switch.tsx";
import { NavIcon } from "./nav-icon.tsx";
import { isActivePath, navigationFor } from "./navigation.ts";

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** `/` focuses the list's search box, as in most tools people already know. */
function useSearchShortcut() {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (
        event.key !== "/" ||
        event.ctrlKey ||
        event.metaKey ||
        event.altKey ||
        isTyping(event.target)
      )
        return;
      if (document.querySelector("dialog[open]")) return;
      const search = document.querySelector<HTMLInputElement>("[data-list-search]");
      if (!search) return;
      event.preventDefault();
      search.focus();
      search.select();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}

/**
 * A new screen starts the keyboard at its content: when the link or button that led here is
 * gone (the focus fell to the body), the main region takes the focus, so the next Tab is the
 * screen's first control and not the top bar's. A screen that focuses a field itself
 * (autoFocus on a new record's first field) keeps that.
 */
function useFocusOnNavigation(pathname: string) {
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      if (!active || active === document.body || !active.isConnected) {
        document.getElementById("main")?.focus({ preventScroll: true });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const session = useSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const forgetData = useForgetData();
  const { pathname } = useLocation();
  useSearchShortcut();
  useFocusOnNavigation(pathname);

  const saveLocale = useMutation(
    trpc.auth.setLocale.mutationOptions({
      onSuccess: ({ locale }) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), (current) =>
          current?.user ? { ...current, user: { ...current.user, locale } } : current,
        );
      },
    }),
  );

  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSettled: () => {
        navigate("/", { replace: true });
        queryClient.setQueryData(trpc.auth.me.queryKey(), null);
        forgetData();
      },
    }),
  );

  const sections = navigationFor(session.role);
  const currentArea = sections
    .flatMap((section) => section.items)
    .find((item) => isActivePath(item.to, pathname));

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <header className="topbar">
        <Link to="/" className="topbar__brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Ledgerline</span>
        </Link>
        <div className="topbar__spacer" />
        <LanguageSwitch
          onChange={(locale) => session.kind === "user" && saveLocale.mutate({ locale })}
        />
        <div className="topbar__user">
          <span className="topbar__user-name">{session.name}</span>
          <span className="topbar__user-role">{t(`role.${session.role}`)}</span>
        </div>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          {t("shell.signOut")}
        </button>
      </header>
      <div className="shell__body">
        <nav className="sidebar" aria-label={t("shell.navigation")}>
          {sections.map((section) => (
            <div key={section.label} className="sidebar__section">
              <h2 className="sidebar__heading">{t(section.label)}</h2>
              <ul className="sidebar__list">
                {section.items.map((item) => {
                  const active = isActivePath(item.to, pathname);
                  return (
                    <li key={item.to}>
                      <Link
                        to={item.to}
                        className={`sidebar__link${active ? " sidebar__link--active" : ""}`}
                        aria-current={active ? "page" : undefined}
                      >
                        <NavIcon name={item.icon} />
                        {t(item.label)}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          <PageAreaContext value={currentArea ? t(currentArea.label) : undefined}>
            {children}
          </PageAreaContext>
        </main>
      </div>
    </div>
  );
}
