/**
 * Compares a migrated PostgreSQL database with what Prisma would create from schema.prisma.
 *
 * The migrations are written by hand on machines without Prisma's schema engine, so nothing else
 * checks that they produce the schema the generated client expects. The expectations follow
 * Prisma's own rules (prisma-engines: the PostgreSQL schema calculator, renderer and
 * `ConstraintNames`): default types per scalar, native types, list columns without NOT NULL,
 * `now()` as CURRENT_TIMESTAMP, `autoincrement()` as a sequence, constraint names
 * `<table>_<columns>_key|idx|fkey` and `<table>_pkey`, ON DELETE Restrict (required) or SetNull
 * (optional) and ON UPDATE Cascade unless the schema says otherwise.
 *
 * Not compared, because Prisma does not model them: CHECK constraints, triggers, comments, the
 * order of enum values, sequences' options. `_prisma_migrations` is ignored. Indexes Prisma
 * cannot express (partial, covering, on expressions, NULLS NOT DISTINCT) are declared in database-only-indexes.ts and
 * compared with the database's own definition, word for word.
 */
import { readFile } from "node:fs/promises";
import internals from "@prisma/internals";
import pg from "pg";
import { DATABASE_ONLY_INDEXES, type DatabaseOnlyIndex } from "./database-only-indexes.ts";

const { getDMMF } = internals;

/** PostgreSQL's NAMEDATALEN - 1: Prisma truncates default constraint names to fit. */
const maximumIdentifierBytes = 63;

type DatamodelDocument = Awaited<ReturnType<typeof getDMMF>>["datamodel"];
type DatamodelModel = DatamodelDocument["models"][number];
type DatamodelField = DatamodelModel["fields"][number];
type DatamodelEnum = DatamodelDocument["enums"][number];

/**
 * Lists every difference between the database at `url` (its current schema, normally `public`)
 * and the schema.prisma at `schemaPath`, one human-readable line each, such as
 * `customers.email: nullable in database, required in schema.prisma`. Empty when they agree.
 */
export async function findSchemaDrift(
  url: string,
  schemaPath: string,
  databaseOnlyIndexes: readonly DatabaseOnlyIndex[] = DATABASE_ONLY_INDEXES,
): Promise<string[]> {
  const schemaText = await readFile(schemaPath, "utf8");
  const { datamodel } = await getDMMF({ datamodel: schemaText });
  const expected = describeSchemaPrisma(datamodel, schemaText);
  const actual = await describeDatabase(url);
  return compareSchemas(expected, actual, databaseOnlyIndexes);
}

// ---------------------------------------------------------------------------------------------
// One shape for both sides

type DefaultValue =
  | { kind: "none" }
  | { kind: "sequence" }
  | { kind: "now" }
  /** `@default(dbgenerated())` without an expression: some default the schema does not state. */
  | { kind: "any" }
  | { kind: "literal"; value: string }
  | { kind: "list"; values: string[] }
  | { kind: "expression"; text: string };

type ReferentialAction = "CASCADE" | "RESTRICT" | "NO ACTION" | "SET NULL" | "SET DEFAULT";

interface ColumnShape {
  name: string;
  /** As PostgreSQL's format_type() prints it, without quotes: `timestamp(3) with time zone`. */
  type: string;
  nullable: boolean;
  default: DefaultValue;
  /** Which scalar the default is read as, so `19` and `19.00` or two JSON spellings compare. */
  valueType: ValueType;
}

type ValueType = "text" | "number" | "boolean" | "timestamp" | "json" | "bytes";

interface IndexShape {
  name: string;
  columns: string[];
  /** `desc` only where the index sorts that column descending. */
  sortOrders: ("asc" | "desc")[];
  unique: boolean;
  /** Access method, lowercase: btree, gin, gist, hash, brin, spgist. */
  method: string;
  /** Present in the database only: partial, covering, expression or operator-class indexes. */
  unsupportedDefinition?: string;
}

