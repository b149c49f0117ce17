import { Prisma, type Tx } from "@ledgerline/db";
import {
  DEFAULT_NUMBER_PREFIXES,
  formatDocumentNumber,
  type DocumentNumberType,
} from "@ledgerline/domain";

/**
 * Takes the next number of a type's yearly range inside the caller's transaction.
 *
 * One statement: the upsert creates the (type, year) counter on first use and otherwise
 * increments it, holding the row lock until the transaction ends. Concurrent issuers of the
 * same type and year therefore queue on that row, and a rollback returns the number with
 * everything else, so numbers are unique and gapless. Call it as the last step before commit:
 * the lock is held from here to the end of the transaction.
 */
export async function takeNextSequenceNumber(
  tx: Tx,
  type: DocumentNumberType,
  year: number,
): Promise<number> {
  const rows = await tx.$queryRaw<Array<{ last_number: number }>>`
    INSERT INTO number_sequences (scope, year, last_number)
    VALUES (${type}, ${year}, 1)
    ON CONFLICT (scope, year) DO UPDATE SET last_number = number_sequences.last_number + 1
    RETURNING last_number`;
  return rows[0]!.last_number;
}

/** The next formatted document number (`RE-2026-0042`), with the company's prefix for the type. */
export async function takeNextDocumentNumber(
  tx: Tx,
  type: DocumentNumberType,
  year: number,
  prefixes: Partial<Record<DocumentNumberType, string>>,
): Promise<string> {
  const sequence = await takeNextSequenceNumber(tx, type, year);
  return formatDocumentNumber(prefixes[type] ?? DEFAULT_NUMBER_PREFIXES[type], year, sequence);
}

/**
 * `formatDocumentNumber` in SQL, for the statement that takes a number and writes it at once:
 * `<prefix>-<year>-` and the sequence padded to at least four digits. A test holds the two equal.
 */
export const numberSql = (prefix: string, year: number, sequence: Prisma.Sql) =>
  Prisma.sql`${`${prefix}-${year}-`} || lpad(${sequence}::text, greatest(4, length(${sequence}::text)), '0')`;
