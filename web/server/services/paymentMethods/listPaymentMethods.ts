import type { PaymentMethodResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { PAYMENT_METHODS_PER_ACCOUNT_MAX } from './addPaymentMethod';
import { toPaymentMethodResource } from './toPaymentMethodResource';

export async function listPaymentMethods(accountId: string, organizationId: string): Promise<PaymentMethodResource[]> {
  const rows = await useDb().paymentMethod.findMany({
    where: { accountId, organizationId, removedAt: null },
    orderBy: [{ isDefault: 'desc' }, { createdAt: 'asc' }],
    take: PAYMENT_METHODS_PER_ACCOUNT_MAX,
  });
  return rows.map(toPaymentMethodResource);
}
