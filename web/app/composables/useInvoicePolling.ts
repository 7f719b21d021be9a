import type { InvoiceDetailResource } from '@billstream/contracts';

/**
 * Follows an invoice after a command until the billing processor has
 * applied it (its version moved past the one we saw). The processor answers
 * within a second when it runs; after INVOICE_POLL_ATTEMPTS_MAX polls the
 * command is reported as still pending (rejections are not in a view yet,
 * so "no change" is all we can honestly say). A reload resumes.
 */
export const INVOICE_POLL_FIRST_DELAY_MS = 300;
export const INVOICE_POLL_BACKOFF_FACTOR = 1.5;
export const INVOICE_POLL_MAX_DELAY_MS = 3_000;
export const INVOICE_POLL_ATTEMPTS_MAX = 20;

export function useInvoicePolling(onChange: (invoice: InvoiceDetailResource) => void) {
  const waiting = ref<{ command: string; attempts: number } | null>(null);
  const stalled = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function poll(url: string, seenVersion: number, delay: number): Promise<void> {
    const current = waiting.value;
    if (!current) return;
    try {
      const invoice = await $fetch<InvoiceDetailResource>(url);
      if (invoice.status !== 'pending' && invoice.version > seenVersion) {
        waiting.value = null;
        onChange(invoice);
        return;
      }
    } catch {
      // A failed poll (network blip, restart) is no verdict: keep trying.
    }
    current.attempts += 1;
    if (current.attempts >= INVOICE_POLL_ATTEMPTS_MAX) {
      stalled.value = current.command;
      waiting.value = null;
      return;
    }
    const next = Math.min(delay * INVOICE_POLL_BACKOFF_FACTOR, INVOICE_POLL_MAX_DELAY_MS);
    timer = setTimeout(() => poll(url, seenVersion, next), delay);
  }

  /** Starts following `url` until its version exceeds `seenVersion` (0 for a new invoice). */
  function follow(url: string, seenVersion: number, command: string): void {
    if (import.meta.server) return;
    clearTimeout(timer);
    stalled.value = null;
    waiting.value = { command, attempts: 0 };
    timer = setTimeout(() => poll(url, seenVersion, INVOICE_POLL_FIRST_DELAY_MS), INVOICE_POLL_FIRST_DELAY_MS);
  }

  onBeforeUnmount(() => clearTimeout(timer));
  return { follow, waiting, stalled };
}
