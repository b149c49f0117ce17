import type { Db } from "@ledgerline/db";
import {
  AppError,
  companySettingsInputSchema,
  DEFAULT_NUMBER_PREFIXES,
  type CompanySettingsInput,
  type DocumentNumberType,
} from "@ledgerline/domain";
import type { Actor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";

const SETTINGS_ID = 1;

/** The company settings with every number prefix resolved (defaults where none is set). */
export async function getCompanySettings(db: Db) {
  const settings = await db.companySettings.findUnique({ where: { id: SETTINGS_ID } });
  if (!settings) {
    throw new AppError(
      "NOT_FOUND",
      "The company settings have not been set up yet; an administrator sets them under Settings.",
    );
  }
  const overrides = (settings.numberPrefixes ?? {}) as Partial<Record<DocumentNumberType, string>>;
  return { ...settings, numberPrefixes: { ...DEFAULT_NUMBER_PREFIXES, ...overrides } };
}

export async function updateCompanySettings(db: Db, actor: Actor, rawInput: CompanySettingsInput) {
  const input = companySettingsInputSchema.parse(rawInput);
  return db.$transaction(async (tx) => {
    const before = await tx.companySettings.findUnique({ where: { id: SETTINGS_ID } });
    const after = await tx.companySettings.upsert({
      where: { id: SETTINGS_ID },
      create: { id: SETTINGS_ID, ...input },
      update: input,
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
