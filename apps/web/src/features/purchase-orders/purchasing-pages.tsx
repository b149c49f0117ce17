import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { DetailSection } from "../../components/detail-section.tsx";
import { DataTable, type TableColumn } from "../../components/data-table.tsx";
import { EmptyState, ErrorState, TableSkeleton } from "../../components/list.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { Link } from "../../lib/router.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useCan } from "../auth/session.tsx";
import { documentPath } from "../sales/document-types.ts";
import { PURCHASE_ORDERS_PATH, purchaseOrderPath } from "./purchase-order-paths.ts";
import { PurchaseOrderStatusBadge } from "./purchase-order-status.tsx";

/**
 * `/purchasing`: open commitments per currency (approved, not yet paid; what we owe suppliers)
 * and what waits for approval, never converted between currencies. Each figure opens the list
 * that makes it up.
 */
export function PurchasingOverviewPage() {
  const { t, money, number } = useI18n();
  const trpc = useTRPC();
  const figureColumns = ({
    countHeader,
    amountHeader,
    filter,
    count,
    amount,
  }: {
    countHeader: string;
    amountHeader: string;
    /** The list's query for the POs the figure counts, beside the row's currency. */
    filter: string;
    count: (row: CommitmentRow) => number;
    amount: (row: CommitmentRow) => ReactNode;
  }): TableColumn<CommitmentRow>[] => [
    {
      header: countHeader,
      align: "end",
      cellClassName: "cell--end cell--numeric",
      cell: (row) => (
        <Link to={`${PURCHASE_ORDERS_PATH}?${filter}&currency=${row.currency}`}>
          {number(count(row))}
        </Link>
      ),
    },
    { header: amountHeader, align: "end", cellClassName: "cell--end cell--numeric", cell: amount },
  ];
  const commitments = useQuery(trpc.purchaseOrders.commitments.queryOptions({}));
  const rows = commitments.data?.map((row) => ({ ...row, id: row.currency })) ?? [];
  return (
    <>
      <PageHeader title={t("purchasing.title")} description={t("purchasing.description")} />
      <section className="panel">
        {commitments.isPending ? (
          <TableSkeleton columns={5} rows={3} />
        ) : commitments.isError ? (
          <ErrorState
            message={describeError(commitments.error, t)}
            onRetry={() => void commitments.refetch()}
          />
        ) : rows.length === 0 ? (
          <EmptyState title={t("purchasing.none")} description={t("purchasing.noneHint")} />
        ) : (
          <DataTable
            caption={t("purchasing.commitments")}
            rows={rows}
            columns={[
              { header: t("po.field.currency"), cell: (row) => row.currency },
              // Open commitments, then what waits for approval: each a count that opens the list
              // making it up, and its sum.
              ...figureColumns({
                countHeader: t("purchasing.openCount"),
                amountHeader: t("purchasing.openAmount"),
                filter: "status=approved",
                count: (row) => row.count,
                amount: (row) => <strong>{money(row.openAmount, row.currency)}</strong>,
              }),
              ...figureColumns({
                countHeader: t("purchasing.awaitingCount"),
                amountHeader: t("purchasing.awaitingAmount"),
                filter: "approval=awaiting",
                count: (row) => row.awaitingCount,
                amount: (row) => money(row.awaitingAmount, row.currency),
              }),
            ]}
          />
        )}
      </section>
    </>
  );
}

/**
 * `/approvals`: what waits for the signed-in person's approval (`approvals.inbox`; who sees what
 * is docs/domain-model.md §5.9 "Approval inbox"): purchase orders completed or disputed (every one
 * for admin and finance, the ones a team lead manages) and documents pending approval that they
 * did not submit themselves. A role that approves neither sees that nothing can wait for it.
 */
