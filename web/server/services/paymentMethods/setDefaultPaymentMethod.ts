import type { PaymentMethodResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { findPaymentMethod } from './findPaymentMethod';
import { enqueueDefaultMethod, publishDefaultMethods } from './publishDefaultMethod';
import { toPaymentMethodResource } from './toPaymentMethodResource';

/** One default per account: the others lose the flag in the same SQL transaction. */
export async function setDefaultPaymentMethod(id: string, organizationId: string): Promise<PaymentMethodResource> {
  const method = await findPaymentMethod(id, organizationId, 'params.id');
  const row = await useDb().$transaction(async (tx) => {
    await tx.paymentMethod.updateMany({ where: { accountId: method.accountId }, data: { isDefault: false } });
    const updated = await tx.paymentMethod.update({ where: { id: method.id }, data: { isDefault: true } });
    await enqueueDefaultMethod(tx, organizationId, method.accountId);
    return updated;
  });
  await publishDefaultMethods();
  return toPaymentMethodResource(row);
}
