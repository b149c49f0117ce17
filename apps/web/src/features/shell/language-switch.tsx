import { useI18n } from "../../i18n/i18n.tsx";
import { LOCALES, type Locale } from "../../i18n/locale.ts";

const NATIVE_NAMES: Record<Locale, string> = { de: "Deutsch", en: "English" };

/** DE | EN. The pressed button is the active language; each names itself in its own language. */
export function LanguageSwitch({ onChange }: { onChange?: (locale: Locale) => void }) {
  const { t, locale, setLocale } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t("shell.language")}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          title={NATIVE_NAMES[option]}
          className="language-switch__option"
          aria-pressed={option === locale}
          onClick={() => {
            if (option === locale) return;
            setLocale(option);
            onChange?.(option);
          }}
        >
          {option.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
