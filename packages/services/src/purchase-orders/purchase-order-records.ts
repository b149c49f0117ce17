import type { Db, Prisma, Tx } from "@ledgerline/db";
import {
  AppError,
  type PurchaseOrderActor,
  type PurchaseOrderFacts,
  type PurchaseOrderSettings,
  appMessage,
  DEFAULT_CURRENCY,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { personIdOf, roleOf } from "../sales-documents/company-context.ts";
import { lockRowForUpdate } from "../shared/row-locks.ts";

/** The audit trail's name for purchase orders; milestones and disbursements are recorded on it. */
export const PURCHASE_ORDER_ENTITY = "purchaseOrder";

export const purchaseOrderNotFound = () =>
  new AppError("NOT_FOUND", appMessage("purchaseOrder.notFound"));

/** The columns of a PO the rules and the use cases read. */
export const purchaseOrderRecordSelect = {
  id: true,
  number: true,
  status: true,
  type: true,
  projectId: true,
  supplierId: true,
  projectManagerId: true,
  amount: true,
  disbursementTotal: true,
  currency: true,
  orderDate: true,
  dueDate: true,
  notes: true,
  targetLanguage: true,
  isInternal: true,
  statusReason: true,
  approvedById: true,
  approvedAt: true,
  isAutoApproved: true,
  paidDate: true,
  paymentReference: true,
  archivedAt: true,
  deletedAt: true,
} satisfies Prisma.PurchaseOrderSelect;

export type PurchaseOrderRecord = Prisma.PurchaseOrderGetPayload<{
  select: typeof purchaseOrderRecordSelect;
}>;

/**
 * Locks a PO for the rest of the transaction (`lockRowForUpdate`) and reads it: every change
 * of a PO, its milestones and its disbursements takes this lock first, so two changes follow
 * each other and each decides on the PO as it is.
 */
export async function lockPurchaseOrder(tx: Tx, id: string): Promise<PurchaseOrderRecord> {
  await lockRowForUpdate(tx, "purchase_orders", id);
  const po = await tx.purchaseOrder.findUnique({
    where: { id },
    select: purchaseOrderRecordSelect,
  });
  if (!po) throw purchaseOrderNotFound();
  return po;
}

/** What the domain's rules need of a PO. */
export const factsOf = (po: PurchaseOrderRecord): PurchaseOrderFacts => ({
  status: po.status,
  isInternal: po.isInternal,
  amount: po.amount,
  disbursementTotal: po.disbursementTotal,
  projectManagerId: po.projectManagerId,
  archivedAt: po.archivedAt,
  deletedAt: po.deletedAt,
});

export const purchaseOrderActorOf = (actor: Actor): PurchaseOrderActor => ({
  role: roleOf(actor),
  personId: personIdOf(actor),
});

/** The settings the PO rules read (defaults before the company saved any). */
export async function loadPurchaseOrderSettings(client: Tx | Db): Promise<PurchaseOrderSettings> {
  const settings = await client.companySettings.findUnique({
    where: { id: 1 },
    select: {
      defaultCurrency: true,
      purchaseOrderAutoApprovalThreshold: true,
      purchaseOrderAutoApprovalThresholds: true,
    },
  });
  return {
    defaultCurrency: settings?.defaultCurrency ?? DEFAULT_CURRENCY,
    purchaseOrderAutoApprovalThreshold: settings?.purchaseOrderAutoApprovalThreshold ?? null,
    purchaseOrderAutoApprovalThresholds:
      (settings?.purchaseOrderAutoApprovalThresholds as Record<string, string> | null) ?? {},
  };
}

/** One audit event on the PO (its own changes, its milestones' and its disbursements'). */
export function recordPurchaseOrderEvent(
  tx: Tx,
  actor: Actor,
  id: string,
  action: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  return recordAuditEvent(tx, actor, {
    action,
    entityType: PURCHASE_ORDER_ENTITY,
    entityId: id,
    before,
    after,
  });
}
