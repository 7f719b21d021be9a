-- Transactional outbox of the compacted master-data topic: every change of a
-- category, product or configuration writes its record here in the same
-- database transaction as the change; the web app drains the table to Kafka
-- (acks=all) and deletes what the broker acknowledged. A crash between the
-- commit and the produce leaves the row, which the next drain publishes, so
-- the topic can lag the database but never stay behind it.
-- Written by hand like the init migration; src/schema.int.test.ts checks it.

-- CreateTable
CREATE TABLE "master_data_outbox" (
    "id" BIGSERIAL NOT NULL,
    "organization_id" UUID NOT NULL,
    "record_key" VARCHAR(300) NOT NULL,
    "record_value" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "master_data_outbox_pkey" PRIMARY KEY ("id")
);
