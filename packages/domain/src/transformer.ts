import SuperJSON from "superjson";
import { Decimal, isDecimal } from "./money.ts";

/**
 * The wire format of the tRPC API: SuperJSON (Dates stay Dates) plus Decimal as its exact
 * string, so an amount never passes through a JavaScript float between server and browser.
 */
export const transformer = new SuperJSON();
transformer.registerCustom<Decimal, string>(
  {
    isApplicable: (value): value is Decimal => isDecimal(value),
    serialize: (value) => value.toString(),
    deserialize: (value) => new Decimal(value),
  },
  "decimal",
);
