-- Every API token expires (issue 9, hardening). Tokens created without an
-- expiry keep working for 90 days from this migration (the default lifetime
-- of a new token) rather than dying at once, so machine clients get time to
-- replace them; from now on the column cannot be empty.
UPDATE "api_tokens" SET "expires_at" = CURRENT_TIMESTAMP + INTERVAL '90 days' WHERE "expires_at" IS NULL;

ALTER TABLE "api_tokens" ALTER COLUMN "expires_at" SET NOT NULL;
