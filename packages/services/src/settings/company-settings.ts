import type { Db } from "@ledgerline/db";
import {
  AppError,
  approvalPolicyOfThreshold,
  companySettingsInputSchema,
  DEFAULT_NUMBER_PREFIXES,
  mergeUpdate,
  updateCompanySettingsInputSchema,
  type DocumentNumberType,
  type UpdateCompanySettingsInput,
  appMessage,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";

const SETTINGS_ID = 1;

/** The company settings with every number prefix resolved (defaults where none is set). */
export async function getCompanySettings(db: Db) {
  const settings = await db.companySettings.findUnique({ where: { id: SETTINGS_ID } });
  if (!settings) {
    throw new AppError("NOT_FOUND", appMessage("settings.notSetUp"));
  }
  const overrides = (settings.numberPrefixes ?? {}) as Partial<Record<DocumentNumberType, string>>;
  return { ...settings, numberPrefixes: { ...DEFAULT_NUMBER_PREFIXES, ...overrides } };
}

/**
 * Changes the company settings (`settings.update`): the fields sent change, the others stay as
 * they are, and the settings afterwards must meet the create rules. Before the settings exist the
 * first save creates them, and needs what a new company needs (its name; the rest has defaults).
 */
export async function updateCompanySettings(
  db: Db,
  actor: Actor,
  rawInput: UpdateCompanySettingsInput,
) {
  const changes = updateCompanySettingsInputSchema.parse(rawInput);
  // A threshold sent without a policy names its policy, as the threshold alone did before
  // (none = never, 0 = always, an amount = at or above it).
  if (
    changes.invoiceApprovalPolicy === undefined &&
    changes.invoiceApprovalThreshold !== undefined
  ) {
    changes.invoiceApprovalPolicy = approvalPolicyOfThreshold(changes.invoiceApprovalThreshold);
  }
  return db.$transaction(async (tx) => {
    // Locks the one row (when there is one), so two saves merge one after the other.
    await tx.$queryRaw`SELECT id FROM company_settings WHERE id = ${SETTINGS_ID} FOR UPDATE`;
    const before = await tx.companySettings.findUnique({ where: { id: SETTINGS_ID } });
    const values = before
      ? mergeUpdate(companySettingsInputSchema, before, changes)
      : companySettingsInputSchema.parse(changes);
    if (values.invoiceApprovalPolicy === "threshold" && values.invoiceApprovalThreshold == null) {
      const message = appMessage("settings.approvalAmountMissing");
      throw new AppError("BAD_REQUEST", message, {
        fieldErrors: { invoiceApprovalThreshold: [message] },
      });
    }
    const after = await tx.companySettings.upsert({
      where: { id: SETTINGS_ID },
      create: { id: SETTINGS_ID, ...values },
      update: values,
    });
    await recordAuditEvent(tx, actor, {
      action: before ? "update" : "create",
      entityType: "companySettings",
      entityId: String(SETTINGS_ID),
      before,
      after,
    });
    return after;
  });
}
