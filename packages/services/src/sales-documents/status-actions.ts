import type { Db, Tx } from "@ledgerline/db";
import {
  AppError,
  backToDraftActionOf,
  isSubmitterOf,
  selfApprovalAllowed,
  type ActionActor,
  requestableStatuses,
  bulkUpdateSalesDocumentStatusInputSchema,
  cancelSalesDocumentInputSchema,
  idSchema,
  resolveStatusRequest,
  updateSalesDocumentStatusInputSchema,
  type ActionRule,
  type BulkUpdateSalesDocumentStatusInput,
  type CancelSalesDocumentInput,
  type SalesDocumentAction,
  type SalesDocumentStatus,
  type UpdateSalesDocumentStatusInput,
  issueSalesDocumentInputSchema,
  returnSalesDocumentToDraftInputSchema,
  acceptQuoteInputSchema,
  declineQuoteInputSchema,
  type AcceptQuoteInput,
  type DeclineQuoteInput,
  type IssueSalesDocumentInput,
  type ReturnSalesDocumentToDraftInput,
  appMessage,
  termParam,
  type AppMessage,
  englishOf,
  messageOfIssue,
} from "@ledgerline/domain";
import { z } from "zod";
import type { Actor } from "../actor.ts";
import { assertLockedAction } from "./action-input.ts";
import { companyToday, fieldError, personIdOf } from "./company-context.ts";
import { transformToInvoice } from "./convert-sales-document.ts";
import { cancelWithDocumentReturningId } from "./correct-invoice.ts";
import {
  documentNotFound,
  lockDocumentFamily,
  type LockedDocument,
  type LockedFamily,
} from "./document-records.ts";
import { inIssuingTransaction, issueLockedDocument } from "./issue-document.ts";
import { moveStatus } from "./move-status.ts";
import { checkInvoiceWithinOrder, overInvoicingAudit } from "./order-invoicing.ts";
import { getSalesDocument } from "./read-sales-document.ts";

/**
 * Runs one named action on a document under its row lock (and its invoice's, for a credit note):
 * the domain decides on the locked document (`assertSalesDocumentAction`: the action's own
 * permissions, the status machine, the approval route and the document's rules, the same that
 * `allowedActions` offers by). `action` may depend on the locked document (return or withdraw).
 */
async function runAction(
  db: Db,
  actor: Actor,
  id: string,
  action: SalesDocumentAction | ((document: LockedDocument) => SalesDocumentAction),
  work: (
    tx: Tx,
    family: LockedFamily,
    rule: ActionRule,
    checked: { action: SalesDocumentAction; actionActor: ActionActor },
  ) => Promise<void>,
): Promise<void> {
  await inIssuingTransaction(db, async (tx) => {
    const family = await lockDocumentFamily(tx, id);
    const named = typeof action === "function" ? action(family.document) : action;
    const { rule, actionActor } = await assertLockedAction(tx, actor, family, named);
    await work(tx, family, rule, { action: named, actionActor });
  });
}

const requireReason = (
  rule: ActionRule,
  reason: string | null | undefined,
  message: AppMessage,
) => {
  if (rule.reason === "required" && !reason) throw fieldError("reason", message);
};

// ---------------------------------------------------------------- the actions

/**
 * Issues a draft (§5.3-5.7): below the approval threshold, or for types without four-eyes.
 * Numbers are assigned here, last, gapless per type and year. See `issueLockedDocument`.
 */
async function issue(db: Db, actor: Actor, input: z.output<typeof issueSalesDocumentInputSchema>) {
  const personId = personIdOf(actor);
  await runAction(db, actor, input.id, "issue", async (tx, { document, invoice, settings }) => {
    const overInvoicing = await checkInvoiceWithinOrder(
      tx,
      document,
      input.confirmOverInvoicing === true,
    );
    await issueLockedDocument(tx, actor, document, {
      action: "issue",
      issuedDate: input.issuedDate,
      personId,
      invoice,
      settings,
      today: companyToday(),
      auditExtra: overInvoicingAudit(overInvoicing),
    });
  });
}

export async function issueSalesDocument(db: Db, actor: Actor, rawInput: IssueSalesDocumentInput) {
  const input = issueSalesDocumentInputSchema.parse(rawInput);
  await issue(db, actor, input);
  return getSalesDocument(db, actor, input.id);
}

/** Whether the person confirmed invoicing more than the order (§5.4a). */
export interface OverInvoicingConfirmation {
  confirmOverInvoicing?: boolean | undefined;
}

