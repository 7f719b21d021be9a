-- mail_outbox becomes a real outbox (issue 12): with SMTP configured, the web
-- app's relay sends each row once and records it; without SMTP the rows stay
-- the development outbox they were.
ALTER TABLE "mail_outbox" ADD COLUMN "sent_at" TIMESTAMPTZ(3);
-- Mail about an invoice attaches its PDF.
ALTER TABLE "mail_outbox" ADD COLUMN "invoice_id" UUID;
ALTER TABLE "mail_outbox" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "mail_outbox" ADD COLUMN "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
-- Why the last attempt failed, or why the mail was skipped (the recipient's notification preferences).
ALTER TABLE "mail_outbox" ADD COLUMN "last_error" VARCHAR(300);
CREATE INDEX "idx_mail_outbox_unsent" ON "mail_outbox"("sent_at", "next_attempt_at");
