import { CountryOptions } from "../../components/region-options.tsx";
import { OptionalFilterSelect } from "../../components/list.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import {
  ArchivedFilter,
  CityAndCountry,
  RecordLink,
  RecordListPage,
  useRecordList,
} from "../records/record-list.tsx";
import { customerArea } from "./customer-area.ts";
import { customerListSpec } from "./customer-list-spec.ts";

export function CustomerListPage() {
  const { t, date, number } = useI18n();
  const trpc = useTRPC();
  const list = useRecordList(customerListSpec, (input) => trpc.customers.list.queryOptions(input));
  const { filters } = list.state;

  return (
    <RecordListPage
      area={customerArea}
      list={list}
      filters={
        <>
          <ArchivedFilter
            value={filters.archived}
            onChange={(archived) => list.update({ filters: { archived } })}
          />
          <OptionalFilterSelect
            label={t("field.country")}
            offLabel={t("filter.allCountries")}
            value={filters.country}
            onChange={(country) => list.update({ filters: { country } })}
          >
            <CountryOptions value={filters.country ?? ""} />
          </OptionalFilterSelect>
        </>
      }
      columns={[
        {
          header: t("field.name"),
          card: "title" as const,
          sortBy: "name",
          cell: (customer) => <RecordLink area={customerArea} record={customer} />,
        },
        {
          header: t("field.city"),
          card: "detail" as const,
          sortBy: "city",
          cell: (customer) => <CityAndCountry city={customer.city} country={customer.country} />,
        },
        {
          header: t("field.email"),
          cellClassName: "cell--truncate",
          cell: (customer) => customer.email ?? <span className="muted">—</span>,
        },
        {
          header: t("customers.primaryContact"),
          cellClassName: "cell--truncate",
          cell: (customer) => customer.contacts[0]?.name ?? <span className="muted">—</span>,
        },
        {
          header: t("customers.projects"),
          align: "end",
          cellClassName: "cell--end cell--numeric",
          cell: (customer) => number(customer._count.projects),
        },
        {
          header: t("field.updatedAt"),
          sortBy: "updatedAt",
          align: "end",
          cellClassName: "cell--end cell--numeric",
          cell: (customer) => date(customer.updatedAt),
        },
      ]}
    />
  );
}
