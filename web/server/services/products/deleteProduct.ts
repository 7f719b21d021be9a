import { masterDataKey } from '@billstream/contracts';
import { type ProblemError, problems } from '../../utils/problem';
import { commitChange, lockRow, refuse } from '../masterData/commitChange';
import { enqueueRecords } from '../masterData/outbox';
import { checkPrecondition, type Precondition } from '../masterData/precondition';
import { tombstone } from '../masterData/records';
import { toProductResource } from '../masterData/resources';

/** Deletes a product (invoice lines keep their copied text) and publishes its tombstone. */
export async function deleteProduct(
  organizationId: string,
  id: string,
  precondition: Precondition,
): Promise<{ deleted: true } | ProblemError> {
  return commitChange(organizationId, ['products'], async (tx) => {
    await lockRow(tx, 'products', id, organizationId);
    const current = await tx.product.findFirst({ where: { id, organizationId } });
    if (!current) refuse(problems.notFound(`There is no product ${id}`));
    const stale = checkPrecondition(
      { updatedAt: current.updatedAt.toISOString() },
      toProductResource(current),
      precondition,
      false,
    );
    if (stale) refuse(stale);
    await tx.product.delete({ where: { id } });
    await enqueueRecords(tx, [tombstone(organizationId, masterDataKey('product', id))]);
    return { deleted: true as const };
  });
}
