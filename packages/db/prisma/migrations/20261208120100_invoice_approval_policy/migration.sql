-- The company's approval policy as a named setting (seed 004 Pending; docs/domain-model.md §5.1):
-- always, at or above an amount (the existing invoice_approval_threshold), or never. The rules
-- keep comparing with one threshold (effectiveApprovalThreshold: always = 0, never = none).
-- The existing value says which policy it meant: none = never, 0 = always, else threshold.
ALTER TABLE "company_settings"
    ADD COLUMN "invoice_approval_policy" TEXT NOT NULL DEFAULT 'never',
    ADD CONSTRAINT "company_settings_invoice_approval_policy"
        CHECK ("invoice_approval_policy" IN ('always', 'threshold', 'never'));

UPDATE "company_settings"
   SET "invoice_approval_policy" = CASE
         WHEN "invoice_approval_threshold" IS NULL THEN 'never'
         WHEN "invoice_approval_threshold" = 0 THEN 'always'
         ELSE 'threshold'
       END;
