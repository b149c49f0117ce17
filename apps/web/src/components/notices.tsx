import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { useI18n } from "../i18n/i18n.tsx";

/** Short confirmations ("Customer saved.") that do not need a decision; read out politely. */
interface Notice {
  id: number;
  tone: "success" | "info" | "error";
  message: string;
}

const NoticeContext = createContext<((tone: Notice["tone"], message: string) => void) | null>(null);

const VISIBLE_MS = 6000;

export function NoticeProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback(
    (id: number) => setNotices((current) => current.filter((notice) => notice.id !== id)),
    [],
  );

  const notify = useCallback(
    (tone: Notice["tone"], message: string) => {
      const id = nextId.current++;
      setNotices((current) => [...current.slice(-2), { id, tone, message }]);
      window.setTimeout(() => dismiss(id), VISIBLE_MS);
    },
    [dismiss],
  );

  const value = useMemo(() => notify, [notify]);

  return (
    <NoticeContext.Provider value={value}>
      {children}
      <div className="notices" role="status" aria-live="polite">
        {notices.map((notice) => (
          <div key={notice.id} className={`notice notice--${notice.tone}`}>
            <span>{notice.message}</span>
            <button
              type="button"
              className="icon-button"
              onClick={() => dismiss(notice.id)}
              aria-label={t("action.dismiss")}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}

export function useNotify() {
  const notify = useContext(NoticeContext);
  if (!notify) throw new Error("useNotify() needs a <NoticeProvider> above it.");
  return notify;
}
