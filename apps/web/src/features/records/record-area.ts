import type { AppRouter } from "@ledgerline/api";
import type { Permission } from "@ledgerline/domain";
import type { QueryFilters } from "@tanstack/react-query";
import type {
  DecorateMutationProcedure,
  DecorateQueryProcedure,
  DefaultFeatureFlags,
} from "@trpc/tanstack-react-query";
import type { MessageKey } from "../../i18n/en.ts";
import type { useTRPC } from "../../lib/trpc.ts";

type ApiTypes = AppRouter["_def"]["_config"]["$types"];

/** How the typed client describes one procedure of our API: its input and output. */
interface ProcedureTypes<TInput, TOutput> {
  input: TInput;
  output: TOutput;
  transformer: ApiTypes["transformer"];
  errorShape: ApiTypes["errorShape"];
  featureFlags: DefaultFeatureFlags;
}

type ById = { id: string };

/**
 * The procedures customers, projects and suppliers share (the API builds them with one
 * `partyRouter`), as the typed client offers them: `trpc.customers` is a
 * `RecordProcedures<CustomerRecord, CreateCustomerInput, UpdateCustomerInput["values"]>`. An update
 * takes the fields to change (`TUpdate`); the form sends all of its fields, a `TInput`.
 */
export interface RecordProcedures<TRecord, TInput extends TUpdate, TUpdate> {
  get: DecorateQueryProcedure<ProcedureTypes<ById, TRecord>>;
  /** Only its query filter is needed here: a change refreshes every cached page of the list. */
  list: { queryFilter: () => QueryFilters };
  create: DecorateMutationProcedure<ProcedureTypes<TInput, TRecord>>;
  update: DecorateMutationProcedure<ProcedureTypes<{ id: string; values: TUpdate }, TRecord>>;
  archive: DecorateMutationProcedure<ProcedureTypes<ById, ArchiveResult>>;
  restore: DecorateMutationProcedure<ProcedureTypes<ById, ArchiveResult>>;
  delete: DecorateMutationProcedure<ProcedureTypes<ById, ById>>;
}

/** What archive and restore answer. */
interface ArchiveResult {
  id: string;
  name: string;
  archivedAt: Date | null;
}

/** What every stored customer, project and supplier has, and the shared screens show. */
export interface StoredRecord {
  id: string;
  name: string;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One kind of record (customers, projects, suppliers) as its list and form screens see it. The
 * shared screens (`RecordListPage`, `RecordFormPage`) take everything kind-specific from here.
 */
export interface RecordArea<
  TRecord extends StoredRecord,
  TInput extends TUpdate,
  TUpdate = TInput,
> {
  /** The list's path; a record's form is at `${path}/new` or `${path}/:id`. */
  path: string;
  /** The permissions the API checks for changing (and archiving) and for deleting a record. */
  permissions: { write: Permission; delete: Permission };
  procedures: (trpc: ReturnType<typeof useTRPC>) => RecordProcedures<TRecord, TInput, TUpdate>;
  messages: {
    /** The list's heading ("Customers"), also the way back to it from a record. */
    title: MessageKey;
    description: MessageKey;
    /** The search box's label ("Search customers"). */
    search: MessageKey;
    /** The create button ("New customer"). */
    create: MessageKey;
    /** The empty list, and what to do about it. */
    empty: MessageKey;
    emptyHint: MessageKey;
    /** Nothing matches the search and filters. */
    noMatches: MessageKey;
    /** The form's name for screen readers ("Customer"). */
    formLegend: MessageKey;
  };
}
