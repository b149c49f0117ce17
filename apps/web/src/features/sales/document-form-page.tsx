import {
  allowedActions,
  dateFieldsOf,
  effectiveApprovalThreshold,
  invoiceApprovalPolicyOf,
  LINE_ORDERS,
  type CreatableSalesDocumentType,
  type SalesDocumentType,
} from "@ledgerline/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "../../components/alert.tsx";
import { SelectField, TextAreaField } from "../../components/field.tsx";
import { FormSection, FormSkeleton, SaveFailedAlert } from "../../components/form-layout.tsx";
import { LoadErrorState } from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { CurrencyOptions } from "../../components/region-options.tsx";
import { DateField } from "../../components/date-field.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useSchemaForm, type TextFieldName } from "../../lib/use-form.ts";
import { lastListUrl } from "../../lib/use-list-state.ts";
import { idFilter } from "../../lib/list-filters.ts";
import { useSession } from "../auth/session.tsx";
import {
  createInputOf,
  documentValuesOf,
  draftFormSchema,
  draftInputOf,
  newDocumentValues,
  type DocumentFormValues,
} from "./document-form.ts";
import { DOCUMENT_LIST_PATHS, documentPath, isCreatableType } from "./document-types.ts";
import { computeLiveTotals, decimalInputText } from "./line-items.ts";
import { decimalText } from "../../lib/decimal-entry.ts";
import { LineItemsEditor } from "./line-items-editor.tsx";
import type { SalesDocument } from "./sales-api.ts";
import { useDocumentName, useTypeNoun } from "./status-badge.tsx";
import { TotalsPanel } from "./totals-panel.tsx";
import { useCompanySettings, useSalesPickers } from "./use-sales-pickers.ts";

const idParam = idFilter();

/** `/invoices/new` (optionally ?customerId=&projectId=), `/quotes/new`, … */
export function NewDocumentPage({ type }: { type: CreatableSalesDocumentType }) {
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  return (
    <WithSettings>
      {(settings) => (
        <DocumentEditor
          type={type}
          document={undefined}
          settings={settings}
          initialCustomerId={idParam.parse(params.get("customerId") ?? "")}
          initialProjectId={idParam.parse(params.get("projectId") ?? "")}
        />
      )}
    </WithSettings>
  );
}

