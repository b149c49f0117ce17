import type { SalesDocumentStatus, SalesDocumentType } from "@ledgerline/domain";
import { useI18n } from "../../i18n/i18n.tsx";

/** A document's status in its own colour (styles: `.status--<status>`). */
export function StatusBadge({ status }: { status: SalesDocumentStatus }) {
  const { t } = useI18n();
  return <span className={`badge status status--${status}`}>{t(`salesStatus.${status}`)}</span>;
}

/**
 * A document's number, or, while it has none (a draft or a document waiting for approval), a
 * clear "Draft" mark: numbers are given when a document is issued.
 */
export function DocumentNumber({
  number,
  status,
}: {
  number: string | null;
  status: SalesDocumentStatus;
}) {
  const { t } = useI18n();
  if (number) return <span className="document-number">{number}</span>;
  return (
    <span className="document-number document-number--draft">
      {status === "draft" ? t("sales.draftNumber") : t("sales.notNumbered")}
    </span>
  );
}

/** "Invoice RE-2026-0001", "Invoice (draft)": how a document is named in titles and messages. */
export function useDocumentName() {
  const { t } = useI18n();
  return (document: { type: SalesDocumentType; number: string | null }) =>
    document.number
      ? t("sales.documentName", {
          type: t(`documentType.${document.type}`),
          number: document.number,
        })
      : t("sales.draftName", { type: t(`documentType.${document.type}`) });
}

/** A type inside a sentence: "invoice" in English, "Rechnung" in German (nouns keep their capital). */
export function useTypeNoun() {
  const { t, locale } = useI18n();
  return (type: SalesDocumentType) => {
    const name = t(`documentType.${type}`);
    return locale === "en" ? name.toLowerCase() : name;
  };
}