/** Submits a draft at or above the approval threshold for four-eyes approval (§5.1). */
async function submit(db: Db, actor: Actor, id: string, options: OverInvoicingConfirmation) {
  const personId = personIdOf(actor);
  await runAction(db, actor, id, "submit", async (tx, { document }) => {
    const overInvoicing = await checkInvoiceWithinOrder(
      tx,
      document,
      options.confirmOverInvoicing === true,
    );
    await moveStatus(tx, actor, document, "submit", "pending", {
      data: { submittedById: personId, submittedAt: new Date() },
      extra: overInvoicingAudit(overInvoicing),
    });
  });
}

export async function submitSalesDocument(
  db: Db,
  actor: Actor,
  rawId: string,
  options: OverInvoicingConfirmation = {},
) {
  const id = idSchema.parse(rawId);
  await submit(db, actor, id, options);
  return getSalesDocument(db, actor, id);
}

/**
 * Approves a pending document, which issues it: by someone other than the submitter (an API
 * token counts as the person who owns it, and is checked with their current role).
 */
async function approve(db: Db, actor: Actor, id: string, options: OverInvoicingConfirmation) {
  const personId = personIdOf(actor);
  await runAction(
    db,
    actor,
    id,
    "approve",
    async (tx, { document, invoice, settings }, _rule, { actionActor }) => {
      // Four-eyes is the domain's (the action was allowed); its one exception is audited.
      const selfApproval = selfApprovalAllowed(document, actionActor);
      // Checked again: the approver answers for it too (another invoice may have been issued).
      const overInvoicing = await checkInvoiceWithinOrder(
        tx,
        document,
        options.confirmOverInvoicing === true,
      );
      await issueLockedDocument(tx, actor, document, {
        action: "approve",
        personId,
        invoice,
        settings,
        today: companyToday(),
        auditExtra: {
          ...overInvoicingAudit(overInvoicing),
          // A one-person company's own approval says so in the audit trail.
          ...(selfApproval ? { selfApproval: true } : {}),
        },
      });
    },
  );
}

export async function approveSalesDocument(
  db: Db,
  actor: Actor,
  rawId: string,
  options: OverInvoicingConfirmation = {},
) {
  const id = idSchema.parse(rawId);
  await approve(db, actor, id, options);
  return getSalesDocument(db, actor, id);
}

/**
 * Pending back to draft: the submitter withdraws it; anyone else returns it, which needs the
 * approve permission and a reason. The submission is cleared.
 */
async function returnToDraft(db: Db, actor: Actor, id: string, reason: string | null) {
  const personId = personIdOf(actor);
  const pick = (document: LockedDocument) => backToDraftActionOf(document, { personId });
  await runAction(db, actor, id, pick, async (tx, { document }, rule, { action }) => {
    requireReason(rule, reason, appMessage("document.sayWhyReturn"));
    await moveStatus(tx, actor, document, action, "draft", {
      data: { submittedById: null, submittedAt: null },
      reason,
    });
  });
}

export async function returnSalesDocumentToDraft(
  db: Db,
  actor: Actor,
  rawInput: ReturnSalesDocumentToDraftInput,
) {
  const { id, reason } = returnSalesDocumentToDraftInputSchema.parse(rawInput);
  await returnToDraft(db, actor, id, reason);
  return getSalesDocument(db, actor, id);
}

/** Quotes: the customer accepted (also late, from expired) or declined (reason optional). */
async function answerQuote(
  db: Db,
  actor: Actor,
  action: "accept" | "decline",
  id: string,
  reason: string | null,
) {
  await runAction(db, actor, id, action, async (tx, { document }, rule) => {
    await moveStatus(tx, actor, document, action, rule.to as SalesDocumentStatus, { reason });
  });
}

export async function acceptQuote(db: Db, actor: Actor, rawInput: AcceptQuoteInput) {
  const { id, reason } = acceptQuoteInputSchema.parse(rawInput);
  await answerQuote(db, actor, "accept", id, reason);
  return getSalesDocument(db, actor, id);
}

export async function declineQuote(db: Db, actor: Actor, rawInput: DeclineQuoteInput) {
  const { id, reason } = declineQuoteInputSchema.parse(rawInput);
  await answerQuote(db, actor, "decline", id, reason);
  return getSalesDocument(db, actor, id);
}

/**
 * Cancels a sales order, pro forma (any time before it is transformed; one never issued keeps no
 * number) or an order confirmation (only while no invoice made from it is live), with a reason.
 * Invoices are cancelled with a cancellation document instead (`cancelWithDocument`).
 */
