import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { findSchemaDrift } from "./schema-drift.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

const adminUrl = inject("databaseAdminUrl");
const schemaPath = fileURLToPath(new URL("../prisma/schema.prisma", import.meta.url));

const databases: TestDatabase[] = [];
let scratchFolder: string;

async function migratedDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({ adminUrl, prefix: "ledgerline_drift" });
  databases.push(database);
  return database;
}

async function execute(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  scratchFolder = await mkdtemp(join(tmpdir(), "ledgerline-drift-"));
});

afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
  await rm(scratchFolder, { recursive: true, force: true });
});

describe("schema drift", () => {
  it("the migrations produce exactly the database schema.prisma describes", async () => {
    const database = await migratedDatabase();

    const differences = await findSchemaDrift(database.ownerUrl, schemaPath);

    // The message lists every difference, so a failure says what to fix.
    expect(
      differences,
      `Drift between migrations and schema.prisma:\n${differences.join("\n")}`,
    ).toEqual([]);
  });

  it("names each difference when the database departs from schema.prisma", async () => {
    const database = await migratedDatabase();
    await execute(
      database.ownerUrl,
      `ALTER TABLE customers ALTER COLUMN name DROP NOT NULL;
       DROP INDEX customers_city_idx;
       ALTER TABLE customers ALTER COLUMN country SET DEFAULT 'AT';
       ALTER TABLE suppliers ALTER COLUMN language_pairs SET NOT NULL;
       ALTER TABLE projects DROP CONSTRAINT projects_manager_id_fkey;
       ALTER TABLE projects ADD CONSTRAINT projects_manager_id_fkey FOREIGN KEY (manager_id)
         REFERENCES users(id) ON DELETE CASCADE ON UPDATE CASCADE;
       DROP INDEX suppliers_language_pairs_idx;
       CREATE INDEX suppliers_language_pairs_idx ON suppliers (language_pairs);
       ALTER TYPE project_status ADD VALUE 'cancelled';
       ALTER TABLE audit_events ALTER COLUMN entity_id TYPE varchar(36);
       ALTER TABLE users ADD COLUMN nickname text;
       CREATE TABLE stray (id integer);`,
    );

    const differences = await findSchemaDrift(database.ownerUrl, schemaPath);

    expect(differences.sort()).toEqual(
      [
        "customers.name: nullable in database, required in schema.prisma",
        "index customers_city_idx on customers (city): missing in database",
        "customers.country: default 'AT' in database, default 'DE' in schema.prisma",
        "suppliers.language_pairs: required (NOT NULL) in database, nullable in schema.prisma (Prisma creates list columns without NOT NULL)",
        "foreign key projects_manager_id_fkey on projects (manager_id) -> users (id): ON DELETE CASCADE in database, ON DELETE SET NULL in schema.prisma",
        "index suppliers_language_pairs_idx on suppliers (language_pairs) in database, index suppliers_language_pairs_idx on suppliers USING GIN (language_pairs) in schema.prisma",
        'enum project_status: value "cancelled" in database but not in schema.prisma',
        "audit_events.entity_id: type character varying(36) in database, text in schema.prisma",
        "users.nickname: in database but not in schema.prisma",
        "table stray: in database but not in schema.prisma",
      ].sort(),
    );
  });

  it("holds the indexes schema.prisma cannot express to their declared definitions", async () => {
    const database = await migratedDatabase();
    await execute(
      database.ownerUrl,
      `DROP INDEX sales_documents_open_invoices_due_date_idx;
       CREATE INDEX sales_documents_open_invoices_due_date_idx ON sales_documents (due_date)
         WHERE type = 'invoice';
       DROP INDEX sales_documents_type_status_issued_date_created_at_idx;
       CREATE INDEX customers_name_include_idx ON customers (name) INCLUDE (city);`,
    );

    const differences = await findSchemaDrift(database.ownerUrl, schemaPath);

    expect(differences.sort()).toEqual(
      [
        "index sales_documents_open_invoices_due_date_idx on sales_documents: CREATE INDEX sales_documents_open_invoices_due_date_idx ON sales_documents USING btree (due_date) WHERE (type = 'invoice'::sales_document_type) in database, CREATE INDEX sales_documents_open_invoices_due_date_idx ON sales_documents USING btree (due_date) INCLUDE (id, created_at, currency, total, paid_amount, archived_at, type, status, deleted_at) WHERE ((type = 'invoice'::sales_document_type) AND (status = ANY (ARRAY['sent'::sales_document_status, 'partial'::sales_document_status, 'overdue'::sales_document_status]))) in database-only-indexes.ts",
        "index sales_documents_type_status_issued_date_created_at_idx on sales_documents: declared in database-only-indexes.ts, missing in database",
        "index customers_name_include_idx on customers (name): in database but not in schema.prisma (CREATE INDEX customers_name_include_idx ON customers USING btree (name) INCLUDE (city))",
      ].sort(),
    );
  });

  it("reads the schema features this project does not use yet the way Prisma creates them", async () => {
    // A schema beyond the current one (native types, maps, lists, composite keys, sort orders,
    // named constraints) with the SQL `prisma migrate diff` generates for it: the checker must
    // find no difference, and must find the one planted afterwards.
    const schema = `
datasource db {
  provider = "postgresql"
}

enum Colour {
  red
  green @map("GREEN")

  @@map("colour")
}

model Widget {
  id      Int      @id @default(autoincrement())
  code    String   @unique(map: "widget_code_unique") @db.VarChar(20)
  price   Decimal  @default(9.50)
  ratio   Float    @default(1.5)
  big     BigInt   @default(-5)
  data    Json?    @default("{\\"a\\": [1, 2]}")
  plain   Json     @db.Json
  tags    Int[]    @default([1, 2])
  colours Colour[] @default([red, green])
  colour  Colour   @default(green)
  token   String   @default(uuid())
  day     DateTime @default("2020-01-01T00:00:00Z") @db.Date
  at      DateTime @default(now())
  blob    Bytes?
  small   Int      @db.SmallInt
  parts   Part[]

  @@unique([ratio, small])
  @@index([code(sort: Desc), ratio])
  @@map("widgets")
}

model Part {
  widgetId Int     @map("widget_id")
  position Int
  name     String?
  widget   Widget  @relation(fields: [widgetId], references: [id], onUpdate: Restrict, map: "part_widget_custom_fkey")

  @@id([widgetId, position])
  @@map("parts")
}
`;
    const sql = `
CREATE TYPE "colour" AS ENUM ('red', 'GREEN');
CREATE TABLE "widgets" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "price" DECIMAL(65,30) NOT NULL DEFAULT 9.50,
    "ratio" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
    "big" BIGINT NOT NULL DEFAULT -5,
    "data" JSONB DEFAULT '{"a": [1, 2]}',
    "plain" JSON NOT NULL,
    "tags" INTEGER[] DEFAULT ARRAY[1, 2]::INTEGER[],
    "colours" "colour"[] DEFAULT ARRAY['red', 'GREEN']::"colour"[],
    "colour" "colour" NOT NULL DEFAULT 'GREEN',
    "token" TEXT NOT NULL,
    "day" DATE NOT NULL DEFAULT '2020-01-01 00:00:00 +00:00',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "blob" BYTEA,
    "small" SMALLINT NOT NULL,
    CONSTRAINT "widgets_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "parts" (
    "widget_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT,
    CONSTRAINT "parts_pkey" PRIMARY KEY ("widget_id","position")
);
CREATE UNIQUE INDEX "widget_code_unique" ON "widgets"("code");
CREATE INDEX "widgets_code_ratio_idx" ON "widgets"("code" DESC, "ratio");
CREATE UNIQUE INDEX "widgets_ratio_small_key" ON "widgets"("ratio", "small");
ALTER TABLE "parts" ADD CONSTRAINT "part_widget_custom_fkey" FOREIGN KEY ("widget_id")
    REFERENCES "widgets"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;
`;
    const widgetSchemaPath = join(scratchFolder, "widgets.prisma");
    await writeFile(widgetSchemaPath, schema);
    const database = await createTestDatabase({
      adminUrl,
      prefix: "ledgerline_drift",
      skipMigrations: true,
    });
    databases.push(database);
    await execute(database.ownerUrl, sql);

    const differences = await findSchemaDrift(database.ownerUrl, widgetSchemaPath, []);
    expect(differences, differences.join("\n")).toEqual([]);

    await execute(
      database.ownerUrl,
      `ALTER TABLE widgets ALTER COLUMN price SET DEFAULT 9.25;
       DROP INDEX widgets_code_ratio_idx;
       CREATE INDEX widgets_code_ratio_idx ON widgets (code, ratio);
       ALTER TABLE parts RENAME CONSTRAINT part_widget_custom_fkey TO parts_widget_id_fkey;`,
    );
    expect((await findSchemaDrift(database.ownerUrl, widgetSchemaPath, [])).sort()).toEqual(
      [
        "widgets.price: default 9.25 in database, default 9.5 in schema.prisma",
        "index widgets_code_ratio_idx on widgets (code, ratio) in database, index widgets_code_ratio_idx on widgets (code DESC, ratio) in schema.prisma",
        "foreign key part_widget_custom_fkey on parts (widget_id) -> widgets (id): named parts_widget_id_fkey in database, part_widget_custom_fkey in schema.prisma",
      ].sort(),
    );
  });
});
