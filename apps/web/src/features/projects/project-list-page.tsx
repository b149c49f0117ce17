import { PROJECT_STATUSES } from "@ledgerline/domain";
import { OptionalFilterSelect } from "../../components/list.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import {
  ArchivedFilter,
  RecordLink,
  RecordListPage,
  useRecordList,
} from "../records/record-list.tsx";
import { projectArea } from "./project-area.ts";
import { projectListSpec } from "./project-list-spec.ts";
import { ProjectStatusBadge } from "./project-status.tsx";
import { useProjectPickers } from "./use-project-pickers.ts";

export function ProjectListPage() {
  const { t, date } = useI18n();
  const trpc = useTRPC();
  const list = useRecordList(projectListSpec, (input) => trpc.projects.list.queryOptions(input));
  const { status, customerId, managerId, archived } = list.state.filters;
  // Every customer is offered (archived ones too: their projects can still be looked up).
  const { customers, managers } = useProjectPickers("all");

  return (
    <RecordListPage
      area={projectArea}
      list={list}
      // A list filtered to one customer creates projects for that customer.
      newRecordPath={customerId ? `/projects/new?customerId=${customerId}` : "/projects/new"}
      filters={
        <>
          <OptionalFilterSelect
            label={t("projects.statusLabel")}
            offLabel={t("filter.allStatuses")}
            value={status}
            onChange={(value) => list.update({ filters: { status: value } })}
          >
            {PROJECT_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`projects.status.${value}`)}
              </option>
            ))}
          </OptionalFilterSelect>
          <OptionalFilterSelect
            label={t("projects.customer")}
            offLabel={t("filter.allCustomers")}
            value={customerId}
            onChange={(value) => list.update({ filters: { customerId: value } })}
          >
            {customerId && !customers.data?.items.some((customer) => customer.id === customerId) ? (
              <option value={customerId}>{t("filter.selectedCustomer")}</option>
            ) : null}
            {customers.data?.items.map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name}
              </option>
            ))}
          </OptionalFilterSelect>
          <OptionalFilterSelect
            label={t("projects.manager")}
            offLabel={t("filter.allManagers")}
            value={managerId}
            onChange={(value) => list.update({ filters: { managerId: value } })}
          >
            {managers.data?.map((manager) => (
              <option key={manager.id} value={manager.id}>
                {manager.name}
              </option>
            ))}
          </OptionalFilterSelect>
          <ArchivedFilter
            value={archived}
            onChange={(value) => list.update({ filters: { archived: value } })}
          />
        </>
      }
      columns={[
        {
          header: t("projects.number"),
          card: "amount" as const,
          sortBy: "number",
          cellClassName: "cell--numeric cell--narrow",
          cell: (project) => project.number,
        },
        {
          header: t("field.name"),
          card: "title" as const,
          sortBy: "name",
          cell: (project) => <RecordLink area={projectArea} record={project} />,
        },
        {
          header: t("projects.customer"),
          card: "detail" as const,
          cellClassName: "cell--truncate",
          cell: (project) => project.customer.name,
        },
        {
          header: t("projects.manager"),
          cellClassName: "cell--truncate",
          cell: (project) => project.manager?.name ?? <span className="muted">—</span>,
        },
        {
          header: t("projects.statusLabel"),
          card: "status" as const,
          sortBy: "status",
          cell: (project) => <ProjectStatusBadge status={project.status} />,
        },
        {
          header: t("projects.period"),
          cellClassName: "cell--numeric",
          cell: (project) =>
            project.startDate || project.endDate ? (
              `${project.startDate ? date(project.startDate, { calendarDate: true }) : "…"} – ${
                project.endDate ? date(project.endDate, { calendarDate: true }) : "…"
              }`
            ) : (
              <span className="muted">—</span>
            ),
        },
      ]}
    />
  );
}
