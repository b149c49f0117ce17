import { roundToCents, type DecimalInput } from "./money.ts";

/**
 * Every message the domain, the use cases and the API can answer with, by a stable key, as an
 * English template with `{name}` placeholders. An AppError carries a key and its parameters
 * beside its English sentence: API clients and logs read the sentence, the web translates the
 * key in the person's language (apps/web/src/i18n, `app.<key>`), with amounts and dates
 * formatted in their locale. This registry is the one list of keys: the web's dictionaries are
 * typed against it, and a test there checks both languages fill the same placeholders.
 */
export const APP_MESSAGES = {
  // ------------------------------------------------------------ fallbacks and generic ones
  /** A sentence without a key (a rule's wording passed through); shown as it is. */
  text: "{text}",
  "request.invalidFields": "Some fields are not valid.",
  "request.invalidField": "Some fields are not valid ({path}: {problem})",
  "request.invalidDecimal":
    "A decimal is not valid or out of range (at most {digits} digits and an exponent from -{exponent} to {exponent}).",
  "request.notAccepted": "The request's input is not accepted: {problem}",
  "record.duplicate": "A record with these values already exists.",
  "record.stillReferenced": "Another record still refers to this one.",
  "record.gone": "The record does not exist (any more).",
  "record.notFound": "This {record} does not exist.",
  "record.inUse":
    "“{name}” cannot be deleted: {references} refer to it. Archive it instead to hide it from lists.",
  "record.referenceCount": "{record}: {count}",
  "issuedDocument.changed":
    "Issued documents cannot be changed: correct them with a credit note or a cancellation.",
  "auth.signInRequired": "Please sign in.",
  "auth.wrongCredentials": "Email or password is not correct.",
  "auth.tooManyAttempts":
    "Too many failed sign-in attempts. Wait 15 minutes, or ask an administrator to help.",
  "auth.roleMayNot": "Your role ({role}) may not do this (needs {permission}).",
  "upload.invalidFileName": "The file name (X-File-Name) is not valid: {problem}",

  // ------------------------------------------------------------ field rules (zod and others)
  "field.required": "This field is required.",
  "field.minLength": "At least {min} characters.",
  "field.maxLength": "At most {max} characters.",
  "field.min": "At least {min}.",
  "field.max": "At most {max}.",
  "field.minItems": "At least {min} entries.",
  "field.maxItems": "At most {max} entries.",
  "field.number": "Enter a number.",
  "field.wholeNumber": "Whole numbers only.",
  "field.email": "Enter a valid email address.",
  "field.date": "Enter a date.",
  "field.choose": "Choose one of the options.",
  "field.invalid": "This value is not valid.",
  "field.enterPassword": "Enter your password.",
  "field.enterCurrentPassword": "Enter your current password.",
  "field.country": "Use a two-letter country code such as DE.",
  "field.currency": "Use an ISO 4217 currency code such as EUR.",
  "field.notNegative": "Cannot be negative.",
  "field.maxDays": "At most 365 days.",
  "field.iban": "This IBAN is not valid (checksum).",
  "field.maxContacts": "At most 50 contacts.",
  "field.endBeforeStart": "The end date cannot be before the start date.",
  "field.rangeEndBeforeStart": "The end of the date range cannot be before its start.",
  "field.sayWhy": "Say why.",
  "field.languageTag": "Use a language tag such as de or en-GB.",
  "field.addLine": "Add at least one line.",
  "field.chooseDocument": "Choose at least one document.",
  "field.chooseExpense": "Choose at least one expense.",
  "field.maxExpenses": "At most 200 expenses at once.",
  "field.choosePurchaseOrder": "Choose at least one purchase order.",
  "field.enterDocumentNumber": "Enter a document number.",
  "field.minUnits": "At least 1 unit.",
  "field.maxUnits": "At most 1,000,000,000 units.",
  "field.amountTooLarge": "This amount is too large: at most 999,999,999,999.99.",
  "field.decimalComma": "Use a point for decimals (12.50, not 12,50).",
  "field.tooManyDigits": "This number has too many digits.",
  "field.numberTooLarge": "This number is too large.",
  "field.decimalPlaces": "At most {places} decimal places.",
  "field.centsOnly": "At most 2 decimal places (cents).",
  "field.amountExample": "An amount such as {example}.",
  "field.enterAmount": "Enter an amount such as {example}.",
  "field.rateExample": "A rate such as {example}.",
  "field.enterRate": "Enter a rate such as {example}.",
  "field.enterQuantity": "Enter a quantity such as 2 or 1.5.",
  "field.enterPrice": "Enter a price such as 85.00.",
  "field.enterPercentage": "Enter a percentage such as 10.",
  "field.amountPositive": "The amount must be greater than 0.",
  "field.quantityNotZero": "The quantity cannot be 0.",
  "field.unitPriceNotNegative": "The unit price cannot be negative.",
  "field.textNul": "Contains a NUL character (U+0000), which text cannot hold.",
  "field.textSurrogate":
    "Contains half of a UTF-16 surrogate pair, which is no character (broken Unicode).",
  "field.foreignItem": "This item is not one of this record's.",
  "field.netPerQuantity": "{net} ÷ {quantity} gives no unit price with at most 4 decimals.",
  "field.netPerPrice": "{net} ÷ {price} gives no quantity with at most 3 decimals.",
  "field.netMismatch": "The net amount {net} is not what quantity × unit price make: {computed}.",
  "field.noTypeHasStatus": "None of these document types is ever “{status}”.",

  // ------------------------------------------------------------ people and access
  "user.notFound": "This user does not exist.",
  "user.emailTaken": "A user with this email already exists.",
  "user.lastAdmin":
    "This is the last active administrator; make someone else an administrator first.",
  "user.wrongPassword": "The current password is not correct.",
  "apiToken.notFound": "This API token does not exist.",
  "user.roleAboveYours":
    "Nobody grants more than they hold: you cannot give, change or deactivate a role above yours ({role}).",
  "apiToken.adminOnly": "API tokens are created by a signed-in person (admin or finance).",
  "apiToken.roleAboveYours": "A token acts as you, so its role cannot be above yours ({role}).",
  "settings.notSetUp":
    "The company settings have not been set up yet; an administrator sets them under Settings.",
  "settings.saveNameFirst":
    "The company settings have not been set up yet: save the company's name first.",
  "settings.missingForDocuments":
    "The company settings have not been set up yet: documents need the company's name and address.",

  // ------------------------------------------------------------ parties, projects, expenses
  "customer.notFound": "This customer does not exist.",
  "customer.archived":
    "“{name}” is archived and gets no new documents. Restore the customer first.",
  "supplier.notFound": "This supplier does not exist.",
  "project.notFound": "This project does not exist.",
  "project.customerNotFound": "The customer does not exist.",
  "project.chooseCustomer": "Choose an existing customer.",
  "project.customerArchived": "The customer is archived; restore it before moving a project to it.",
  "project.customerArchivedNew": "The customer is archived; restore it before starting a project.",
  "project.customerIsArchived": "This customer is archived.",
  "project.cannotMove":
    "“{name}” has sales documents or billed expenses of its customer “{customer}”, so it cannot move to another customer. Start a new project for the other customer instead.",
  "project.managerInactive": "The project manager must be an active user.",
  "project.chooseActiveUser": "Choose an active user.",
  "expense.notFound": "This expense does not exist.",
  "expense.billableNeedsProject":
    "A billable expense needs a project: it is billed to the project's customer.",
  "expense.billedHere": "“{name}” is already billed on this invoice.",
  "expense.notBillable": "“{name}” is not billable.",
  "expense.billedElsewhere": "“{name}” is already billed on another invoice.",
  "expense.noProject": "“{name}” has no project, so it has no customer to be billed to.",
  "expense.otherCustomer": "“{name}” is an expense of another customer's project.",
  "expense.otherProject": "“{name}” belongs to another project.",
  "expense.otherCurrency": "“{name}” is in {currency}, the invoice in {invoiceCurrency}.",
  "expense.projectNotFound": "The project does not exist.",
  "expense.chooseProject": "Choose an existing project.",
  "expense.changedMeanwhile": "This expense was billed or released meanwhile. Try again.",
  "expense.billedOnDraft":
    "{problem} It is billed on a draft invoice: remove its line there first.",
  "expense.billedOnInvoice":
    "{problem} It is billed on invoice {number}: correct that invoice instead.",
  "expense.billedFixed": "Billed on an issued invoice; correct the invoice instead.",
  "expense.billedAmountFixed":
    "“{title}” is billed on invoice {number}, so its amount, VAT rate and currency cannot change. Correct the invoice with a credit note instead.",
  "expense.billedCannotDelete":
    "“{title}” is billed on invoice {number}, which is {status}, so it cannot be deleted. Correct the invoice with a credit note or a cancellation instead.",
  "receipt.wrongType": "A receipt is a PDF, PNG or JPEG file.",
  "receipt.empty": "The file is empty.",
  "receipt.tooLarge": "A receipt may be at most 10 MiB.",
  "receipt.contentMismatch": "The file is declared as {type} but its content is not.",
  "receipt.notFound": "This receipt does not exist.",
  "file.notFound": "This file does not exist.",
  "logo.wrongType": "A logo is a PNG, JPEG or SVG file.",
  "logo.tooLarge": "A logo may be at most {kibibytes} KiB.",
  "logo.contentMismatch": "The file's content is not {type}'s type.",
  "logo.contentDoesNotMatch": "The file's content does not match its type.",

  // ------------------------------------------------------------ sales documents
  "document.notFound": "This sales document does not exist.",
  "document.bulkFailed": "Something went wrong on our side with this document. Please try again.",
  "document.numberNotFound": "There is no document with the number {number}.",
  "document.chooseCustomer": "Choose a customer or a project.",
  "document.linesOrAmount":
    "Give the lines, or one amount: the total (amount) or the net (amountNet).",
  "document.startsAsDraft": "A new document starts as a draft; issue or submit it then.",
  "document.projectNumber": "Enter a project number: a whole number from 1 to 99,999,999.",
  "document.projectNumberUnknown": "There is no project number {number}.",
  "document.projectNumberOtherProject": "The project number names another project than projectId.",
  "document.amountUnreachable":
    "No line totals {amount} at {rate} % VAT (its VAT is rounded to the cent); the nearest totals are {below} and {above}.",
  "document.kindOnInvoices": "Only invoices have a kind (tax invoice or deposit).",
  "document.dueDateNotForType": "Only invoices, sales orders and pro forma have a due date.",
  "document.validUntilOnQuotes": "Only quotes have a valid-until date.",
  "document.quantityPositive": "The quantity must be more than 0.",
  "document.partialPercent":
    "A partial invoice is more than 0 % and less than 100 % of what is left.",
  "document.partialPercentMissing": "Enter the percentage of what is left to invoice now.",
  "document.partOnlyForInvoices": "Only an invoice is final or partial.",
  "document.chooseInvoicePart": "Choose a final or a partial invoice.",
  "document.enterPercentage": "Enter a percentage such as 30.",
  "document.linesTotalNegative":
    "The lines of an invoice cannot total less than 0: deduct at most what it charges.",
  "document.creditQuantityPositive": "The quantity to credit must be more than 0.",
  "document.quantityNegative":
    "On a credit note or cancellation the quantity is negative: the amount taken back.",
  "document.dueBeforeIssuedDate": "The due date cannot be before the issued date.",
  "document.validUntilBeforeIssuedDate": "The valid-until date cannot be before the issued date.",
  "document.servicePeriodStart": "Enter the start of the service period too.",
  "document.servicePeriodEnd": "The end of the service period cannot be before its start.",
  "document.changeNotesOrTerms": "Change the notes or the terms.",
  "document.chooseCreditLine": "Choose at least one line to credit or add a goodwill line.",
  "document.creditLineOnce": "Each invoice line can be credited once per credit note.",
  "document.actionNotAllowed":
    "“{action}” is not possible while this {type} is “{status}”. Allowed now: {allowed}.",
  "document.noActionNow":
    "“{action}” is not possible while this {type} is “{status}”. Nothing can be done with it now.",
  "document.needsApproval":
    "This {type} needs approval: its total is at or above the approval threshold. Submit it instead.",
  "document.needsNoApproval":
    "This {type} needs no approval: its total is below the approval threshold. Issue it directly.",
  "document.ownSubmission": "You submitted this document; someone else must approve it.",
  "document.neverStatus": "A {type} is never “{status}”. Its statuses are: {statuses}.",
  "document.alreadyStatus": "This {type} is already “{status}”.",
  "document.derivedOverdue":
    "A {type} becomes “overdue” when its due date passes with an amount still open; that status is set by the system.",
  "document.derivedExpired":
    "A {type} becomes “expired” when its valid-until date passes; that status is set by the system.",
  "document.derivedRefunded":
    "A {type} becomes “refunded” when what was paid on it is paid back in full: use Refund on the paid invoice instead.",
  "document.derivedByRefund":
    "A {type} becomes “{status}” as its refund is paid out: record a payment on it instead.",
  "document.derivedByPayments":
    "A {type} becomes “{status}” from its payments and credit notes: record a payment instead.",
  "document.cannotMove":
    "Cannot move this {type} from “{from}” to “{to}”. From “{from}” it can be moved to: {allowed}.",
  "document.cannotMoveByHand":
    "Cannot move this {type} from “{from}” to “{to}”. No status can be set by hand from “{from}”.",
  "document.onlyDraftsChange": "Only drafts can be changed; this {type} is “{status}”. {hint}",
  "document.hintReturnToDraft": "Return or withdraw it to draft first.",
  "document.hintCorrectInvoice": "Correct it with a credit note or a cancellation.",
  "document.hintNotesOnly": "Only its notes can still change.",
  "order.unnumbered": "without a number yet",
  "order.invoiceInProgress":
    "This {type} still has an invoice of {amount} in “{status}”: issue or delete it before invoicing more of it.",
  "order.overInvoicing":
    "This {type} totals {total}; with this invoice of {amount}, {invoiced} of it would be invoiced. Confirm to invoice more than was ordered.",
  "order.fullyInvoiced":
    "This {type} is invoiced in full ({invoiced} of {total}). Confirm to invoice more than was ordered.",
  "quote.alreadyConfirmed":
    "This quote already has an order confirmation ({name}, “{status}”). Cancel it before converting the quote again.",
  "quote.invoiceTheConfirmation":
    "This quote became an order confirmation ({name}, “{status}”): invoice the order confirmation instead.",
  "quote.invoicedDirectly":
    "This quote is invoiced directly ({name}, “{status}”): it cannot also become an order confirmation.",
  "document.termsFrozen":
    "The terms are printed on the document, so they change only while it is a draft; this {type} is “{status}”. {hint}",
  "document.hintTermsReturnToDraft": "Return or withdraw it to draft to change them.",
  "document.hintNotesStillChange": "Its notes can still change.",
  "document.draftNotArchived": "A draft is not archived: delete it instead (it has no number yet).",
  "document.deleted": "This document is deleted; restore it first.",
  "settings.approvalAmountMissing":
    "Give the amount from which documents need approval, or choose always or never.",
  "document.deletedHiddenFromYou": "This document is deleted.",
  "document.nothingToRefund": "Nothing was paid on this invoice, so there is nothing to refund.",
  "document.invoiceFromConfirmation":
    "An invoice made from this order confirmation is {invoice} ({status}); cancel or delete that invoice first.",
  "document.draftFromConfirmation":
    "A draft invoice was made from this order confirmation; cancel or delete that invoice first.",
  "document.projectOfOtherCustomer": "The project “{project}” belongs to another customer.",
  "document.contactOfOtherCustomer": "This contact is not a contact of the customer.",
  "document.lineCreditLimit":
    "Line {position} (“{description}”): at most {remaining} of {quantity} can still be credited.",
  "document.lineCreditedInFull": "Line {position} (“{description}”) is already credited in full.",
  "document.statusNotHere": "The status cannot be set to “{status}” here.",
  "document.totalsDiffer":
    "The stored totals of this issued document differ from its lines. An issued document is never changed: correct it with a credit note or a cancellation.",
  "document.expensesOnInvoicesOnly": "Expenses are billed on invoices only.",
  "document.noBillableExpenses":
    "The invoice's project has no billable expenses in {currency} that are not invoiced yet.",
  "document.expensesBilledMeanwhile":
    "One of these expenses was billed on another invoice meanwhile. Try again.",
  "document.chooseExpenses": "This invoice has no project: choose the expenses to bill on it.",
  "document.expenseMissing": "One of these expenses does not exist.",
  "document.expenseLineBills": "{problem} Line {position} bills it: remove that line first.",
  "document.staysWithCustomer": "A {type} stays with the customer of its invoice.",
  "document.staysWithProject": "A {type} stays with the project of its invoice.",
  "document.currencyOfInvoice": "A {type} is in the currency of its invoice.",
  "document.lineCurrency":
    "An item is in its document's currency ({currency}): a document has one currency, so {given} cannot be used here.",
  "document.itemNotFound": "This line item does not exist on this document.",
  "document.sayWhyReturn": "Say why you return it to draft.",
  "document.issuedInFuture": "The issued date cannot be in the future.",
  "document.dueBeforeIssued":
    "The due date ({dueDate}) cannot be before the issued date ({issuedDate}).",
  "document.validUntilBeforeIssued":
    "The valid-until date ({validUntil}) cannot be before the issued date ({issuedDate}).",
  "document.numbersFollowDates":
    "Numbers follow the issued dates: the last {type} was issued on {latest}, so this one cannot be dated {issuedDate}.",
  "document.creditNotesFromInvoices": "Credit notes are made from invoices only.",
  "document.cancellationsOfInvoices":
    "Only invoices are cancelled with a cancellation document; use cancel for other documents.",
  "document.paidCannotCancel":
    "{paid} is paid on this invoice, so it cannot be cancelled. Correct it with a credit note instead.",
  "document.creditedCannotCancel":
    "This invoice already has a credit note ({creditNote}), so it cannot be cancelled. Correct it with another credit note instead.",
  "document.notALineOfInvoice": "This line is not a line of the invoice.",
  "document.creditedInFull": "Every line of this invoice is credited in full already.",
  "document.creditExceedsOpen":
    "This credit note takes back {amount}, but only {open} of the invoice is not credited yet.",
  "document.invoiceCreditedInFull": "This invoice is already credited in full.",
  "eInvoice.missingData": "An e-invoice needs: {missing}.",
  "eInvoice.wrongDocument":
    "E-invoices are made for issued invoices, credit notes and cancellations.",

  // ------------------------------------------------------------ payments
  "payment.notFound": "This payment does not exist.",
  "payment.invoiceRefunded":
    "This invoice is refunded, which is final: its payments and refunds no longer change.",
  "payment.onPayableOnly":
    "Payments are recorded on invoices and credit notes only; this is a {type}.",
  "payment.documentCancelled": "This {type} is cancelled; it takes no payments.",
  "payment.onIssuedOnly":
    "Payments are recorded on issued documents only; this {type} is “{status}”. Issue it first.",
  "payment.amountNotPositive": "The amount must be more than 0.",
  "payment.chooseMethod": "Choose a payment method.",
  "payment.exceedsOutstanding": "This payment of {amount} is more than the {open} still open.",
  "payment.nothingOpen":
    "Nothing is open on this invoice, so a payment of {amount} cannot be recorded.",
  "payment.refundExceedsDue":
    "This refund of {amount} is more than the {open} still due to the customer.",
  "payment.noRefundDue":
    "No refund is due on this credit note, so a payment of {amount} cannot be recorded.",
  "payment.refundNeverDue":
    "This change would leave {amount} paid back to the customer that was never due. Reduce or delete the refund on the credit note first.",
  "payment.dateInFuture": "The payment date cannot be in the future.",

  // ------------------------------------------------------------ purchase orders
  "purchaseOrder.notFound": "This purchase order does not exist.",
  "purchaseOrder.deleted": "This purchase order is deleted; restore it first.",
  "purchaseOrder.archived": "This purchase order is archived; restore it first.",
  "purchaseOrder.roleMayNot": "Your role ({role}) may not do “{action}” on this purchase order.",
  "purchaseOrder.roleMayNotUnlessManager":
    "Your role ({role}) may not do “{action}” on this purchase order unless you are its project manager.",
  "purchaseOrder.actionNotAllowed":
    "“{action}” is not possible while this purchase order is “{status}”. Allowed now: {allowed}.",
  "state.cannotMove":
    "Cannot move this {record} from “{from}” to “{to}”. Allowed from “{from}”: {allowed}.",
  "state.cannotMoveFinal":
    "Cannot move this {record} from “{from}” to “{to}”. “{from}” is a final status.",
  "purchaseOrder.noActionNow":
    "“{action}” is not possible while this purchase order is “{status}”. Nothing can be done with it now.",
  "purchaseOrder.fieldFrozen": "This cannot change while the purchase order is “{status}”.",
  "purchaseOrder.projectArchived": "This project is archived; restore it to order for it.",
  "purchaseOrder.supplierArchived": "This supplier is archived; restore it to order from it.",
  "purchaseOrder.dueBeforeOrder": "The due date cannot be before the order date.",
  "purchaseOrder.paidInFuture": "The paid date cannot be in the future.",
  "purchaseOrder.milestoneNotFound": "This milestone does not exist.",
  "purchaseOrder.milestoneRange": "A milestone is a whole percentage from {min} to {max}.",
  "purchaseOrder.milestoneDecreases":
    "Milestones never decrease: this PO is already at {highest} %, so the next one must be above it.",
  "purchaseOrder.disbursementNotFound": "This disbursement item does not exist.",
  "batch.notFound": "This batch does not exist.",

  // ------------------------------------------------------------ invoice groups
  "invoiceGroup.notFound": "This invoice group does not exist.",
  "invoiceGroup.roleMayNot": "Your role ({role}) may not do “{action}” on this invoice group.",
  "invoiceGroup.notDraft":
    "This invoice group is “{status}”; only a draft group can change. Allowed moves from “{status}”: {allowed}.",
  "invoiceGroup.empty": "An invoice group needs at least one invoice before it is issued.",
  "invoiceGroup.notAnInvoice": "Only invoices can join an invoice group.",
  "invoiceGroup.alreadyInThisGroup": "This invoice is already in this group.",
  "invoiceGroup.inAnotherGroup": "This invoice is already in another invoice group.",
  "invoiceGroup.invoiceNotIssued":
    "Only issued invoices that are owed or paid can join a group; this one is “{status}”.",
  "invoiceGroup.otherCustomer": "This invoice is for another customer than the group.",
  "invoiceGroup.otherCurrency": "This invoice is not in {currency}, the currency of the group.",
  "invoiceGroup.invoiceNotInGroup": "This invoice is not in this group.",
  "invoiceGroup.invoiceNotFound": "This invoice does not exist.",
  "invoiceGroup.dueBeforeInvoiceDate": "The due date cannot be before the invoice date.",
  "invoiceGroup.hasInvoices":
    "The customer and currency cannot change while the group holds invoices; remove them first.",
  "invoiceGroup.memberNoLongerEligible":
    "Invoice {number} is “{status}” now and cannot be part of an issued group; remove it first.",
  "invoiceGroup.deleted": "This invoice group is deleted; restore it first.",
  "invoiceGroup.archived": "This invoice group is archived; restore it from the archive first.",
  "invoiceGroup.draftNotArchived":
    "A draft invoice group is not archived: delete it instead (it has no number yet).",
  "invoiceGroup.notArchived": "This invoice group is not archived.",
  "invoiceGroup.notDeleted": "This invoice group is not deleted.",
  "batch.starterInactive": "The person who started this batch is no longer active.",
} as const satisfies Record<string, string>;

