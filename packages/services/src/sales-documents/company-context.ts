import type { Db, Tx } from "@ledgerline/db";
import {
  AppError,
  can,
  DEFAULT_NUMBER_PREFIXES,
  isoDateInTimeZone,
  isoDateOf,
  toDecimal,
  type Decimal,
  type DecimalInput,
  type DocumentNumberType,
  type IsoDate,
  type Permission,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";

/**
 * The company's calendar: "today", due dates and the year of a document number are days in the
 * company's time zone, not the server's. There is no time-zone setting yet; until there is, the
 * company works in Europe/Berlin (docs/domain-model.md §4).
 */
export const COMPANY_TIME_ZONE = "Europe/Berlin";

/** Today's date in the company's time zone (`YYYY-MM-DD`). */
export const companyToday = (now: Date = new Date()): IsoDate =>
  isoDateInTimeZone(now, COMPANY_TIME_ZONE);

/** A calendar date as PostgreSQL `date` takes it through Prisma: UTC midnight. */
export const toDbDate = (date: IsoDate): Date => new Date(`${date}T00:00:00.000Z`);

export const fromDbDate = (date: Date | null): IsoDate | null => (date ? isoDateOf(date) : null);

export interface SalesSettings {
  defaultCurrency: string;
  defaultLocale: string;
  defaultTaxRate: Decimal;
  defaultPaymentTermsDays: number;
  /** Days an issued quote is valid unless its draft names a date. */
  quoteValidityDays: number;
  invoiceApprovalThreshold: Decimal | null;
  numberPrefixes: Record<DocumentNumberType, string>;
}

/**
 * What sales documents need of the company settings. Before an administrator has saved the
 * settings, the columns' defaults apply (EUR, 19 %, 14 days, German, no approval threshold), so
 * documents can be written on a fresh installation.
 */
export async function loadSalesSettings(client: Tx | Db): Promise<SalesSettings> {
  const settings = await client.companySettings.findUnique({
    where: { id: 1 },
    select: {
      defaultCurrency: true,
      defaultLocale: true,
      defaultTaxRate: true,
      defaultPaymentTermsDays: true,
      quoteValidityDays: true,
      invoiceApprovalThreshold: true,
      numberPrefixes: true,
    },
  });
  return salesSettingsOf(settings);
}

/** The settings row as `loadSalesSettings` selects it; null before it is saved. */
export interface SalesSettingsRow {
  defaultCurrency: string;
  defaultLocale: string;
  defaultTaxRate: DecimalInput;
  defaultPaymentTermsDays: number;
  quoteValidityDays: number;
  invoiceApprovalThreshold: DecimalInput | null;
  numberPrefixes: unknown;
}

/** SQL for the `SalesSettingsRow` of `company_settings` joined as `s`, null without one. */
export const SALES_SETTINGS_COLUMN = `CASE WHEN s.id IS NOT NULL THEN json_build_object(
    'defaultCurrency', s.default_currency, 'defaultLocale', s.default_locale,
    'defaultTaxRate', s.default_tax_rate::text, 'defaultPaymentTermsDays', s.default_payment_terms_days,
    'quoteValidityDays', s.quote_validity_days,
    'invoiceApprovalThreshold', s.invoice_approval_threshold::text, 'numberPrefixes', s.number_prefixes)
  END`;

export function salesSettingsOf(settings: SalesSettingsRow | null): SalesSettings {
  const overrides = (settings?.numberPrefixes ?? {}) as Partial<Record<DocumentNumberType, string>>;
  return {
    defaultCurrency: settings?.defaultCurrency ?? "EUR",
    defaultLocale: settings?.defaultLocale ?? "de",
    defaultTaxRate: toDecimal(settings?.defaultTaxRate ?? 19),
    defaultPaymentTermsDays: settings?.defaultPaymentTermsDays ?? 14,
    quoteValidityDays: settings?.quoteValidityDays ?? 14,
    invoiceApprovalThreshold:
      settings?.invoiceApprovalThreshold == null
        ? null
        : toDecimal(settings.invoiceApprovalThreshold),
    numberPrefixes: { ...DEFAULT_NUMBER_PREFIXES, ...overrides },
  };
}

/**
 * The person behind an actor, for four-eyes checks and "issued by": a user is themselves, an API
 * token is the person who owns it (so nobody approves their own submission through a token; the
 * actor carries the owner, no query needed), the system is nobody.
 */
export const personIdOf = (actor: Actor): string | null =>
  actor.kind === "system" ? null : actor.userId;

/** The role an actor acts with; the system may do everything. */
export const roleOf = (actor: Actor) => (actor.kind === "system" ? undefined : actor.role);

/**
 * Actions whose permission differs from the procedure's (approve, correct, transform) are
 * checked here against the one permission table, with the same wording as the procedures use.
 */
export function assertPermitted(actor: Actor, permissions: readonly Permission[]): void {
  if (actor.kind === "system") return;
  const missing = permissions.find((permission) => !can(actor.role, permission));
  if (missing) {
    throw new AppError(
      "FORBIDDEN",
      `Your role (${actor.role}) may not do this (needs ${missing}).`,
      { details: { permission: missing } },
    );
  }
}

/** `BAD_REQUEST` for one field, the message shown both on the field and as the error. */
export const fieldError = (field: string, message: string, details?: Record<string, unknown>) =>
  new AppError("BAD_REQUEST", message, { fieldErrors: { [field]: [message] }, details });
