import { z } from 'zod';
import type { PaymentFact } from './analyticsState.ts';

/**
 * The part of payment-events the analytics app reads. The payment contracts
 * (PaymentEvent in @billstream/contracts) were not on main when this app was
 * written, so this is the minimal shape it relies on: a PaymentIntentUpdated
 * carries the payment snapshot (organization, gateway, status) and the status
 * before. Every other event type passes the envelope check and is ignored.
 * Replace with the contracts' PaymentEvent once it is merged.
 */
export const PaymentEventEnvelope = z.looseObject({
  eventId: z.uuid(),
  type: z.string().min(1).max(64),
  data: z.unknown(),
});
export type PaymentEventEnvelope = z.infer<typeof PaymentEventEnvelope>;

const PaymentIntentUpdatedData = z.object({
  payment: z.object({
    organizationId: z.uuid(),
    gateway: z.string().min(1).max(30).nullable(),
    status: z.string().min(1).max(40),
  }),
  previousStatus: z.string().max(40).nullable(),
});

/** Used when a payment failed before any gateway was chosen. */
export const NO_GATEWAY = 'none';

/** A payment that just reached succeeded or failed; null for every other event. */
export function paymentFactOf(event: PaymentEventEnvelope): PaymentFact | null {
  if (event.type !== 'PaymentIntentUpdated') return null;
  const parsed = PaymentIntentUpdatedData.safeParse(event.data);
  if (!parsed.success) return null;
  const { payment, previousStatus } = parsed.data;
  if (payment.status === previousStatus) return null;
  if (payment.status !== 'succeeded' && payment.status !== 'failed') return null;
  return {
    organizationId: payment.organizationId,
    gateway: payment.gateway ?? NO_GATEWAY,
    succeeded: payment.status === 'succeeded',
  };
}