export type AppMessageKey = keyof typeof APP_MESSAGES;

/** Words the UI has its own labels for: a status, a document type, an action, a role. */
export const APP_MESSAGE_TERMS = [
  "documentType",
  "salesStatus",
  "salesAction",
  "purchaseOrderStatus",
  "purchaseOrderAction",
  "invoiceGroupStatus",
  "invoiceGroupAction",
  "role",
  "record",
] as const;
export type AppMessageTerm = (typeof APP_MESSAGE_TERMS)[number];

/**
 * A parameter: text or a number as it is, an amount with its currency and a calendar date to be
 * formatted in the reader's locale, a term the UI translates, a list of these, or a whole
 * message (a hint completing a sentence).
 */
export type AppMessageParam =
  | string
  | number
  | { readonly money: string; readonly currency: string }
  | { readonly date: string }
  | { readonly term: AppMessageTerm; readonly value: string }
  | { readonly list: readonly AppMessageParam[] }
  | { readonly message: AppMessage };

export type AppMessageParams = Readonly<Record<string, AppMessageParam>>;

export interface AppMessage {
  readonly key: AppMessageKey;
  readonly params?: AppMessageParams;
}

export const appMessage = (key: AppMessageKey, params?: AppMessageParams): AppMessage =>
  params ? { key, params } : { key };

