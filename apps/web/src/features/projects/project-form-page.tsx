import { PROJECT_STATUSES, createProjectInputSchema, type ProjectStatus } from "@ledgerline/domain";
import { SelectField, TextField } from "../../components/field.tsx";
import { FormSection, NotesSection } from "../../components/form-layout.tsx";
import { DateField } from "../../components/date-field.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { idFilter } from "../../lib/list-filters.ts";
import { useLocation } from "../../lib/router.tsx";
import { RecordFormFrame, RecordFormPage, useRecordForm } from "../records/record-form.tsx";
import { projectArea } from "./project-area.ts";
import {
  newProjectValues,
  projectInputOf,
  projectValuesOf,
  type ProjectRecord,
} from "./project-form.ts";
import { useProjectPickers } from "./use-project-pickers.ts";

const customerIdParam = idFilter();

/** /projects/new (optionally ?customerId=…) and /projects/:id */
export function ProjectFormPage({ id }: { id?: string }) {
  const { search } = useLocation();
  return (
    <RecordFormPage
      area={projectArea}
      id={id}
      renderEditor={(project) =>
        project ? (
          <ProjectEditor project={project} />
        ) : (
          <ProjectEditor
            initialCustomerId={customerIdParam.parse(
              new URLSearchParams(search).get("customerId") ?? "",
            )}
          />
        )
      }
    />
  );
}

function ProjectEditor({
  project,
  initialCustomerId,
}: {
  project?: ProjectRecord;
  initialCustomerId?: string | undefined;
}) {
  const { t } = useI18n();
  const recordForm = useRecordForm(projectArea, {
    record: project,
    newValues: () => newProjectValues(initialCustomerId),
    valuesOf: projectValuesOf,
    schema: createProjectInputSchema,
    toInput: projectInputOf,
    createdNotice: (created) =>
      t("projects.created", { name: created.name, number: created.number }),
  });
  const { form } = recordForm;

  // New projects are for active customers; an existing project keeps showing its own customer.
  const { customers, managers } = useProjectPickers("active");
  const customerChoices = [
    ...(project && !customers.data?.items.some((customer) => customer.id === project.customer.id)
      ? [{ id: project.customer.id, name: `${project.customer.name} (${t("record.archived")})` }]
      : []),
    ...(customers.data?.items ?? []),
  ];
  const managerChoices = [
    ...(project?.manager && !managers.data?.some((manager) => manager.id === project.manager?.id)
      ? [project.manager]
      : []),
    ...(managers.data ?? []),
  ];

  return (
    <RecordFormFrame
      recordForm={recordForm}
      title={project ? `${project.number} · ${project.name}` : t("projects.new")}
      description={project ? recordForm.timestamps : t("projects.newDescription")}
    >
      <FormSection title={t("projects.section.project")}>
        <div className="form-grid">
          <TextField
            label={t("field.name")}
            required
            autoFocus={!project}
            fieldClassName="span-2"
            {...form.fieldProps("name")}
          />
          <SelectField label={t("projects.customer")} required {...form.fieldProps("customerId")}>
            <option value="">
              {customers.isPending ? t("state.loading") : t("projects.chooseCustomer")}
            </option>
            {customerChoices.map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("projects.manager")} {...form.fieldProps("managerId")}>
            <option value="">{t("projects.noManager")}</option>
            {managerChoices.map((manager) => (
              <option key={manager.id} value={manager.id}>
                {manager.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("projects.statusLabel")} required {...form.fieldProps("status")}>
            {PROJECT_STATUSES.map((status: ProjectStatus) => (
              <option key={status} value={status}>
                {t(`projects.status.${status}`)}
              </option>
            ))}
          </SelectField>
        </div>
      </FormSection>
      <FormSection title={t("projects.section.schedule")}>
        <div className="form-grid">
          <DateField label={t("projects.startDate")} {...form.fieldProps("startDate")} />
          <DateField label={t("projects.endDate")} {...form.fieldProps("endDate")} />
        </div>
      </FormSection>
      <NotesSection {...form.fieldProps("notes")} />
    </RecordFormFrame>
  );
}
