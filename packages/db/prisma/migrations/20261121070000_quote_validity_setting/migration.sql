-- How long an issued quote is valid unless the draft says otherwise: a company setting instead
-- of the fixed 14 days of seed 000 (which stays the default).

-- AlterTable
ALTER TABLE "company_settings" ADD COLUMN "quote_validity_days" INTEGER NOT NULL DEFAULT 14,
    ADD CONSTRAINT "company_settings_quote_validity_range" CHECK ("quote_validity_days" BETWEEN 1 AND 365);
