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
  isInvoiceGroupFieldEditable,
  resolveInvoiceGroupDeleteRequest,
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
    const fixed = changed.find(
      (field) => !isInvoiceGroupFieldEditable(field, { invoiceCount: group._count.invoices }),
    );
    if (fixed) throw fieldError(fixed, appMessage("invoiceGroup.hasInvoices"));
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
 * Seed 004 `DELETE /invoice-groups/{uuid}`. A draft (no number yet, so no gap is left) is
 * removed and its invoices are free again: `{ id, removed: true }`. Any other group is kept
 * forever (GoBD): it is soft-deleted, keeping its number, status and invoices, hidden from the
 * lists until restored: `{ id, removed: false }`. A deleted group is refused (restore it first):
 * what `allowedActions` does not offer is refused, so a second click changes nothing.
 */
export async function deleteInvoiceGroup(
  db: Db,
  actor: Actor,
  rawId: string,
): Promise<{ id: string; removed: boolean }> {
  const id = idSchema.parse(rawId);
  return db.$transaction(async (tx) => {
    const group = await lockInvoiceGroup(tx, id);
    assertInvoiceGroupAction(invoiceGroupFactsOf(group), "delete", roleOf(actor));
    if (resolveInvoiceGroupDeleteRequest(group.status) === "softDelete") {
      const deletedAt = new Date();
      await tx.invoiceGroup.update({
        where: { id },
        data: { deletedAt, deletedById: personIdOf(actor) },
        select: { id: true },
      });
      await recordInvoiceGroupEvent(tx, actor, id, "delete", { deletedAt: null }, { deletedAt });
      return { id, removed: false };
    }
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
    return { id, removed: true };
  });
}

/** Brings a soft-deleted group back (admin and finance: `invoiceGroup.delete`); a group that is not deleted is refused. */
export async function restoreDeletedInvoiceGroup(db: Db, actor: Actor, rawId: string) {
  const id = idSchema.parse(rawId);
  await db.$transaction(async (tx) => {
    const group = await lockInvoiceGroup(tx, id);
    assertInvoiceGroupAction(invoiceGroupFactsOf(group), "restoreDeleted", roleOf(actor));
    await tx.invoiceGroup.update({
      where: { id },
      data: { deletedAt: null, deletedById: null },
      select: { id: true },
    });
    await recordInvoiceGroupEvent(
      tx,
      actor,
      id,
      "restoreDeleted",
      { deletedAt: group.deletedAt },
      { deletedAt: null },
    );
  });
  return getInvoiceGroup(db, actor, id);
}

/**
 * Archive (any group but a draft leaves the default list) or restore it from the archive, with
 * `invoiceGroup.write`. Unlike purchase orders, doing either twice is refused (CONFLICT), as
 * everything `allowedActions` does not offer.
 */
export async function setInvoiceGroupArchived(
  db: Db,
  actor: Actor,
  rawId: string,
  archived: boolean,
) {
  const id = idSchema.parse(rawId);
  await db.$transaction(async (tx) => {
    const group = await lockInvoiceGroup(tx, id);
    assertInvoiceGroupAction(
      invoiceGroupFactsOf(group),
      archived ? "archive" : "restore",
      roleOf(actor),
    );
    const archivedAt = archived ? new Date() : null;
    await tx.invoiceGroup.update({ where: { id }, data: { archivedAt }, select: { id: true } });
    await recordInvoiceGroupEvent(
      tx,
      actor,
      id,
      archived ? "archive" : "restore",
      { archivedAt: group.archivedAt },
      { archivedAt },
    );
  });
  return getInvoiceGroup(db, actor, id);
}
