import type { PaymentResource } from '@billstream/contracts';

/**
 * Statuses that wait for nobody but the payer or the operator. Not the two
 * before confirmation: a confirm sent with the create is still on its way.
 */
const SETTLED = new Set(['succeeded', 'failed', 'canceled', 'requires_capture', 'requires_action']);
const POLL_INTERVAL_MS = 500;
/** Polls given up after this many tries (the processor answers within seconds). */
const POLLS_MAX = 120;

/** Re-reads a payment until it is settled and none of its refunds is pending. */
export function usePaymentPolling(onUpdate: (payment: PaymentResource) => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let polls = 0;
  const poll = async (id: string) => {
    polls += 1;
    const payment = await $fetch<PaymentResource>(`/api/v1/payments/${id}`).catch(() => undefined);
    if (payment) onUpdate(payment);
    const busy =
      !payment || !SETTLED.has(payment.status) || payment.refunds.some((refund) => refund.status === 'pending');
    if (busy && polls < POLLS_MAX) timer = setTimeout(() => void poll(id), POLL_INTERVAL_MS);
  };
  const track = (id: string) => {
    clearTimeout(timer);
    polls = 0;
    void poll(id);
  };
  onBeforeUnmount(() => clearTimeout(timer));
  return { track };
}
