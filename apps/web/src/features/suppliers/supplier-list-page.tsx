import { SUPPLIER_KINDS } from "@ledgerline/domain";
import { FilterText, OptionalFilterSelect } from "../../components/list.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import {
  ArchivedFilter,
  CityAndCountry,
  RecordLink,
  RecordListPage,
  useRecordList,
} from "../records/record-list.tsx";
import { supplierArea } from "./supplier-area.ts";
import { languagePairFilter, supplierListSpec } from "./supplier-list-spec.ts";

export function SupplierListPage() {
  const { t, date } = useI18n();
  const trpc = useTRPC();
  const list = useRecordList(supplierListSpec, (input) => trpc.suppliers.list.queryOptions(input));
  const { kind, languagePair, archived } = list.state.filters;

  return (
    <RecordListPage
      area={supplierArea}
      list={list}
      filters={
        <>
          <OptionalFilterSelect
            label={t("suppliers.kind")}
            offLabel={t("filter.allKinds")}
            value={kind}
            onChange={(value) => list.update({ filters: { kind: value } })}
          >
            {SUPPLIER_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`suppliers.kind.${value}`)}
              </option>
            ))}
          </OptionalFilterSelect>
          <FilterText
            label={t("suppliers.languagePair")}
            value={languagePair ?? ""}
            placeholder="en>de"
            invalidMessage={t("validation.languagePair")}
            parse={languagePairFilter.parse}
            onChange={(value) => list.update({ filters: { languagePair: value } })}
          />
          <ArchivedFilter
            value={archived}
            onChange={(value) => list.update({ filters: { archived: value } })}
          />
        </>
      }
      columns={[
        {
          header: t("field.name"),
          card: "title" as const,
          sortBy: "name",
          cell: (supplier) => <RecordLink area={supplierArea} record={supplier} />,
        },
        {
          header: t("suppliers.kind"),
          card: "status" as const,
          cell: (supplier) => t(`suppliers.kind.${supplier.kind}`),
        },
        {
          header: t("suppliers.languagePairs"),
          cell: (supplier) =>
            supplier.languagePairs.length === 0 ? (
              <span className="muted">—</span>
            ) : (
              <span className="chips">
                {supplier.languagePairs.map((pair) => (
                  <span key={pair} className="chip">
                    {pair.replace(">", " → ")}
                  </span>
                ))}
              </span>
            ),
        },
        {
          header: t("field.city"),
          card: "detail" as const,
          sortBy: "city",
          cell: (supplier) => <CityAndCountry city={supplier.city} country={supplier.country} />,
        },
        {
          header: t("field.email"),
          cellClassName: "cell--truncate",
          cell: (supplier) => supplier.email ?? <span className="muted">—</span>,
        },
        {
          header: t("field.updatedAt"),
          sortBy: "updatedAt",
          align: "end",
          cellClassName: "cell--end cell--numeric",
          cell: (supplier) => date(supplier.updatedAt),
        },
      ]}
    />
  );
}
