import { describe, expect, it } from "vitest";
import { isDatabaseConnectionError } from "./connection-errors.ts";
import { Prisma } from "./generated/prisma/client.ts";

const clientVersion = "7.10.0";
const knownRequestError = (code: string, cause: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError("Invalid invocation", {
    code,
    clientVersion,
    meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
  });

describe("isDatabaseConnectionError", () => {
  it("recognises a session the server ended, as Prisma wraps it (P2039 / P2010 with 57P01)", () => {
    const cause = { kind: "postgres", code: "57P01", originalCode: "57P01", severity: "FATAL" };
    expect(isDatabaseConnectionError(knownRequestError("P2039", cause))).toBe(true);
    expect(isDatabaseConnectionError(knownRequestError("P2010", cause))).toBe(true);
  });

  it("recognises the adapter's socket kinds and Prisma's connection codes", () => {
    for (const kind of ["ConnectionClosed", "DatabaseNotReachable", "SocketTimeout"])
      expect(isDatabaseConnectionError(knownRequestError("P2010", { kind }))).toBe(true);
    for (const code of ["P1001", "P1017", "P2024"])
      expect(isDatabaseConnectionError(knownRequestError(code, {}))).toBe(true);
    expect(
      isDatabaseConnectionError(
        new Prisma.PrismaClientInitializationError("x", clientVersion, "P1001"),
      ),
    ).toBe(true);
  });

  it("recognises node-postgres's plain errors, also when wrapped as a cause", () => {
    expect(isDatabaseConnectionError(new Error("Connection terminated unexpectedly"))).toBe(true);
    const notQueryable = new Error(
      "Client has encountered a connection error and is not queryable",
    );
    expect(isDatabaseConnectionError(new Error("procedure failed", { cause: notQueryable }))).toBe(
      true,
    );
    expect(
      isDatabaseConnectionError(Object.assign(new Error("write EPIPE"), { code: "EPIPE" })),
    ).toBe(true);
  });

  it("recognises every SQLSTATE of class 08 and the shutdown codes", () => {
    for (const code of ["08000", "08003", "08006", "08P01", "57P01", "57P02", "57P03", "53300"])
      expect(
        isDatabaseConnectionError(knownRequestError("P2039", { kind: "postgres", code })),
        code,
      ).toBe(true);
  });

  it("leaves every other database error alone", () => {
    expect(
      isDatabaseConnectionError(knownRequestError("P2002", { kind: "UniqueConstraintViolation" })),
    ).toBe(false);
    for (const code of ["23505", "40001", "57014", "42P01", "22P02"])
      expect(
        isDatabaseConnectionError(knownRequestError("P2039", { kind: "postgres", code })),
        code,
      ).toBe(false);
    expect(isDatabaseConnectionError(new Error("Something else"))).toBe(false);
    expect(isDatabaseConnectionError(null)).toBe(false);
    expect(isDatabaseConnectionError("Connection terminated unexpectedly")).toBe(false);
  });

  it("stops on a cause that refers to itself", () => {
    const loop: { message: string; cause?: unknown } = { message: "loop" };
    loop.cause = loop;
    expect(isDatabaseConnectionError(loop)).toBe(false);
  });
});
