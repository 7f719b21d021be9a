import { redisKey, useRedis } from '../../utils/redis';
import type { PendingCommand } from '../../utils/resources';

/**
 * Accepted commands live here until the ledger writes their row, so that
 * GET /transactions/:id answers "pending" instead of 404 in between. The TTL
 * matches the idempotency window: after a day the row must exist anyway.
 */
export const PENDING_TTL_SECONDS = 24 * 60 * 60;

function pendingKey(transactionId: string): string {
  return redisKey('transaction', 'pending', transactionId);
}

export async function rememberPendingCommand(command: PendingCommand): Promise<void> {
  await useRedis().set(pendingKey(command.transactionId), JSON.stringify(command), 'EX', PENDING_TTL_SECONDS);
}

export async function findPendingCommand(transactionId: string): Promise<PendingCommand | undefined> {
  const text = await useRedis().get(pendingKey(transactionId));
  return text ? (JSON.parse(text) as PendingCommand) : undefined;
}
