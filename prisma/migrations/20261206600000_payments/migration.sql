-- Payments views: the payments processor materializes payment intents, their
-- refunds, their status timeline and every gateway call (for success rates).
-- Written by hand; src/schema.int.test.ts checks it against schema.prisma.

-- payments.status holds the intent states (requires_payment_method ... canceled),
-- the longest of which has 23 characters.
ALTER TABLE "payments" ALTER COLUMN "status" TYPE VARCHAR(30);
ALTER TABLE "payments" ALTER COLUMN "status" SET DEFAULT 'requires_payment_method';
-- No gateway until the intent is confirmed and routed.
ALTER TABLE "payments" ALTER COLUMN "gateway" DROP NOT NULL;
ALTER TABLE "payments" ADD COLUMN "amount_capturable" DECIMAL(19,4) NOT NULL DEFAULT 0;
ALTER TABLE "payments" ADD COLUMN "capture_method" VARCHAR(20) NOT NULL DEFAULT 'automatic';
-- Orders view writes: an older snapshot never overwrites a newer one.
ALTER TABLE "payments" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "refunds" ADD COLUMN "currency" VARCHAR(3) NOT NULL DEFAULT 'USD';
ALTER TABLE "refunds" ADD COLUMN "failure_code" VARCHAR(50);

-- CreateTable
CREATE TABLE "payment_status_history" (
    "payment_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "organization_id" UUID NOT NULL,
    "status" VARCHAR(30) NOT NULL,
    "detail" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payment_status_history_pkey" PRIMARY KEY ("payment_id","version")
);

-- CreateIndex
CREATE INDEX "idx_payment_status_history_organization" ON "payment_status_history"("organization_id", "occurred_at");

-- CreateTable
CREATE TABLE "payment_attempts" (
    "request_id" VARCHAR(120) NOT NULL,
    "payment_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "gateway" VARCHAR(30) NOT NULL,
    "operation" VARCHAR(20) NOT NULL,
    "outcome" VARCHAR(20) NOT NULL,
    "code" VARCHAR(50),
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payment_attempts_pkey" PRIMARY KEY ("request_id")
);

-- CreateIndex
CREATE INDEX "idx_payment_attempts_organization_gateway" ON "payment_attempts"("organization_id", "gateway");
