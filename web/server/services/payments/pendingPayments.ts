import { redisKey, useRedis } from '../../utils/redis';

/** Accepted payments live here until the processor writes their row, so GET answers `pending`, not 404. */
export const PENDING_PAYMENT_TTL_SECONDS = 24 * 60 * 60;

export interface PendingPayment {
  readonly id: string;
  readonly organizationId: string;
  readonly accountId: string;
  readonly invoiceId: string | null;
  readonly amount: string;
  readonly currency: string;
  readonly captureMethod: string;
  readonly createdAt: string;
}

const keyOf = (id: string) => redisKey('payment', 'pending', id);

export async function rememberPendingPayment(payment: PendingPayment): Promise<void> {
  await useRedis().set(keyOf(payment.id), JSON.stringify(payment), 'EX', PENDING_PAYMENT_TTL_SECONDS);
}

export async function findPendingPayment(id: string, organizationId: string): Promise<PendingPayment | undefined> {
  const text = await useRedis().get(keyOf(id));
  const pending = text ? (JSON.parse(text) as PendingPayment) : undefined;
  return pending?.organizationId === organizationId ? pending : undefined;
}
