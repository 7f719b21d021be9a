-- Billing views: the billing processor materializes invoices, their lines,
-- their status history and each organisation's test clock. Written by hand
-- like the init migration; src/schema.int.test.ts checks it against schema.prisma.

-- A draft has neither a number nor a due date until it is issued.
ALTER TABLE "invoices" ALTER COLUMN "invoice_number" DROP NOT NULL;
ALTER TABLE "invoices" ALTER COLUMN "due_date" DROP NOT NULL;
ALTER TABLE "invoices" ADD COLUMN "price_mode" VARCHAR(20) NOT NULL DEFAULT 'tax_exclusive';
ALTER TABLE "invoices" ADD COLUMN "credited_amount" DECIMAL(19,4) NOT NULL DEFAULT 0;
ALTER TABLE "invoices" ADD COLUMN "memo" TEXT;
-- Orders view writes: an older snapshot never overwrites a newer one.
ALTER TABLE "invoices" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "invoice_lines" ADD COLUMN "discount_amount" DECIMAL(19,4) NOT NULL DEFAULT 0;
-- A view must be writable whatever happened to the product since: the line
-- keeps the product id it was priced from, without a foreign key.
ALTER TABLE "invoice_lines" DROP CONSTRAINT "invoice_lines_product_id_fkey";

-- CreateTable
CREATE TABLE "invoice_status_history" (
    "invoice_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "organization_id" UUID NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "event_type" VARCHAR(40) NOT NULL,
    "amount" DECIMAL(19,4),
    "detail" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "invoice_status_history_pkey" PRIMARY KEY ("invoice_id","version")
);

-- CreateIndex
CREATE INDEX "idx_invoice_status_history_organization" ON "invoice_status_history"("organization_id", "occurred_at");

-- CreateTable
CREATE TABLE "test_clocks" (
    "organization_id" UUID NOT NULL,
    "now_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "test_clocks_pkey" PRIMARY KEY ("organization_id")
);
