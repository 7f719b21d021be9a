-- The development outbox: mail the web app sends while SMTP_URL is unset.
-- Written by hand like the init migration; src/schema.int.test.ts checks it.

-- CreateTable
CREATE TABLE "mail_outbox" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID,
    "to_address" VARCHAR(255) NOT NULL,
    "subject" VARCHAR(255) NOT NULL,
    "text_body" TEXT NOT NULL,
    "kind" VARCHAR(30) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_mail_outbox_organization_created" ON "mail_outbox"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "idx_mail_outbox_to" ON "mail_outbox"("to_address");

-- AddForeignKey
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
