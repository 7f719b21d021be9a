-- Automatic collection (issue 12, docs/collection.md): how an invoice is
-- collected and the state of its automatic charges, written by the billing
-- processor's invoices view. Existing invoices are manual with no attempts.
ALTER TABLE "invoices" ADD COLUMN "collection" VARCHAR(20) NOT NULL DEFAULT 'manual';
ALTER TABLE "invoices" ADD COLUMN "payment_attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "invoices" ADD COLUMN "next_payment_attempt_at" TIMESTAMPTZ(3);
ALTER TABLE "invoices" ADD COLUMN "last_payment_error" VARCHAR(50);
