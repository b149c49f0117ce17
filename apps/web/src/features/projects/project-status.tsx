import type { ProjectStatus } from "@ledgerline/domain";
import { Badge } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";

const TONES = {
  active: "success",
  on_hold: "warning",
  completed: "neutral",
} as const satisfies Record<ProjectStatus, string>;

export function ProjectStatusBadge({ status }: { status: ProjectStatus }) {
  const { t } = useI18n();
  return <Badge tone={TONES[status]}>{t(`projects.status.${status}`)}</Badge>;
}
