import type { Db, Prisma } from "@ledgerline/db";
import {
  APPROVAL_TYPES,
  can,
  payableTotalOf,
  purchaseOrderInboxScope,
  type PurchaseOrderStatus,
  type SalesDocumentType,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { waitingForApprovalOf } from "../purchase-orders/waiting-for-approval.ts";
import { personIdOf } from "../sales-documents/company-context.ts";

/** How many waiting items of each kind the inbox returns; `total` counts them all. */
export const APPROVAL_INBOX_SIZE = 50;

interface WaitingPurchaseOrderRow {
  id: string;
  number: string | null;
  status: PurchaseOrderStatus;
  currency: string;
  amount: Prisma.Decimal;
  disbursementTotal: Prisma.Decimal;
  dueDate: Date | null;
  supplierName: string;
  projectNumber: string;
  projectName: string;
  total: number;
}

interface WaitingDocumentRow {
  id: string;
  number: string | null;
  type: SalesDocumentType;
  customerName: string;
  total: Prisma.Decimal;
  currency: string;
  submittedAt: Date | null;
  submittedByName: string | null;
  count: number;
}

/**
 * `approvals.inbox`: what waits for the signed-in person's approval (docs/domain-model.md §5.9,
 * "Approval inbox"), at most APPROVAL_INBOX_SIZE of each kind, the longest waiting first:
 * - purchase orders completed or disputed with something to pay, not archived or deleted, in the
 *   person's scope (`waitingForApprovalOf`: all for admin and finance, the ones a team lead
 *   manages, as the PO's project manager or its project's manager); the PO list's
 *   `approval=waitingForMe` pages through the same set;
 * - sales documents pending approval (four-eyes types), not deleted, that the person may approve: never the
 *   ones they submitted themselves (four-eyes), for every role with `salesDocument.approve`.
 * A team member approves nothing, so nothing waits for them.
 */
export async function approvalInbox(db: Db, actor: Actor) {
  const role = actor.kind === "system" ? undefined : actor.role;
  const me = personIdOf(actor);
  const approvesOrders = purchaseOrderInboxScope(role) !== "none";
  const approvesDocuments = role === undefined || can(role, "salesDocument.approve");
  const [orders, documents] = await Promise.all([
    !approvesOrders
      ? Promise.resolve([] as WaitingPurchaseOrderRow[])
      : db.$queryRaw<WaitingPurchaseOrderRow[]>`
          SELECT po.id::text AS id, po.number, po.status::text AS status, po.currency,
                 po.amount, po.disbursement_total AS "disbursementTotal", po.due_date AS "dueDate",
                 s.name AS "supplierName", p.number AS "projectNumber", p.name AS "projectName",
                 count(*) OVER ()::int AS total
          FROM purchase_orders po
          JOIN projects p ON p.id = po.project_id
          JOIN suppliers s ON s.id = po.supplier_id
          WHERE ${waitingForApprovalOf(actor)}
          ORDER BY po.due_date ASC NULLS LAST, po.created_at ASC, po.id
          LIMIT ${APPROVAL_INBOX_SIZE}`,
    !approvesDocuments
      ? Promise.resolve([] as WaitingDocumentRow[])
      : db.$queryRaw<WaitingDocumentRow[]>`
          SELECT d.id::text AS id, d.number, d.type::text AS type, d.customer_name AS "customerName",
                 d.total, d.currency, d.submitted_at AS "submittedAt",
                 u.name AS "submittedByName", count(*) OVER ()::int AS count
          FROM sales_documents d
          LEFT JOIN users u ON u.id = d.submitted_by_id
          WHERE d.status = 'pending' AND d.type::text = ANY (${[...APPROVAL_TYPES]}::text[])
            AND d.deleted_at IS NULL
            AND (${me}::uuid IS NULL OR d.submitted_by_id IS DISTINCT FROM ${me}::uuid)
          ORDER BY d.submitted_at ASC NULLS LAST, d.created_at ASC, d.id
          LIMIT ${APPROVAL_INBOX_SIZE}`,
  ]);
  return {
    purchaseOrders: {
      total: orders[0]?.total ?? 0,
      items: orders.map(({ total: _total, amount, disbursementTotal, ...row }) => ({
        ...row,
        payableTotal: payableTotalOf({ amount, disbursementTotal }).toFixed(2),
      })),
    },
    salesDocuments: {
      total: documents[0]?.count ?? 0,
      items: documents.map(({ count: _count, total, ...row }) => ({
        ...row,
        total: total.toFixed(2),
      })),
    },
  };
}

export type ApprovalInbox = Awaited<ReturnType<typeof approvalInbox>>;
