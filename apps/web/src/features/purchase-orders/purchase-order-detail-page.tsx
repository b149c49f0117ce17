import {
  DISBURSEMENT_ITEM_TYPES,
  PURCHASE_ORDER_ACTION_RULES,
  PURCHASE_ORDER_ACTIONS,
  disbursementInputSchema,
  disbursementTotalOf,
  parseLocaleDecimal,
  parseLocaleWholeNumber,
  recordMilestoneInputSchema,
  updateMilestoneInputSchema,
  type PurchaseOrderAction,
  type PurchaseOrderAllowedAction,
} from "@ledgerline/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DetailSection } from "../../components/detail-section.tsx";
import { DateField } from "../../components/date-field.tsx";
import { DecimalField, WholeNumberField } from "../../components/decimal-field.tsx";
import { ConfirmDialog, FormDialog } from "../../components/dialog.tsx";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../../components/field.tsx";
import { SaveFailedAlert } from "../../components/form-layout.tsx";
import { LoadedRecord } from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
import { Badge, PageHeader } from "../../components/page-header.tsx";
import { RecordPdfPanel } from "../records/record-pdf-panel.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { decimalOfText, decimalText, wholeNumberOfText } from "../../lib/decimal-entry.ts";
import { describeError } from "../../lib/errors.ts";
import { Link, navigate } from "../../lib/router.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useSchemaForm } from "../../lib/use-form.ts";
import { lastListUrl } from "../../lib/use-list-state.ts";
import { PURCHASE_ORDERS_PATH, purchaseOrderPath } from "./purchase-order-paths.ts";
import { PurchaseOrderStatusBadge } from "./purchase-order-status.tsx";
import { scrollRegion } from "../../components/scroll-region.ts";

export type PurchaseOrderDetail = RouterOutputs["purchaseOrders"]["get"];

const isMove = (action: PurchaseOrderAllowedAction): action is PurchaseOrderAction =>
  (PURCHASE_ORDER_ACTIONS as readonly string[]).includes(action);