/** An amount as a parameter, exact to the cent (a decimal string, never a float). */
export const moneyParam = (amount: DecimalInput, currency: string): AppMessageParam => ({
  money: roundToCents(amount).toFixed(2),
  currency,
});

export const termParam = (term: AppMessageTerm, value: string): AppMessageParam => ({
  term,
  value,
});

export const listParam = (items: readonly AppMessageParam[]): AppMessageParam => ({ list: items });

/** A parameter in plain English (the API's own sentences): amounts as "1330.00 CHF". */
export function englishParam(param: AppMessageParam): string {
  if (typeof param === "string") return param;
  if (typeof param === "number") return String(param);
  if ("money" in param) return `${param.money} ${param.currency}`;
  if ("date" in param) return param.date;
  if ("list" in param) return param.list.map(englishParam).join(", ");
  if ("message" in param) return englishOf(param.message);
  // Document types read as words ("credit note"); other terms as the API spells them.
  return param.term === "documentType" ? param.value.replaceAll("_", " ") : param.value;
}

/** The English sentence of a message, from its template. */
export function englishOf(message: AppMessage): string {
  const params = message.params ?? {};
  return APP_MESSAGES[message.key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? englishParam(params[name]!) : placeholder,
  );
}

/** The placeholder names of a template, sorted. */
export const placeholdersOfTemplate = (template: string): string[] =>
  [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!))].sort();

