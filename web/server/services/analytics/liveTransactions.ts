import type { TransactionMinuteResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { useRedis } from '../../utils/redis';

const MINUTE_MS = 60_000;

/** The analytics app's Redis hash of one minute (see streams/src/apps/analytics/analyticsViews.ts). */
export const liveTransactionsKey = (organizationId: string, minuteStartMs: number, currency: string) =>
  `bs:analytics:tx:${organizationId}:${minuteStartMs}:${currency}`;

/**
 * Transactions per minute over the last `minutes` minutes, read live from
 * Redis (the analytics app's view sink writes each minute window there as it
 * changes). Minutes without a hash had no transactions.
 */
export async function liveTransactions(
  organizationId: string,
  minutes: number,
  nowMs: number,
): Promise<TransactionMinuteResource[]> {
  const accounts = await useDb().billingAccount.findMany({
    where: { organizationId },
    distinct: ['currency'],
    select: { currency: true },
  });
  const currencies = accounts.map((account) => account.currency).sort();
  const lastStartMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  const slots: { startMs: number; currency: string }[] = [];
  for (let index = minutes - 1; index >= 0; index--) {
    for (const currency of currencies) slots.push({ startMs: lastStartMs - index * MINUTE_MS, currency });
  }
  if (slots.length === 0) return [];
  const pipeline = useRedis().pipeline();
  for (const slot of slots) pipeline.hgetall(liveTransactionsKey(organizationId, slot.startMs, slot.currency));
  const results = (await pipeline.exec()) ?? [];
  return slots.map((slot, index) => {
    const hash = (results[index]?.[1] ?? {}) as Record<string, string>;
    return {
      minute: new Date(slot.startMs).toISOString(),
      currency: slot.currency,
      completed: Number(hash.completed ?? 0),
      rejected: Number(hash.rejected ?? 0),
      credits: hash.credits ?? '0',
      debits: hash.debits ?? '0',
    };
  });
}
