import type { Db, Tx } from "@ledgerline/db";
import {
  appMessage,
  assertInvoiceGroupAction,
  createInvoiceGroupInputSchema,
  idSchema,
  invoiceGroupInputSchema,
  mergeUpdate,
  updateInvoiceGroupInputSchema,
  type CreateInvoiceGroupInput,
  type UpdateInvoiceGroupInput,
} from "@ledgerline/domain";
import type { z } from "zod";
import type { Actor } from "../actor.ts";
import { fieldError, personIdOf, roleOf, toDbDate } from "../sales-documents/company-context.ts";
import {
  invoiceGroupFactsOf,
  lockInvoiceGroup,
  recordInvoiceGroupEvent,
} from "./invoice-group-records.ts";
import { getInvoiceGroup } from "./read-invoice-group.ts";

type InvoiceGroupValues = z.output<typeof invoiceGroupInputSchema>;

/**
 * The customer of a group, read under a share lock so it cannot be deleted meanwhile: it exists
 * and is not archived (an archived customer gets no new business).
 */
async function checkCustomer(tx: Tx, customerId: string) {
  const [customer] = await tx.$queryRaw<Array<{ archived: boolean }>>`
    SELECT archived_at IS NOT NULL AS "archived" FROM customers
    WHERE id = ${customerId}::uuid FOR SHARE`;
  if (!customer) throw fieldError("customerId", appMessage("customer.notFound"));
  if (customer.archived) throw fieldError("customerId", appMessage("customer.archived"));
}

const columnsOf = (values: InvoiceGroupValues) => ({
  customerId: values.customerId,
  currency: values.currency,
  invoiceDate: toDbDate(values.invoiceDate),
  dueDate: values.dueDate ? toDbDate(values.dueDate) : null,
  notes: values.notes ?? null,
  includeInvoices: values.includeInvoices,
  includeJobTitles: values.includeJobTitles,
  includeWordRates: values.includeWordRates,
  lineOrder: values.lineOrder,
});

/**
 * Seed 004 `POST /invoice-groups`: a new draft group of one customer and currency, without a
 * number (issuing takes one) and without invoices (added one by one).
 */
export async function createInvoiceGroup(db: Db, actor: Actor, rawInput: CreateInvoiceGroupInput) {
  const { status: _status, ...values } = createInvoiceGroupInputSchema.parse(rawInput);
  const id = await db.$transaction(async (tx) => {
    await checkCustomer(tx, values.customerId);
    const created = await tx.invoiceGroup.create({
      data: { ...columnsOf(values), createdById: personIdOf(actor) },
      select: { id: true },
    });
    await recordInvoiceGroupEvent(tx, actor, created.id, "create", null, values);
    return created.id;
  });
  return getInvoiceGroup(db, actor, id);
}

/**
 * Seed 004 `PUT /invoice-groups/{uuid}`: the fields sent change, on a draft only (an issued
 * group is locked; the database refuses it too). The customer and currency change only while
 * the group is empty, since its invoices must share them.
 */
export async function updateInvoiceGroup(db: Db, actor: Actor, rawInput: UpdateInvoiceGroupInput) {
  const { id, values: patch } = updateInvoiceGroupInputSchema.parse(rawInput);
  await db.$transaction(async (tx) => {
    const group = await lockInvoiceGroup(tx, id);
    assertInvoiceGroupAction(invoiceGroupFactsOf(group), "edit", roleOf(actor));
    const merged = mergeUpdate(invoiceGroupInputSchema, group, patch);
    const before = columnsOf(mergeUpdate(invoiceGroupInputSchema, group, {}));
    const after = columnsOf(merged);
    const changed = (Object.keys(after) as Array<keyof typeof after>).filter(
      (key) => String(after[key]) !== String(before[key]),
    );
    if (changed.length === 0) return;
    const movesParty = changed.includes("customerId") || changed.includes("currency");
    if (movesParty && group._count.invoices > 0) {
      throw fieldError(
        changed.includes("customerId") ? "customerId" : "currency",
        appMessage("invoiceGroup.hasInvoices"),
      );
    }
    if (changed.includes("customerId")) await checkCustomer(tx, merged.customerId);
    await tx.invoiceGroup.update({ where: { id }, data: after, select: { id: true } });
    await recordInvoiceGroupEvent(
      tx,
      actor,
      id,
      "update",
      Object.fromEntries(changed.map((key) => [key, before[key]])),
      Object.fromEntries(changed.map((key) => [key, after[key]])),
    );
  });
  return getInvoiceGroup(db, actor, id);
}

/**
 * Seed 004 `DELETE /invoice-groups/{uuid}`: a draft is removed (it has no number, so no gap is
 * left) and its invoices are free again; an issued group is never deleted (GoBD; cancel it).
 */
export async function deleteInvoiceGroup(db: Db, actor: Actor, rawId: string) {
  const id = idSchema.parse(rawId);
  await db.$transaction(async (tx) => {
    const group = await lockInvoiceGroup(tx, id);
    assertInvoiceGroupAction(invoiceGroupFactsOf(group), "delete", roleOf(actor));
    const members = await tx.invoiceGroupInvoice.findMany({
      where: { groupId: id },
      select: { invoiceId: true },
    });
    await tx.invoiceGroup.delete({ where: { id }, select: { id: true } });
    await recordInvoiceGroupEvent(
      tx,
      actor,
      id,
      "delete",
      { ...group, invoiceIds: members.map((member) => member.invoiceId) },
      null,
    );
  });
  return { id };
}
