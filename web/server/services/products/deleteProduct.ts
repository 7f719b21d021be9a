import { masterDataKey } from '@billstream/contracts';
import type { ProblemError } from '../../utils/problem';
import { commitChange, lockRow } from '../masterData/commitChange';
import { enqueueRecords } from '../masterData/outbox';
import { currentOrRefuse, type Precondition } from '../masterData/precondition';
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
    currentOrRefuse(
      await tx.product.findFirst({ where: { id, organizationId } }),
      `product ${id}`,
      toProductResource,
      precondition,
      false,
    );
    await tx.product.delete({ where: { id } });
    await enqueueRecords(tx, [tombstone(organizationId, masterDataKey('product', id))]);
    return { deleted: true as const };
  });
}
