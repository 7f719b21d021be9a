import type { PaymentResource } from '@billstream/contracts';
import type { PollLoop, PollSchedule } from './poller';

/**
 * How long each kind of command is followed. The processors answer within a
 * second when they run, so loops start quick and back off to spare the API
 * when a processor is slow or down; after the limit the page says so, and a
 * reload resumes.
 */
export const TRANSACTION_POLL: PollSchedule = {
  firstDelayMs: 300,
  intervalMs: 300,
  backoffFactor: 1.6,
  maxDelayMs: 5_000,
  giveUpAfterMs: 5 * 60_000,
};

export const INVOICE_POLL: PollSchedule = {
  firstDelayMs: 300,
  intervalMs: 300,
  backoffFactor: 1.5,
  maxDelayMs: 3_000,
  attemptsMax: 20,
};

/** Views follow a 202 within moments: a few refreshes show the processor's decision without a reload. */
export const VIEW_SETTLE_POLL: PollSchedule = { firstDelayMs: 500, intervalMs: 500, attemptsMax: 10 };

/** A hold command: the list is read at once, then twice a second, for 20 s at the most. */
export const HOLD_POLL: PollSchedule = { firstDelayMs: 0, intervalMs: 500, attemptsMax: 40 };

/** A payment is read at once (a confirm sent with the create may already be decided), then twice a second. */
export const PAYMENT_POLL: PollSchedule = { firstDelayMs: 0, intervalMs: 500, attemptsMax: 120 };

/**
 * Payment statuses that wait for nobody but the payer or the operator. Not the
 * two before confirmation: a confirm sent with the create is still on its way.
 */
const PAYMENT_SETTLED = new Set(['succeeded', 'failed', 'canceled', 'requires_capture', 'requires_action']);

/** A payment is settled, and so is `refundId` when given: it is in the view and none of its refunds is pending. */
export function paymentSettled(
  payment: { status: string; refunds: readonly { id: string; status: string }[] },
  refundId?: string,
): boolean {
  // A refund just accepted may not be in the view yet: wait until it is there and decided.
  const refundAwaited = refundId !== undefined && !payment.refunds.some((refund) => refund.id === refundId);
  const refundPending = payment.refunds.some((refund) => refund.status === 'pending');
  return PAYMENT_SETTLED.has(payment.status) && !refundAwaited && !refundPending;
}

/** Follows payment `id` until it is settled (and `refundId`, when given), handing each read to `onValue`. */
export function paymentLoop(
  id: string,
  onValue: (payment: PaymentResource) => void,
  refundId?: string,
): PollLoop<PaymentResource> {
  return {
    ...PAYMENT_POLL,
    read: () => $fetch<PaymentResource>(`/api/v1/payments/${id}`),
    onValue,
    done: (payment) => paymentSettled(payment, refundId),
  };
}

/** What the invoice page showed when it sent a command. */
export interface InvoiceSeen {
  readonly version: number;
  readonly rejectionAt: string | null;
}

/**
 * The billing processor's verdict on a command, read off the invoice: applied
 * (its version moved past the one seen), refused (a rejection newer than the
 * one seen), or none yet.
 */
export function invoiceVerdict(
  invoice: { status: string; version: number; rejection: { at: string } | null },
  seen: InvoiceSeen,
): 'applied' | 'refused' | null {
  if (invoice.status !== 'pending' && invoice.version > seen.version) return 'applied';
  if (invoice.rejection !== null && invoice.rejection.at !== seen.rejectionAt) return 'refused';
  return null;
}