async function cancel(db: Db, actor: Actor, id: string, reason: string) {
  await runAction(db, actor, id, "cancel", async (tx, { document }) => {
    await moveStatus(tx, actor, document, "cancel", "cancelled", {
      data: { cancelReason: reason },
      reason,
    });
  });
}

export async function cancelSalesDocument(
  db: Db,
  actor: Actor,
  rawInput: CancelSalesDocumentInput,
) {
  const { id, reason } = cancelSalesDocumentInputSchema.parse(rawInput);
  await cancel(db, actor, id, reason);
  return getSalesDocument(db, actor, id);
}

// ---------------------------------------------------------------- seed status requests

/**
 * Seed 000 `PATCH /{id}/status` and bulk update, seed 004 `PUT` with a status: the requested
 * status is routed to the action that makes that move (`resolveStatusRequest`), which then runs
 * with its own permission and rules. Derived statuses (paid, partial, overdue, ...) are refused
 * with the domain's message.
 */
async function applyStatusRequest(
  db: Db,
  actor: Actor,
  input: z.output<typeof updateSalesDocumentStatusInputSchema>,
): Promise<void> {
  const document = await db.salesDocument.findUnique({
    where: { id: input.id },
    select: { type: true, status: true, submittedById: true },
  });
  const personId = personIdOf(actor);
  if (!document) throw documentNotFound();
  const action = resolveStatusRequest(document.type, document.status, input.status, {
    isSubmitter: isSubmitterOf(document, { personId }),
  });
  const reason = input.reason;
  switch (action) {
    case "issue":
      return issue(db, actor, { id: input.id, issuedDate: null });
    case "submit":
      return submit(db, actor, input.id, {});
    case "approve":
      return approve(db, actor, input.id, {});
    case "return":
    case "withdraw":
      return returnToDraft(db, actor, input.id, reason);
    case "accept":
    case "decline":
      return answerQuote(db, actor, action, input.id, reason);
    case "cancel":
      return cancel(
        db,
        actor,
        input.id,
        cancelSalesDocumentInputSchema.parse({ id: input.id, reason }).reason,
      );
    case "cancelWithDocument":
      await cancelWithDocumentReturningId(db, actor, { id: input.id, reason: reason ?? "" });
      return;
    case "transform":
      await transformToInvoice(db, actor, input.id);
      return;
    default:
      throw new AppError(
        "INVALID_TRANSITION",
        appMessage("document.statusNotHere", { status: termParam("salesStatus", input.status) }),
        {
          english: `The status cannot be set to "${input.status}" here.`,
          details: {
            status: document.status,
            allowed: requestableStatuses(document.type, document.status),
          },
        },
      );
  }
}

export async function updateSalesDocumentStatus(
  db: Db,
  actor: Actor,
  rawInput: UpdateSalesDocumentStatusInput,
) {
  const input = updateSalesDocumentStatusInputSchema.parse(rawInput);
  await applyStatusRequest(db, actor, input);
  return getSalesDocument(db, actor, input.id);
}

/** Why one id of a bulk update failed, as a person reads it (in English and by key). */
function failureMessage(error: unknown): { message: string; appMessage: AppMessage } {
  if (error instanceof AppError) return { message: error.message, appMessage: error.appMessage };
  if (error instanceof z.ZodError) {
    const [first] = error.issues;
    return {
      message: error.issues.map((issue) => issue.message).join(" ") || "Some fields are not valid.",
      appMessage: first ? messageOfIssue(first) : appMessage("request.invalidFields"),
    };
  }
  const message = appMessage("document.bulkFailed");
  return { message: englishOf(message), appMessage: message };
}

/**
 * Seed 000 `POST /bulk/status-update`: each document on its own, in its own transaction, so one
 * refusal does not hold back the others; reports how many succeeded and why the others failed.
 */
export async function bulkUpdateSalesDocumentStatus(
  db: Db,
  actor: Actor,
  rawInput: BulkUpdateSalesDocumentStatusInput,
) {
  const input = bulkUpdateSalesDocumentStatusInputSchema.parse(rawInput);
  const failures: { id: string; message: string; appMessage: AppMessage }[] = [];
  let successCount = 0;
  for (const id of input.ids) {
    try {
      await applyStatusRequest(db, actor, { id, status: input.status, reason: input.reason });
      successCount += 1;
    } catch (error) {
      failures.push({ id, ...failureMessage(error) });
    }
  }
  return {
    successCount,
    failedCount: failures.length,
    failedIds: failures.map((failure) => failure.id),
    failures,
  };
}
