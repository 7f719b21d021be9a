-- Users: deactivation time and e-mail changes awaiting verification.
-- Written by hand like the init migration; src/schema.int.test.ts checks it.

-- AlterTable
ALTER TABLE "users" ADD COLUMN "deactivated_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "verification_tokens" ADD COLUMN "new_email" VARCHAR(255);
