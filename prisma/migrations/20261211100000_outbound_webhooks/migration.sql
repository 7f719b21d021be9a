-- Outbound webhooks (issue 12): the endpoints an organization registers, the
-- events the webhooks processor hands off (exactly once, with its offsets),
-- one delivery per endpoint and event, and the log of every attempt.
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "url" VARCHAR(2000) NOT NULL,
    "description" VARCHAR(200),
    -- Prisma lists are nullable columns; the API always writes at least one type.
    "event_types" TEXT[],
    -- Signs every payload (HMAC-SHA256); shown to the organization, never logged.
    "secret" VARCHAR(100) NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    -- First failed attempt since the last success; the worker disables the endpoint after a named time.
    "failing_since" TIMESTAMPTZ(3),
    "disabled_reason" VARCHAR(300),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_endpoints_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "idx_webhook_endpoints_organization" ON "webhook_endpoints"("organization_id", "created_at");

-- The id is the domain event's id, so a replayed record lands on the same row.
CREATE TABLE "webhook_events" (
    "id" UUID NOT NULL,
    -- Hand-off order: rows of one object are written in their partition's order.
    "seq" BIGSERIAL NOT NULL,
    "organization_id" UUID NOT NULL,
    "type" VARCHAR(64) NOT NULL,
    "object_id" VARCHAR(64) NOT NULL,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_events_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "webhook_events_seq_key" ON "webhook_events"("seq");

CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "seq" BIGINT NOT NULL,
    "organization_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "object_id" VARCHAR(64) NOT NULL,
    -- pending | succeeded | failed (gave up after the retry window)
    "status" VARCHAR(16) NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_status_code" INTEGER,
    -- Set by a manual resend: the next attempt is logged as manual and is the only one.
    "manual_resend" BOOLEAN NOT NULL DEFAULT false,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "webhook_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_id_event_id_key" ON "webhook_deliveries"("endpoint_id", "event_id");
CREATE INDEX "idx_webhook_deliveries_due" ON "webhook_deliveries"("status", "next_attempt_at");
CREATE INDEX "idx_webhook_deliveries_object" ON "webhook_deliveries"("endpoint_id", "object_id", "seq");
CREATE INDEX "idx_webhook_deliveries_organization" ON "webhook_deliveries"("organization_id", "created_at");

CREATE TABLE "webhook_delivery_attempts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "delivery_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status_code" INTEGER,
    "latency_ms" INTEGER NOT NULL,
    "response_excerpt" VARCHAR(500),
    "error" VARCHAR(300),
    "manual" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "webhook_delivery_attempts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_delivery_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "idx_webhook_delivery_attempts_delivery" ON "webhook_delivery_attempts"("delivery_id", "attempted_at");
