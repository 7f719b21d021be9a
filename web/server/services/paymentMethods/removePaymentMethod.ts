import { useDb } from '../../utils/db';
import { findPaymentMethod } from './findPaymentMethod';
import { enqueueDefaultMethod, publishDefaultMethods } from './publishDefaultMethod';

/** Soft delete: payments keep pointing at it. A removed default hands the flag to the newest remaining method. */
export async function removePaymentMethod(id: string, organizationId: string): Promise<void> {
  const method = await findPaymentMethod(id, organizationId, 'params.id');
  await useDb().$transaction(async (tx) => {
    await tx.paymentMethod.update({ where: { id: method.id }, data: { removedAt: new Date(), isDefault: false } });
    if (!method.isDefault) return;
    const next = await tx.paymentMethod.findFirst({
      where: { accountId: method.accountId, removedAt: null },
      orderBy: { createdAt: 'desc' },
    });
    if (next) await tx.paymentMethod.update({ where: { id: next.id }, data: { isDefault: true } });
    await enqueueDefaultMethod(tx, organizationId, method.accountId);
  });
  await publishDefaultMethods();
}
