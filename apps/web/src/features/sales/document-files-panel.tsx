import { hasEInvoice } from "@ledgerline/domain";
import { useI18n } from "../../i18n/i18n.tsx";
import { PDF_BUTTON_ROW, RecordPdfPanel, recordFileUrl } from "../records/record-pdf-panel.tsx";
import type { SalesDocument } from "./sales-api.ts";

/**
 * The sales document's PDF and e-invoices: `RecordPdfPanel`, plus the XRechnung and ZUGFeRD
 * downloads of issued invoices, credit notes and cancellations.
 */
export function DocumentFilesPanel({ document }: { document: SalesDocument }) {
  const { t } = useI18n();
  const eInvoices = hasEInvoice(document.type, document.status);
  return (
    <RecordPdfPanel kind="salesDocument" id={document.id} title={t("documentFiles.title")}>
      {eInvoices ? (
        <div style={PDF_BUTTON_ROW}>
          <a
            className="button button--small"
            href={recordFileUrl("salesDocument", document.id, "xrechnung-ubl.xml", true)}
          >
            {t("documentFiles.xrechnungUbl")}
          </a>
          <a
            className="button button--small"
            href={recordFileUrl("salesDocument", document.id, "xrechnung-cii.xml", true)}
          >
            {t("documentFiles.xrechnungCii")}
          </a>
          <a
            className="button button--small"
            href={recordFileUrl("salesDocument", document.id, "zugferd.pdf", true)}
          >
            {t("documentFiles.zugferd")}
          </a>
        </div>
      ) : null}
    </RecordPdfPanel>
  );
}
