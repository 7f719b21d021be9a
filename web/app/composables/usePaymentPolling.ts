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
  const poll = async (id: string, refundId: string | undefined) => {
    polls += 1;
    const payment = await $fetch<PaymentResource>(`/api/v1/payments/${id}`).catch(() => undefined);
    if (payment) onUpdate(payment);
    // A refund just accepted may not be in the view yet: wait until it is there and decided.
    const refundAwaited = refundId !== undefined && !payment?.refunds.some((refund) => refund.id === refundId);
    const busy =
      !payment ||
      !SETTLED.has(payment.status) ||
      refundAwaited ||
      payment.refunds.some((refund) => refund.status === 'pending');
    if (busy && polls < POLLS_MAX) timer = setTimeout(() => void poll(id, refundId), POLL_INTERVAL_MS);
  };
  /** Polls the payment until it is settled; with `refundId`, also until that refund is in and decided. */
  const track = (id: string, refundId?: string) => {
    clearTimeout(timer);
    polls = 0;
    void poll(id, refundId);
  };
  onBeforeUnmount(() => clearTimeout(timer));
  return { track };
}
