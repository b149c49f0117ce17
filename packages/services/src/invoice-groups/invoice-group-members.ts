import { Prisma, type Db, type Tx } from "@ledgerline/db";
import {
  appMessage,
  assertInvoiceGroupAction,
  listEligibleInvoicesInputSchema,
  INVOICE_GROUP_ELIGIBLE_STATUSES,
  addInvoiceToGroupInputSchema,
  invoiceGroupMembershipProblem,
  type ListEligibleInvoicesInput,
  type AddInvoiceToGroupInput,
  type SalesDocumentStatus,
  type SalesDocumentType,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { fieldError, roleOf } from "../sales-documents/company-context.ts";
import {
  salesDocumentColumns,
  salesDocumentOf,
  type SalesDocumentRow,
} from "../sales-documents/sales-document-rows.ts";
import {
  invoiceGroupFactsOf,
  invoiceGroupNotFound,
  lockInvoiceGroup,
  recordInvoiceGroupEvent,
} from "./invoice-group-records.ts";
import { getInvoiceGroup } from "./read-invoice-group.ts";

/**
 * Seed 004 `POST /invoice-groups/{uuid}/add-invoice`: an issued invoice of the group's customer
 * and currency that is in no other group joins a draft group (invoiceGroupMembershipProblem;
 * the database holds the same). The invoice is read under a share lock, so it cannot be
 * cancelled or added elsewhere meanwhile.
 */
export async function addInvoiceToGroup(db: Db, actor: Actor, rawInput: AddInvoiceToGroupInput) {
  const { id, invoiceId } = addInvoiceToGroupInputSchema.parse(rawInput);
  await db.$transaction(async (tx) => {
    const group = await lockInvoiceGroup(tx, id);
    assertInvoiceGroupAction(invoiceGroupFactsOf(group), "addInvoice", roleOf(actor));
    const [invoice] = await tx.$queryRaw<
      Array<{
        number: string | null;
        type: SalesDocumentType;
        status: SalesDocumentStatus;
        customerId: string;
        currency: string;
        groupId: string | null;
      }>
    >`
      SELECT d.number, d.type, d.status, d.customer_id::text AS "customerId", d.currency,
             m.group_id::text AS "groupId"
      FROM sales_documents d LEFT JOIN invoice_group_invoices m ON m.invoice_id = d.id
      WHERE d.id = ${invoiceId}::uuid
      FOR SHARE OF d`;
    if (!invoice) throw fieldError("invoiceId", appMessage("invoiceGroup.invoiceNotFound"));
    const problem = invoiceGroupMembershipProblem(group, invoice);
    if (problem) throw fieldError("invoiceId", problem);
    await tx.invoiceGroupInvoice.create({
      data: { groupId: id, invoiceId },
      select: { invoiceId: true },
    });
    await touchInvoiceGroup(tx, id);
    await recordInvoiceGroupEvent(tx, actor, id, "addInvoice", null, {
      invoiceId,
      number: invoice.number,
    });
  });
  return getInvoiceGroup(db, actor, id);
}

/**
 * A change of the group's invoices is a change of the group: its `updatedAt` moves, so what
 * was read or printed of it before (a draft's PDF, `isCurrentRecordPdf`) is known to be older.
 */
const touchInvoiceGroup = (tx: Tx, id: string) =>
  tx.invoiceGroup.update({ where: { id }, data: { updatedAt: new Date() }, select: { id: true } });

/** Seed 004 `POST /invoice-groups/{uuid}/remove-invoice`: on a draft group only. */
export async function removeInvoiceFromGroup(
  db: Db,
  actor: Actor,
  rawInput: AddInvoiceToGroupInput,
) {
  const { id, invoiceId } = addInvoiceToGroupInputSchema.parse(rawInput);
  await db.$transaction(async (tx) => {
    const group = await lockInvoiceGroup(tx, id);
    assertInvoiceGroupAction(invoiceGroupFactsOf(group), "removeInvoice", roleOf(actor));
    const removed = await tx.invoiceGroupInvoice.deleteMany({ where: { groupId: id, invoiceId } });
    if (removed.count === 0)
      throw fieldError("invoiceId", appMessage("invoiceGroup.invoiceNotInGroup"));
    await touchInvoiceGroup(tx, id);
    await recordInvoiceGroupEvent(tx, actor, id, "removeInvoice", { invoiceId }, null);
  });
  return getInvoiceGroup(db, actor, id);
}

/** What the "add invoices" picker shows of an invoice that may join the group. */
const ELIGIBLE_COLUMNS = [
  "id",
  "number",
  "status",
  "issuedDate",
  "dueDate",
  "total",
  "paidAmount",
  "currency",
] as const satisfies (keyof SalesDocumentRow)[];

type EligibleInvoiceRow = Pick<SalesDocumentRow, (typeof ELIGIBLE_COLUMNS)[number]> & {
  projectName: string | null;
};
export type EligibleInvoice = ReturnType<typeof salesDocumentOf<EligibleInvoiceRow>>;

/** At most this many candidates are listed; narrow the filter to see others. */
const ELIGIBLE_LIMIT = 200;

/**
 * The invoices that may join this group now (the picker of "add invoices"): the group's
 * customer and currency, issued (INVOICE_GROUP_ELIGIBLE_STATUSES), in no group; filtered by
 * number and issue date, newest first.
 */
export async function listEligibleInvoices(
  db: Db,
  rawInput: ListEligibleInvoicesInput,
): Promise<EligibleInvoice[]> {
  const input = listEligibleInvoicesInputSchema.parse(rawInput);
  const group = await db.invoiceGroup.findUnique({
    where: { id: input.id },
    select: { customerId: true, currency: true },
  });
  if (!group) throw invoiceGroupNotFound();
  const conditions = [
    Prisma.sql`d.type = 'invoice'`,
    Prisma.sql`d.customer_id = ${group.customerId}::uuid`,
    Prisma.sql`d.currency = ${group.currency}`,
    Prisma.sql`d.status IN (${Prisma.join(
      INVOICE_GROUP_ELIGIBLE_STATUSES.map((status) => Prisma.sql`${status}::sales_document_status`),
    )})`,
    Prisma.sql`NOT EXISTS (SELECT 1 FROM invoice_group_invoices m WHERE m.invoice_id = d.id)`,
  ];
  if (input.search) {
    const pattern = `%${input.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    conditions.push(Prisma.sql`d.number ILIKE ${pattern}`);
  }
  if (input.issuedDateFrom)
    conditions.push(Prisma.sql`d.issued_date >= ${input.issuedDateFrom}::date`);
  if (input.issuedDateTo) conditions.push(Prisma.sql`d.issued_date <= ${input.issuedDateTo}::date`);
  const rows = await db.$queryRaw<EligibleInvoiceRow[]>`
    SELECT ${salesDocumentColumns(ELIGIBLE_COLUMNS)}, p.name AS "projectName"
    FROM sales_documents d LEFT JOIN projects p ON p.id = d.project_id
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY d.issued_date DESC NULLS LAST, d.number DESC
    LIMIT ${ELIGIBLE_LIMIT}`;
  return rows.map((row) => salesDocumentOf(row));
}
