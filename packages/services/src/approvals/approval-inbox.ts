import { Prisma, type Db } from "@ledgerline/db";
import {
  actionsInStatus,
  APPROVAL_TYPES,
  CORRECTION_TYPES,
  CREDITABLE_INVOICE_STATUSES,
  payableTotalOf,
  purchaseOrderInboxScope,
  type ActionActor,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import {
  purchaseOrderColumns,
  withPurchaseOrderDates,
  type PurchaseOrderRow,
} from "../purchase-orders/purchase-order-rows.ts";
import { waitingForApprovalOf } from "../purchase-orders/waiting-for-approval.ts";
import { approverOf } from "../sales-documents/company-context.ts";
import {
  salesDocumentColumns,
  type SalesDocumentRow,
} from "../sales-documents/sales-document-rows.ts";

/** How many waiting items of each kind the inbox returns; `total` counts them all. */
export const APPROVAL_INBOX_SIZE = 50;

/** The columns of a waiting PO the inbox shows, as the list and the detail read them. */
const INBOX_PURCHASE_ORDER_COLUMNS = [
  "id",
  "number",
  "status",
  "currency",
  "amount",
  "disbursementTotal",
  "dueDate",
] as const satisfies (keyof PurchaseOrderRow)[];

type WaitingPurchaseOrderRow = Pick<
  PurchaseOrderRow,
  (typeof INBOX_PURCHASE_ORDER_COLUMNS)[number]
> & {
  supplierName: string;
  projectNumber: number;
  projectName: string;
  total: number;
};

/** What the inbox shows of a sales document waiting for approval. */
const INBOX_DOCUMENT_COLUMNS = [
  "id",
  "number",
  "type",
  "customerName",
  "total",
  "currency",
  "submittedAt",
] as const satisfies (keyof SalesDocumentRow)[];

type WaitingDocumentRow = Pick<SalesDocumentRow, (typeof INBOX_DOCUMENT_COLUMNS)[number]> & {
  submittedByName: string | null;
  count: number;
};

/** Enum names as SQL text constants; the values are the domain's names, never input. */
const textConstants = (values: readonly string[]): Prisma.Sql => {
  for (const value of values) {
    if (!/^[a-z_]+$/.test(value)) throw new Error(`Not an enum name: ${value}`);
  }
  return Prisma.raw(values.map((value) => `'${value}'`).join(", "));
};

/**
 * Mirrors `mayApprove` for the sales documents `d` and `approver`: the documents whose
 * `allowedActions` for that person include approve. What depends on the person alone is decided
 * here with the domain's own functions: the types whose approval their role may give
 * (`actionsInStatus`, so a credit note needs `salesDocument.correct` too) and whether they are
 * the sole approver (`approverOf`); the rest is per document. Null when they approve nothing.
 */
export function approvableSql(approver: ActionActor): Prisma.Sql | null {
  const types = APPROVAL_TYPES.filter((type) =>
    actionsInStatus(type, "pending", approver.role).includes("approve"),
  );
  if (types.length === 0) return null;
  const me = approver.personId;
  // Four-eyes: not the submitter, unless they are the only person who may approve at all.
  const fourEyes =
    me === null || approver.soleApprover === true
      ? Prisma.sql`true`
      : Prisma.sql`d.submitted_by_id IS DISTINCT FROM ${me}::uuid`;
  return Prisma.sql`d.status = 'pending' AND d.type IN (${textConstants(types)})
    AND d.deleted_at IS NULL
    AND (d.type IN (${textConstants(CORRECTION_TYPES)})
         OR NOT EXISTS (SELECT FROM customers c WHERE c.id = d.customer_id AND c.archived_at IS NOT NULL))
    AND ${fourEyes}
    AND (d.type <> 'credit_note'
         OR EXISTS (SELECT FROM sales_documents invoice
                    WHERE invoice.id = d.source_document_id
                      AND invoice.status IN (${textConstants(CREDITABLE_INVOICE_STATUSES)})))`;
}

/**
 * `approvals.inbox`: what waits for the signed-in person's approval (docs/domain-model.md §5.9,
 * "Approval inbox"), at most APPROVAL_INBOX_SIZE of each kind, the longest waiting first:
 * - purchase orders completed or disputed with something to pay, not archived or deleted, in the
 *   person's scope (`waitingForApprovalOf`: all for admin and finance, the ones a team lead
 *   manages, as the PO's project manager or its project's manager); the PO list's
 *   `approval=waitingForMe` pages through the same set;
 * - sales documents the person may approve now (`approvableSql`, the twin of `mayApprove`): exactly
 *   those whose `allowedActions` offer them approve. Four-eyes keeps a person's own submissions
 *   out, except for the sole approver of a one-person company; a credit note waits only for
 *   someone who may also correct (`salesDocument.correct`).
 * A team member approves nothing, so nothing waits for them.
 */
export async function approvalInbox(db: Db, actor: Actor) {
  const role = actor.kind === "system" ? undefined : actor.role;
  const approvesOrders = purchaseOrderInboxScope(role) !== "none";
  const approvable = approvableSql(await approverOf(db, actor));
  const [orders, documents] = await Promise.all([
    !approvesOrders
      ? Promise.resolve([] as WaitingPurchaseOrderRow[])
      : db.$queryRaw<WaitingPurchaseOrderRow[]>`
          SELECT ${purchaseOrderColumns(INBOX_PURCHASE_ORDER_COLUMNS)},
                 s.name AS "supplierName", p.number AS "projectNumber", p.name AS "projectName",
                 count(*) OVER ()::int AS total
          FROM purchase_orders po
          JOIN projects p ON p.id = po.project_id
          JOIN suppliers s ON s.id = po.supplier_id
          WHERE ${waitingForApprovalOf(actor)}
          ORDER BY po.due_date ASC NULLS LAST, po.created_at ASC, po.id
          LIMIT ${APPROVAL_INBOX_SIZE}`,
    approvable === null
      ? Promise.resolve([] as WaitingDocumentRow[])
      : db.$queryRaw<WaitingDocumentRow[]>`
          SELECT ${salesDocumentColumns(INBOX_DOCUMENT_COLUMNS)},
                 u.name AS "submittedByName", count(*) OVER ()::int AS count
          FROM sales_documents d
          LEFT JOIN users u ON u.id = d.submitted_by_id
          WHERE ${approvable}
          ORDER BY d.submitted_at ASC NULLS LAST, d.created_at ASC, d.id
          LIMIT ${APPROVAL_INBOX_SIZE}`,
  ]);
  return {
    purchaseOrders: {
      total: orders[0]?.total ?? 0,
      items: orders.map(({ total: _total, amount, disbursementTotal, ...row }) => ({
        ...withPurchaseOrderDates(row),
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
