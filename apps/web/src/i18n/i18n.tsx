import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  type DecimalValue,
} from "../lib/format.ts";
import { de } from "./de.ts";
import { en, type MessageKey, type Messages } from "./en.ts";
import { isLocale, resolveLocale, type Locale } from "./locale.ts";
import { interpolate, type Translate } from "./translate.ts";

const DICTIONARIES: Record<Locale, Messages> = { de, en };
const STORAGE_KEY = "ledgerline.locale";

function readStoredLocale(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage can be off (private modes, policies); the browser language then decides
  }
}

function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // see readStoredLocale
  }
}

export interface I18n {
  locale: Locale;
  /** Switches the language on this device (the shell also stores it on the user). */
  setLocale: (locale: Locale) => void;
  t: Translate;
  money: (amount: DecimalValue, currency: string) => string;
  number: (value: number | DecimalValue, options?: Intl.NumberFormatOptions) => string;
  date: (value: Date | string, options?: { calendarDate?: boolean }) => string;
  dateTime: (value: Date | string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() =>
    resolveLocale({
      storedLocale: readStoredLocale(),
      browserLanguages: navigator.languages ?? [navigator.language],
    }),
  );

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    if (!isLocale(next)) return;
    storeLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = DICTIONARIES[locale];
    const t: Translate = Object.assign(
      (key: MessageKey, params?: Record<string, string | number>) =>
        interpolate(messages[key], params),
      { locale },
    );
    return {
      locale,
      setLocale,
      t,
      money: (amount, currency) => formatMoney(amount, currency, locale),
      number: (numberValue, options) => formatNumber(numberValue, locale, options),
      date: (dateValue, options) => formatDate(dateValue, locale, options),
      dateTime: (dateValue) => formatDateTime(dateValue, locale),
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n() needs an <I18nProvider> above it.");
  return context;
}

export type { Locale, MessageKey };
