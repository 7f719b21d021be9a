import type { CategoryResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { type ProblemError, problems } from '../../utils/problem';
import { toCategoryResource } from '../masterData/resources';

/** The category, or 404 when it is not one of the organization's. */
export async function getCategory(id: string, organizationId: string): Promise<CategoryResource | ProblemError> {
  const row = await useDb().category.findFirst({ where: { id, organizationId } });
  return row ? toCategoryResource(row) : problems.notFound(`There is no category ${id}`);
}
