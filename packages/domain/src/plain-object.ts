/**
 * A plain object: `{ … }` or `Object.create(null)`, what JSON and the wire format decode to.
 * Arrays, class instances (Date, Decimal, Map) and null are not: the input limits, the wire
 * format and seed 004's item preprocess all walk only what a client can send as an object.
 */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" &&
  value !== null &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);
