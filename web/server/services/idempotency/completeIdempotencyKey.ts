import { useDb } from '../../utils/db';

/** Stores the final answer; later requests with the same key replay it. */
export async function completeIdempotencyKey(rowId: string, status: number, body: unknown): Promise<void> {
  await useDb().$executeRaw`
    UPDATE idempotency_keys SET status = 'completed', response_status = ${status}::int,
           response_body = ${JSON.stringify(body)}::jsonb
     WHERE id = ${rowId}::uuid AND status = 'processing'`;
}
