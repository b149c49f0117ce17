import type { Db, Tx } from "@ledgerline/db";
import {
  assertLimitedUpdate,
  AppError,
  annotateSalesDocumentInputSchema,
  assertDraftFitsType,
  assertEditable,
  assertTermsEditable,
  draftPermissionOf,
  draftValuesSchema,
  expenseBillingProblem,
  idSchema,
  isCorrectionType,
  mergeUpdate,
  splitGrossAmount,
  toDecimal,
  updateDraftInputSchema,
  type AnnotateSalesDocumentInput,
  type ExpenseBillingField,
  type UpdateDraftInput,
  type UpdateDraftValues,
  assertLinesInCurrency,
  addBillableExpensesInputSchema,
  type AddBillableExpensesInput,
  appMessage,
  termParam,
  assertCustomerTakesNewBusiness,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { lockProjectCustomer } from "../shared/row-locks.ts";
import { assertPermitted, fieldError } from "./company-context.ts";
import { unpricedLineOfInput, optionalDbDate, resolveParties } from "./create-sales-document.ts";
import { assertCreditWithinInvoice } from "./credit-limits.ts";
import {
  customerCopyOf,
  headerSnapshot,
  insertLines,
  lineItemSelect,
  lockDocument,
  lockDocumentFamily,
  priceLines,
  recordDocumentEvent,
  unpricedLineOfStored,
  type UnpricedLine,
  type LockedDocument,
  type PricedLine,
} from "./document-records.ts";
import { getSalesDocument } from "./read-sales-document.ts";

export const readLines = (tx: Tx, salesDocumentId: string) =>
  tx.lineItem.findMany({
    where: { salesDocumentId },
    select: lineItemSelect,
    orderBy: { position: "asc" },
  });

type StoredLineRow = Awaited<ReturnType<typeof readLines>>[number];

/** Only the permissions of the draft's type: credit note drafts are corrections. */
export function assertMayEditDraft(actor: Actor, document: LockedDocument) {
  assertPermitted(actor, [draftPermissionOf(document.type)]);
  assertEditable(document.type, document.status);
}

/**
 * Releases expenses billed on a draft whose lines no longer bill them: they become billable
 * again (`expenses.invoice_id` cleared, never deleted), each with an audit event.
 */
export async function releaseExpenses(
  tx: Tx,
  actor: Actor,
  invoiceId: string,
  keepExpenseIds: readonly string[] = [],
) {
  const released = await tx.expense.findMany({
    where: { invoiceId, id: { notIn: [...keepExpenseIds] } },
    select: { id: true },
  });
  if (released.length === 0) return;
  await tx.expense.updateMany({
    where: { id: { in: released.map((expense) => expense.id) } },
    data: { invoiceId: null },
  });
  for (const expense of released) {
    await recordAuditEvent(tx, actor, {
      action: "release",
      entityType: "expense",
      entityId: expense.id,
      before: { invoiceId },
      after: { invoiceId: null },
    });
  }
}

/** A draft as the audit trail keeps it: the same fields before and after a change. */
const draftAuditOf = (document: LockedDocument, lines: readonly StoredLineRow[]) => ({
  type: document.type,
  number: document.number,
  status: document.status,
  invoiceKind: document.invoiceKind,
  currency: document.currency,
  locale: document.locale,
  customerId: document.customerId,
  contactId: document.contactId,
  projectId: document.projectId,
  sourceDocumentId: document.sourceDocumentId,
  customerName: document.customerName,
  billingAddress: document.billingAddress,
  customerVatId: document.customerVatId,
  issuedDate: document.issuedDate,
  dueDate: document.dueDate,
  validUntil: document.validUntil,
  servicePeriodStart: document.servicePeriodStart,
  servicePeriodEnd: document.servicePeriodEnd,
  notes: document.notes,
  terms: document.terms,
  lineOrder: document.lineOrder,
  subtotal: document.subtotal,
  discountAmount: document.discountAmount,
  netAmount: document.netAmount,
  taxAmount: document.taxAmount,
  total: document.total,
  lines,
});

/**
 * What the billing rule needs of expenses, read under locks so the decision still holds when it
 * is written: the expenses themselves (taken after the invoice, in the order every writer of an
 * expense takes them, so an expense cannot move to another project meanwhile) and their projects
 * (shared: a project cannot move to another customer while a link is decided on it).
 */
async function readExpenseBillingFacts(tx: Tx, expenseIds: readonly string[]) {
  if (expenseIds.length === 0) return [];
  await tx.$queryRaw`SELECT id FROM expenses
    WHERE id = ANY(${[...expenseIds]}::uuid[]) ORDER BY id FOR UPDATE`;
  await tx.$queryRaw`SELECT id FROM projects
    WHERE id IN (SELECT project_id FROM expenses WHERE id = ANY(${[...expenseIds]}::uuid[]))
    ORDER BY id FOR SHARE`;
  const expenses = await tx.expense.findMany({
    where: { id: { in: [...expenseIds] } },
    select: {
      id: true,
      title: true,
      amount: true,
      taxRate: true,
      currency: true,
      expenseDate: true,
      isBillable: true,
      invoiceId: true,
      projectId: true,
      project: { select: { customerId: true } },
    },
    orderBy: [{ expenseDate: "asc" }, { createdAt: "asc" }],
  });
  return expenses.map(({ project, ...expense }) => ({
    ...expense,
    projectCustomerId: project?.customerId ?? null,
  }));
}

/**
 * Changes a draft (seed 004 `PUT`, our draft editor): the fields sent change, the others stay as
 * they are. `lines`, when sent, is the new list of lines in order (positions 1..n): a line with
 * its id is that line with the fields sent changed, keeping its links (the line it was converted
 * or credited from, the expense it bills); a line without an id is new; expenses whose lines were
 * left out become billable again. The draft afterwards must meet the create rules
 * (`draftValuesSchema`, the type's rules) and its links must hold: the customer exists (and is not
 * archived, except on a correction), the project and the contact are the customer's, a credit
 * note keeps its invoice's customer, project and currency, and every expense a line bills still
 * fits the draft (`expenseBillingProblem`). Only drafts change (§5.6).
 */
export async function updateSalesDocumentDraft(db: Db, actor: Actor, rawInput: UpdateDraftInput) {
  const { id, values: changes } = updateDraftInputSchema.parse(rawInput);
  await db.$transaction((tx) => applyDraftChanges(tx, actor, id, changes));
  return getSalesDocument(db, actor, id);
}

/**
 * The one home of a draft change, inside the caller's transaction: the whole-document edit
 * (`updateSalesDocumentDraft`) and the per-item procedures (sales-document-items.ts) both come
 * here, so the rules, the recomputed totals and the audit event are the same whichever way a
 * draft's lines change.
 */
export async function applyDraftChanges(
  tx: Tx,
  actor: Actor,
  id: string,
  changes: UpdateDraftValues,
): Promise<void> {
  const { document, invoice, settings } = await lockDocumentFamily(tx, id);
  assertMayEditDraft(actor, document);
  const before = await readLines(tx, id);
  const values = mergeUpdate(
    draftValuesSchema,
    { ...document, invoiceKind: document.invoiceKind ?? undefined, lines: before },
    changes,
    { foreignItem: { lines: "This line is not a line of this draft." } },
  );
  assertDraftFitsType(document.type, values);
  const { customer, customerId } = await resolveParties(tx, values);
  const correction = isCorrectionType(document.type);
  if (correction) assertCorrectionKeepsItsInvoice(document, invoice, { ...values, customerId });
  // New business needs a current customer; a correction of an archived one's invoice does not.
  assertCustomerTakesNewBusiness(document.type, customer);
  const known = new Map(before.map((line) => [line.id, line]));
  const lines = values.lines.map((line) => {
    const draft = unpricedLineOfInput(line, settings.defaultTaxRate);
    const kept = line.id ? known.get(line.id) : undefined;
    return kept
      ? { ...draft, sourceLineItemId: kept.sourceLineItemId, expenseId: kept.expenseId }
      : draft;
  });
  const priced = priceLines(lines);
  if (document.type === "credit_note" && invoice) {
    await assertCreditWithinInvoice(tx, {
      invoice,
      creditNoteId: id,
      lines: priced.lines.map((line) => ({
        sourceLineItemId: line.sourceLineItemId,
        quantity: toDecimal(line.quantity),
      })),
      total: priced.totals.total,
      scope: "every",
      fieldOf: (index) => `lines.${index}.quantity`,
    });
  }
  const header = {
    customerId,
    contactId: values.contactId,
    projectId: values.projectId,
    currency: values.currency ?? document.currency,
    locale: values.locale ?? document.locale,
    invoiceKind: document.type === "invoice" ? (values.invoiceKind ?? "tax_invoice") : null,
    ...(correction ? {} : customerCopyOf(customer)),
    issuedDate: optionalDbDate(values.issuedDate),
    dueDate: optionalDbDate(values.dueDate),
    validUntil: optionalDbDate(values.validUntil),
    servicePeriodStart: optionalDbDate(values.servicePeriodStart),
    servicePeriodEnd: optionalDbDate(values.servicePeriodEnd),
    notes: values.notes,
    terms: values.terms,
    lineOrder: values.lineOrder ?? document.lineOrder,
    ...priced.header,
  };
  // Seed 004's item currency: an item may name the document's currency, never another.
  assertLinesInCurrency(values.lines, header.currency);
  await assertBilledExpensesFit(tx, { id, ...header }, priced.lines);
  await releaseExpenses(
    tx,
    actor,
    id,
    priced.lines.flatMap((line) => (line.expenseId ? [line.expenseId] : [])),
  );
  await tx.lineItem.deleteMany({ where: { salesDocumentId: id } });
  await insertLines(tx, id, priced.lines);
  await tx.salesDocument.update({ where: { id }, data: header, select: { id: true } });
  const after = await lockDocument(tx, id);
  await recordDocumentEvent(
    tx,
    actor,
    id,
    "update",
    draftAuditOf(document, before),
    draftAuditOf(after, await readLines(tx, id)),
  );
}

/**
 * A credit note (or cancellation) speaks about its invoice: it keeps the invoice's customer,
 * project and currency (§5.7); only its contact, dates, texts and lines change.
 */
function assertCorrectionKeepsItsInvoice(
  document: LockedDocument,
  invoice: LockedDocument | null,
  values: { customerId: string; projectId: string | null; currency?: string | undefined },
) {
  const source = invoice ?? document;
  const type = termParam("documentType", document.type);
  if (values.customerId !== source.customerId) {
    throw fieldError("customerId", appMessage("document.staysWithCustomer", { type }));
  }
  if (values.projectId !== source.projectId) {
    throw fieldError("projectId", appMessage("document.staysWithProject", { type }));
  }
  if (values.currency !== undefined && values.currency !== source.currency) {
    throw fieldError("currency", appMessage("document.currencyOfInvoice", { type }));
  }
}

/** Which field of the draft a billing problem of one of its lines is about. */
const DRAFT_FIELD_OF: Record<ExpenseBillingField, string> = {
  customerId: "customerId",
  projectId: "projectId",
  currency: "currency",
  isBillable: "lines",
  invoiceId: "lines",
};

/**
 * Every expense the draft's lines bill must still fit the draft after a change of its customer,
 * project or currency (`expenseBillingProblem`); otherwise the change is refused, naming the
 * field, until the expense's line is removed.
 */
async function assertBilledExpensesFit(
  tx: Tx,
  draft: { id: string; customerId: string; projectId: string | null; currency: string },
  lines: readonly PricedLine[],
) {
  const billing = lines.flatMap((line) => (line.expenseId ? [line] : []));
  const expenses = new Map(
    (
      await readExpenseBillingFacts(
        tx,
        billing.map((line) => line.expenseId!),
      )
    ).map((expense) => [expense.id, expense]),
  );
  for (const line of billing) {
    const expense = expenses.get(line.expenseId!);
    if (!expense) continue;
    const problem = expenseBillingProblem(expense, draft);
    if (problem) {
      const message = appMessage("document.expenseLineBills", {
        problem: { message: problem.appMessage },
        position: line.position,
      });
      throw fieldError(DRAFT_FIELD_OF[problem.field], message);
    }
  }
}

/**
 * Seed 000 `PATCH /{id}` and seed 004's team-member `PUT`: the internal notes
 * (`salesDocument.annotate`) change in any status; the printed terms (`salesDocument.write`)
 * only while the document is a draft, since an issued document is never changed (§5.12; terms
 * sent unchanged are no change). A field left out stays as it is; an empty one is cleared.
 */
export async function updateSalesDocumentNotes(
  db: Db,
  actor: Actor,
  rawInput: AnnotateSalesDocumentInput,
) {
  const input = annotateSalesDocumentInputSchema.parse(rawInput);
  // Team members change the notes only (TEAM_MEMBER_FIELDS); the terms need the write permission.
  if (actor.kind !== "system") {
    const changed = (["notes", "terms"] as const).filter((field) => input[field] !== undefined);
    assertLimitedUpdate(actor.role, "salesDocument.annotate", changed);
  }
  await db.$transaction(async (tx) => {
    const document = await lockDocument(tx, input.id);
    if (input.terms !== undefined && input.terms !== document.terms) {
      assertTermsEditable(document.type, document.status);
    }
    const data = {
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
      ...(input.terms !== undefined ? { terms: input.terms } : {}),
    };
    await tx.salesDocument.update({ where: { id: input.id }, data, select: { id: true } });
    await recordDocumentEvent(
      tx,
      actor,
      input.id,
      input.terms === undefined ? "annotate" : "update",
      { status: document.status, notes: document.notes, terms: document.terms },
      { status: document.status, notes: document.notes, terms: document.terms, ...data },
    );
  });
  return getSalesDocument(db, actor, input.id);
}

/**
 * Seed 000 `POST /{id}/recalculate`: a draft's line and document amounts are recomputed from its
 * lines by the one rule and stored if they differ. An issued document is verified and never
 * changed; if its stored figures ever disagreed with its lines, that is reported as a conflict.
 */
export async function recalculateSalesDocument(db: Db, actor: Actor, rawId: string) {
  const id = idSchema.parse(rawId);
  await db.$transaction(async (tx) => {
    const document = await lockDocument(tx, id);
    const lines = await readLines(tx, id);
    const priced = priceLines(lines.map((line) => unpricedLineOfStored(line)));
    const changedLines = priced.lines.filter((line, index) => {
      const stored = lines[index]!;
      return (
        stored.subtotal.toFixed(2) !== line.subtotal ||
        stored.discountAmount.toFixed(2) !== line.discountAmount ||
        stored.subtotalAfterDiscount.toFixed(2) !== line.subtotalAfterDiscount ||
        stored.taxAmount.toFixed(2) !== line.taxAmount ||
        stored.total.toFixed(2) !== line.total
      );
    });
    const headerChanged =
      document.subtotal.toFixed(2) !== priced.header.subtotal ||
      document.discountAmount.toFixed(2) !== priced.header.discountAmount ||
      document.netAmount.toFixed(2) !== priced.header.netAmount ||
      document.taxAmount.toFixed(2) !== priced.header.taxAmount ||
      document.total.toFixed(2) !== priced.header.total;
    if (changedLines.length === 0 && !headerChanged) return;
    if (document.status !== "draft") {
      throw new AppError("CONFLICT", appMessage("document.totalsDiffer"), {
        details: { stored: document.total.toFixed(2), computed: priced.header.total },
      });
    }
    assertMayEditDraft(actor, document);
    for (const line of changedLines) {
      await tx.lineItem.update({
        where: { id: line.id! },
        data: {
          subtotal: line.subtotal,
          discountAmount: line.discountAmount,
          subtotalAfterDiscount: line.subtotalAfterDiscount,
          taxAmount: line.taxAmount,
          total: line.total,
        },
        select: { id: true },
      });
    }
    await tx.salesDocument.update({ where: { id }, data: priced.header, select: { id: true } });
    await recordDocumentEvent(tx, actor, id, "recalculate", headerSnapshot(document), {
      ...headerSnapshot(document),
      ...priced.header,
    });
  });
  return getSalesDocument(db, actor, id);
}

/**
 * Bills expenses on a draft invoice in one action (seed 000 §2 "billable"): each becomes a line
 * (its title, quantity 1, its net amount as the unit price at the VAT rate its gross amount
 * contains, editable like any draft line) and is marked as invoiced on this invoice. The line's
 * total reproduces the receipt's gross amount, to the cent or within one (`splitGrossAmount`),
 * instead of adding VAT on top of VAT. Each expense must fit the invoice (`expenseBillingProblem`):
 * billable, not billed yet, of a project of the invoice's customer (of the invoice's project, when
 * it has one), in the invoice's currency; otherwise nothing is billed (field `expenseIds`).
 */
export async function addBillableExpenses(
  db: Db,
  actor: Actor,
  rawInput: AddBillableExpensesInput,
) {
  const input = addBillableExpensesInputSchema.parse(rawInput);
  await db.$transaction(async (tx) => {
    const document = await lockDocument(tx, input.id);
    if (document.type !== "invoice") {
      throw new AppError("BAD_REQUEST", appMessage("document.expensesOnInvoicesOnly"));
    }
    assertMayEditDraft(actor, document);
    if (!input.expenseIds && !document.projectId) {
      throw fieldError("expenseIds", appMessage("document.chooseExpenses"));
    }
    if (document.projectId) await lockProjectCustomer(tx, document.projectId);
    const chosen = input.expenseIds
      ? input.expenseIds
      : (
          await tx.expense.findMany({
            where: {
              projectId: document.projectId,
              isBillable: true,
              invoiceId: null,
              currency: document.currency,
            },
            select: { id: true },
          })
        ).map((expense) => expense.id);
    const expenses = await readExpenseBillingFacts(tx, chosen);
    if (input.expenseIds) {
      const found = new Set(expenses.map((expense) => expense.id));
      const missing = input.expenseIds.find((expenseId) => !found.has(expenseId));
      if (missing) throw fieldError("expenseIds", appMessage("document.expenseMissing"));
    }
    // The same rule whether the expenses were chosen or found by the invoice's project.
    for (const expense of expenses) {
      const problem =
        expense.invoiceId === document.id
          ? { appMessage: appMessage("expense.billedHere", { name: expense.title }) }
          : expenseBillingProblem(expense, document);
      if (problem) throw fieldError("expenseIds", problem.appMessage);
    }
    if (expenses.length === 0) {
      throw new AppError(
        "BAD_REQUEST",
        appMessage("document.noBillableExpenses", { currency: document.currency }),
      );
    }
    const claimed = await tx.expense.updateMany({
      where: { id: { in: expenses.map((expense) => expense.id) }, invoiceId: null },
      data: { invoiceId: document.id },
    });
    if (claimed.count !== expenses.length) {
      throw new AppError("CONFLICT", appMessage("document.expensesBilledMeanwhile"));
    }
    const existing = await readLines(tx, document.id);
    const added: UnpricedLine[] = expenses.map((expense) => ({
      description: expense.title,
      quantity: "1.000",
      unit: null,
      unitPrice: splitGrossAmount(expense.amount, expense.taxRate).netAmount.toFixed(4),
      taxRate: expense.taxRate.toFixed(2),
      discountPercent: "0.00",
      itemType: "additional_item",
      sourceLanguage: null,
      targetLanguage: null,
      sourceLineItemId: null,
      expenseId: expense.id,
    }));
    const priced = priceLines([...existing.map((line) => unpricedLineOfStored(line)), ...added]);
    const newLines = priced.lines.slice(existing.length);
    await insertLines(tx, document.id, newLines);
    await tx.salesDocument.update({
      where: { id: document.id },
      data: priced.header,
      select: { id: true },
    });
    for (const expense of expenses) {
      await recordAuditEvent(tx, actor, {
        action: "bill",
        entityType: "expense",
        entityId: expense.id,
        before: { invoiceId: null },
        after: { invoiceId: document.id },
      });
    }
    await recordDocumentEvent(
      tx,
      actor,
      document.id,
      "addBillableExpenses",
      headerSnapshot(document),
      { ...headerSnapshot(document), ...priced.header, addedLines: newLines },
    );
  });
  return getSalesDocument(db, actor, input.id);
}
