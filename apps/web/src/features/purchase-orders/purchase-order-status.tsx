import type { PurchaseOrderStatus } from "@ledgerline/domain";
import { Badge } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";

const TONES: Record<PurchaseOrderStatus, "neutral" | "success" | "warning" | "danger" | "info"> = {
  pending: "neutral",
  accepted: "info",
  in_progress: "info",
  completed: "warning",
  approved: "success",
  paid: "success",
  declined: "neutral",
  cancelled: "neutral",
  expired: "neutral",
  disputed: "danger",
};

/** A PO's status in the UI's language, coloured by what it asks of people. */
export function PurchaseOrderStatusBadge({ status }: { status: PurchaseOrderStatus }) {
  const { t } = useI18n();
  return <Badge tone={TONES[status]}>{t(`po.status.${status}`)}</Badge>;
}