/** `/purchase-orders/:id`: facts, actions (exactly the API's `allowedActions`), milestones, disbursements, history. */
export function PurchaseOrderDetailPage({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const po = useQuery(trpc.purchaseOrders.get.queryOptions({ id }));
  const listUrl = lastListUrl(PURCHASE_ORDERS_PATH);
  return (
    <LoadedRecord query={po} title={t("po.title")} listUrl={listUrl}>
      {(loaded) => <PurchaseOrderView po={loaded} listUrl={listUrl} />}
    </LoadedRecord>
  );
}

function PurchaseOrderView({ po, listUrl }: { po: PurchaseOrderDetail; listUrl: string }) {
  const { t, money, date, dateTime } = useI18n();
  const number = po.number ?? t("po.noNumber");
  const dash = <span className="muted">—</span>;
  return (
    <>
      <PageHeader
        breadcrumb={<Link to={listUrl}>← {t("po.title")}</Link>}
        pageTitle={number}
        area={t("po.title")}
        title={t("po.heading", { number })}
        badge={
          <>
            <PurchaseOrderStatusBadge status={po.status} />
            {po.isAutoApproved ? <Badge tone="info">{t("po.approval.autoApproved")}</Badge> : null}
            {po.isInternal ? <Badge tone="info">{t("po.internal")}</Badge> : null}
            {po.archivedAt ? <Badge>{t("record.archived")}</Badge> : null}
            {po.deletedAt ? <Badge tone="danger">{t("po.deleted")}</Badge> : null}
          </>
        }
        description={
          <>
            <Link to={`/projects/${po.project.id}`}>
              {po.project.number} {po.project.name}
            </Link>
            {" · "}
            <Link to={`/suppliers/${po.supplier.id}`}>{po.supplier.name}</Link>
          </>
        }
      />
      <PurchaseOrderActions po={po} />
      <div className="detail-grid">
        <DetailSection title={t("po.section.facts")} className="po-section">
          <dl className="facts">
            <div>
              <dt>{t("po.field.type")}</dt>
              <dd>{t(`po.type.${po.type}`)}</dd>
            </div>
            <div>
              <dt>{t("po.field.amount")}</dt>
              <dd className="cell--numeric">{money(po.amount, po.currency)}</dd>
            </div>
            <div>
              <dt>{t("po.field.disbursementTotal")}</dt>
              <dd className="cell--numeric">{money(po.disbursementTotal, po.currency)}</dd>
            </div>
            <div>
              <dt>{t("po.field.payableTotal")}</dt>
              <dd className="cell--numeric">
                <strong>{money(po.payableTotal, po.currency)}</strong>
              </dd>
            </div>
            <div>
              <dt>{t("po.field.progress")}</dt>
              <dd>{po.progress} %</dd>
            </div>
            <div>
              <dt>{t("po.field.orderDate")}</dt>
              <dd>{date(po.orderDate)}</dd>
            </div>
            <div>
              <dt>{t("po.field.dueDate")}</dt>
              <dd>{po.dueDate ? date(po.dueDate, { calendarDate: true }) : dash}</dd>
            </div>
            <div>
              <dt>{t("po.field.projectManager")}</dt>
              <dd>{po.projectManager?.name ?? dash}</dd>
            </div>
            <div>
              <dt>{t("po.field.targetLanguage")}</dt>
              <dd>{po.targetLanguage ?? dash}</dd>
            </div>
            <div>
              <dt>{t("po.field.approved")}</dt>
              <dd>
                {po.approvedAt
                  ? t("po.approvedBy", {
                      name: po.isAutoApproved
                        ? t("po.approval.autoApproved")
                        : (po.approvedBy?.name ?? "—"),
                      when: dateTime(po.approvedAt),
                    })
                  : dash}
              </dd>
            </div>
            <div>
              <dt>{t("po.field.paid")}</dt>
              <dd>
                {po.paidDate
                  ? `${date(po.paidDate, { calendarDate: true })}${po.paymentReference ? ` · ${po.paymentReference}` : ""}`
                  : dash}
              </dd>
            </div>
            {po.statusReason ? (
              <div className="facts__wide">
                <dt>{t("po.field.reason")}</dt>
                <dd>{po.statusReason}</dd>
              </div>
            ) : null}
            {po.notes ? (
              <div className="facts__wide">
                <dt>{t("po.field.notes")}</dt>
                <dd className="cell--wrap">{po.notes}</dd>
              </div>
            ) : null}
          </dl>
        </DetailSection>
      </div>
      <RecordPdfPanel kind="purchaseOrder" id={po.id} />
      <MilestonesPanel po={po} />
      <DisbursementsPanel po={po} />
      <HistoryPanel po={po} />
    </>
  );
}

/** Refreshes the PO and every list after a change. */
function useRefresh(id: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The PDF's state too: a change makes the stored PDF an older state of the PO.
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.purchaseOrders.pathFilter()),
      queryClient.invalidateQueries(trpc.purchaseOrderPdfs.pathFilter()),
    ]).then(() => id);
}

/**
 * The PO's actions: exactly what `allowedActions` says this person may do now. Moves that need a
 * reason (decline, cancel, dispute) or a payment date (mark as paid) ask in a dialog.
 */
