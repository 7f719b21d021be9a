import { useDb } from '../../utils/db';

/**
 * After a transient failure (broker or Redis down) the key must not block the
 * client's retry for the whole lease, yet the chosen transaction id must
 * survive in case the broker did store the record. Backdating created_at
 * marks the claim abandoned right away; the retry takes it over.
 */
export async function releaseIdempotencyKey(rowId: string): Promise<void> {
  await useDb().$executeRaw`
    UPDATE idempotency_keys SET created_at = to_timestamp(0) WHERE id = ${rowId}::uuid AND status = 'processing'`;
}
