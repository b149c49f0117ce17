import { SUPPLIER_KINDS, createSupplierInputSchema } from "@ledgerline/domain";
import { AddressFields } from "../../components/address-fields.tsx";
import { EmailPhoneFields } from "../../components/email-phone-fields.tsx";
import { SelectField, TextField } from "../../components/field.tsx";
import { FormSection, NotesSection } from "../../components/form-layout.tsx";
import { CurrencyField } from "../../components/region-options.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { RecordFormFrame, RecordFormPage, useRecordForm } from "../records/record-form.tsx";
import { supplierArea } from "./supplier-area.ts";
import {
  newSupplierValues,
  supplierInputOf,
  supplierValuesOf,
  type SupplierRecord,
} from "./supplier-form.ts";

/** /suppliers/new and /suppliers/:id */
export function SupplierFormPage({ id }: { id?: string }) {
  return (
    <RecordFormPage
      area={supplierArea}
      id={id}
      renderEditor={(supplier) => <SupplierEditor supplier={supplier} />}
    />
  );
}

function SupplierEditor({ supplier }: { supplier: SupplierRecord | undefined }) {
  const { t } = useI18n();
  const recordForm = useRecordForm(supplierArea, {
    record: supplier,
    newValues: newSupplierValues,
    valuesOf: supplierValuesOf,
    schema: createSupplierInputSchema,
    toInput: supplierInputOf,
    createdNotice: (created) => t("suppliers.created", { name: created.name }),
  });
  const { form } = recordForm;

  return (
    <RecordFormFrame
      recordForm={recordForm}
      title={supplier ? supplier.name : t("suppliers.new")}
      description={supplier ? recordForm.timestamps : t("suppliers.newDescription")}
    >
      <FormSection title={t("suppliers.section.supplier")}>
        <div className="form-grid">
          <TextField
            label={t("field.name")}
            required
            autoFocus={!supplier}
            fieldClassName="span-2"
            {...form.fieldProps("name")}
          />
          <SelectField label={t("suppliers.kind")} required {...form.fieldProps("kind")}>
            {SUPPLIER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`suppliers.kind.${kind}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("suppliers.languagePairs")}
            hint={t("suppliers.languagePairsHint")}
            autoComplete="off"
            spellCheck={false}
            {...form.fieldProps("languagePairs", { nestedErrors: true })}
          />
          <EmailPhoneFields fieldProps={form.fieldProps} />
        </div>
      </FormSection>
      <FormSection title={t("section.address")}>
        <div className="form-grid">
          <AddressFields fieldProps={form.fieldProps} />
        </div>
      </FormSection>
      <FormSection
        title={t("suppliers.section.payment")}
        description={t("suppliers.section.paymentHint")}
      >
        <div className="form-grid">
          <TextField
            label={t("field.iban")}
            autoComplete="off"
            spellCheck={false}
            fieldClassName="span-2"
            {...form.fieldProps("iban")}
          />
          <TextField
            label={t("field.bic")}
            autoComplete="off"
            spellCheck={false}
            {...form.fieldProps("bic")}
          />
          <TextField
            label={t("suppliers.taxId")}
            autoComplete="off"
            {...form.fieldProps("taxId")}
          />
          <CurrencyField {...form.fieldProps("defaultCurrency")} />
        </div>
      </FormSection>
      <NotesSection {...form.fieldProps("notes")} />
    </RecordFormFrame>
  );
}