function PurchaseOrderActions({ po }: { po: PurchaseOrderDetail }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const notify = useNotify();
  const refresh = useRefresh(po.id);
  const [asking, setAsking] = useState<PurchaseOrderAllowedAction | null>(null);
  const [reason, setReason] = useState("");
  const [paidDate, setPaidDate] = useState("");
  const [reference, setReference] = useState("");
  const done = (message: string) => {
    setAsking(null);
    void refresh();
    notify("success", message);
  };
  const transition = useMutation(
    trpc.purchaseOrders.transition.mutationOptions({
      onSuccess: (_result, input) => done(t(`po.done.${input.action}`)),
    }),
  );
  const approve = useMutation(
    trpc.purchaseOrders.approve.mutationOptions({ onSuccess: () => done(t("po.done.approve")) }),
  );
  const archive = useMutation(
    trpc.purchaseOrders.archive.mutationOptions({ onSuccess: () => done(t("po.done.archive")) }),
  );
  const restore = useMutation(
    trpc.purchaseOrders.restore.mutationOptions({ onSuccess: () => done(t("po.done.restore")) }),
  );
  const remove = useMutation(
    trpc.purchaseOrders.delete.mutationOptions({ onSuccess: () => done(t("po.done.delete")) }),
  );
  const restoreDeleted = useMutation(
    trpc.purchaseOrders.restoreDeleted.mutationOptions({
      onSuccess: () => done(t("po.done.restore")),
    }),
  );
  const mutations = [transition, approve, archive, restore, remove, restoreDeleted];
  const busy = mutations.some((mutation) => mutation.isPending);
  const failed = mutations.find((mutation) => mutation.error)?.error;

  const run = (action: PurchaseOrderAllowedAction) => {
    for (const mutation of mutations) mutation.reset();
    const id = po.id;
    if (action === "approve") approve.mutate({ id });
    else if (action === "archive") archive.mutate({ id });
    else if (action === "restore") restore.mutate({ id });
    else if (action === "delete") remove.mutate({ id });
    else if (action === "restoreDeleted") restoreDeleted.mutate({ id });
    else if (isMove(action))
      transition.mutate({
        id,
        action,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(action === "markPaid"
          ? { paidDate: paidDate || null, paymentReference: reference.trim() || null }
          : {}),
      });
  };

  const asks = (action: PurchaseOrderAllowedAction) =>
    action === "markPaid" ||
    action === "delete" ||
    (isMove(action) && PURCHASE_ORDER_ACTION_RULES[action].reason === "required");
  const buttons = po.allowedActions.filter(
    (action) =>
      isMove(action) ||
      action === "edit" ||
      action === "archive" ||
      action === "restore" ||
      action === "delete" ||
      action === "restoreDeleted",
  );
  if (buttons.length === 0) return null;
  return (
    <div className="document-actions" role="group" aria-label={t("po.actions")}>
      {buttons.map((action) =>
        action === "edit" ? (
          <button
            key={action}
            type="button"
            className="button"
            onClick={() => navigate(`${purchaseOrderPath(po.id)}/edit`)}
          >
            {t("po.action.edit")}
          </button>
        ) : (
          <button
            key={action}
            type="button"
            className={
              action === "approve" || action === "markPaid"
                ? "button button--primary"
                : action === "delete" || action === "decline" || action === "cancel"
                  ? "button button--danger-outline"
                  : "button"
            }
            disabled={busy}
            onClick={() => {
              setReason("");
              setPaidDate("");
              setReference("");
              if (asks(action)) {
                for (const mutation of mutations) mutation.reset();
                setAsking(action);
              } else run(action);
            }}
          >
            {t(`po.action.${action}`)}
          </button>
        ),
      )}
      {failed && asking === null ? (
        <p className="field__error" role="alert">
          {describeError(failed, t)}
        </p>
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        title={asking ? t(`po.action.${asking}`) : ""}
        confirmLabel={asking ? t(`po.action.${asking}`) : ""}
        tone={asking === "markPaid" ? "primary" : "danger"}
        busy={busy}
        error={failed ? describeError(failed, t) : null}
        onClose={() => setAsking(null)}
        onConfirm={() => asking && run(asking)}
      >
        {asking === "markPaid" ? (
          <div className="form-grid">
            <DateField
              label={t("po.field.paidDate")}
              hint={t("po.paidDateHint")}
              value={paidDate}
              onChange={(event) => setPaidDate(event.target.value)}
            />
            <TextField
              label={t("po.field.paymentReference")}
              value={reference}
              onChange={(event) => setReference(event.target.value)}
            />
          </div>
        ) : asking === "delete" ? (
          <p>{t("po.deleteText")}</p>
        ) : (
          <TextAreaField
            label={t("po.field.reason")}
            required
            rows={2}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </ConfirmDialog>
    </div>
  );
}

interface MilestoneValues {
  percentage: string;
  notes: string;
  confirmed: boolean;
}

/** Milestones in percentage order; record one (a percentage above the last) and confirm them. */
function MilestonesPanel({ po }: { po: PurchaseOrderDetail }) {
  const { t, dateTime, locale } = useI18n();
  const trpc = useTRPC();
  const notify = useNotify();
  const refresh = useRefresh(po.id);
  const mayRecord = po.allowedActions.includes("recordMilestone");
  const mayConfirm = po.allowedActions.includes("confirmMilestone");
  const [editingNotes, setEditingNotes] = useState<Milestone | null>(null);
  const empty: MilestoneValues = { percentage: "", notes: "", confirmed: false };
  const form = useSchemaForm({
    initialValues: empty,
    schema: recordMilestoneInputSchema,
    toInput: (values: MilestoneValues) => ({
      purchaseOrderId: po.id,
      percentage: wholeNumberOfText(values.percentage, locale),
      notes: values.notes,
      confirmed: values.confirmed,
    }),
  });
  const record = useMutation(
    trpc.purchaseOrders.milestones.record.mutationOptions({
      onSuccess: (milestone) => {
        form.reset(empty);
        void refresh();
        notify("success", t("po.milestone.recorded", { percentage: milestone.percentage }));
      },
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const confirm = useMutation(
    trpc.purchaseOrders.milestones.update.mutationOptions({
      onSuccess: (milestone) => {
        void refresh();
        notify("success", t("po.milestone.confirmedNotice", { percentage: milestone.percentage }));
      },
    }),
  );
  return (
    <DetailSection title={t("po.section.milestones")} className="po-section">
      {po.milestones.length === 0 ? (
        <p className="muted">{t("po.milestone.none")}</p>
      ) : (
        <div className="table-wrap" ref={scrollRegion(t("po.section.milestones"))}>
          <table className="table">
            <caption className="visually-hidden">{t("po.section.milestones")}</caption>
            <thead>
              <tr>
                <th scope="col" className="cell--end">
                  {t("po.milestone.percentage")}
                </th>
                <th scope="col">{t("po.field.notes")}</th>
                <th scope="col">{t("po.milestone.recordedBy")}</th>
                <th scope="col">{t("po.milestone.confirmed")}</th>
              </tr>
            </thead>
            <tbody>
              {po.milestones.map((milestone) => (
                <tr key={milestone.id}>
                  <td className="cell--end cell--numeric">{milestone.percentage} %</td>
                  <td className="cell--wrap">
                    {milestone.notes ?? "—"}
                    {mayRecord ? (
                      <>
                        {" "}
                        <button
                          type="button"
                          className="button button--small button--ghost"
                          onClick={() => setEditingNotes(milestone)}
                        >
                          {t("po.milestone.editNotes", { percentage: milestone.percentage })}
                        </button>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {milestone.recordedBy?.name ?? "—"} · {dateTime(milestone.recordedAt)}
                  </td>
                  <td>
                    {milestone.isConfirmed ? (
                      <>
                        <Badge tone="success">{t("po.milestone.confirmed")}</Badge>{" "}
                        {milestone.confirmedBy?.name ?? ""}
                        {milestone.confirmedAt ? ` · ${dateTime(milestone.confirmedAt)}` : ""}
                      </>
                    ) : mayConfirm ? (
                      <button
                        type="button"
                        className="button button--small"
                        disabled={confirm.isPending}
                        onClick={() => confirm.mutate({ id: milestone.id, confirmed: true })}
                      >
                        {t("po.milestone.confirm", { percentage: milestone.percentage })}
                      </button>
                    ) : (
                      <span className="muted">{t("po.milestone.open")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {confirm.error ? (
        <p className="field__error" role="alert">
          {describeError(confirm.error, t)}
        </p>
      ) : null}
      {editingNotes ? (
        <MilestoneNotesDialog
          key={editingNotes.id}
          po={po}
          milestone={editingNotes}
          onClose={() => setEditingNotes(null)}
        />
      ) : null}
      {mayRecord ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={form.handleSubmit((input) => record.mutate(input))}
          aria-label={t("po.milestone.record")}
        >
          <SaveFailedAlert error={record.error} />
          <div className="form-grid">
            <WholeNumberField
              label={t("po.milestone.percentage")}
              required
              hint={t("po.milestone.hint")}
              {...form.fieldProps("percentage")}
            />
            <TextField label={t("po.field.notes")} {...form.fieldProps("notes")} />
            <CheckboxField
              label={t("po.milestone.confirmNow")}
              checked={form.values.confirmed}
              onChange={(event) => form.setField("confirmed", event.target.checked)}
            />
          </div>
          <button type="submit" className="button button--primary" disabled={record.isPending}>
            {t("po.milestone.record")}
          </button>
        </form>
      ) : null}
    </DetailSection>
  );
}

type Milestone = PurchaseOrderDetail["milestones"][number];

/** Changes a milestone's notes (its percentage and confirmation stay as recorded). */
function MilestoneNotesDialog({
  po,
  milestone,
  onClose,
}: {
  po: PurchaseOrderDetail;
  milestone: Milestone;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const notify = useNotify();
  const refresh = useRefresh(po.id);
  const form = useSchemaForm({
    initialValues: { notes: milestone.notes ?? "" },
    schema: updateMilestoneInputSchema,
    toInput: (values: { notes: string }) => ({ id: milestone.id, notes: values.notes }),
  });
  const update = useMutation(
    trpc.purchaseOrders.milestones.update.mutationOptions({
      onSuccess: () => {
        onClose();
        void refresh();
        notify("success", t("po.milestone.notesSaved", { percentage: milestone.percentage }));
      },
      onError: (error) => form.showServerErrors(error),
    }),
  );
  return (
    <FormDialog
      title={t("po.milestone.notesTitle", { percentage: milestone.percentage })}
      onClose={onClose}
      onSubmit={form.handleSubmit((input) => update.mutate(input))}
      busy={update.isPending}
    >
      <SaveFailedAlert error={update.error} />
      <TextAreaField label={t("po.field.notes")} rows={3} {...form.fieldProps("notes")} />
    </FormDialog>
  );
}

interface DisbursementValues {
  itemType: (typeof DISBURSEMENT_ITEM_TYPES)[number];
  itemTypeInfo: string;
  units: string;
  ratePerUnit: string;
  totalCost: string;
}

type DisbursementItem = PurchaseOrderDetail["disbursements"][number];

/** Disbursement items by item type; total = units × rate is checked, never corrected. */
function DisbursementsPanel({ po }: { po: PurchaseOrderDetail }) {
  const { t, money } = useI18n();
  const trpc = useTRPC();
  const notify = useNotify();
  const refresh = useRefresh(po.id);
  // The dialog: a new item ("new") or the item being changed.
  const [editing, setEditing] = useState<DisbursementItem | "new" | null>(null);
  const mayEdit = po.allowedActions.includes("editDisbursements");
  const mayDelete = po.allowedActions.includes("deleteDisbursement");
  const remove = useMutation(
    trpc.purchaseOrders.disbursements.delete.mutationOptions({
      onSuccess: () => {
        void refresh();
        notify("success", t("po.disbursement.deleted"));
      },
    }),
  );
  return (
    <DetailSection
      title={t("po.section.disbursements")}
      className="po-section"
      actions={
        mayEdit && editing === null ? (
          <button type="button" className="button" onClick={() => setEditing("new")}>
            {t("po.disbursement.add")}
          </button>
        ) : null
      }
    >
      {po.disbursements.length === 0 ? (
        <p className="muted">{t("po.disbursement.none")}</p>
      ) : (
        <div className="table-wrap" ref={scrollRegion(t("po.section.disbursements"))}>
          <table className="table">
            <caption className="visually-hidden">{t("po.section.disbursements")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("po.disbursement.itemType")}</th>
                <th scope="col">{t("po.disbursement.itemTypeInfo")}</th>
                <th scope="col" className="cell--end">
                  {t("po.disbursement.units")}
                </th>
                <th scope="col" className="cell--end">
                  {t("po.disbursement.rate")}
                </th>
                <th scope="col" className="cell--end">
                  {t("po.disbursement.total")}
                </th>
                {mayEdit || mayDelete ? (
                  <th scope="col">
                    <span className="visually-hidden">{t("po.actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {po.disbursements.map((item) => (
                <tr key={item.id}>
                  <td>{t(`po.itemType.${item.itemType}`)}</td>
                  <td className="cell--wrap">{item.itemTypeInfo}</td>
                  <td className="cell--end cell--numeric">{item.units}</td>
                  <td className="cell--end cell--numeric">
                    {money(item.ratePerUnit, po.currency)}
                  </td>
                  <td className="cell--end cell--numeric">{money(item.totalCost, po.currency)}</td>
                  {mayEdit || mayDelete ? (
                    <td className="cell--end">
                      <span className="po-row-actions">
                        {mayEdit ? (
                          <button
                            type="button"
                            className="button button--small"
                            onClick={() => setEditing(item)}
                          >
                            {t("po.disbursement.edit", { info: item.itemTypeInfo })}
                          </button>
                        ) : null}
                        {mayDelete ? (
                          <button
                            type="button"
                            className="button button--small button--danger-outline"
                            disabled={remove.isPending}
                            onClick={() => remove.mutate({ id: item.id })}
                          >
                            {t("po.disbursement.delete", { info: item.itemTypeInfo })}
                          </button>
                        ) : null}
                      </span>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {remove.error ? (
        <p className="field__error" role="alert">
          {describeError(remove.error, t)}
        </p>
      ) : null}
      {editing !== null ? (
        <DisbursementDialog
          key={editing === "new" ? "new" : editing.id}
          po={po}
          item={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </DetailSection>
  );
}

/**
 * Adds a disbursement item or changes one. The total follows units × rate as they are typed;
 * a total typed by hand that differs is shown as the field's error (and the API refuses it).
 */
function DisbursementDialog({
  po,
  item,
  onClose,
}: {
  po: PurchaseOrderDetail;
  item: DisbursementItem | null;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const notify = useNotify();
  const refresh = useRefresh(po.id);
  const initial: DisbursementValues = item
    ? {
        itemType: item.itemType,
        itemTypeInfo: item.itemTypeInfo,
        units: String(item.units),
        ratePerUnit: decimalText(item.ratePerUnit, locale, "amount"),
        totalCost: decimalText(item.totalCost, locale, "amount"),
      }
    : { itemType: "dtp", itemTypeInfo: "", units: "", ratePerUnit: "", totalCost: "" };
  const form = useSchemaForm({
    initialValues: initial,
    schema: disbursementInputSchema,
    toInput: (values: DisbursementValues) => ({
      itemType: values.itemType,
      itemTypeInfo: values.itemTypeInfo,
      units: wholeNumberOfText(values.units, locale),
      ratePerUnit: decimalOfText(values.ratePerUnit, locale),
      totalCost: decimalOfText(values.totalCost, locale),
    }),
  });
  const saved = (message: string) => {
    onClose();
    void refresh();
    notify("success", message);
  };
  const add = useMutation(
    trpc.purchaseOrders.disbursements.add.mutationOptions({
      onSuccess: () => saved(t("po.disbursement.added")),
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const update = useMutation(
    trpc.purchaseOrders.disbursements.update.mutationOptions({
      onSuccess: () => saved(t("po.disbursement.updated")),
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const saving = item ? update : add;

  /** Units or rate typed: the total becomes their product when both are numbers and it is whole cents. */
  const setFactor = (field: "units" | "ratePerUnit", text: string) =>
    form.updateValues((current) => {
      const next = { ...current, [field]: text };
      const units = parseLocaleWholeNumber(next.units, locale);
      const rate = parseLocaleDecimal(next.ratePerUnit, locale);
      if (!units.ok || !rate.ok) return next;
      const total = disbursementTotalOf(units.value, rate.value);
      if (total.decimalPlaces() > 2) return next;
      return { ...next, totalCost: decimalText(total.toFixed(2), locale, "amount") };
    }, "totalCost");
  const factorProps = (field: "units" | "ratePerUnit") => ({
    ...form.fieldProps(field),
    onChange: (event: { target: { value: string } }) => setFactor(field, event.target.value),
  });

  return (
    <FormDialog
      title={item ? t("po.disbursement.editTitle") : t("po.disbursement.add")}
      onClose={onClose}
      onSubmit={form.handleSubmit((input) =>
        item
          ? update.mutate({ id: item.id, values: input })
          : add.mutate({ purchaseOrderId: po.id, ...input }),
      )}
      busy={saving.isPending}
    >
      <SaveFailedAlert error={saving.error} />
      <div className="form-grid">
        <SelectField
          label={t("po.disbursement.itemType")}
          required
          {...form.fieldProps("itemType")}
        >
          {DISBURSEMENT_ITEM_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`po.itemType.${type}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("po.disbursement.itemTypeInfo")}
          required
          {...form.fieldProps("itemTypeInfo")}
        />
        <WholeNumberField label={t("po.disbursement.units")} required {...factorProps("units")} />
        <DecimalField
          label={t("po.disbursement.rate")}
          kind="amount"
          currency={po.currency}
          required
          {...factorProps("ratePerUnit")}
        />
        <DecimalField
          label={t("po.disbursement.total")}
          kind="amount"
          currency={po.currency}
          required
          hint={t("po.disbursement.totalHint")}
          {...form.fieldProps("totalCost")}
        />
      </div>
    </FormDialog>
  );
}

/** Every event of the PO (its moves, milestones, disbursements), oldest first. */
/** The audit actions a PO's history names in words; any other shows as its name. */
const HISTORY_ACTIONS = [
  "create",
  "update",
  "accept",
  "decline",
  "start",
  "complete",
  "dispute",
  "approve",
  "autoApprove",
  "markPaid",
  "cancel",
  "expire",
  "archive",
  "restore",
  "delete",
  "restoreDeleted",
  "recordMilestone",
  "confirmMilestone",
  "updateMilestone",
  "addDisbursement",
  "updateDisbursement",
  "deleteDisbursement",
  "storePdf",
  "regeneratePdf",
] as const;
const isHistoryAction = (action: string): action is (typeof HISTORY_ACTIONS)[number] =>
  (HISTORY_ACTIONS as readonly string[]).includes(action);

function HistoryPanel({ po }: { po: PurchaseOrderDetail }) {
  const { t, dateTime } = useI18n();
  return (
    <DetailSection title={t("po.section.history")} className="po-section">
      {po.history.length === 0 ? (
        <p className="muted">{t("po.history.none")}</p>
      ) : (
        <ol className="po-history">
          {po.history.map((entry, index) => (
            <li key={index}>
              <span className="cell--numeric">{dateTime(entry.occurredAt)}</span>{" "}
              <strong>{entry.actorName ?? entry.apiTokenName ?? t("po.history.system")}</strong>{" "}
              {isHistoryAction(entry.action) ? (
                t(`po.history.action.${entry.action}`)
              ) : (
                <code>{entry.action}</code>
              )}
              {entry.fromStatus || entry.toStatus ? (
                <>
                  {" "}
                  {entry.fromStatus ? t(`po.status.${entry.fromStatus}`) : "—"} →{" "}
                  {entry.toStatus ? t(`po.status.${entry.toStatus}`) : "—"}
                </>
              ) : null}
              {entry.reason ? <> · {entry.reason}</> : null}
            </li>
          ))}
        </ol>
      )}
    </DetailSection>
  );
}
