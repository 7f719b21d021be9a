import type { TransactionResource } from '@billstream/contracts';

/**
 * Backoff for following pending transactions: the ledger usually answers
 * within a second, so start quick, then back off to spare the API when the
 * processor is slow or down. Give up after a while; a reload resumes.
 */
export const POLL_FIRST_DELAY_MS = 300;
export const POLL_BACKOFF_FACTOR = 1.6;
export const POLL_MAX_DELAY_MS = 5_000;
export const POLL_GIVE_UP_AFTER_MS = 5 * 60_000;

export function useTransactionPolling(onSettled: (transaction: TransactionResource) => void) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  async function poll(id: string, delay: number, startedAt: number): Promise<void> {
    try {
      const transaction = await $fetch<TransactionResource>(`/api/v1/transactions/${id}`);
      if (transaction.status !== 'pending') {
        timers.delete(id);
        onSettled(transaction);
        return;
      }
    } catch {
      // A failed poll (network blip, restart) is no verdict: keep trying.
    }
    if (Date.now() - startedAt > POLL_GIVE_UP_AFTER_MS) {
      timers.delete(id);
      return;
    }
    const next = Math.min(delay * POLL_BACKOFF_FACTOR, POLL_MAX_DELAY_MS);
    timers.set(
      id,
      setTimeout(() => poll(id, next, startedAt), delay),
    );
  }

  // The ledger announces committed rows over SSE: a tracked transaction is
  // fetched the moment its row lands; polling stays as the fallback.
  useLiveUpdates(['ledger_transactions'], (update) => {
    for (const id of update.ids) {
      const timer = timers.get(id);
      if (timer === undefined) continue;
      clearTimeout(timer);
      void poll(id, POLL_FIRST_DELAY_MS, Date.now());
    }
  });

  /** Follows one transaction until it is completed or rejected. */
  function track(id: string): void {
    if (import.meta.server || timers.has(id)) return;
    const startedAt = Date.now();
    timers.set(
      id,
      setTimeout(() => poll(id, POLL_FIRST_DELAY_MS, startedAt), POLL_FIRST_DELAY_MS),
    );
  }

  onBeforeUnmount(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });

  return { track };
}