interface ForeignKeyShape {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

interface TableShape {
  name: string;
  columns: Map<string, ColumnShape>;
  primaryKey: { name: string; columns: string[] } | undefined;
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

interface SchemaShape {
  tables: Map<string, TableShape>;
  enums: Map<string, string[]>;
  /** Schema features the checker cannot compare; reported so that the test fails loudly. */
  unsupported: string[];
}

// ---------------------------------------------------------------------------------------------
// What schema.prisma asks for

function describeSchemaPrisma(datamodel: DatamodelDocument, schemaText: string): SchemaShape {
  const unsupported: string[] = [];
  const enumsByName = new Map(
    datamodel.enums.map((enumeration) => [enumeration.name, enumeration]),
  );
  const modelsByName = new Map(datamodel.models.map((model) => [model.name, model]));
  // With relationMode = "prisma" the client emulates relations and Prisma creates no foreign keys.
  const emulatesRelations = /relationMode\s*=\s*"prisma"/.test(schemaText);

  const enums = new Map<string, string[]>();
  for (const enumeration of datamodel.enums) {
    enums.set(
      enumDatabaseName(enumeration),
      enumeration.values.map((value) => value.dbName ?? value.name),
    );
  }

  const tables = new Map<string, TableShape>();
  for (const model of datamodel.models) {
    const tableName = modelTableName(model);
    const columnOf = (fieldName: string) => fieldColumnName(model, fieldName);
    const columns = new Map<string, ColumnShape>();

    for (const field of model.fields) {
      if (field.kind === "object") {
        if (field.isList && !field.relationFromFields?.length) {
          const other = modelsByName.get(field.type);
          const backRelation = other?.fields.find(
            (candidate) => candidate.relationName === field.relationName && candidate !== field,
          );
          if (backRelation?.isList) {
            unsupported.push(
              `${model.name}.${field.name}: implicit many-to-many relations are not checked by the drift checker; model the join table explicitly`,
            );
          }
        }
        continue;
      }
      const column = expectedColumn(model, field, enumsByName, unsupported);
      columns.set(column.name, column);
    }

    const indexes: IndexShape[] = [];
    let primaryKey: TableShape["primaryKey"];
    for (const index of datamodel.indexes.filter((candidate) => candidate.model === model.name)) {
      const indexColumns = index.fields.map((field) => columnOf(field.name));
      if (index.type === "id") {
        primaryKey = {
          name: index.dbName ?? primaryKeyName(tableName),
          columns: indexColumns,
        };
        continue;
      }
      if (index.type === "fulltext") {
        unsupported.push(`${model.name}: @@fulltext indexes do not exist on PostgreSQL`);
        continue;
      }
      const unique = index.type === "unique";
      indexes.push({
        name: index.dbName ?? indexName(tableName, indexColumns, unique ? "_key" : "_idx"),
        columns: indexColumns,
        sortOrders: index.fields.map((field) => (field.sortOrder === "desc" ? "desc" : "asc")),
        unique,
        method: (index.algorithm ?? "BTree").toLowerCase(),
      });
      for (const field of index.fields) {
        if (field.operatorClass || field.length) {
          unsupported.push(
            `${model.name}: index on ${field.name} uses an operator class or length, which the drift checker does not compare`,
          );
        }
      }
    }

    const foreignKeys: ForeignKeyShape[] = [];
    if (!emulatesRelations) {
      for (const field of model.fields) {
        if (field.kind !== "object" || !field.relationFromFields?.length) continue;
        const referencedModel = modelsByName.get(field.type);
        if (!referencedModel) continue;
        const foreignKeyColumns = field.relationFromFields.map(columnOf);
        const anyRequired = field.relationFromFields.some(
          (name) => model.fields.find((candidate) => candidate.name === name)?.isRequired,
        );
        foreignKeys.push({
          name:
            relationConstraintName(schemaText, model.name, field.name) ??
            foreignKeyName(tableName, foreignKeyColumns),
          columns: foreignKeyColumns,
          referencedTable: modelTableName(referencedModel),
          referencedColumns: (field.relationToFields ?? []).map((name) =>
            fieldColumnName(referencedModel, name),
          ),
          onDelete: referentialAction(
            field.relationOnDelete ?? (anyRequired ? "Restrict" : "SetNull"),
          ),
          onUpdate: referentialAction(field.relationOnUpdate ?? "Cascade"),
        });
      }
    }

    tables.set(tableName, { name: tableName, columns, primaryKey, indexes, foreignKeys });
  }
  return { tables, enums, unsupported };
}

function modelTableName(model: DatamodelModel): string {
  return model.dbName ?? model.name;
}

function enumDatabaseName(enumeration: DatamodelEnum): string {
  return enumeration.dbName ?? enumeration.name;
}

function fieldColumnName(model: DatamodelModel, fieldName: string): string {
  const field = model.fields.find((candidate) => candidate.name === fieldName);
  return field?.dbName ?? fieldName;
}

function expectedColumn(
  model: DatamodelModel,
  field: DatamodelField,
  enumsByName: Map<string, DatamodelEnum>,
  unsupported: string[],
): ColumnShape {
  const name = field.dbName ?? field.name;
  const enumeration = field.kind === "enum" ? enumsByName.get(field.type) : undefined;
  let baseType: string;
  let valueType: ValueType;
  if (enumeration) {
    baseType = enumDatabaseName(enumeration);
    valueType = "text";
  } else if (field.kind === "unsupported") {
    baseType = field.type.toLowerCase();
    valueType = "text";
  } else {
    const mapped = scalarColumnType(field);
    if (!mapped) {
      unsupported.push(
        `${model.name}.${field.name}: the drift checker does not know the type ${field.type}${
          field.nativeType ? ` @db.${field.nativeType[0]}` : ""
        }`,
      );
    }
    baseType = mapped?.type ?? "?";
    valueType = mapped?.valueType ?? "text";
  }

  return {
    name,
    type: normalizeType(field.isList ? `${baseType}[]` : baseType),
    // Prisma renders list columns without NOT NULL (and its introspection cannot see one).
    nullable: field.isList || !field.isRequired,
    default: expectedDefault(field, enumeration, valueType),
    valueType,
  };
}

/** The column type Prisma creates for a scalar field, per `@db.*` or the scalar's default. */
function scalarColumnType(
  field: DatamodelField,
): { type: string; valueType: ValueType } | undefined {
  const [nativeName, nativeArguments = []] = field.nativeType ?? [];
  const first = nativeArguments[0];
  const withLength = (base: string) => (first !== undefined ? `${base}(${first})` : base);
  switch (nativeName) {
    case undefined:
      return defaultScalarType(field.type);
    case "Text":
      return { type: "text", valueType: "text" };
    case "Char":
      return { type: `character(${first ?? 1})`, valueType: "text" };
    case "VarChar":
      return { type: withLength("character varying"), valueType: "text" };
    case "Uuid":
      return { type: "uuid", valueType: "text" };
    case "Xml":
      return { type: "xml", valueType: "text" };
    case "Inet":
      return { type: "inet", valueType: "text" };
    case "Citext":
      return { type: "citext", valueType: "text" };
    case "Bit":
      return { type: `bit(${first ?? 1})`, valueType: "text" };
    case "VarBit":
      return { type: withLength("bit varying"), valueType: "text" };
    case "SmallInt":
      return { type: "smallint", valueType: "number" };
    case "Integer":
      return { type: "integer", valueType: "number" };
    case "BigInt":
      return { type: "bigint", valueType: "number" };
    case "Oid":
      return { type: "oid", valueType: "number" };
    case "Real":
      return { type: "real", valueType: "number" };
    case "DoublePrecision":
      return { type: "double precision", valueType: "number" };
    case "Decimal":
      return {
        type: nativeArguments.length > 0 ? `numeric(${nativeArguments.join(",")})` : "numeric",
        valueType: "number",
      };
    case "Money":
      return { type: "money", valueType: "number" };
    case "Timestamp":
      return { type: `${withLength("timestamp")} without time zone`, valueType: "timestamp" };
    case "Timestamptz":
      return { type: `${withLength("timestamp")} with time zone`, valueType: "timestamp" };
    case "Date":
      return { type: "date", valueType: "timestamp" };
    case "Time":
      return { type: `${withLength("time")} without time zone`, valueType: "text" };
    case "Timetz":
      return { type: `${withLength("time")} with time zone`, valueType: "text" };
    case "Boolean":
      return { type: "boolean", valueType: "boolean" };
    case "ByteA":
      return { type: "bytea", valueType: "bytes" };
    case "Json":
      return { type: "json", valueType: "json" };
    case "JsonB":
      return { type: "jsonb", valueType: "json" };
    default:
      return undefined;
  }
}

function defaultScalarType(scalar: string): { type: string; valueType: ValueType } | undefined {
  switch (scalar) {
    case "String":
      return { type: "text", valueType: "text" };
    case "Boolean":
      return { type: "boolean", valueType: "boolean" };
    case "Int":
      return { type: "integer", valueType: "number" };
    case "BigInt":
      return { type: "bigint", valueType: "number" };
    case "Float":
      return { type: "double precision", valueType: "number" };
    case "Decimal":
      return { type: "numeric(65,30)", valueType: "number" };
    case "DateTime":
      return { type: "timestamp(3) without time zone", valueType: "timestamp" };
    case "Json":
      return { type: "jsonb", valueType: "json" };
    case "Bytes":
      return { type: "bytea", valueType: "bytes" };
    default:
      return undefined;
  }
}

function expectedDefault(
  field: DatamodelField,
  enumeration: DatamodelEnum | undefined,
  valueType: ValueType,
): DefaultValue {
  const value = field.default;
  if (value === undefined || value === null) return { kind: "none" };
  const databaseEnumValue = (text: string) =>
    enumeration?.values.find((candidate) => candidate.name === text)?.dbName ?? text;
  const literal = (raw: string | number | boolean) =>
    normalizeLiteral(databaseEnumValue(String(raw)), valueType);

  if (isReadonlyArray(value)) {
    return { kind: "list", values: value.map((element) => literal(element)) };
  }
  if (typeof value === "object") {
    switch (value.name) {
      case "autoincrement":
        return { kind: "sequence" };
      case "now":
        return { kind: "now" };
      case "dbgenerated": {
        const expression = value.args[0];
        return expression === undefined || expression === ""
          ? { kind: "any" }
          : parseDatabaseDefault(String(expression), valueType);
      }
      // Generated by the client (uuid(), cuid(), nanoid(), ulid()): no database default.
      default:
        return { kind: "none" };
    }
  }
  return { kind: "literal", value: literal(value) };
}

/** Array.isArray does not narrow readonly arrays away from the other members of a union. */
function isReadonlyArray(value: unknown): value is readonly (string | number | boolean)[] {
  return Array.isArray(value);
}

function referentialAction(prismaAction: string): ReferentialAction {
  switch (prismaAction) {
    case "Cascade":
      return "CASCADE";
    case "Restrict":
      return "RESTRICT";
    case "NoAction":
      return "NO ACTION";
    case "SetNull":
      return "SET NULL";
    case "SetDefault":
      return "SET DEFAULT";
    default:
      throw new Error(`Unknown referential action ${prismaAction} in schema.prisma`);
  }
}

/**
 * `@relation(..., map: "name")` is not in the DMMF, so it is read from the field's line (Prisma
 * fields are single lines). Undefined when the relation uses the default name.
 */
function relationConstraintName(
  schemaText: string,
  modelName: string,
  fieldName: string,
): string | undefined {
  const modelBlock = new RegExp(`^model\\s+${modelName}\\s*\\{([\\s\\S]*?)^\\}`, "m").exec(
    schemaText,
  )?.[1];
  const fieldLine = modelBlock
    ?.split("\n")
    .find((line) => new RegExp(`^\\s*${fieldName}\\s`).test(line));
  return fieldLine ? /@relation\([^)]*\bmap:\s*"([^"]+)"/.exec(fieldLine)?.[1] : undefined;
}

