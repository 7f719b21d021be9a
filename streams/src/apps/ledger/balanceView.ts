import type { TransactionEvent } from '@billstream/contracts';
import type { Redis } from 'ioredis';

/** Redis keys of the ledger's live views. */
export const redisKeys = {
  balance: (accountId: string) => `bs:account:${accountId}`,
  transaction: (transactionId: string) => `bs:txn:${transactionId}`,
  events: 'bs:events',
};

const TRANSACTION_STATUS_TTL_SECONDS = 24 * 60 * 60;

// Writes only when the incoming version is newer, so a late or replayed write
// can never put an older balance over a newer one.
const SET_IF_NEWER = `
local current = redis.call('HGET', KEYS[1], 'version')
if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'balance', ARGV[2], 'currency', ARGV[3])
return 1`;

export interface BalanceWrite {
  readonly accountId: string;
  readonly version: number;
  readonly balance: string;
  readonly currency: string;
}

export async function writeLedgerViews(
  redis: Redis,
  balances: readonly BalanceWrite[],
  events: readonly TransactionEvent[],
): Promise<void> {
  const pipeline = redis.pipeline();
  for (const write of balances) {
    if (!Number.isSafeInteger(write.version) || write.version < 0) throw new Error(`bad version ${write.version}`);
    pipeline.eval(SET_IF_NEWER, 1, redisKeys.balance(write.accountId), write.version, write.balance, write.currency);
  }
  for (const event of events) {
    const status = event.type === 'TransactionCompleted' ? 'completed' : 'rejected';
    const summary = JSON.stringify({
      id: event.data.transactionId,
      accountId: event.data.accountId,
      status,
      balanceAfter: event.data.balanceAfter,
      reason: event.type === 'TransactionRejected' ? event.data.reason : null,
    });
    pipeline.set(redisKeys.transaction(event.data.transactionId), summary, 'EX', TRANSACTION_STATUS_TTL_SECONDS);
    pipeline.publish(redisKeys.events, summary);
  }
  const results = await pipeline.exec();
  const failed = results?.find(([error]) => error !== null);
  if (failed) throw failed[0];
}
