-- An expense's amount is the receipt's gross total; tax_rate is the VAT rate contained in it, so
-- billing makes a line at the net amount and this rate instead of adding VAT on top of the gross
-- amount (docs/domain-model.md §1 Expense, §8). Existing expenses get 0: their VAT was never
-- recorded and is not guessed; at 0 a billed line totals exactly the gross amount.

-- AlterTable
ALTER TABLE "expenses" ADD COLUMN "tax_rate" DECIMAL(5,2) NOT NULL DEFAULT 0,
ADD CONSTRAINT "expenses_tax_rate_range" CHECK ("tax_rate" BETWEEN 0 AND 100);
