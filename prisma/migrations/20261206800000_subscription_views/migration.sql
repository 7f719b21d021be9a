-- Recurring billing views: the subscriptions processor materializes plans and
-- subscriptions. Written by hand; src/schema.int.test.ts checks it against
-- schema.prisma. No foreign keys: a view must be writable whatever order its
-- rows arrive in (the web app checks the account and organisation first).

-- CreateTable
CREATE TABLE "plans" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "code" VARCHAR(50) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "price" DECIMAL(19,4) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "interval" VARCHAR(10) NOT NULL,
    "trial_days" INTEGER NOT NULL DEFAULT 0,
    "tax_category" VARCHAR(20) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "plans_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_plans_organization" ON "plans"("organization_id", "code");

-- CreateTable
CREATE TABLE "subscriptions" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "start_at" TIMESTAMPTZ(3) NOT NULL,
    "trial_end_at" TIMESTAMPTZ(3),
    "current_period_start" TIMESTAMPTZ(3) NOT NULL,
    "current_period_end" TIMESTAMPTZ(3) NOT NULL,
    "cancel_at_period_end" BOOLEAN NOT NULL DEFAULT false,
    "canceled_at" TIMESTAMPTZ(3),
    "credit_balance" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "periods_billed" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_subscriptions_organization_status" ON "subscriptions"("organization_id", "status");

-- CreateIndex
CREATE INDEX "idx_subscriptions_account" ON "subscriptions"("account_id");
