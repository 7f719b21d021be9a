-- The sandbox bank's outgoing webhooks, kept like a real bank keeps them: a
-- transfer's settlement webhook survives a restart of the payments worker
-- (before, it waited in memory and a restart left the payment `processing`).
CREATE TABLE "sandbox_bank_webhooks" (
    "id" VARCHAR(64) NOT NULL,
    -- The endpoint it goes to (the merchant's webhook URL): a worker only sends its own.
    "url" VARCHAR(500) NOT NULL,
    "payload" JSONB NOT NULL,
    "deliveries_left" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "deliver_after" TIMESTAMPTZ(3) NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sandbox_bank_webhooks_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "idx_sandbox_bank_webhooks_due" ON "sandbox_bank_webhooks"("url", "deliver_after");
