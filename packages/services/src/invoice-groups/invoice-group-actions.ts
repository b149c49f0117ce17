import type { Db } from "@ledgerline/db";
import {
  AppError,
  appMessage,
  assertInvoiceGroupAction,
  INVOICE_GROUP_ACTION_RULES,
  INVOICE_GROUP_ELIGIBLE_STATUSES,
  INVOICE_GROUP_MACHINE,
  termParam,
  transitionInvoiceGroupInputSchema,
  type SalesDocumentStatus,
  type TransitionInvoiceGroupInput,
} from "@ledgerline/domain";
import { announceIssued } from "../shared/issued-records.ts";
import type { Actor } from "../actor.ts";
import { personIdOf, roleOf } from "../sales-documents/company-context.ts";
import {
  invoiceGroupFactsOf,
  lockInvoiceGroup,
  recordInvoiceGroupEvent,
} from "./invoice-group-records.ts";
import { getInvoiceGroup } from "./read-invoice-group.ts";

/**
 * Issue or cancel a group (the moves a person makes; INVOICE_GROUP_ACTION_RULES).
 *
 * - **issue** (draft → issued): takes the next SR number (the database's trigger, in this
 *   transaction: gapless), locks the group and its invoices (GoBD), and moves it straight on to
 *   paid when every invoice already is (the paid state follows the invoices). Every invoice must
 *   still be eligible: one cancelled since it was added is refused by its number.
 * - **cancel** (issued → cancelled): withdraws the statement and releases its invoices, which
 *   stay as they are and may join another group; the audit event keeps which they were.
 */
export async function transitionInvoiceGroup(
  db: Db,
  actor: Actor,
  rawInput: TransitionInvoiceGroupInput,
) {
  const { id, action, reason } = transitionInvoiceGroupInputSchema.parse(rawInput);
  await db.$transaction(async (tx) => {
    const group = await lockInvoiceGroup(tx, id);
    assertInvoiceGroupAction(invoiceGroupFactsOf(group), action, roleOf(actor));
    const to = INVOICE_GROUP_ACTION_RULES[action].to;
    INVOICE_GROUP_MACHINE.assertMove(group.status, to);
    const members = await tx.$queryRaw<
      Array<{ invoiceId: string; number: string | null; status: SalesDocumentStatus }>
    >`
      SELECT d.id::text AS "invoiceId", d.number, d.status
      FROM invoice_group_invoices m JOIN sales_documents d ON d.id = m.invoice_id
      WHERE m.group_id = ${id}::uuid
      ORDER BY d.number
      FOR SHARE OF d`;
    if (action === "issue") {
      const stale = members.find(
        (member) => !(INVOICE_GROUP_ELIGIBLE_STATUSES as readonly string[]).includes(member.status),
      );
      if (stale) {
        throw new AppError(
          "CONFLICT",
          appMessage("invoiceGroup.memberNoLongerEligible", {
            number: stale.number ?? stale.invoiceId,
            status: termParam("salesStatus", stale.status),
          }),
          { details: { invoiceId: stale.invoiceId } },
        );
      }
      await tx.invoiceGroup.update({
        where: { id },
        data: { status: "issued", issuedAt: new Date(), issuedById: personIdOf(actor) },
        select: { id: true },
      });
      await tx.$executeRaw`SELECT invoice_group_follow_invoices(${id}::uuid)`;
    } else {
      await tx.invoiceGroup.update({
        where: { id },
        data: { status: "cancelled" },
        select: { id: true },
      });
      await tx.invoiceGroupInvoice.deleteMany({ where: { groupId: id } });
    }
    const after = await tx.invoiceGroup.findUniqueOrThrow({
      where: { id },
      select: { number: true, status: true },
    });
    await recordInvoiceGroupEvent(
      tx,
      actor,
      id,
      action,
      { status: group.status },
      {
        ...after,
        invoices: members.map((member) => ({ id: member.invoiceId, number: member.number })),
        ...(reason ? { reason } : {}),
      },
    );
  });
  // After the commit, as every sales-document issue: the API queues the statement's PDF.
  if (action === "issue") await announceIssued(db, [{ kind: "invoiceGroup", id }]);
  return getInvoiceGroup(db, actor, id);
}
