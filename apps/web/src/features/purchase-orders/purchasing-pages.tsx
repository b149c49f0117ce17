import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { DataTable } from "../../components/data-table.tsx";
import { EmptyState, ErrorState, TableSkeleton } from "../../components/list.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { Link } from "../../lib/router.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useCan } from "../auth/session.tsx";
import { documentPath } from "../sales/document-types.ts";
import { PURCHASE_ORDERS_PATH, purchaseOrderPath } from "./purchase-order-paths.ts";
import { PurchaseOrderStatusBadge } from "./purchase-order-status.tsx";

/** How many waiting items of each kind the inbox shows; the rest are a link to the full list. */
const INBOX_SIZE = 50;

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
 * `/approvals`: what waits for the signed-in person's approval: invoices pending approval (for
 * roles that approve sales documents) and purchase orders completed or disputed (for roles that
 * approve purchase orders). A role that approves neither sees that nothing can wait for it.
 */
export function ApprovalInboxPage() {
  const { t } = useI18n();
  const can = useCan();
  const invoices = can("salesDocument.approve");
  const orders = can("purchaseOrder.approve");
  return (
    <>
      <PageHeader title={t("approvals.title")} description={t("approvals.description")} />
      {!invoices && !orders ? (
        <section className="panel">
          <EmptyState
            title={t("approvals.notApprover")}
            description={t("approvals.notApproverHint")}
          />
        </section>
      ) : null}
      {orders ? <WaitingPurchaseOrders /> : null}
      {invoices ? <WaitingInvoices /> : null}
    </>
  );
}

function WaitingPurchaseOrders() {
  const { t, money } = useI18n();
  const trpc = useTRPC();
  const headingId = useId();
  const query = useQuery(
    trpc.purchaseOrders.list.queryOptions({
      approval: "awaiting",
      sortBy: "dueDate",
      sortDirection: "asc",
      pageSize: INBOX_SIZE,
    }),
  );
  return (
    <section className="panel detail-section po-section" aria-labelledby={headingId}>
      <header className="detail-section__header">
        <h2 className="detail-section__title" id={headingId}>
          {t("approvals.purchaseOrders", { count: query.data?.total ?? 0 })}
        </h2>
        <Link to={`${PURCHASE_ORDERS_PATH}?approval=awaiting`}>{t("approvals.openList")}</Link>
      </header>
      {query.isPending ? (
        <TableSkeleton columns={4} rows={3} />
      ) : query.isError ? (
        <ErrorState message={describeError(query.error, t)} onRetry={() => void query.refetch()} />
      ) : query.data.total === 0 ? (
        <p className="muted">{t("approvals.nothing")}</p>
      ) : (
        <DataTable
          caption={t("approvals.purchaseOrders", { count: query.data.total })}
          rows={query.data.items}
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
      )}
    </section>
  );
}

function WaitingInvoices() {
  const { t, money } = useI18n();
  const trpc = useTRPC();
  const headingId = useId();
  const query = useQuery(
    trpc.salesDocuments.list.queryOptions({
      type: "invoice",
      status: "pending",
      sortBy: "createdAt",
      sortDirection: "asc",
      pageSize: INBOX_SIZE,
    }),
  );
  return (
    <section className="panel detail-section po-section" aria-labelledby={headingId}>
      <header className="detail-section__header">
        <h2 className="detail-section__title" id={headingId}>
          {t("approvals.invoices", { count: query.data?.total ?? 0 })}
        </h2>
        <Link to="/invoices?status=pending">{t("approvals.openList")}</Link>
      </header>
      {query.isPending ? (
        <TableSkeleton columns={3} rows={3} />
      ) : query.isError ? (
        <ErrorState message={describeError(query.error, t)} onRetry={() => void query.refetch()} />
      ) : query.data.total === 0 ? (
        <p className="muted">{t("approvals.nothing")}</p>
      ) : (
        <DataTable
          caption={t("approvals.invoices", { count: query.data.total })}
          rows={query.data.items}
          columns={[
            {
              header: t("po.field.number"),
              cell: (row) => (
                <Link to={documentPath(row.id)} className="table__primary-link">
                  {row.number ?? t("po.noNumber")}
                </Link>
              ),
            },
            { header: t("approvals.customer"), cell: (row) => row.customerName },
            {
              header: t("approvals.total"),
              align: "end",
              cellClassName: "cell--end cell--numeric",
              cell: (row) => money(row.total, row.currency),
            },
          ]}
        />
      )}
    </section>
  );
}
