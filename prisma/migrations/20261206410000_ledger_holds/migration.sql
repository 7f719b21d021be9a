-- Two-phase holds on billing accounts, and the account version on each
-- transaction so a balance can be read as of any instant. Written by hand
-- like the init migration; src/schema.int.test.ts checks it.

-- The account's version after the transaction (null before this migration).
ALTER TABLE "transactions" ADD COLUMN "account_version" BIGINT;

-- CreateIndex
CREATE INDEX "idx_transactions_account_processed" ON "transactions"("account_id", "processed_at");

-- CreateTable
CREATE TABLE "holds" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "amount" DECIMAL(19,4) NOT NULL,
    "captured_amount" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "currency" VARCHAR(3) NOT NULL,
    -- pending | captured | voided | expired | rejected
    "status" VARCHAR(20) NOT NULL,
    "reason" VARCHAR(50),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "holds_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_holds_account_status" ON "holds"("account_id", "status");
