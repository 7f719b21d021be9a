import type { PaymentMethod } from '@billstream/db';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';

/** The organization's live (not removed) method, or a 404 naming `field`. */
export async function findPaymentMethod(id: string, organizationId: string, field: string): Promise<PaymentMethod> {
  const row = await useDb().paymentMethod.findFirst({ where: { id, organizationId, removedAt: null } });
  if (!row)
    throw problems.notFound(`There is no payment method ${id}`, { name: field, reason: 'no such payment method' });
  return row;
}
