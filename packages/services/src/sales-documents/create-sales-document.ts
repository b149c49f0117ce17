import type { Db, Prisma, Tx } from "@ledgerline/db";
import {
  AppError,
  assertLinesInCurrency,
  createSalesDocumentInputSchema,
  type CreateSalesDocumentInput,
  type Decimal,
  type IsoDate,
  type LineItemValues,
  appMessage,
  assertNoFieldErrors,
  type FieldMessageInput,
  type AppMessage,
  lineItemInputSchema,
  netPriceForGross,
  toDecimal,
  assertCustomerTakesNewBusiness,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { lockProjectCustomer } from "../shared/row-locks.ts";
import { loadSalesSettings, toDbDate, type SalesSettings } from "./company-context.ts";
import {
  customerCopyOf,
  customerCopySelect,
  insertLines,
  priceLines,
  recordDocumentEvent,
  type UnpricedLine,
  type PricedDocument,
} from "./document-records.ts";
import { getSalesDocument } from "./read-sales-document.ts";

/** A line as a person entered it, with the company's default tax rate where none was given. */
export const unpricedLineOfInput = (
  line: LineItemValues,
  defaultTaxRate: Decimal,
): UnpricedLine => ({
  ...(line.id ? { id: line.id } : {}),
  description: line.description,
  quantity: line.quantity,
  unit: line.unit,
  unitPrice: line.unitPrice,
  taxRate: line.taxRate ?? defaultTaxRate.toFixed(2),
  discountPercent: line.discountPercent,
  itemType: line.itemType,
  sourceLanguage: line.sourceLanguage,
  targetLanguage: line.targetLanguage,
  sourceLineItemId: null,
  expenseId: null,
});

export const optionalDbDate = (date: IsoDate | null | undefined) => (date ? toDbDate(date) : null);

type Customer = Prisma.CustomerGetPayload<{ select: typeof customerCopySelect }>;

/**
 * The customer, project and contact of a draft, checked together so a form shows every problem
 * at once: the customer must exist (or come from the project), the project must belong to the
 * customer, the contact too. An archived project may be named (archiving a project only hides it
 * from lists); whether an archived customer may be used is the caller's rule. Runs in the
 * writing transaction and reads the project's customer under a share lock, so the project cannot
 * move to another customer before the document that names it is written.
 */
export async function resolveParties(
  tx: Tx,
  input: { customerId: string | null; projectId: string | null; contactId: string | null },
): Promise<{ customer: Customer; customerId: string; projectName: string | null }> {
  const fieldErrors: Record<string, FieldMessageInput[]> = {};
  const add = (field: string, message: AppMessage) => (fieldErrors[field] ??= []).push(message);
  const project = input.projectId ? await lockProjectCustomer(tx, input.projectId) : null;
  if (input.projectId && !project) add("projectId", appMessage("project.notFound"));
  const customerId = input.customerId ?? project?.customerId ?? null;
  const customer = customerId
    ? await tx.customer.findUnique({ where: { id: customerId }, select: customerCopySelect })
    : null;
  // A contact never moves to another customer (the customer form edits only its own).
  const contact = input.contactId
    ? await tx.contact.findUnique({ where: { id: input.contactId }, select: { customerId: true } })
    : null;
  if (customerId && !customer) add("customerId", appMessage("customer.notFound"));
  if (project && customer && project.customerId !== customer.id) {
    add("projectId", appMessage("document.projectOfOtherCustomer", { project: project.name }));
  }
  if (input.contactId && (!contact || (customer && contact.customerId !== customer.id))) {
    add("contactId", appMessage("document.contactOfOtherCustomer"));
  }
  assertNoFieldErrors(fieldErrors);
  if (!customer || !customerId)
    throw new AppError("BAD_REQUEST", appMessage("document.chooseCustomer"), {
      fieldErrors: { customerId: [appMessage("document.chooseCustomer")] },
    });
  return { customer, customerId, projectName: project?.name ?? null };
}

/** A new document row without its amounts (they come from the lines). */
export type NewDocumentData = Omit<
  Prisma.SalesDocumentUncheckedCreateInput,
  "subtotal" | "discountAmount" | "netAmount" | "taxAmount" | "total" | "lineItems"
>;

/**
 * Writes a new document with its lines (one `createMany`) and its `create` audit event in the
 * caller's transaction. Totals are computed from the lines by the one rule.
 */
export async function insertDocument(
  tx: Tx,
  actor: Actor,
  data: NewDocumentData,
  lines: readonly UnpricedLine[],
  auditExtra: Record<string, unknown> = {},
): Promise<{ id: string; priced: PricedDocument }> {
  const priced = priceLines(lines);
  const { id } = await tx.salesDocument.create({
    data: { ...data, ...priced.header },
    select: { id: true },
  });
  await insertLines(tx, id, priced.lines);
  await recordDocumentEvent(tx, actor, id, "create", null, {
    ...data,
    ...priced.header,
    ...auditExtra,
    lines: priced.lines,
  });
  return { id, priced };
}

/** The defaults of a new document: currency of the customer, locale of the company. */
export const documentDefaults = (
  settings: SalesSettings,
  customer: Customer,
  given: { currency?: string | undefined; locale?: string | undefined },
) => ({
  currency: given.currency ?? customer.defaultCurrency ?? settings.defaultCurrency,
  locale: given.locale ?? settings.defaultLocale,
});

/** The project a create names by its number (seed 004's `jobid`), if it names one. */
async function projectOfNumber(
  tx: Tx,
  input: { projectNumber?: number | undefined; projectId: string | null },
): Promise<{ id: string } | null> {
  if (input.projectNumber === undefined) return null;
  const project = await tx.project.findUnique({
    where: { number: input.projectNumber },
    select: { id: true },
  });
  const problem = !project
    ? appMessage("document.projectNumberUnknown", { number: String(input.projectNumber) })
    : input.projectId && input.projectId !== project.id
      ? appMessage("document.projectNumberOtherProject")
      : null;
  if (problem) {
    throw new AppError("BAD_REQUEST", problem, { fieldErrors: { projectNumber: [problem] } });
  }
  return project;
}

/**
 * The one line of a document created from an amount instead of lines (seed 004): quantity 1 at
 * the company's default VAT rate, named after the project (or "Leistungen" / "Services"). A net
 * amount is its price; a total is reached exactly by the price `netPriceForGross` finds, and a
 * total no line can have (its VAT is rounded to the cent) is refused with the nearest ones.
 */
function amountLine(
  input: { amount?: string | undefined; amountNet?: string | undefined },
  context: { projectName: string | null; locale: string; taxRate: Decimal },
): UnpricedLine {
  const description = context.projectName ?? (context.locale === "de" ? "Leistungen" : "Services");
  let net = input.amountNet;
  if (input.amount !== undefined) {
    const found = netPriceForGross(input.amount, context.taxRate);
    if (!found.net) {
      const message = appMessage("document.amountUnreachable", {
        amount: toDecimal(input.amount).toFixed(2),
        rate: context.taxRate.toString(),
        below: found.nearest[0].toFixed(2),
        above: found.nearest[1].toFixed(2),
      });
      throw new AppError("BAD_REQUEST", message, { fieldErrors: { amount: [message] } });
    }
    net = found.net.toFixed(2);
  }
  return unpricedLineOfInput(
    lineItemInputSchema.parse({ description, quantity: "1", unitPrice: net }),
    context.taxRate,
  );
}

/**
 * Creates a draft quote, order confirmation, sales order, pro forma or invoice (seed 000
 * `POST /invoices`): at least one line; the customer (or the project's customer) must exist and
 * not be archived; the customer's name, address and VAT id are copied; totals are computed from
 * the lines. A document is always created as a draft: its number comes when it is issued.
 */
export async function createSalesDocument(
  db: Db,
  actor: Actor,
  rawInput: CreateSalesDocumentInput,
) {
  const input = createSalesDocumentInputSchema.parse(rawInput);
  const settings = await loadSalesSettings(db);
  const { id } = await db.$transaction(async (tx) => {
    const project = await projectOfNumber(tx, input);
    const projectId = input.projectId ?? project?.id ?? null;
    const { customer, customerId, projectName } = await resolveParties(tx, {
      ...input,
      projectId,
    });
    assertCustomerTakesNewBusiness(input.type, customer);
    const defaults = documentDefaults(settings, customer, input);
    // Seed 004's item currency: an item may name the document's currency, never another.
    if (input.lines) assertLinesInCurrency(input.lines, defaults.currency);
    const lines = input.lines
      ? input.lines.map((line) =>
          unpricedLineOfInput({ ...line, id: undefined }, settings.defaultTaxRate),
        )
      : [
          amountLine(input, {
            projectName,
            locale: defaults.locale,
            taxRate: settings.defaultTaxRate,
          }),
        ];
    // Without terms of its own (absent or empty) a document gets the company's default terms,
    // copied: a later change of the settings never changes a document already created.
    const terms = input.terms ?? settings.defaultDocumentTerms;
    return insertDocument(
      tx,
      actor,
      {
        type: input.type,
        status: "draft",
        invoiceKind: input.type === "invoice" ? (input.invoiceKind ?? "tax_invoice") : null,
        ...defaults,
        customerId,
        contactId: input.contactId,
        projectId,
        ...customerCopyOf(customer),
        issuedDate: optionalDbDate(input.issuedDate),
        dueDate: optionalDbDate(input.dueDate),
        validUntil: optionalDbDate(input.validUntil),
        servicePeriodStart: optionalDbDate(input.servicePeriodStart),
        servicePeriodEnd: optionalDbDate(input.servicePeriodEnd),
        notes: input.notes,
        terms,
        lineOrder: input.lineOrder ?? "position",
      },
      lines,
    );
  });
  return getSalesDocument(db, actor, id);
}
