-- Customer details of a billing account, written by the ledger's accounts
-- view when an account is opened or changed through the API.
ALTER TABLE "billing_accounts"
  ADD COLUMN "external_id" VARCHAR(64),
  ADD COLUMN "billing_email" VARCHAR(255),
  ADD COLUMN "address" JSONB,
  ADD COLUMN "tax_id" VARCHAR(50),
  ADD COLUMN "payment_terms_days" INTEGER,
  ADD COLUMN "timezone" VARCHAR(64) NOT NULL DEFAULT 'UTC',
  ADD COLUMN "details_version" BIGINT NOT NULL DEFAULT 0;

-- External ids are unique per organization (NULLs are distinct: most seeded accounts have none).
CREATE UNIQUE INDEX "uq_billing_accounts_external_id" ON "billing_accounts"("organization_id", "external_id");
