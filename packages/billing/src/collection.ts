import { CollectionRetryDays, type InvoiceStatus, MoneyDecimal } from '@billstream/contracts';

const DAY_MS = 86_400_000;

/**
 * COLLECTION_RETRY_SCHEDULE: an automatic invoice is charged once at issue
 * (attempt 1). After attempt n fails, attempt n + 1 is due `retryDays[n - 1]`
 * days after the FIRST attempt (so [1, 3, 5, 7] means days 1, 3, 5 and 7
 * after issue, however late each answer came back). When the schedule has no
 * entry left, collection is exhausted and the dunning policy applies.
 */
export const DEFAULT_COLLECTION_RETRY_DAYS: readonly number[] = [1, 3, 5, 7];

/** The instant of the next charge after `failedAttempts` failures, or null when the schedule is exhausted. */
export function nextCollectionAttemptMs(
  firstAttemptMs: number,
  failedAttempts: number,
  retryDays: readonly number[],
): number | null {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) throw new Error('at least one attempt must have failed');
  // A schedule that breaks its own schema is a bug upstream, never a silent "no retry".
  CollectionRetryDays.parse(retryDays);
  const days = retryDays[failedAttempts - 1];
  return days === undefined ? null : firstAttemptMs + days * DAY_MS;
}

/** An invoice automatic collection may (still) charge: issued, not settled, something due. */
export function isCollectible(invoice: { status: InvoiceStatus; due: string }): boolean {
  const open = invoice.status === 'open' || invoice.status === 'partially_paid' || invoice.status === 'overdue';
  return open && new MoneyDecimal(invoice.due).gt(0);
}
