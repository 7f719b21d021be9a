-- Sums over a day or a minute may pass the range of one amount (NUMERIC(19,4)):
-- two invoices near the cap on one day overflowed the revenue view and stalled
-- the analytics sink. Aggregates are NUMERIC(34,4) (AGGREGATE_INTEGER_DIGITS_MAX).
ALTER TABLE "analytics_revenue_daily"
  ALTER COLUMN "invoiced_amount" TYPE DECIMAL(34,4),
  ALTER COLUMN "collected_amount" TYPE DECIMAL(34,4),
  ALTER COLUMN "credited_amount" TYPE DECIMAL(34,4);

ALTER TABLE "analytics_transactions_minute"
  ALTER COLUMN "credit_amount" TYPE DECIMAL(34,4),
  ALTER COLUMN "debit_amount" TYPE DECIMAL(34,4);
