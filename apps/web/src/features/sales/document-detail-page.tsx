import { dateFieldsOf, isIssuedStatus, isPayableType, toDecimal } from "@ledgerline/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../components/alert.tsx";
import { DetailSection } from "../../components/detail-section.tsx";
import { TextAreaField } from "../../components/field.tsx";
import { FormSkeleton } from "../../components/form-layout.tsx";
import { LoadErrorState } from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
import { Badge, PageHeader } from "../../components/page-header.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { languageName } from "../../lib/languages.ts";
import { describeError } from "../../lib/errors.ts";
import { decimalString } from "../../lib/format.ts";
import { Link } from "../../lib/router.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { lastListUrl } from "../../lib/use-list-state.ts";
import { AddBillableExpensesButton } from "./add-billable-expenses.tsx";
import { DocumentActions } from "./document-actions.tsx";
import { DOCUMENT_LIST_PATHS, documentPath } from "./document-types.ts";
import { decimalInputText } from "./line-items.ts";
import { DocumentFilesPanel } from "./document-files-panel.tsx";
import { PaymentsPanel } from "./payments-panel.tsx";
import type { RelatedDocument, SalesDocument } from "./sales-api.ts";
import { historyActionLabel, historyActorLabel } from "./history-labels.ts";
import { DocumentNumber, StatusBadge, useDocumentName } from "./status-badge.tsx";
import { TotalsPanel, useRate } from "./totals-panel.tsx";
import { scrollRegion } from "../../components/scroll-region.ts";
import { invoiceGroupPath } from "../invoice-groups/invoice-group-paths.ts";
import { InvoiceGroupStatusBadge } from "../invoice-groups/invoice-group-status.tsx";

