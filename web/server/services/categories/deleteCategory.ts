import { masterDataKey } from '@billstream/contracts';
import { type ProblemError, problems } from '../../utils/problem';
import { commitChange, lockOrganization, refuse } from '../masterData/commitChange';
import { enqueueRecords } from '../masterData/outbox';
import { currentOrRefuse, type Precondition } from '../masterData/precondition';
import { tombstone } from '../masterData/records';
import { toCategoryResource } from '../masterData/resources';

/**
 * Deletes a category and publishes its tombstone. A category that still has
 * sub-categories or products is refused (409): deleting it would silently
 * re-parent them without a record of their own.
 */
export async function deleteCategory(
  organizationId: string,
  id: string,
  precondition: Precondition,
): Promise<{ deleted: true } | ProblemError> {
  return commitChange(organizationId, ['categories'], async (tx) => {
    await lockOrganization(tx, 'categories', organizationId);
    currentOrRefuse(
      await tx.category.findFirst({ where: { id, organizationId } }),
      `category ${id}`,
      toCategoryResource,
      precondition,
      false,
    );
    const [children, products] = await Promise.all([
      tx.category.count({ where: { parentId: id } }),
      tx.product.count({ where: { categoryId: id } }),
    ]);
    if (children > 0 || products > 0) {
      refuse(
        problems.conflict(
          `The category still has ${children} sub-categories and ${products} products; move or delete them first`,
          'category-in-use',
        ),
      );
    }
    await tx.category.delete({ where: { id } });
    await enqueueRecords(tx, [tombstone(organizationId, masterDataKey('category', id))]);
    return { deleted: true as const };
  });
}
