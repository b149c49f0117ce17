import type { BatchOperation } from "@ledgerline/domain";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Alert } from "../../components/alert.tsx";
import { DataTable } from "../../components/data-table.tsx";
import { Badge } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { Link } from "../../lib/router.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { purchaseOrderPath } from "./purchase-order-paths.ts";

export type BatchStatus = RouterOutputs["purchaseOrders"]["batchStatus"];

/** How often a running batch is asked for its progress. */
const POLL_MS = 700;

const OUTCOME_TONE = {
  approved: "success",
  deleted: "success",
  skipped: "neutral",
  refused: "danger",
} as const;

/**
 * A batch's progress and results. A small batch ran in the request and is done already; a larger
 * one runs as the worker's job, and this follows `purchaseOrders.batchStatus` until it finishes:
 * "n of N", a progress bar, the counts per outcome and one row per purchase order.
 */
export function BatchProgress({
  started,
  operation,
  onClose,
}: {
  started: BatchStatus;
  operation: BatchOperation;
  onClose: () => void;
}) {
  const { t, number } = useI18n();
  const trpc = useTRPC();
  const headingId = useId();
  const status = useQuery({
    ...trpc.purchaseOrders.batchStatus.queryOptions({ id: started.id }),
    initialData: started,
    refetchInterval: (query) => (query.state.data?.done ? false : POLL_MS),
  });
  const batch = status.data;
  return (
    <section className="panel detail-section po-section po-batch" aria-labelledby={headingId}>
      <header className="detail-section__header">
        <h2 id={headingId} className="detail-section__title">
          {t(operation === "approve" ? "po.batch.approveTitle" : "po.batch.deleteTitle")}
        </h2>
        <button type="button" className="button" onClick={onClose} disabled={!batch.done}>
          {t("action.close")}
        </button>
      </header>
      <p role="status" aria-live="polite" className="po-batch__progress-text">
        {batch.done
          ? t("po.batch.done", { processed: number(batch.processed), total: number(batch.total) })
          : t("po.batch.running", {
              processed: number(batch.processed),
              total: number(batch.total),
            })}
      </p>
      <progress
        className="po-batch__bar"
        max={batch.total}
        value={batch.processed}
        aria-label={t("po.batch.progress")}
      />
      <ul className="po-batch__counts">
        {(["approved", "deleted", "skipped", "refused"] as const)
          .filter((outcome) => batch.counts[outcome] > 0)
          .map((outcome) => (
            <li key={outcome}>
              <Badge tone={OUTCOME_TONE[outcome]}>
                {t(`po.outcome.${outcome}`)}: {number(batch.counts[outcome])}
              </Badge>
            </li>
          ))}
      </ul>
      {status.isError ? <Alert tone="error">{describeError(status.error, t)}</Alert> : null}
      <DataTable
        caption={t("po.batch.results")}
        rows={batch.results.map((result) => ({ ...result, id: result.purchaseOrderId }))}
        columns={[
          {
            header: t("po.field.number"),
            cell: (row) => (
              <Link to={purchaseOrderPath(row.purchaseOrderId)}>
                {row.number ?? t("po.noNumber")}
              </Link>
            ),
          },
          {
            header: t("po.batch.outcome"),
            cell: (row) =>
              row.outcome ? (
                <Badge tone={OUTCOME_TONE[row.outcome]}>{t(`po.outcome.${row.outcome}`)}</Badge>
              ) : (
                <span className="muted">{t("po.batch.waiting")}</span>
              ),
          },
          {
            header: t("po.batch.reason"),
            cell: (row) => row.message ?? <span className="muted">—</span>,
          },
        ]}
      />
      {batch.resultsTruncated ? (
        <p className="muted">{t("po.batch.truncated", { count: number(batch.results.length) })}</p>
      ) : null}
    </section>
  );
}
