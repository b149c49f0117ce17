import type { Prisma, Tx } from "@ledgerline/db";
import { AppError, appMessage, type InvoiceGroupFacts } from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { lockRowForUpdate } from "../shared/row-locks.ts";

/** The audit trail's name for invoice groups; adding and removing invoices is recorded on it. */
export const INVOICE_GROUP_ENTITY = "invoiceGroup";

export const invoiceGroupNotFound = () =>
  new AppError("NOT_FOUND", appMessage("invoiceGroup.notFound"));

/** The columns of a group the rules and the use cases read. */
export const invoiceGroupRecordSelect = {
  id: true,
  number: true,
  status: true,
  customerId: true,
  currency: true,
  invoiceDate: true,
  dueDate: true,
  notes: true,
  includeInvoices: true,
  includeJobTitles: true,
  includeWordRates: true,
  lineOrder: true,
  archivedAt: true,
  deletedAt: true,
  _count: { select: { invoices: true } },
} satisfies Prisma.InvoiceGroupSelect;

export type InvoiceGroupRecord = Prisma.InvoiceGroupGetPayload<{
  select: typeof invoiceGroupRecordSelect;
}>;

/**
 * Locks a group for the rest of the transaction (`lockRowForUpdate`) and reads it: every
 * change of a group and of its invoices takes this lock first, so two changes follow each other
 * and each decides on the group as it is (an invoice is not added while the group is issued).
 */
export async function lockInvoiceGroup(tx: Tx, id: string): Promise<InvoiceGroupRecord> {
  await lockRowForUpdate(tx, "invoice_groups", id);
  const group = await tx.invoiceGroup.findUnique({
    where: { id },
    select: invoiceGroupRecordSelect,
  });
  if (!group) throw invoiceGroupNotFound();
  return group;
}

export const invoiceGroupFactsOf = (group: InvoiceGroupRecord): InvoiceGroupFacts => ({
  status: group.status,
  invoiceCount: group._count.invoices,
  archivedAt: group.archivedAt,
  deletedAt: group.deletedAt,
});

/** One audit event on the group (its own changes and its invoices'). */
export function recordInvoiceGroupEvent(
  tx: Tx,
  actor: Actor,
  id: string,
  action: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  return recordAuditEvent(tx, actor, {
    action,
    entityType: INVOICE_GROUP_ENTITY,
    entityId: id,
    before,
    after,
  });
}
