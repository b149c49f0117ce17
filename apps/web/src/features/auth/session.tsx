import { can, type Permission } from "@ledgerline/domain";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, type ReactNode } from "react";
import { useI18n } from "../../i18n/i18n.tsx";
import { isLocale } from "../../i18n/locale.ts";
import { describeError } from "../../lib/errors.ts";
import { onUnauthorized, useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useForgetData } from "./forget-data.ts";
import { SignInPage } from "./sign-in-page.tsx";

export type Session = NonNullable<RouterOutputs["auth"]["me"]>;

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() is only available to signed-in screens.");
  return session;
}

/** What the signed-in role may do, from the one permission table in @ledgerline/domain. */
export function useCan(): (permission: Permission) => boolean {
  const { role } = useSession();
  return useCallback((permission: Permission) => can(role, permission), [role]);
}

/**
 * Asks the API who is signed in (`auth.me`) and shows the sign-in page or the app. When any call
 * answers UNAUTHORIZED (session expired, role changed, signed out elsewhere), it is back to
 * signing in, with every cached record dropped.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const forgetData = useForgetData();
  const { t, locale, setLocale } = useI18n();
  const me = useQuery(
    trpc.auth.me.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );

  useEffect(
    () =>
      onUnauthorized(() => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), null);
        forgetData();
      }),
    [forgetData, queryClient, trpc],
  );

  // The language stored on the user wins over this device's and the browser's.
  const userLocale = me.data?.user?.locale;
  useEffect(() => {
    if (isLocale(userLocale) && userLocale !== locale) setLocale(userLocale);
    // Only when the stored choice changes (sign-in); switching later updates both.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userLocale]);

  if (me.isPending) {
    return (
      <div className="splash" aria-busy="true">
        <span className="brand-mark" aria-hidden="true" />
        <span className="visually-hidden" role="status">
          {t("state.loading")}
        </span>
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="splash">
        <div className="error-state" role="alert">
          <h1 className="error-state__title">{t("state.unavailableTitle")}</h1>
          <p className="error-state__message">{describeError(me.error, t)}</p>
          <button type="button" className="button" onClick={() => void me.refetch()}>
            {t("action.retry")}
          </button>
        </div>
      </div>
    );
  }
  if (!me.data) return <SignInPage />;
  return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
}
