import type { InvoiceDetailResource, InvoiceRejection } from '@billstream/contracts';

/**
 * Follows an invoice after a command until the billing processor has
 * applied it (its version moved past the one we saw) or refused it (a
 * rejection newer than the one we saw). The processor answers within a
 * second when it runs; after INVOICE_POLL_ATTEMPTS_MAX polls without either,
 * the command is honestly reported as still pending. A reload resumes.
 */
export const INVOICE_POLL_FIRST_DELAY_MS = 300;
export const INVOICE_POLL_BACKOFF_FACTOR = 1.5;
export const INVOICE_POLL_MAX_DELAY_MS = 3_000;
export const INVOICE_POLL_ATTEMPTS_MAX = 20;

/** What the page showed when it sent the command. */
export interface Seen {
  readonly version: number;
  readonly rejectionAt: string | null;
}

export function useInvoicePolling(
  onChange: (invoice: InvoiceDetailResource, rejection: InvoiceRejection | null) => void,
) {
  const waiting = ref<{ command: string; attempts: number } | null>(null);
  const stalled = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function poll(url: string, seen: Seen, delay: number): Promise<void> {
    const current = waiting.value;
    if (!current) return;
    try {
      const invoice = await $fetch<InvoiceDetailResource>(url);
      const applied = invoice.status !== 'pending' && invoice.version > seen.version;
      const refused = invoice.rejection !== null && invoice.rejection.at !== seen.rejectionAt;
      if (applied || refused) {
        waiting.value = null;
        onChange(invoice, refused && !applied ? invoice.rejection : null);
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
    timer = setTimeout(() => poll(url, seen, next), delay);
  }

  /** Starts following `url` until its version exceeds `seen.version` (0 for a new invoice) or a new rejection appears. */
  function follow(url: string, seen: Seen, command: string): void {
    if (import.meta.server) return;
    clearTimeout(timer);
    stalled.value = null;
    waiting.value = { command, attempts: 0 };
    timer = setTimeout(() => poll(url, seen, INVOICE_POLL_FIRST_DELAY_MS), INVOICE_POLL_FIRST_DELAY_MS);
  }

  onBeforeUnmount(() => clearTimeout(timer));
  return { follow, waiting, stalled };
}
