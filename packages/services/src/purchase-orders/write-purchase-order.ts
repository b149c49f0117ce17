import type { Db, Tx } from "@ledgerline/db";
import {
  assertPurchaseOrderAction,
  createPurchaseOrderInputSchema,
  isFieldEditable,
  mergeUpdate,
  purchaseOrderInputSchema,
  updatePurchaseOrderInputSchema,
  type CreatePurchaseOrderInput,
  type PurchaseOrderField,
  type UpdatePurchaseOrderInput,
  appMessage,
  termParam,
  assertNoFieldErrors,
  type FieldMessageInput,
} from "@ledgerline/domain";
import type { z } from "zod";
import type { Actor } from "../actor.ts";
import { fieldError, personIdOf, toDbDate } from "../sales-documents/company-context.ts";
import {
  factsOf,
  lockPurchaseOrder,
  purchaseOrderActorOf,
  recordPurchaseOrderEvent,
} from "./purchase-order-records.ts";
import { getPurchaseOrder } from "./read-purchase-order.ts";

type PurchaseOrderValues = z.output<typeof purchaseOrderInputSchema>;

/**
 * The references of a PO, checked under share locks so they cannot change meanwhile: the project
 * and supplier exist and are not archived (archived ones get no new business), the project
 * manager is an active user. Returns the project's manager and the supplier's currency for the
 * defaults.
 */
async function checkReferences(
  tx: Tx,
  values: { projectId: string; supplierId: string; projectManagerId?: string | null | undefined },
  options: { allowArchived: { project: boolean; supplier: boolean } },
) {
  const [project] = await tx.$queryRaw<Array<{ managerId: string | null; archived: boolean }>>`
    SELECT manager_id::text AS "managerId", archived_at IS NOT NULL AS "archived"
    FROM projects WHERE id = ${values.projectId}::uuid FOR SHARE`;
  if (!project) throw fieldError("projectId", appMessage("project.notFound"));
  if (project.archived && !options.allowArchived.project)
    throw fieldError("projectId", appMessage("purchaseOrder.projectArchived"));
  const [supplier] = await tx.$queryRaw<Array<{ currency: string; archived: boolean }>>`
    SELECT default_currency AS "currency", archived_at IS NOT NULL AS "archived"
    FROM suppliers WHERE id = ${values.supplierId}::uuid FOR SHARE`;
  if (!supplier) throw fieldError("supplierId", appMessage("supplier.notFound"));
  if (supplier.archived && !options.allowArchived.supplier)
    throw fieldError("supplierId", appMessage("purchaseOrder.supplierArchived"));
  if (values.projectManagerId) {
    const manager = await tx.user.findUnique({
      where: { id: values.projectManagerId },
      select: { active: true },
    });
    if (!manager?.active)
      throw fieldError("projectManagerId", appMessage("project.managerInactive"));
  }
  return { projectManagerId: project.managerId, supplierCurrency: supplier.currency };
}

function checkDates(values: Pick<PurchaseOrderValues, "orderDate" | "dueDate">, orderDate: Date) {
  if (values.dueDate && values.dueDate < orderDate.toISOString().slice(0, 10)) {
    throw fieldError("dueDate", appMessage("purchaseOrder.dueBeforeOrder"));
  }
}

/**
 * Seed 004 `POST /purchase-orders`: a new PO in `pending`, numbered in the BE range when the
 * transaction commits (gapless; see migration 20261205140000_purchase_orders). Defaults: currency
 * the supplier's, order date now, project manager the project's.
 */
export async function createPurchaseOrder(
  db: Db,
  actor: Actor,
  rawInput: CreatePurchaseOrderInput,
) {
  const { status: _status, ...values } = createPurchaseOrderInputSchema.parse(rawInput);
  const id = await db.$transaction(async (tx) => {
    const references = await checkReferences(tx, values, {
      allowArchived: { project: false, supplier: false },
    });
    const orderDate = values.orderDate ?? new Date();
    checkDates(values, orderDate);
    const created = await tx.purchaseOrder.create({
      data: {
        projectId: values.projectId,
        supplierId: values.supplierId,
        projectManagerId:
          values.projectManagerId === undefined
            ? references.projectManagerId
            : values.projectManagerId,
        amount: values.amount,
        currency: values.currency ?? references.supplierCurrency,
        type: values.type,
        orderDate,
        dueDate: values.dueDate ? toDbDate(values.dueDate) : null,
        notes: values.notes,
        targetLanguage: values.targetLanguage,
        isInternal: values.isInternal,
        createdById: personIdOf(actor),
      },
      select: {
        id: true,
        status: true,
        amount: true,
        currency: true,
        projectId: true,
        supplierId: true,
      },
    });
    await recordPurchaseOrderEvent(tx, actor, created.id, "create", null, created);
    return created.id;
  });
  return getPurchaseOrder(db, actor, id);
}

