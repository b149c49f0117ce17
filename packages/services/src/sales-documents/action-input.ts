import type { Tx } from "@ledgerline/db";
import {
  assertSalesDocumentAction,
  type ActionActor,
  type ActionDocument,
  type ActionRule,
  type SalesDocumentAction,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { approverOf } from "./company-context.ts";
import type { LockedFamily } from "./document-records.ts";

/**
 * A locked document as the domain's action rules see it (`ActionDocument`), with the documents
 * made from it read in the same transaction (under the document's lock, so they cannot change
 * before the action is done): the one input `assertSalesDocumentAction` decides on.
 */
export async function actionDocumentOf(tx: Tx, family: LockedFamily): Promise<ActionDocument> {
  const { document, invoice } = family;
  const followUps = await tx.salesDocument.findMany({
    where: { sourceDocumentId: document.id },
    select: { id: true, type: true, number: true, status: true, total: true },
  });
  return {
    type: document.type,
    status: document.status,
    total: document.total,
    paidAmount: document.paidAmount,
    submittedById: document.submittedById,
    followUps,
    source: document.type === "credit_note" && invoice ? invoice : null,
    customerArchived: document.customer.archivedAt !== null,
    deleted: document.deletedAt !== null,
    currency: document.currency,
    customerName: document.customer.name,
  };
}

/**
 * Asks the domain whether `actor` may take `action` on the locked document now, and throws its
 * refusal when not (`assertSalesDocumentAction`: the same rules `allowedActions` offers by).
 * Returns the action's rule and the actor as the rules saw them.
 */
export async function assertLockedAction(
  tx: Tx,
  actor: Actor,
  family: LockedFamily,
  action: SalesDocumentAction,
): Promise<{ rule: ActionRule; actionActor: ActionActor; input: ActionDocument }> {
  const input = await actionDocumentOf(tx, family);
  const actionActor = await approverOf(tx, actor, family.document);
  const rule = assertSalesDocumentAction(input, family.settings, actionActor, action);
  return { rule, actionActor, input };
}