// Prisma's ConstraintNames: `<table>_<columns><suffix>`, cut to 63 bytes on a character boundary.

function primaryKeyName(tableName: string): string {
  return `${truncateBytes(tableName, maximumIdentifierBytes - 5)}_pkey`;
}

function indexName(tableName: string, columns: string[], suffix: "_key" | "_idx"): string {
  return `${truncateBytes(`${tableName}_${columns.join("_")}`, maximumIdentifierBytes - suffix.length)}${suffix}`;
}

function foreignKeyName(tableName: string, columns: string[]): string {
  return `${truncateBytes(`${tableName}_${columns.join("_")}`, maximumIdentifierBytes - 5)}_fkey`;
}

function truncateBytes(text: string, limit: number): string {
  let result = "";
  for (const character of text) {
    if (Buffer.byteLength(result + character) > limit) break;
    result += character;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// What the database has

interface ColumnRow {
  table_name: string;
  column_name: string;
  formatted_type: string;
  not_null: boolean;
  default_expression: string | null;
  identity: string;
}

interface EnumRow {
  enum_name: string;
  labels: string[];
}

interface IndexRow {
  table_name: string;
  index_name: string;
  is_primary: boolean;
  is_unique: boolean;
  method: string;
  columns: (string | null)[];
  descending: boolean[];
  predicate: string | null;
  /** Columns after the key columns: INCLUDE (...) of a covering index. */
  included_columns: number;
  /** A key column uses an operator class other than its type's default (gin_trgm_ops, say). */
  custom_operator_class: boolean;
  nulls_not_distinct: boolean;
  definition: string;
}

interface ForeignKeyRow {
  table_name: string;
  constraint_name: string;
  columns: string[];
  referenced_table: string;
  referenced_columns: string[];
  on_delete: string;
  on_update: string;
}

async function describeDatabase(url: string): Promise<SchemaShape> {
  const client = new pg.Client({ connectionString: url, application_name: "ledgerline-drift" });
  client.on("error", () => {});
  await client.connect();
  try {
    const tableRows = await client.query<{ table_name: string }>(
      `SELECT c.relname AS table_name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
          AND c.relname <> '_prisma_migrations'`,
    );
    const columnRows = await client.query<ColumnRow>(
      `SELECT c.relname AS table_name, a.attname AS column_name,
              format_type(a.atttypid, a.atttypmod) AS formatted_type,
              a.attnotnull AS not_null,
              pg_get_expr(d.adbin, d.adrelid) AS default_expression,
              a.attidentity AS identity
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
          AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY c.relname, a.attnum`,
    );
    const enumRows = await client.query<EnumRow>(
      `SELECT t.typname AS enum_name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
         FROM pg_type t
         JOIN pg_namespace n ON n.oid = t.typnamespace
         JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE n.nspname = current_schema()
        GROUP BY t.typname`,
    );
    // Key columns only (not INCLUDE ones), in index order; indoption bit 1 is DESC.
    const indexRows = await client.query<IndexRow>(
      `SELECT t.relname AS table_name, i.relname AS index_name,
              x.indisprimary AS is_primary, x.indisunique AS is_unique, am.amname AS method,
              array(SELECT a.attname::text
                      FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
                      LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                     WHERE k.position <= x.indnkeyatts
                     ORDER BY k.position) AS columns,
              array(SELECT (o.option & 1) = 1
                      FROM unnest(x.indoption::int2[]) WITH ORDINALITY AS o(option, position)
                     WHERE o.position <= x.indnkeyatts
                     ORDER BY o.position) AS descending,
              pg_get_expr(x.indpred, x.indrelid) AS predicate,
              x.indnatts - x.indnkeyatts AS included_columns,
              EXISTS (SELECT 1 FROM unnest(x.indclass::oid[]) AS c(oid)
                        JOIN pg_opclass o ON o.oid = c.oid
                       WHERE NOT o.opcdefault) AS custom_operator_class,
              x.indnullsnotdistinct AS nulls_not_distinct,
              pg_get_indexdef(x.indexrelid) AS definition
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         JOIN pg_am am ON am.oid = i.relam
        WHERE n.nspname = current_schema() AND t.relname <> '_prisma_migrations'`,
    );
    const foreignKeyRows = await client.query<ForeignKeyRow>(
      `SELECT t.relname AS table_name, con.conname AS constraint_name,
              array(SELECT a.attname::text
                      FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                     ORDER BY k.position) AS columns,
              r.relname AS referenced_table,
              array(SELECT a.attname::text
                      FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, position)
                      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                     ORDER BY k.position) AS referenced_columns,
              con.confdeltype AS on_delete, con.confupdtype AS on_update
         FROM pg_constraint con
         JOIN pg_class t ON t.oid = con.conrelid
         JOIN pg_class r ON r.oid = con.confrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE con.contype = 'f' AND n.nspname = current_schema()`,
    );

    const tables = new Map<string, TableShape>();
    for (const { table_name } of tableRows.rows) {
      tables.set(table_name, {
        name: table_name,
        columns: new Map(),
        primaryKey: undefined,
        indexes: [],
        foreignKeys: [],
      });
    }
    for (const row of columnRows.rows) {
      const table = tables.get(row.table_name);
      if (!table) continue;
      const type = normalizeType(row.formatted_type);
      const valueType = databaseValueType(type);
      table.columns.set(row.column_name, {
        name: row.column_name,
        type,
        nullable: !row.not_null,
        // An identity column is Prisma's autoincrement() as well (it introspects it that way).
        default:
          row.identity !== ""
            ? { kind: "sequence" }
            : row.default_expression === null
              ? { kind: "none" }
              : parseDatabaseDefault(row.default_expression, valueType),
        valueType,
      });
    }
    for (const row of indexRows.rows) {
      const table = tables.get(row.table_name);
      if (!table) continue;
      if (row.is_primary) {
        table.primaryKey = { name: row.index_name, columns: row.columns.map(String) };
        continue;
      }
      const expressionColumns = row.columns.some((column) => column === null);
      table.indexes.push({
        name: row.index_name,
        columns: row.columns.map((column) => column ?? "<expression>"),
        sortOrders: row.descending.map((descending) => (descending ? "desc" : "asc")),
        unique: row.is_unique,
        method: row.method,
        ...(row.predicate !== null ||
        expressionColumns ||
        row.included_columns > 0 ||
        row.custom_operator_class ||
        row.nulls_not_distinct
          ? { unsupportedDefinition: withoutSchemaName(row.definition) }
          : {}),
      });
    }
    for (const row of foreignKeyRows.rows) {
      tables.get(row.table_name)?.foreignKeys.push({
        name: row.constraint_name,
        columns: row.columns,
        referencedTable: row.referenced_table,
        referencedColumns: row.referenced_columns,
        onDelete: databaseReferentialAction(row.on_delete),
        onUpdate: databaseReferentialAction(row.on_update),
      });
    }

    const enums = new Map(enumRows.rows.map((row) => [row.enum_name, parseTextArray(row.labels)]));
    return { tables, enums, unsupported: [] };
  } finally {
    await client.end();
  }
}

/** node-postgres returns name[] (array_agg of enum labels) as text `{a,b}`; text[] as arrays. */
function parseTextArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return parsePostgresArrayLiteral(value);
}

function databaseReferentialAction(code: string): ReferentialAction {
  switch (code) {
    case "c":
      return "CASCADE";
    case "r":
      return "RESTRICT";
    case "a":
      return "NO ACTION";
    case "n":
      return "SET NULL";
    case "d":
      return "SET DEFAULT";
    default:
      throw new Error(`Unknown foreign key action code ${code}`);
  }
}

function databaseValueType(type: string): ValueType {
  const base = type.replace(/\[\]$/, "");
  if (/^(smallint|integer|bigint|oid|real|double precision|numeric|money)/.test(base)) {
    return "number";
  }
  if (base === "boolean") return "boolean";
  if (/^(timestamp|date)/.test(base)) return "timestamp";
  if (base === "json" || base === "jsonb") return "json";
  if (base === "bytea") return "bytes";
  return "text";
}

/**
 * format_type() output made comparable: quotes around type names dropped, and PostgreSQL's
 * default time precision (6) treated like no precision, as Prisma does.
 */
function normalizeType(type: string): string {
  return type
    .replaceAll('"', "")
    .replace(/\b(timestamp|time)\(6\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Defaults

/**
 * Reads a default as pg_get_expr() prints it (`'DE'::bpchar`, `ARRAY[]::text[]`,
 * `nextval('projects_number_seq'::regclass)`, `CURRENT_TIMESTAMP`) or as written in
 * `dbgenerated("...")`, into a value that compares by meaning.
 */
function parseDatabaseDefault(expression: string, valueType: ValueType): DefaultValue {
  const text = stripOuterParentheses(expression.trim());
  if (/^nextval\(.*\)$/is.test(text)) return { kind: "sequence" };
  if (
    /^(current_timestamp|now\(\)|transaction_timestamp\(\))(\(\d+\))?(::[\w\s()]+)?$/i.test(text)
  ) {
    return { kind: "now" };
  }

  const arrayConstructor = /^ARRAY\[([\s\S]*?)\](?:::[\w\s."()]+\[\])?$/.exec(text);
  if (arrayConstructor) {
    const elements = splitTopLevel(arrayConstructor[1] ?? "");
    const values: string[] = [];
    for (const element of elements) {
      const parsed = parseDatabaseDefault(element, valueType);
      if (parsed.kind !== "literal") return { kind: "expression", text: normalizeExpression(text) };
      values.push(parsed.value);
    }
    return { kind: "list", values };
  }

  const quoted = /^'((?:[^']|'')*)'(?:::([\w\s."()]+?)(\[\])?)?$/.exec(text);
  if (quoted) {
    const value = (quoted[1] ?? "").replaceAll("''", "'");
    if (quoted[3]) {
      return {
        kind: "list",
        values: parsePostgresArrayLiteral(value).map((element) =>
          normalizeLiteral(element, valueType),
        ),
      };
    }
    return { kind: "literal", value: normalizeLiteral(value, valueType) };
  }

  const number = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?:::[\w\s()]+)?$/i.exec(text);
  if (number) return { kind: "literal", value: normalizeLiteral(number[1] ?? "", "number") };
  if (/^(true|false)$/i.test(text)) return { kind: "literal", value: text.toLowerCase() };

  return { kind: "expression", text: normalizeExpression(text) };
}

function stripOuterParentheses(text: string): string {
  let current = text;
  while (current.startsWith("(") && current.endsWith(")") && balanced(current.slice(1, -1))) {
    current = current.slice(1, -1).trim();
  }
  return current;
}

function balanced(text: string): boolean {
  let depth = 0;
  let inQuote = false;
  for (const character of text) {
    if (character === "'") inQuote = !inQuote;
    if (inQuote) continue;
    if (character === "(") depth += 1;
    if (character === ")") depth -= 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** Splits `a, 'b,c'::text, f(x, y)` at the commas outside quotes and brackets. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inQuote = false;
  let current = "";
  for (const character of text) {
    if (character === "'") inQuote = !inQuote;
    if (!inQuote && (character === "(" || character === "[")) depth += 1;
    if (!inQuote && (character === ")" || character === "]")) depth -= 1;
    if (!inQuote && depth === 0 && character === ",") {
      parts.push(current.trim());
      current = "";
      continue;
    }
    current += character;
  }
  if (current.trim() !== "") parts.push(current.trim());
  return parts;
}

/** Parses a one-dimensional array literal such as `{a,"b c",NULL}`. */
function parsePostgresArrayLiteral(literal: string): string[] {
  const inner = literal.trim().replace(/^\{/, "").replace(/\}$/, "");
  if (inner === "") return [];
  const values: string[] = [];
  let current = "";
  let inQuote = false;
  for (let index = 0; index < inner.length; index += 1) {
    const character = inner[index];
    if (character === "\\" && inQuote) {
      current += inner[index + 1] ?? "";
      index += 1;
    } else if (character === '"') {
      inQuote = !inQuote;
    } else if (character === "," && !inQuote) {
      values.push(current);
      current = "";
    } else {
      current += character;
    }
  }
  values.push(current);
  return values;
}

function normalizeLiteral(value: string, valueType: ValueType): string {
  switch (valueType) {
    case "number":
      return normalizeNumber(value);
    case "boolean":
      return value.toLowerCase();
    case "timestamp": {
      const time = Date.parse(
        value.includes(" ") && !value.includes("T") ? value.replace(" ", "T") : value,
      );
      return Number.isNaN(time) ? value : new Date(time).toISOString();
    }
    case "json":
      try {
        return canonicalJson(JSON.parse(value));
      } catch {
        return value;
      }
    case "bytes":
      return value.startsWith("\\x")
        ? value.slice(2).toLowerCase()
        : Buffer.from(value, "base64").toString("hex");
    case "text":
      return value;
  }
}

/** `19`, `19.00` and `+19.0` are the same default of a numeric column. */
function normalizeNumber(value: string): string {
  const trimmed = value.trim().replace(/^\+/, "");
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) {
    const parsed = Number(trimmed);
    return Number.isNaN(parsed) ? trimmed : String(parsed);
  }
  const negative = trimmed.startsWith("-");
  const [integerPart = "0", fractionPart = ""] = trimmed.replace(/^-/, "").split(".");
  const integer = integerPart.replace(/^0+(?=\d)/, "");
  const fraction = fractionPart.replace(/0+$/, "");
  const digits = fraction === "" ? integer : `${integer}.${fraction}`;
  return negative && digits !== "0" ? `-${digits}` : digits;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([left], [right]) =>
      left < right ? -1 : left > right ? 1 : 0,
    );
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function normalizeExpression(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/\bpublic\./g, "")
    .trim()
    .toLowerCase();
}

function describeDefault(value: DefaultValue, valueType: ValueType): string {
  const literal = (text: string) =>
    valueType === "number" || valueType === "boolean" ? text : `'${text}'`;
  switch (value.kind) {
    case "none":
      return "no default";
    case "sequence":
      return "default autoincrement (a sequence)";
    case "now":
      return "default now()";
    case "any":
      return "a database default";
    case "literal":
      return `default ${literal(value.value)}`;
    case "list":
      return `default [${value.values.map(literal).join(", ")}]`;
    case "expression":
      return `default ${value.text}`;
  }
}

function sameDefault(database: DefaultValue, schema: DefaultValue): boolean {
  if (schema.kind === "any") return database.kind !== "none";
  if (database.kind !== schema.kind) return false;
  switch (database.kind) {
    case "literal":
      return schema.kind === "literal" && database.value === schema.value;
    case "list":
      return (
        schema.kind === "list" &&
        database.values.length === schema.values.length &&
        database.values.every((value, index) => value === schema.values[index])
      );
    case "expression":
      return schema.kind === "expression" && database.text === schema.text;
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Comparison

const schemaSide = "schema.prisma";

/** `ON public.sales_documents` → `ON sales_documents`: definitions compare across schemas. */
const withoutSchemaName = (definition: string) => definition.replace(/ ON [^ .]+\./, " ON ");

function compareSchemas(
  schema: SchemaShape,
  database: SchemaShape,
  databaseOnlyIndexes: readonly DatabaseOnlyIndex[],
): string[] {
  const differences: string[] = [...schema.unsupported];
  // A declared database-only index is found by name and must match its definition exactly.
  for (const declared of databaseOnlyIndexes) {
    const indexes = database.tables.get(declared.table)?.indexes ?? [];
    const position = indexes.findIndex((index) => index.name === declared.name);
    if (position === -1) {
      differences.push(
        `index ${declared.name} on ${declared.table}: declared in database-only-indexes.ts, missing in database`,
      );
      continue;
    }
    const [actual] = indexes.splice(position, 1);
    const definition = actual!.unsupportedDefinition ?? "(an index schema.prisma can express)";
    if (definition !== declared.definition) {
      differences.push(
        `index ${declared.name} on ${declared.table}: ${definition} in database, ${declared.definition} in database-only-indexes.ts`,
      );
    }
  }

  for (const [name, values] of schema.enums) {
    const databaseValues = database.enums.get(name);
    if (!databaseValues) {
      differences.push(`enum ${name}: missing in database`);
      continue;
    }
    for (const value of values.filter((candidate) => !databaseValues.includes(candidate))) {
      differences.push(`enum ${name}: value "${value}" missing in database`);
    }
    for (const value of databaseValues.filter((candidate) => !values.includes(candidate))) {
      differences.push(`enum ${name}: value "${value}" in database but not in ${schemaSide}`);
    }
  }
  for (const name of database.enums.keys()) {
    if (!schema.enums.has(name))
      differences.push(`enum ${name}: in database but not in ${schemaSide}`);
  }

  for (const [name, expected] of schema.tables) {
    const actual = database.tables.get(name);
    if (!actual) {
      differences.push(`table ${name}: missing in database`);
      continue;
    }
    differences.push(...compareTables(expected, actual));
  }
  for (const name of database.tables.keys()) {
    if (!schema.tables.has(name))
      differences.push(`table ${name}: in database but not in ${schemaSide}`);
  }
  return differences;
}

function compareTables(schema: TableShape, database: TableShape): string[] {
  const differences: string[] = [];
  const table = schema.name;

  for (const [name, expected] of schema.columns) {
    const actual = database.columns.get(name);
    const subject = `${table}.${name}`;
    if (!actual) {
      differences.push(`${subject}: missing in database`);
      continue;
    }
    if (actual.type !== expected.type) {
      differences.push(
        `${subject}: type ${actual.type} in database, ${expected.type} in ${schemaSide}`,
      );
    }
    if (actual.nullable !== expected.nullable) {
      const wording = (nullable: boolean) => (nullable ? "nullable" : "required (NOT NULL)");
      const listNote = expected.type.endsWith("[]")
        ? " (Prisma creates list columns without NOT NULL)"
        : "";
      differences.push(
        `${subject}: ${wording(actual.nullable)} in database, ${wording(expected.nullable).replace(" (NOT NULL)", "")} in ${schemaSide}${listNote}`,
      );
    }
    // Read the database's default with the schema's scalar in mind (e.g. JSON text vs literal).
    const databaseDefault =
      actual.default.kind === "literal" || actual.default.kind === "list"
        ? reinterpretDefault(actual.default, expected.valueType)
        : actual.default;
    if (!sameDefault(databaseDefault, expected.default)) {
      differences.push(
        `${subject}: ${describeDefault(databaseDefault, expected.valueType)} in database, ${describeDefault(expected.default, expected.valueType)} in ${schemaSide}`,
      );
    }
  }
  for (const name of database.columns.keys()) {
    if (!schema.columns.has(name))
      differences.push(`${table}.${name}: in database but not in ${schemaSide}`);
  }

  differences.push(...comparePrimaryKeys(table, schema.primaryKey, database.primaryKey));
  differences.push(...compareIndexes(table, schema.indexes, database.indexes));
  differences.push(...compareForeignKeys(table, schema.foreignKeys, database.foreignKeys));
  return differences;
}

function reinterpretDefault(value: DefaultValue, valueType: ValueType): DefaultValue {
  if (value.kind === "literal")
    return { kind: "literal", value: normalizeLiteral(value.value, valueType) };
  if (value.kind === "list") {
    return {
      kind: "list",
      values: value.values.map((element) => normalizeLiteral(element, valueType)),
    };
  }
  return value;
}

function comparePrimaryKeys(
  table: string,
  schema: TableShape["primaryKey"],
  database: TableShape["primaryKey"],
): string[] {
  if (!schema && !database) return [];
  if (!schema)
    return [`${table}: primary key ${database?.name} in database but none in ${schemaSide}`];
  if (!database)
    return [`${table}: primary key (${schema.columns.join(", ")}) missing in database`];
  const differences: string[] = [];
  if (!sameList(schema.columns, database.columns)) {
    differences.push(
      `${table}: primary key on (${database.columns.join(", ")}) in database, (${schema.columns.join(", ")}) in ${schemaSide}`,
    );
  }
  if (schema.name !== database.name) {
    differences.push(
      `${table}: primary key named ${database.name} in database, ${schema.name} in ${schemaSide}`,
    );
  }
  return differences;
}

function describeIndex(table: string, index: IndexShape): string {
  const columns = index.columns
    .map((column, position) => (index.sortOrders[position] === "desc" ? `${column} DESC` : column))
    .join(", ");
  const method = index.method === "btree" ? "" : ` USING ${index.method.toUpperCase()}`;
  return `${index.unique ? "unique index" : "index"} ${index.name} on ${table}${method} (${columns})`;
}

function sameIndexDefinition(left: IndexShape, right: IndexShape): boolean {
  return (
    left.unique === right.unique &&
    left.method === right.method &&
    sameList(left.columns, right.columns) &&
    sameList(left.sortOrders, right.sortOrders) &&
    !left.unsupportedDefinition &&
    !right.unsupportedDefinition
  );
}

function compareIndexes(table: string, schema: IndexShape[], database: IndexShape[]): string[] {
  const differences: string[] = [];
  const unmatched = [...database];
  const take = (predicate: (index: IndexShape) => boolean) => {
    const position = unmatched.findIndex(predicate);
    return position === -1 ? undefined : unmatched.splice(position, 1)[0];
  };

  for (const expected of schema) {
    const sameName = take((index) => index.name === expected.name);
    if (sameName) {
      if (sameName.unsupportedDefinition) {
        differences.push(
          `${describeIndex(table, expected)}: the database's index is partial or on expressions, which ${schemaSide} cannot express (${sameName.unsupportedDefinition})`,
        );
      } else if (!sameIndexDefinition(sameName, expected)) {
        differences.push(
          `${describeIndex(table, sameName)} in database, ${describeIndex(table, expected)} in ${schemaSide}`,
        );
      }
      continue;
    }
    const sameDefinition = take((index) => sameIndexDefinition(index, expected));
    if (sameDefinition) {
      differences.push(
        `${describeIndex(table, expected)}: named ${sameDefinition.name} in database, ${expected.name} in ${schemaSide}`,
      );
      continue;
    }
    differences.push(`${describeIndex(table, expected)}: missing in database`);
  }
  for (const extra of unmatched) {
    const definition = extra.unsupportedDefinition ? ` (${extra.unsupportedDefinition})` : "";
    differences.push(
      `${describeIndex(table, extra)}: in database but not in ${schemaSide}${definition}`,
    );
  }
  return differences;
}

function describeForeignKey(table: string, foreignKey: ForeignKeyShape): string {
  return `foreign key ${foreignKey.name} on ${table} (${foreignKey.columns.join(", ")}) -> ${foreignKey.referencedTable} (${foreignKey.referencedColumns.join(", ")})`;
}

function compareForeignKeys(
  table: string,
  schema: ForeignKeyShape[],
  database: ForeignKeyShape[],
): string[] {
  const differences: string[] = [];
  const unmatched = [...database];
  for (const expected of schema) {
    const position = unmatched.findIndex(
      (candidate) =>
        sameList(candidate.columns, expected.columns) &&
        candidate.referencedTable === expected.referencedTable &&
        sameList(candidate.referencedColumns, expected.referencedColumns),
    );
    const actual = position === -1 ? undefined : unmatched.splice(position, 1)[0];
    const subject = describeForeignKey(table, expected);
    if (!actual) {
      differences.push(`${subject}: missing in database`);
      continue;
    }
    if (actual.name !== expected.name) {
      differences.push(
        `${subject}: named ${actual.name} in database, ${expected.name} in ${schemaSide}`,
      );
    }
    if (actual.onDelete !== expected.onDelete) {
      differences.push(
        `${subject}: ON DELETE ${actual.onDelete} in database, ON DELETE ${expected.onDelete} in ${schemaSide}`,
      );
    }
    if (actual.onUpdate !== expected.onUpdate) {
      differences.push(
        `${subject}: ON UPDATE ${actual.onUpdate} in database, ON UPDATE ${expected.onUpdate} in ${schemaSide}`,
      );
    }
  }
  for (const extra of unmatched) {
    differences.push(`${describeForeignKey(table, extra)}: in database but not in ${schemaSide}`);
  }
  return differences;
}

function sameList<T>(left: readonly T[], right: readonly T[]): boolean {
  return left.length === right.length && left.every((value, index) => value === right[index]);
}
