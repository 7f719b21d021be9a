import type { PrismaClient } from '@billstream/db';
import { useDb } from '../../utils/db';

/** Rows deleted per statement: short statements keep locks and WAL bursts small. */
export const IDEMPOTENCY_PURGE_BATCH_ROWS = 1_000;
/** Statements per run; what is left waits for the next run, so one run is bounded. */
export const IDEMPOTENCY_PURGE_BATCHES_PER_RUN = 50;

/**
 * Deletes expired idempotency keys (expires_at judged by the database
 * clock, like the claim), a batch at a time. Claims only delete the one
 * expired key they collide with, so without this the table grows for ever.
 * Returns the number of rows deleted.
 */
export async function purgeExpiredIdempotencyKeys(
  db: PrismaClient = useDb(),
  batchRows = IDEMPOTENCY_PURGE_BATCH_ROWS,
  maxBatches = IDEMPOTENCY_PURGE_BATCHES_PER_RUN,
): Promise<number> {
  let purged = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const deleted = await db.$executeRaw`
      DELETE FROM idempotency_keys
       WHERE id IN (SELECT id FROM idempotency_keys WHERE expires_at <= now() LIMIT ${batchRows}
                    FOR UPDATE SKIP LOCKED)`;
    purged += deleted;
    if (deleted < batchRows) break;
  }
  return purged;
}
