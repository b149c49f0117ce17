import type { Db, Tx } from "@ledgerline/db";
import {
  AppError,
  addSalesDocumentItemInputSchema,
  appMessage,
  itemErrorOf,
  lineOrderOf,
  orderLines,
  getSalesDocumentItemInputSchema,
  removeSalesDocumentItemInputSchema,
  type RemoveSalesDocumentItemInput,
  listSalesDocumentItemsInputSchema,
  updateSalesDocumentItemInputSchema,
  type AddSalesDocumentItemInput,
  type GetSalesDocumentItemInput,
  type ListSalesDocumentItemsInput,
  type UpdateDraftValues,
  type UpdateSalesDocumentItemInput,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { documentNotFound, lineItemSelect, lockDocumentFamily } from "./document-records.ts";
import { applyDraftChanges, assertMayEditDraft, readLines } from "./edit-sales-document.ts";

/**
 * Seed 004's five item endpoints (`/v1/invoices/{uuid}/items...`) as procedures on any sales
 * document: list and get read; add, update and remove change a draft's lines. The changes go
 * through `applyDraftChanges`, the one home of a draft change that the whole-document edit uses
 * too: the same rules (a draft only, the type's permission, the item currency, the create rules
 * of every line), the totals recomputed from the lines in the same transaction, one audit event.
 */

/** What each item answer carries of its document: the one currency, the order, the totals. */
const documentOfItemsSelect = {
  id: true,
  type: true,
  status: true,
  currency: true,
  lineOrder: true,
  subtotal: true,
  discountAmount: true,
  netAmount: true,
  taxAmount: true,
  total: true,
} as const;

async function readDocumentOfItems(db: Db | Tx, salesDocumentId: string) {
  const document = await db.salesDocument.findUnique({
    where: { id: salesDocumentId },
    select: documentOfItemsSelect,
  });
  if (!document) throw documentNotFound();
  return { ...document, lineOrder: lineOrderOf(document.lineOrder) };
}

const itemNotFound = () => new AppError("NOT_FOUND", appMessage("document.itemNotFound"));

/**
 * `salesDocuments.items.list` (seed 004 `GET /invoices/{uuid}/items`): the document's lines in
 * its line order (as entered, or seed 004's language order), each with the document's currency.
 */
export async function listSalesDocumentItems(db: Db, rawInput: ListSalesDocumentItemsInput) {
  const { salesDocumentId } = listSalesDocumentItemsInputSchema.parse(rawInput);
  return db.$transaction(async (tx) => {
    const document = await readDocumentOfItems(tx, salesDocumentId);
    const lines = await readLines(tx, salesDocumentId);
    return {
      document,
      items: orderLines(lines, document.lineOrder).map((line) => ({
        ...line,
        salesDocumentId,
        currency: document.currency,
      })),
    };
  });
}

/** `salesDocuments.items.get` (seed 004 `GET /invoices/{uuid}/items/{item_uuid}`). */
export async function getSalesDocumentItem(db: Db | Tx, rawInput: GetSalesDocumentItemInput) {
  const { salesDocumentId, id } = getSalesDocumentItemInputSchema.parse(rawInput);
  const document = await readDocumentOfItems(db, salesDocumentId);
  const line = await db.lineItem.findFirst({
    where: { id, salesDocumentId },
    select: lineItemSelect,
  });
  if (!line) throw itemNotFound();
  return { ...line, salesDocumentId, currency: document.currency, document };
}

/**
 * Locks the draft, checks the caller may edit it (its type's permission, a draft only: the
 * existing immutability refusal otherwise) and reads its lines in their entered order.
 */
async function lockDraftLines(tx: Tx, actor: Actor, salesDocumentId: string) {
  // The family lock, as the draft change takes it: a credit note's invoice first, then itself.
  const { document } = await lockDocumentFamily(tx, salesDocumentId);
  assertMayEditDraft(actor, document);
  return readLines(tx, salesDocumentId);
}

/**
 * The draft change; the field errors of the item at `index` (the one the caller sent, -1 for
 * none) are named as the caller sent them.
 */
async function changeDraft(
  tx: Tx,
  actor: Actor,
  salesDocumentId: string,
  lines: NonNullable<UpdateDraftValues["lines"]>,
  index: number,
) {
  try {
    await applyDraftChanges(tx, actor, salesDocumentId, { lines });
  } catch (error) {
    throw itemErrorOf(error, index);
  }
}

/**
 * `salesDocuments.items.add` (seed 004 `POST /invoices/{uuid}/items`): a new line on a draft at
 * `position` (default: last). The lines keep their ids and links; the totals follow.
 */
export async function addSalesDocumentItem(
  db: Db,
  actor: Actor,
  rawInput: AddSalesDocumentItemInput,
) {
  const input = addSalesDocumentItemInputSchema.parse(rawInput);
  const { salesDocumentId } = input;
  const id = await db.$transaction(async (tx) => {
    const before = await lockDraftLines(tx, actor, salesDocumentId);
    const kept = before.map((line) => ({ id: line.id }));
    const index = Math.min(input.position ?? kept.length + 1, kept.length + 1) - 1;
    const lines = [...kept.slice(0, index), input.values, ...kept.slice(index)];
    await changeDraft(tx, actor, salesDocumentId, lines, index);
    const after = await readLines(tx, salesDocumentId);
    return after[index]!.id;
  });
  return getSalesDocumentItem(db, { salesDocumentId, id });
}

/**
 * `salesDocuments.items.update` (seed 004 `PUT /invoices/{uuid}/items/{item_uuid}`): the fields
 * sent change, the others stay; the line keeps its place, its id and its links.
 */
export async function updateSalesDocumentItem(
  db: Db,
  actor: Actor,
  rawInput: UpdateSalesDocumentItemInput,
) {
  const { salesDocumentId, id, values } = updateSalesDocumentItemInputSchema.parse(rawInput);
  await db.$transaction(async (tx) => {
    const before = await lockDraftLines(tx, actor, salesDocumentId);
    const index = before.findIndex((line) => line.id === id);
    if (index < 0) throw itemNotFound();
    const lines = before.map((line) => (line.id === id ? { ...values, id } : { id: line.id }));
    await changeDraft(tx, actor, salesDocumentId, lines, index);
  });
  return getSalesDocumentItem(db, { salesDocumentId, id });
}

/**
 * `salesDocuments.items.remove` (seed 004 `DELETE /invoices/{uuid}/items/{item_uuid}`): the line
 * leaves the draft (an expense it billed becomes billable again); the lines after it move up.
 * A draft keeps at least one line, as on create.
 */
export async function removeSalesDocumentItem(
  db: Db,
  actor: Actor,
  rawInput: RemoveSalesDocumentItemInput,
) {
  const { salesDocumentId, id } = removeSalesDocumentItemInputSchema.parse(rawInput);
  await db.$transaction(async (tx) => {
    const before = await lockDraftLines(tx, actor, salesDocumentId);
    if (!before.some((line) => line.id === id)) throw itemNotFound();
    const lines = before.filter((line) => line.id !== id).map((line) => ({ id: line.id }));
    await changeDraft(tx, actor, salesDocumentId, lines, -1);
  });
  return { id, salesDocumentId, document: await readDocumentOfItems(db, salesDocumentId) };
}