/** `/documents/:id`: one document of any type, with what can be done with it now. */
export function DocumentDetailPage({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const document = useQuery(trpc.salesDocuments.get.queryOptions({ id }));
  if (document.isPending) return <FormSkeleton />;
  if (document.isError) {
    return (
      <>
        <PageHeader title={t("sales.documentTitle")} />
        <LoadErrorState
          error={document.error}
          onRetry={() => void document.refetch()}
          back={{ to: lastListUrl(DOCUMENT_LIST_PATHS.invoice), label: t("sales.list.invoice") }}
        />
      </>
    );
  }
  return <DocumentDetail key={document.data.id} document={document.data} />;
}

function DocumentDetail({ document }: { document: SalesDocument }) {
  const { t, date } = useI18n();
  const documentName = useDocumentName();
  const listPath = DOCUMENT_LIST_PATHS[document.type];
  const payable = isPayableType(document.type);
  const issued = isIssuedStatus(document.status);
  const dates = dateFieldsOf(document.type);

  const dateOf = (value: Date | string | null) =>
    value ? date(value, { calendarDate: true }) : <span className="muted">—</span>;

  return (
    <>
      <PageHeader
        breadcrumb={<Link to={lastListUrl(listPath)}>← {t(`sales.list.${document.type}`)}</Link>}
        pageTitle={
          document.number ?? `${t(`documentType.${document.type}`)} (${t("sales.draftNumber")})`
        }
        area={t(`sales.list.${document.type}`)}
        title={
          <>
            <span>{t(`documentType.${document.type}`)}</span>
            <DocumentNumber number={document.number} status={document.status} />
          </>
        }
        badge={
          <>
            {/* A draft's number mark already says "Draft". */}
            {document.status === "draft" ? null : <StatusBadge status={document.status} />}
            {document.isOverdue && document.status !== "overdue" ? (
              <Badge tone="danger">{t("sales.overdue")}</Badge>
            ) : null}
            {document.archivedAt ? <Badge>{t("record.archived")}</Badge> : null}
            {document.deletedAt ? <Badge tone="danger">{t("sales.deleted")}</Badge> : null}
          </>
        }
        description={
          <>
            {document.customer ? (
              <Link to={`/customers/${document.customer.id}`}>{document.customer.name}</Link>
            ) : (
              document.customerName
            )}
            {document.project ? (
              <>
                {" · "}
                <Link to={`/projects/${document.project.id}`}>
                  {document.project.number} {document.project.name}
                </Link>
              </>
            ) : null}
          </>
        }
      />
      {document.deletedAt ? (
        <Alert tone="warning" title={t("sales.deletedTitle")}>
          {document.deletedBy
            ? t("sales.deletedText", {
                person: document.deletedBy.name,
                date: date(document.deletedAt),
              })
            : t("sales.deletedTextNoPerson", { date: date(document.deletedAt) })}
        </Alert>
      ) : null}
      <DocumentActions document={document} />
      <AddBillableExpensesButton document={document} />
      {document.status === "draft" ? (
        <p className="draft-note" role="note">
          {t("sales.draftNote")}
        </p>
      ) : null}

      <div className="detail-grid">
        <DetailSection title={t("sales.section.details")} hiddenTitle>
          <dl className="facts">
            <div>
              <dt>{t("sales.customer")}</dt>
              <dd>{document.customerName}</dd>
            </div>
            <div>
              <dt>{t("sales.project")}</dt>
              <dd>{document.project ? document.project.name : <span className="muted">—</span>}</dd>
            </div>
            <div>
              <dt>{t("sales.issuedDate")}</dt>
              <dd>{dateOf(document.issuedDate)}</dd>
            </div>
            {dates.validUntil ? (
              <div>
                <dt>{t("sales.validUntil")}</dt>
                <dd>{dateOf(document.validUntil)}</dd>
              </div>
            ) : null}
            {dates.dueDate ? (
              <div>
                <dt>{t("sales.dueDate")}</dt>
                <dd>{dateOf(document.dueDate)}</dd>
              </div>
            ) : null}
            {document.servicePeriodStart ? (
              <div>
                <dt>{t("sales.servicePeriod")}</dt>
                <dd>
                  {dateOf(document.servicePeriodStart)} – {dateOf(document.servicePeriodEnd)}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t("field.currency")}</dt>
              <dd>{document.currency}</dd>
            </div>
            {document.cancelReason ? (
              <div className="facts__wide">
                <dt>{t("sales.cancelReason")}</dt>
                <dd>{document.cancelReason}</dd>
              </div>
            ) : null}
          </dl>
        </DetailSection>
        {payable && issued ? <SettlementSummary document={document} /> : null}
        {document.invoicedAmount !== null && document.remainingAmount !== null && issued ? (
          <OrderInvoicingSummary document={document} />
        ) : null}
      </div>

      <LinesSection document={document} />

      {/* What is owed comes before the files: recording a payment is the next step far more often
          than downloading, and it stays a few Tab stops from the lines. */}
      {payable && issued ? <PaymentsPanel document={document} /> : null}

      <DocumentFilesPanel document={document} />

      <div className="detail-grid">
        <RelatedDocuments document={document} documentName={documentName} />
        <NotesSection document={document} />
      </div>
      <HistorySection document={document} />
    </>
  );
}

/**
 * What is invoiced of an order (a quote invoiced directly, an order confirmation, a sales order
 * or pro forma) and what is left (§5.4a), with the invoice in progress when there is one.
 */
function OrderInvoicingSummary({ document }: { document: SalesDocument }) {
  const { t, money } = useI18n();
  const remaining = toDecimal(decimalString(document.remainingAmount ?? "0"));
  const inProgress = document.invoiceInProgress;
  return (
    <DetailSection title={t("sales.section.invoicing")}>
      <dl className="settlement order-invoicing">
        <div>
          <dt>{t("sales.orderTotal")}</dt>
          <dd>{money(document.total, document.currency)}</dd>
        </div>
        <div>
          <dt>{t("sales.invoicedAmount")}</dt>
          <dd>{money(document.invoicedAmount ?? "0", document.currency)}</dd>
        </div>
        <div
          className={`settlement__outstanding${
            remaining.isZero() ? " settlement__outstanding--settled" : ""
          }`}
        >
          <dt>{t("sales.remainingAmount")}</dt>
          <dd className={remaining.isNegative() ? "settlement__late" : undefined}>
            {money(remaining, document.currency)}
          </dd>
        </div>
      </dl>
      {inProgress ? (
        <p className="muted order-invoicing__note" role="note">
          {t("sales.invoiceInProgress", {
            amount: money(inProgress.total, document.currency),
            status: t(`salesStatus.${inProgress.status}`),
          })}{" "}
          <Link to={documentPath(inProgress.id)}>{t("sales.openInvoiceInProgress")}</Link>
        </p>
      ) : null}
    </DetailSection>
  );
}

/** Paid, outstanding, payment rate and due date of an issued invoice or credit note. */
function SettlementSummary({ document }: { document: SalesDocument }) {
  const { t, money, number } = useI18n();
  const rate = document.paymentRate === null ? null : decimalInputText(document.paymentRate);
  const days = document.daysUntilDue;
  return (
    <DetailSection title={t("sales.section.settlement")} hiddenTitle>
      <dl className="settlement">
        <div>
          <dt>{t("sales.total")}</dt>
          <dd>{money(document.total, document.currency)}</dd>
        </div>
        <div>
          <dt>{document.type === "credit_note" ? t("sales.refunded") : t("sales.paid")}</dt>
          <dd>{money(document.paidAmount, document.currency)}</dd>
        </div>
        <div
          className={`settlement__outstanding${
            document.outstandingAmount !== null &&
            toDecimal(decimalString(document.outstandingAmount)).isZero()
              ? " settlement__outstanding--settled"
              : ""
          }`}
        >
          <dt>{document.type === "credit_note" ? t("sales.refundDue") : t("sales.outstanding")}</dt>
          <dd>
            {document.outstandingAmount === null ? (
              <span className="muted">—</span>
            ) : (
              money(document.outstandingAmount, document.currency)
            )}
          </dd>
        </div>
        {rate !== null && document.status !== "cancelled" ? (
          <div className="settlement__rate">
            <dt>{t("sales.paymentRate")}</dt>
            <dd>
              {number(rate, { maximumFractionDigits: 2 })} %
              <span className="meter" aria-hidden="true">
                <span
                  className="meter__fill"
                  style={{ width: `${Math.min(100, Number(rate))}%` }}
                />
              </span>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("sales.daysUntilDue")}</dt>
          <dd className={days !== null && days < 0 ? "settlement__late" : undefined}>
            {days === null
              ? t("sales.nothingDue")
              : days === 0
                ? t("sales.dueToday")
                : days === -1
                  ? t("sales.daysOverdueOne")
                  : days < 0
                    ? t("sales.daysOverdue", { count: number(-days) })
                    : days === 1
                      ? t("sales.daysLeftOne")
                      : t("sales.daysLeft", { count: number(days) })}
          </dd>
        </div>
      </dl>
    </DetailSection>
  );
}

/** "Language pair · English → German": a line's seed 004 item type and languages, named by Intl. */
function LineItemKind({ line }: { line: SalesDocument["lineItems"][number] }) {
  const { t, locale } = useI18n();
  const name = (tag: string | null) => (tag ? (languageName(tag, locale) ?? tag) : "—");
  const languages =
    line.sourceLanguage || line.targetLanguage
      ? t("sales.line.languagePair", {
          source: name(line.sourceLanguage),
          target: name(line.targetLanguage),
        })
      : null;
  if (line.itemType === "other" && !languages) return null;
  return (
    <span className="table__subline">
      {t(`sales.itemType.${line.itemType}`)}
      {languages ? ` · ${languages}` : ""}
    </span>
  );
}

function LinesSection({ document }: { document: SalesDocument }) {
  const { t, money, number } = useI18n();
  const rate = useRate();
  const currency = document.currency;
  return (
    <DetailSection
      title={t("sales.section.lines")}
      actions={
        document.lineOrder === "language" ? (
          <span className="muted">
            {t("sales.lineOrder")}: {t("sales.lineOrder.language")}
          </span>
        ) : undefined
      }
    >
      <div className="table-wrap" ref={scrollRegion(t("sales.section.lines"))}>
        <table className="table">
          <caption className="visually-hidden">{t("sales.section.lines")}</caption>
          <thead>
            <tr>
              <th scope="col" className="cell--narrow">
                #
              </th>
              <th scope="col">{t("sales.line.description")}</th>
              <th scope="col" className="cell--end">
                {t("sales.line.quantity")}
              </th>
              <th scope="col" className="cell--end">
                {t("sales.line.unitPrice")}
              </th>
              <th scope="col" className="cell--end">
                {t("sales.line.discountPercent")}
              </th>
              <th scope="col" className="cell--end">
                {t("sales.line.taxRate")}
              </th>
              <th scope="col" className="cell--end">
                {t("sales.netAmount")}
              </th>
              <th scope="col" className="cell--end">
                {t("sales.vat")}
              </th>
              <th scope="col" className="cell--end">
                {t("sales.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {document.lineItems.map((line, index) => (
              <tr key={line.id}>
                <td className="cell--numeric muted">{index + 1}</td>
                <td className="cell--wrap">
                  {line.description} <LineItemKind line={line} />
                </td>
                <td className="cell--end cell--numeric">
                  {number(decimalInputText(line.quantity), { maximumFractionDigits: 3 })}
                  {line.unit ? ` ${line.unit}` : ""}
                </td>
                <td className="cell--end cell--numeric">{money(line.unitPrice, currency)}</td>
                <td className="cell--end cell--numeric">
                  {decimalInputText(line.discountPercent) === "0" ? (
                    <span className="muted">—</span>
                  ) : (
                    rate(line.discountPercent)
                  )}
                </td>
                <td className="cell--end cell--numeric">{rate(line.taxRate)}</td>
                <td className="cell--end cell--numeric">
                  {money(line.subtotalAfterDiscount, currency)}
                </td>
                <td className="cell--end cell--numeric">{money(line.taxAmount, currency)}</td>
                <td className="cell--end cell--numeric">{money(line.total, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="detail-section__totals">
        <TotalsPanel figures={document} currency={currency} title={t("sales.totals")} />
      </div>
    </DetailSection>
  );
}

function RelatedDocuments({
  document,
  documentName,
}: {
  document: SalesDocument;
  documentName: (document: RelatedDocument) => string;
}) {
  const { t } = useI18n();
  const source = document.sourceDocument;
  const followUps = document.followUps;
  const group = document.invoiceGroup;
  const item = (related: RelatedDocument) => (
    <li key={related.id} className="related__item">
      <Link to={documentPath(related.id)}>{documentName(related)}</Link>
      <StatusBadge status={related.status} />
    </li>
  );
  return (
    <DetailSection title={t("sales.section.related")}>
      {!source && followUps.length === 0 && !group ? (
        <p className="detail-section__empty">{t("sales.noRelated")}</p>
      ) : (
        <div className="related">
          {source ? (
            <div>
              <h3 className="related__heading">{t("sales.sourceDocument")}</h3>
              <ul className="related__list">{item(source)}</ul>
            </div>
          ) : null}
          {followUps.length > 0 ? (
            <div>
              <h3 className="related__heading">{t("sales.followUps")}</h3>
              <ul className="related__list">{followUps.map(item)}</ul>
            </div>
          ) : null}
          {group ? (
            <div>
              <h3 className="related__heading">{t("sales.invoiceGroup")}</h3>
              <ul className="related__list">
                <li className="related__item">
                  <Link to={invoiceGroupPath(group.id)}>
                    {group.number ?? t("invoiceGroup.noNumber")}
                  </Link>
                  <InvoiceGroupStatusBadge status={group.status} />
                </li>
              </ul>
            </div>
          ) : null}
        </div>
      )}
    </DetailSection>
  );
}

/** Notes change in any status (`salesDocument.annotate`, every role); terms are shown. */
function NotesSection({ document }: { document: SalesDocument }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [notes, setNotes] = useState(document.notes ?? "");
  // The domain's record actions: every role, but never on a deleted document.
  const canAnnotate = document.recordActions.includes("annotate");
  const annotate = useMutation(
    trpc.salesDocuments.annotate.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(trpc.salesDocuments.get.queryKey({ id: updated.id }), updated);
        notify("success", t("sales.notesSaved"));
      },
    }),
  );
  const dirty = notes !== (document.notes ?? "");
  return (
    <DetailSection title={t("sales.section.texts")}>
      <form
        className="form-stack detail-section__body"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          annotate.mutate({ id: document.id, notes });
        }}
      >
        <TextAreaField
          label={t("field.notes")}
          rows={3}
          value={notes}
          disabled={!canAnnotate}
          hint={t("sales.notesHint")}
          error={annotate.error ? describeError(annotate.error, t) : undefined}
          onChange={(event) => setNotes(event.target.value)}
        />
        {canAnnotate ? (
          <div>
            <button
              type="submit"
              className="button button--small"
              disabled={!dirty || annotate.isPending}
            >
              {annotate.isPending ? t("action.saving") : t("sales.saveNotes")}
            </button>
          </div>
        ) : null}
        {document.terms ? (
          <div>
            <h3 className="related__heading">{t("sales.terms")}</h3>
            <p className="preserve-lines">{document.terms}</p>
          </div>
        ) : null}
      </form>
    </DetailSection>
  );
}

function HistorySection({ document }: { document: SalesDocument }) {
  const { t, dateTime } = useI18n();
  const history = document.history;
  return (
    <DetailSection title={t("sales.section.history")}>
      {history.length === 0 ? (
        <p className="detail-section__empty">{t("sales.noHistory")}</p>
      ) : (
        <ol className="history">
          {history.map((entry, index) => (
            <li key={index} className="history__item">
              <time className="history__time" dateTime={new Date(entry.occurredAt).toISOString()}>
                {dateTime(entry.occurredAt)}
              </time>
              <span className="history__what">
                {entry.fromStatus && entry.toStatus && entry.fromStatus !== entry.toStatus ? (
                  <>
                    <StatusBadge status={entry.fromStatus} />
                    <span aria-hidden="true"> → </span>
                    <span className="visually-hidden"> {t("sales.historyTo")} </span>
                    <StatusBadge status={entry.toStatus} />
                  </>
                ) : entry.toStatus ? (
                  <StatusBadge status={entry.toStatus} />
                ) : null}
                <span className="history__action">{historyActionLabel(entry.action, t)}</span>
                {entry.reason ? <span className="history__reason">“{entry.reason}”</span> : null}
              </span>
              <span className="history__actor">{historyActorLabel(entry, t)}</span>
            </li>
          ))}
        </ol>
      )}
    </DetailSection>
  );
}
