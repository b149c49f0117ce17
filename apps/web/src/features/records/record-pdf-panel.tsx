import type { Permission, PdfRecordKind } from "@ledgerline/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { DetailSection } from "../../components/detail-section.tsx";
import { useNotify } from "../../components/notices.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useCan } from "../auth/session.tsx";

type PdfStatus = RouterOutputs["salesDocumentPdfs"]["status"];

/**
 * Each record kind with a PDF: its procedures (the same three for every kind, `record-pdfs.ts`
 * in apps/api), its download path, and who may regenerate.
 */
const PDF_RECORDS = {
  salesDocument: {
    router: "salesDocumentPdfs",
    path: "sales-documents",
    write: "salesDocument.write",
  },
  purchaseOrder: {
    router: "purchaseOrderPdfs",
    path: "purchase-orders",
    write: "purchaseOrder.write",
  },
  invoiceGroup: { router: "invoiceGroupPdfs", path: "invoice-groups", write: "invoiceGroup.write" },
} as const satisfies Record<
  PdfRecordKind,
  {
    router: "salesDocumentPdfs" | "purchaseOrderPdfs" | "invoiceGroupPdfs";
    path: string;
    write: Permission;
  }
>;

/** While the worker has the job, ask again every second; otherwise the answer stands. */
const refetchWhileBusy = (status: PdfStatus | undefined) =>
  status?.job &&
  (status.job.state === "waiting" ||
    status.job.state === "active" ||
    status.job.state === "delayed")
    ? 1_000
    : false;

/** The buttons wrap on narrow screens; kept here so the panel needs no shared stylesheet rule. */
export const PDF_BUTTON_ROW = {
  display: "flex",
  flexWrap: "wrap",
  gap: "0.5rem",
  marginTop: "0.5rem",
} as const;

export const recordFileUrl = (kind: PdfRecordKind, id: string, file: string, download = false) =>
  `/files/${PDF_RECORDS[kind].path}/${id}/${file}${download ? "?download=1" : ""}`;

/**
 * A record's PDF (a sales document, purchase order or invoice group): the PDF job's state
 * (queued, rendering, ready, failed with the worker's reason and a retry), preview (the PDF in
 * a new tab: the app's pages may not be framed) and download (rendered on demand when none is
 * current), and regenerate (a new version; people who may write the record).
 */
export function RecordPdfPanel({
  kind,
  id,
  title,
  children,
}: {
  kind: PdfRecordKind;
  id: string;
  title?: string;
  children?: ReactNode;
}) {
  const { t, date } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const notify = useNotify();
  const queryClient = useQueryClient();
  // The three routers are one factory's (same inputs and outputs): one type serves them all.
  const pdfs = trpc[PDF_RECORDS[kind].router] as typeof trpc.salesDocumentPdfs;
  const statusQuery = useQuery({
    ...pdfs.status.queryOptions({ id }),
    refetchInterval: (query) => refetchWhileBusy(query.state.data),
  });
  const onSettled = {
    onSuccess: (status: PdfStatus) =>
      queryClient.setQueryData(pdfs.status.queryKey({ id }), status),
    onError: (error: unknown) => notify("error", describeError(error, t)),
  };
  const queue = useMutation(pdfs.queue.mutationOptions(onSettled));
  const regenerate = useMutation(pdfs.regenerate.mutationOptions(onSettled));
  const status = statusQuery.data;
  const job = status?.job ?? null;

  let state: string;
  if (statusQuery.isPending) state = t("recordPdf.state.loading");
  else if (statusQuery.isError) state = describeError(statusQuery.error, t);
  else if (job?.state === "failed")
    state = t("recordPdf.state.failed", { reason: job.failedReason ?? "?" });
  else if (job?.state === "active") state = t("recordPdf.state.rendering");
  else if (job && job.state !== "completed") state = t("recordPdf.state.queued");
  else if (status?.pdf && status.current)
    state = t("recordPdf.state.ready", {
      version: String(status.pdf.version),
      date: date(status.pdf.createdAt),
    });
  else if (status?.pdf)
    state = t(kind === "salesDocument" ? "recordPdf.state.outdated" : "recordPdf.state.stale");
  else state = t("recordPdf.state.none");

  const busy = queue.isPending || regenerate.isPending;
  return (
    <DetailSection title={title ?? t("recordPdf.pdfTitle")}>
      <div className="detail-section__body">
        <p
          role="status"
          data-testid="pdf-state"
          data-state={job?.state ?? (status?.current ? "ready" : "none")}
        >
          {state}
        </p>
        <div style={PDF_BUTTON_ROW}>
          <a
            className="button button--small"
            href={recordFileUrl(kind, id, "pdf")}
            target="_blank"
            rel="noopener"
          >
            {t("recordPdf.preview")}
          </a>
          <a className="button button--small" href={recordFileUrl(kind, id, "pdf", true)}>
            {t("recordPdf.download")}
          </a>
          {job?.state === "failed" || (!status?.current && !job) ? (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => queue.mutate({ id })}
            >
              {job?.state === "failed" ? t("recordPdf.retry") : t("recordPdf.render")}
            </button>
          ) : null}
          {can(PDF_RECORDS[kind].write) && status?.pdf ? (
            <button
              type="button"
              className="button button--small button--ghost"
              disabled={busy}
              onClick={() => regenerate.mutate({ id })}
            >
              {t("recordPdf.regenerate")}
            </button>
          ) : null}
        </div>
        {children}
      </div>
    </DetailSection>
  );
}
