-- An API token acts as the person who owns it (docs/domain-model.md §7): it never grants more
-- than that person's current role, and it stops working when they are deactivated. The column
-- always held the creator, who is the owner; the new name says what it means now. Audit events
-- of token calls name the person and the token from now on; the audit list can filter by token.

-- RenameColumn
ALTER TABLE "api_tokens" RENAME COLUMN "created_by_id" TO "owner_id";

-- RenameForeignKey
ALTER TABLE "api_tokens" RENAME CONSTRAINT "api_tokens_created_by_id_fkey" TO "api_tokens_owner_id_fkey";

-- CreateIndex (deactivating a person revokes their tokens)
CREATE INDEX "api_tokens_owner_id_idx" ON "api_tokens"("owner_id");

-- CreateIndex
CREATE INDEX "audit_events_api_token_id_occurred_at_idx" ON "audit_events"("api_token_id", "occurred_at");
