import { createCustomerInputSchema } from "@ledgerline/domain";
import { AddressFields } from "../../components/address-fields.tsx";
import { EmailPhoneFields } from "../../components/email-phone-fields.tsx";
import { WholeNumberField } from "../../components/decimal-field.tsx";
import { TextField } from "../../components/field.tsx";
import { FormSection, NotesSection } from "../../components/form-layout.tsx";
import { CurrencyField } from "../../components/region-options.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { Link } from "../../lib/router.tsx";
import { RecordFormFrame, RecordFormPage, useRecordForm } from "../records/record-form.tsx";
import { ContactsEditor } from "./contacts-editor.tsx";
import { customerArea } from "./customer-area.ts";
import {
  customerInputOf,
  customerValuesOf,
  newCustomerValues,
  type CustomerRecord,
} from "./customer-form.ts";

/** /customers/new and /customers/:id */
export function CustomerFormPage({ id }: { id?: string }) {
  return (
    <RecordFormPage
      area={customerArea}
      id={id}
      renderEditor={(customer) => <CustomerEditor customer={customer} />}
    />
  );
}

function CustomerEditor({ customer }: { customer: CustomerRecord | undefined }) {
  const { t, number } = useI18n();
  const recordForm = useRecordForm(customerArea, {
    record: customer,
    newValues: newCustomerValues,
    valuesOf: customerValuesOf,
    schema: createCustomerInputSchema,
    toInput: customerInputOf,
    createdNotice: (created) => t("customers.created", { name: created.name }),
  });
  const { form, canWrite } = recordForm;

  return (
    <RecordFormFrame
      recordForm={recordForm}
      title={customer ? customer.name : t("customers.new")}
      description={
        customer
          ? `${recordForm.timestamps} · ${t("customers.projectCount", { count: number(customer._count.projects) })}`
          : t("customers.newDescription")
      }
      actions={
        customer ? (
          <Link to={`/projects?customerId=${customer.id}&archived=all`} className="button">
            {t("customers.showProjects")}
          </Link>
        ) : null
      }
    >
      <FormSection title={t("customers.section.company")}>
        <div className="form-grid">
          <TextField
            label={t("field.name")}
            required
            autoFocus={!customer}
            fieldClassName="span-2"
            {...form.fieldProps("name")}
          />
          <TextField
            label={t("customers.legalName")}
            hint={t("customers.legalNameHint")}
            {...form.fieldProps("legalName")}
          />
          <TextField label={t("field.vatId")} autoComplete="off" {...form.fieldProps("vatId")} />
        </div>
      </FormSection>
      <FormSection title={t("customers.section.contactDetails")}>
        <div className="form-grid">
          <EmailPhoneFields fieldProps={form.fieldProps} />
          <TextField
            label={t("field.website")}
            type="url"
            autoComplete="off"
            fieldClassName="span-2"
            {...form.fieldProps("website")}
          />
        </div>
      </FormSection>
      <FormSection title={t("section.address")}>
        <div className="form-grid">
          <AddressFields fieldProps={form.fieldProps} />
        </div>
      </FormSection>
      <FormSection
        title={t("customers.section.billing")}
        description={t("customers.section.billingHint")}
      >
        <div className="form-grid">
          <CurrencyField {...form.fieldProps("defaultCurrency")} />
          <WholeNumberField
            label={t("customers.paymentTerms")}
            hint={t("customers.paymentTermsHint")}
            required
            {...form.fieldProps("paymentTermsDays")}
          />
        </div>
      </FormSection>
      <FormSection
        title={t("customers.section.eInvoices")}
        description={t("customers.section.eInvoicesHint")}
      >
        <div className="form-grid">
          <TextField
            label={t("customers.buyerReference")}
            hint={t("customers.buyerReferenceHint")}
            autoComplete="off"
            spellCheck={false}
            {...form.fieldProps("buyerReference")}
          />
          <TextField
            label={t("customers.electronicAddress")}
            hint={t("customers.electronicAddressHint")}
            type="email"
            autoComplete="off"
            {...form.fieldProps("electronicAddress")}
          />
        </div>
      </FormSection>
      <FormSection title={t("contacts.title")} description={t("contacts.hint")}>
        <ContactsEditor form={form} disabled={!canWrite} />
      </FormSection>
      <NotesSection {...form.fieldProps("notes")} />
    </RecordFormFrame>
  );
}