/** `/documents/:id/edit`: a draft's form; anything issued is sent back to its page. */
export function EditDocumentPage({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const documentName = useDocumentName();
  const document = useQuery(trpc.salesDocuments.get.queryOptions({ id }));
  if (document.isPending) return <FormSkeleton />;
  if (document.isError) {
    return (
      <>
        <PageHeader title={t("sales.editTitle")} />
        <LoadErrorState
          error={document.error}
          onRetry={() => void document.refetch()}
          back={{ to: lastListUrl(DOCUMENT_LIST_PATHS.invoice), label: t("sales.list.invoice") }}
        />
      </>
    );
  }
  const loaded = document.data;
  // The domain's record actions decide: a draft, with its type's draft permission.
  if (!loaded.recordActions.includes("edit")) {
    return (
      <>
        <PageHeader title={documentName(loaded)} />
        <Alert
          tone="info"
          title={t("sales.notEditableTitle")}
          action={
            <Link to={documentPath(loaded.id)} className="button">
              {t("sales.openDocument")}
            </Link>
          }
        >
          {t("sales.notEditableText")}
        </Alert>
      </>
    );
  }
  return (
    <WithSettings>
      {(settings) => (
        <DocumentEditor key={loaded.id} type={loaded.type} document={loaded} settings={settings} />
      )}
    </WithSettings>
  );
}

interface FormSettings {
  defaultTaxRate: string;
  defaultCurrency: string;
  approvalThreshold: string | null;
}

/**
 * The company's defaults the form needs (tax rate, currency, approval threshold). Settings not
 * set up yet do not block a draft: the domain's usual defaults stand in.
 */
function approvalThresholdOf(
  data:
    | {
        invoiceApprovalPolicy: string;
        invoiceApprovalThreshold: Parameters<typeof decimalInputText>[0];
      }
    | null
    | undefined,
): string | null {
  if (!data) return null;
  const policy = invoiceApprovalPolicyOf(data.invoiceApprovalPolicy);
  const threshold = effectiveApprovalThreshold(
    policy,
    data.invoiceApprovalThreshold == null
      ? null
      : decimalInputText(data.invoiceApprovalThreshold, 2),
  );
  return threshold === null ? null : String(threshold);
}

function WithSettings({ children }: { children: (settings: FormSettings) => ReactNode }) {
  const settings = useCompanySettings();
  const { locale } = useI18n();
  if (settings.isPending) return <FormSkeleton />;
  const data = settings.data;
  return (
    <>
      {children({
        defaultTaxRate: data ? decimalText(data.defaultTaxRate, locale, "percent") : "19",
        defaultCurrency: data?.defaultCurrency ?? "EUR",
        // What the rules compare with under the company's policy (always = 0, never = none).
        approvalThreshold: approvalThresholdOf(data),
      })}
    </>
  );
}

type Intent = "save" | "issue";

function DocumentEditor({
  type,
  document,
  settings,
  initialCustomerId,
  initialProjectId,
}: {
  type: SalesDocumentType;
  document: SalesDocument | undefined;
  settings: FormSettings;
  initialCustomerId?: string | undefined;
  initialProjectId?: string | undefined;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { role } = useSession();
  const typeNoun = useTypeNoun();
  const documentName = useDocumentName();
  const schema = useMemo(() => draftFormSchema(type), [type]);
  const form = useSchemaForm({
    initialValues: document
      ? documentValuesOf(document, locale)
      : newDocumentValues({
          defaultTaxRate: settings.defaultTaxRate,
          customerId: initialCustomerId,
          projectId: initialProjectId,
        }),
    schema,
    toInput: draftInputOf,
  });
  const { values } = form;
  // Which button submitted ("Save draft" or "Save and issue"), for its busy label.
  const [busyIntent, setBusyIntent] = useState<Intent>("save");
  const [issueError, setIssueError] = useState<unknown>(null);

  const { customers, projects, customer } = useSalesPickers({
    archived: "active",
    customerId: values.customerId || undefined,
    withCustomer: true,
  });
  const live = useMemo(() => computeLiveTotals(values.lines, locale), [values.lines, locale]);
  const currency =
    values.currency ||
    customer.data?.defaultCurrency ||
    document?.currency ||
    settings.defaultCurrency;

  // Issue or submit: what "Save and issue" does for this draft at its live total.
  const exits = allowedActions(
    {
      type,
      status: "draft",
      total: live.totals.total,
      paidAmount: 0,
      submittedById: null,
      followUps: [],
      source: document?.sourceDocument ?? null,
      customerArchived: false,
    },
    { invoiceApprovalThreshold: settings.approvalThreshold },
    { role, personId: null },
  );
  const issueAction = exits.includes("issue")
    ? "issue"
    : exits.includes("submit")
      ? "submit"
      : null;

  const listPath = DOCUMENT_LIST_PATHS[type];
  const refresh = () => queryClient.invalidateQueries(trpc.salesDocuments.pathFilter());

  const issue = useMutation(trpc.salesDocuments.issue.mutationOptions());
  const submitForApproval = useMutation(trpc.salesDocuments.submit.mutationOptions());

  const afterSave = async (saved: SalesDocument, intent: Intent) => {
    queryClient.setQueryData(trpc.salesDocuments.get.queryKey({ id: saved.id }), saved);
    form.reset(documentValuesOf(saved, locale));
    if (intent === "issue" && issueAction) {
      try {
        const issued =
          issueAction === "issue"
            ? await issue.mutateAsync({ id: saved.id })
            : await submitForApproval.mutateAsync({ id: saved.id });
        queryClient.setQueryData(trpc.salesDocuments.get.queryKey({ id: saved.id }), issued);
        notify(
          "success",
          issueAction === "issue"
            ? t("sales.issuedNotice", { name: documentName(issued) })
            : t("sales.submittedNotice", { name: documentName(issued) }),
        );
      } catch (error) {
        // The draft is saved; say why it was not issued, on its page.
        setIssueError(error);
        notify("error", t("sales.savedNotIssued", { reason: describeError(error, t) }));
      }
    } else {
      notify("success", t("sales.draftSaved", { name: documentName(saved) }));
    }
    void refresh();
    navigate(documentPath(saved.id));
  };

  const create = useMutation(
    trpc.salesDocuments.create.mutationOptions({
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const update = useMutation(
    trpc.salesDocuments.updateDraft.mutationOptions({
      onError: (error) => form.showServerErrors(error),
    }),
  );
  const save = document ? update : create;
  const busy = save.isPending || issue.isPending || submitForApproval.isPending;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    // The button that submitted says what to do after saving.
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const intent: Intent = submitter?.dataset.intent === "issue" ? "issue" : "save";
    form.handleSubmit((input) => {
      setIssueError(null);
      setBusyIntent(intent);
      const onSuccess = (saved: SalesDocument) => void afterSave(saved, intent);
      if (document) update.mutate({ id: document.id, values: input }, { onSuccess });
      else if (isCreatableType(type)) create.mutate(createInputOf(type, input), { onSuccess });
    })(event);
  };

  // Choosing a customer narrows the projects and contacts; a project brings its customer.
  const chooseCustomer = (customerId: string) => {
    form.updateValues(
      (current) => ({
        ...current,
        customerId,
        contactId: "",
        projectId:
          projects.data?.items.find((project) => project.id === current.projectId)?.customerId ===
          customerId
            ? current.projectId
            : "",
      }),
      "customerId",
    );
  };
  const chooseProject = (projectId: string) => {
    const project = projects.data?.items.find((candidate) => candidate.id === projectId);
    form.updateValues(
      (current) => ({
        ...current,
        projectId,
        customerId: project && !current.customerId ? project.customerId : current.customerId,
      }),
      "projectId",
    );
  };

  const text = (name: TextFieldName<DocumentFormValues>) => form.fieldProps(name);
  const dates = dateFieldsOf(type);
  const typeName = typeNoun(type);
  const title = document
    ? t("sales.editTitle")
    : t(`sales.new.${type as CreatableSalesDocumentType}`);

  const customerChoices = [
    ...(document && !customers.data?.items.some((choice) => choice.id === document.customerId)
      ? [{ id: document.customerId, name: document.customerName }]
      : []),
    ...(customers.data?.items ?? []),
  ];
  const contacts = customer.data?.contacts ?? [];

  return (
    <>
      <PageHeader
        breadcrumb={<Link to={lastListUrl(listPath)}>← {t(`sales.list.${type}`)}</Link>}
        title={title}
        description={
          document
            ? t("sales.editDescription", { type: typeName })
            : t("sales.newDescription", { type: typeName })
        }
      />
      <form className="record-form" noValidate onSubmit={onSubmit}>
        <SaveFailedAlert error={save.error} />
        {issueError ? (
          <Alert tone="error" title={t("sales.notIssued")}>
            {describeError(issueError, t)}
          </Alert>
        ) : null}
        <fieldset className="record-form__fieldset">
          <legend className="visually-hidden">{title}</legend>
          <FormSection title={t("sales.section.customer")}>
            <div className="form-grid">
              <SelectField
                label={t("sales.customer")}
                required
                autoFocus={!document}
                {...text("customerId")}
                onChange={(event) => chooseCustomer(event.target.value)}
              >
                <option value="">
                  {customers.isPending ? t("state.loading") : t("sales.chooseCustomer")}
                </option>
                {customerChoices.map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {choice.name}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t("sales.project")}
                {...text("projectId")}
                onChange={(event) => chooseProject(event.target.value)}
              >
                <option value="">{t("sales.noProject")}</option>
                {document?.project &&
                !projects.data?.items.some((project) => project.id === document.project?.id) ? (
                  <option value={document.project.id}>{document.project.name}</option>
                ) : null}
                {projects.data?.items.map((project) => (
                  <option key={project.id} value={project.id}>
                    {project.number} · {project.name}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t("sales.contact")} {...text("contactId")}>
                <option value="">
                  {values.customerId ? t("sales.noContact") : t("sales.chooseCustomerFirst")}
                </option>
                {contacts.map((contact) => (
                  <option key={contact.id} value={contact.id}>
                    {contact.name}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t("field.currency")} {...text("currency")}>
                {document ? null : (
                  <option value="">
                    {t("sales.customerCurrency", {
                      currency: customer.data?.defaultCurrency ?? settings.defaultCurrency,
                    })}
                  </option>
                )}
                <CurrencyOptions value={values.currency} />
              </SelectField>
            </div>
          </FormSection>
          <FormSection title={t("sales.section.dates")} description={t("sales.section.datesHint")}>
            <div className="form-grid">
              <DateField
                label={t("sales.issuedDate")}
                hint={t("sales.issuedDateHint")}
                {...text("issuedDate")}
              />
              {dates.dueDate ? (
                <DateField
                  label={t("sales.dueDate")}
                  hint={t("sales.dueDateHint")}
                  {...text("dueDate")}
                />
              ) : null}
              {dates.validUntil ? (
                <DateField label={t("sales.validUntil")} {...text("validUntil")} />
              ) : null}
              {dates.servicePeriod ? (
                <>
                  <DateField
                    label={t("sales.servicePeriodStart")}
                    {...text("servicePeriodStart")}
                  />
                  <DateField label={t("sales.servicePeriodEnd")} {...text("servicePeriodEnd")} />
                </>
              ) : null}
            </div>
          </FormSection>
          <section className="form-section form-section--wide" aria-labelledby="lines-title">
            <div className="form-section__intro">
              <h2 className="form-section__title" id="lines-title">
                {t("sales.section.lines")}
              </h2>
              <p className="form-section__description">{t("sales.section.linesHint")}</p>
            </div>
            <div className="form-grid line-editor__order">
              <SelectField
                label={t("sales.lineOrder")}
                hint={t("sales.lineOrder.hint")}
                {...text("lineOrder")}
              >
                {LINE_ORDERS.map((order) => (
                  <option key={order} value={order}>
                    {t(`sales.lineOrder.${order}`)}
                  </option>
                ))}
              </SelectField>
            </div>
            <LineItemsEditor
              form={form}
              live={live}
              currency={currency}
              defaultTaxRate={settings.defaultTaxRate}
              disabled={false}
            />
            <div className="line-editor__totals">
              <TotalsPanel
                figures={live.totals}
                currency={currency}
                live
                title={t("sales.liveTotals")}
              />
            </div>
          </section>
          <FormSection title={t("sales.section.texts")}>
            <div className="form-stack">
              <TextAreaField label={t("field.notes")} {...text("notes")} />
              <TextAreaField label={t("sales.terms")} {...text("terms")} />
            </div>
          </FormSection>
        </fieldset>
        <div className="form-actions">
          <span className="form-actions__status" aria-live="polite">
            {form.isDirty ? t("form.unsavedChanges") : ""}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => navigate(document ? documentPath(document.id) : lastListUrl(listPath))}
          >
            {t("action.cancel")}
          </button>
          <button
            type="submit"
            className={issueAction ? "button" : "button button--primary"}
            data-intent="save"
            disabled={busy}
            aria-busy={busy || undefined}
          >
            {busy && busyIntent === "save" ? t("action.saving") : t("sales.saveDraft")}
          </button>
          {issueAction ? (
            <button
              type="submit"
              className="button button--primary"
              data-intent="issue"
              disabled={busy}
            >
              {busy && busyIntent === "issue"
                ? t("action.saving")
                : issueAction === "issue"
                  ? t("sales.saveAndIssue")
                  : t("sales.saveAndSubmit")}
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}