export function ApprovalInboxPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const approvesDocuments = can("salesDocument.approve");
  const approvesOrders = can("purchaseOrder.approve");
  const inbox = useQuery({
    ...trpc.approvals.inbox.queryOptions(),
    enabled: approvesDocuments || approvesOrders,
  });
  return (
    <>
      <PageHeader title={t("approvals.title")} description={t("approvals.description")} />
      {!approvesDocuments && !approvesOrders ? (
        <section className="panel">
          <EmptyState
            title={t("approvals.notApprover")}
            description={t("approvals.notApproverHint")}
          />
        </section>
      ) : inbox.isError ? (
        <section className="panel">
          <ErrorState
            message={describeError(inbox.error, t)}
            onRetry={() => void inbox.refetch()}
          />
        </section>
      ) : (
        <>
          {approvesOrders ? <WaitingPurchaseOrders waiting={inbox.data?.purchaseOrders} /> : null}
          {approvesDocuments ? <WaitingDocuments waiting={inbox.data?.salesDocuments} /> : null}
        </>
      )}
    </>
  );
}

type Inbox = RouterOutputs["approvals"]["inbox"];
type CommitmentRow = RouterOutputs["purchaseOrders"]["commitments"][number] & { id: string };

/** One section of the inbox: its heading with the count, a skeleton, "nothing", or the table. */
function InboxSection<Row extends { id: string }>({
  title,
  listUrl,
  waiting,
  columns,
}: {
  title: (count: number) => string;
  listUrl: string;
  waiting: { total: number; items: Row[] } | undefined;
  columns: TableColumn<Row>[];
}) {
  const { t } = useI18n();
  return (
    <DetailSection
      title={title(waiting?.total ?? 0)}
      className="po-section"
      actions={<Link to={listUrl}>{t("approvals.openList")}</Link>}
    >
      {!waiting ? (
        <TableSkeleton columns={columns.length} rows={3} />
      ) : waiting.total === 0 ? (
        <p className="muted">{t("approvals.nothing")}</p>
      ) : (
        <DataTable caption={title(waiting.total)} rows={waiting.items} columns={columns} />
      )}
    </DetailSection>
  );
}

function WaitingPurchaseOrders({ waiting }: { waiting: Inbox["purchaseOrders"] | undefined }) {
  const { t, money } = useI18n();
  return (
    <InboxSection
      title={(count) => t("approvals.purchaseOrders", { count })}
      listUrl={`${PURCHASE_ORDERS_PATH}?approval=waitingForMe`}
      waiting={waiting}
      columns={[
        {
          header: t("po.field.number"),
          cell: (row) => (
            <Link to={purchaseOrderPath(row.id)} className="table__primary-link">
              {row.number ?? t("po.noNumber")}
            </Link>
          ),
        },
        { header: t("po.field.supplier"), cell: (row) => row.supplierName },
        {
          header: t("po.field.project"),
          cell: (row) => `${row.projectNumber} ${row.projectName}`,
        },
        {
          header: t("po.field.status"),
          cell: (row) => <PurchaseOrderStatusBadge status={row.status} />,
        },
        {
          header: t("po.field.payableTotal"),
          align: "end",
          cellClassName: "cell--end cell--numeric",
          cell: (row) => money(row.payableTotal, row.currency),
        },
      ]}
    />
  );
}

function WaitingDocuments({ waiting }: { waiting: Inbox["salesDocuments"] | undefined }) {
  const { t, money } = useI18n();
  return (
    <InboxSection
      title={(count) => t("approvals.invoices", { count })}
      listUrl="/invoices?status=pending"
      waiting={waiting}
      columns={[
        {
          header: t("po.field.number"),
          cell: (row) => (
            <Link to={documentPath(row.id)} className="table__primary-link">
              {row.number ?? t(`documentType.${row.type}`)}
            </Link>
          ),
        },
        { header: t("approvals.customer"), cell: (row) => row.customerName },
        {
          header: t("approvals.submittedBy"),
          cell: (row) => row.submittedByName ?? "—",
        },
        {
          header: t("approvals.total"),
          align: "end",
          cellClassName: "cell--end cell--numeric",
          cell: (row) => money(row.total, row.currency),
        },
      ]}
    />
  );
}
