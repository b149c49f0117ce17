import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;

/** A transaction client: what use cases receive inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Omit<
  PrismaClient,
  "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends"
>;

export interface CreateDbOptions {
  url: string;
  /** Pool size of node-postgres; the API wants more than the worker. */
  maxConnections?: number;
}

/** The one way an app gets a database client: Prisma over node-postgres (no native engine). */
export function createDb({ url, maxConnections = 10 }: CreateDbOptions): Db {
  const adapter = new PrismaPg({ connectionString: url, max: maxConnections });
  return new PrismaClient({ adapter });
}
