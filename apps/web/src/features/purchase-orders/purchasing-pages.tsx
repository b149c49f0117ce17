import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
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
              {
                header: t("purchasing.openCount"),
                align: "end",
                cellClassName: "cell--end cell--numeric",
                cell: (row) => (
                  <Link to={`${PURCHASE_ORDERS_PATH}?status=approved&currency=${row.currency}`}>
                    {number(row.count)}
                  </Link>
                ),
              },
              {
                header: t("purchasing.openAmount"),
                align: "end",
                cellClassName: "cell--end cell--numeric",
                cell: (row) => <strong>{money(row.openAmount, row.currency)}</strong>,
              },
              {
                header: t("purchasing.awaitingCount"),
                align: "end",
                cellClassName: "cell--end cell--numeric",
                cell: (row) => (
                  <Link to={`${PURCHASE_ORDERS_PATH}?approval=awaiting&currency=${row.currency}`}>
                    {number(row.awaitingCount)}
                  </Link>
                ),
              },
              {
                header: t("purchasing.awaitingAmount"),
                align: "end",
                cellClassName: "cell--end cell--numeric",
                cell: (row) => money(row.awaitingAmount, row.currency),
              },
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
  const headingId = useId();
  return (
    <section className="panel detail-section po-section" aria-labelledby={headingId}>
      <header className="detail-section__header">
        <h2 className="detail-section__title" id={headingId}>
          {title(waiting?.total ?? 0)}
        </h2>
        <Link to={listUrl}>{t("approvals.openList")}</Link>
      </header>
      {!waiting ? (
        <TableSkeleton columns={columns.length} rows={3} />
      ) : waiting.total === 0 ? (
        <p className="muted">{t("approvals.nothing")}</p>
      ) : (
        <DataTable caption={title(waiting.total)} rows={waiting.items} columns={columns} />
      )}
    </section>
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