/**
 * Seed 004 `PUT /purchase-orders/{uuid}`: the fields sent change, in the statuses that allow
 * each (`PURCHASE_ORDER_FIELD_STATUSES`): what was ordered from whom only while pending, the fee
 * until the work is judged, notes and dates until approval. A field sent unchanged is no change.
 * The status changes only through `purchaseOrders.transition`.
 */
export async function updatePurchaseOrder(
  db: Db,
  actor: Actor,
  rawInput: UpdatePurchaseOrderInput,
) {
  const { id, values: patch } = updatePurchaseOrderInputSchema.parse(rawInput);
  await db.$transaction(async (tx) => {
    const po = await lockPurchaseOrder(tx, id);
    assertPurchaseOrderAction(factsOf(po), "edit", purchaseOrderActorOf(actor));
    const stored = {
      ...po,
      amount: po.amount.toFixed(2),
      // The instant, not its calendar day (storedValuesOf turns a Date into a day).
      orderDate: po.orderDate.toISOString(),
    };
    const merged = mergeUpdate(purchaseOrderInputSchema, stored, patch);
    const changed: Partial<Record<PurchaseOrderField, unknown>> = {};
    const before: Partial<Record<PurchaseOrderField, unknown>> = {};
    const current: Record<PurchaseOrderField, unknown> = {
      projectId: po.projectId,
      supplierId: po.supplierId,
      currency: po.currency,
      type: po.type,
      isInternal: po.isInternal,
      amount: po.amount.toFixed(2),
      orderDate: po.orderDate.toISOString(),
      dueDate: po.dueDate ? po.dueDate.toISOString().slice(0, 10) : null,
      notes: po.notes,
      targetLanguage: po.targetLanguage,
      projectManagerId: po.projectManagerId,
    };
    const next: Record<PurchaseOrderField, unknown> = {
      projectId: merged.projectId,
      supplierId: merged.supplierId,
      currency: merged.currency ?? po.currency,
      type: merged.type,
      isInternal: merged.isInternal,
      amount: merged.amount,
      orderDate: (merged.orderDate ?? po.orderDate).toISOString(),
      dueDate: merged.dueDate,
      notes: merged.notes,
      targetLanguage: merged.targetLanguage,
      projectManagerId: merged.projectManagerId ?? null,
    };
    const fieldErrors: Record<string, FieldMessageInput[]> = {};
    for (const field of Object.keys(next) as PurchaseOrderField[]) {
      if (next[field] === current[field]) continue;
      if (!isFieldEditable(field, po.status)) {
        (fieldErrors[field] ??= []).push(
          appMessage("purchaseOrder.fieldFrozen", {
            status: termParam("purchaseOrderStatus", po.status),
          }),
        );
        continue;
      }
      before[field] = current[field];
      changed[field] = next[field];
    }
    assertNoFieldErrors(fieldErrors);
    if (Object.keys(changed).length === 0) return;
    if ("projectId" in changed || "supplierId" in changed || "projectManagerId" in changed) {
      await checkReferences(
        tx,
        {
          ...merged,
          projectManagerId: "projectManagerId" in changed ? merged.projectManagerId : null,
        },
        {
          allowArchived: {
            project: !("projectId" in changed),
            supplier: !("supplierId" in changed),
          },
        },
      );
    }
    checkDates(merged, merged.orderDate ?? po.orderDate);
    await tx.purchaseOrder.update({
      where: { id },
      data: {
        ...("projectId" in changed ? { projectId: merged.projectId } : {}),
        ...("supplierId" in changed ? { supplierId: merged.supplierId } : {}),
        ...("currency" in changed ? { currency: merged.currency! } : {}),
        ...("type" in changed ? { type: merged.type } : {}),
        ...("isInternal" in changed ? { isInternal: merged.isInternal } : {}),
        ...("amount" in changed ? { amount: merged.amount } : {}),
        ...("orderDate" in changed ? { orderDate: merged.orderDate! } : {}),
        ...("dueDate" in changed
          ? { dueDate: merged.dueDate ? toDbDate(merged.dueDate) : null }
          : {}),
        ...("notes" in changed ? { notes: merged.notes } : {}),
        ...("targetLanguage" in changed ? { targetLanguage: merged.targetLanguage } : {}),
        ...("projectManagerId" in changed
          ? { projectManagerId: merged.projectManagerId ?? null }
          : {}),
      },
      select: { id: true },
    });
    await recordPurchaseOrderEvent(tx, actor, id, "update", before, changed);
  });
  return getPurchaseOrder(db, actor, id);
}
