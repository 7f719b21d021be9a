-- Analytics views: the analytics processor (streams/src/apps/analytics)
-- materializes windowed aggregates of transaction-events, billing-events and
-- payment-events, and the receivables that invoice aging is computed from.
-- Written by hand; src/schema.int.test.ts checks it against schema.prisma.
-- No foreign keys: a view must be writable whatever happened to the rows it names.

-- CreateTable
CREATE TABLE "analytics_revenue_daily" (
    "organization_id" UUID NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "day" DATE NOT NULL,
    "invoiced_amount" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "collected_amount" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "credited_amount" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "issued_count" INTEGER NOT NULL DEFAULT 0,
    "paid_count" INTEGER NOT NULL DEFAULT 0,
    "overdue_count" INTEGER NOT NULL DEFAULT 0,
    "voided_count" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_revenue_daily_pkey" PRIMARY KEY ("organization_id","day","currency")
);

-- CreateTable
CREATE TABLE "analytics_transactions_minute" (
    "organization_id" UUID NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "completed_count" INTEGER NOT NULL DEFAULT 0,
    "rejected_count" INTEGER NOT NULL DEFAULT 0,
    "credit_amount" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "debit_amount" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_transactions_minute_pkey" PRIMARY KEY ("organization_id","minute","currency")
);

-- CreateTable
CREATE TABLE "analytics_payments_hourly" (
    "organization_id" UUID NOT NULL,
    "gateway" VARCHAR(30) NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "succeeded_count" INTEGER NOT NULL DEFAULT 0,
    "failed_count" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_payments_hourly_pkey" PRIMARY KEY ("organization_id","hour","gateway")
);

-- CreateTable
CREATE TABLE "analytics_receivables" (
    "invoice_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "amount_due" DECIMAL(19,4) NOT NULL,
    "due_date" DATE,
    "version" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_receivables_pkey" PRIMARY KEY ("invoice_id")
);

-- CreateIndex
CREATE INDEX "idx_analytics_receivables_organization" ON "analytics_receivables"("organization_id", "due_date");