const KEY_OF_SENTENCE = new Map<string, AppMessageKey>(
  (Object.entries(APP_MESSAGES) as Array<[AppMessageKey, string]>)
    .filter(([, template]) => placeholdersOfTemplate(template).length === 0)
    .map(([key, template]) => [template, key]),
);

const MAX_SENTENCE_LENGTH = 1000;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Templates with placeholders as patterns that read the parameters back out of a sentence. */
const SENTENCE_PATTERNS = (Object.entries(APP_MESSAGES) as Array<[AppMessageKey, string]>)
  .filter(([key, template]) => key !== "text" && placeholdersOfTemplate(template).length > 0)
  .map(([key, template]) => {
    const names: string[] = [];
    const source = template
      .split(/(\{\w+\})/)
      .map((part) => {
        const placeholder = /^\{(\w+)\}$/.exec(part);
        if (!placeholder) return escapeRegExp(part);
        if (names.includes(placeholder[1]!)) return `(?:.+?)`;
        names.push(placeholder[1]!);
        return "(.+?)";
      })
      .join("");
    const literal = template.replace(/\{\w+\}/g, "").length;
    return { key, names, literal, pattern: new RegExp(`^${source}$`, "s") };
  })
  // The most specific template first: "At most {places} decimal places." before "At most {max}.".
  .sort((a, b) => b.literal - a.literal);

/**
 * The message for a sentence a rule wrote without a key (a schema's wording, a problem a pure
 * check returns): its key when the sentence is one of the registry's (with the parameters read
 * back out of it, as text), else shown as it is.
 */
export function messageOfSentence(sentence: string): AppMessage {
  const key = KEY_OF_SENTENCE.get(sentence);
  if (key) return { key };
  // The registry's sentences are short; a long text is nobody's template (and is not scanned).
  if (sentence.length > MAX_SENTENCE_LENGTH) return { key: "text", params: { text: sentence } };
  for (const { key: patternKey, names, pattern } of SENTENCE_PATTERNS) {
    const match = pattern.exec(sentence);
    if (match) {
      return {
        key: patternKey,
        params: Object.fromEntries(names.map((name, index) => [name, match[index + 1]!])),
      };
    }
  }
  return { key: "text", params: { text: sentence } };
}
