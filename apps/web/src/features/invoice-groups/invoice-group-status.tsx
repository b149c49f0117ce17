import type { InvoiceGroupStatus } from "@ledgerline/domain";
import { Badge } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";

const TONES: Record<InvoiceGroupStatus, "neutral" | "success" | "warning" | "info"> = {
  draft: "neutral",
  issued: "info",
  paid: "success",
  cancelled: "neutral",
};

/** A group's status in the UI's language, coloured by what it asks of people. */
export function InvoiceGroupStatusBadge({ status }: { status: InvoiceGroupStatus }) {
  const { t } = useI18n();
  return <Badge tone={TONES[status]}>{t(`invoiceGroup.status.${status}`)}</Badge>;
}
