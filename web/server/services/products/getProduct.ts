import type { ProductResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { type ProblemError, problems } from '../../utils/problem';
import { toProductResource } from '../masterData/resources';

/** The product, or 404 when it is not one of the organization's. */
export async function getProduct(id: string, organizationId: string): Promise<ProductResource | ProblemError> {
  const row = await useDb().product.findFirst({ where: { id, organizationId } });
  return row ? toProductResource(row) : problems.notFound(`There is no product ${id}`);
}
