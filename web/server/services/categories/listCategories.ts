import type { CategoryListQuery, CategoryResource } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { useDb } from '../../utils/db';
import { offsetPage, orderByOf, skipOf } from '../../utils/listQuery';
import { toCategoryResource } from '../masterData/resources';
import { categoryFilterParams, categoryWhere } from './categoryFilter';

/** One page of the organization's categories, with the total for page numbers. */
export async function listCategories(
  query: CategoryListQuery,
  organizationId: string,
): Promise<ListPage<CategoryResource>> {
  const where = categoryWhere(organizationId, query);
  const [rows, total] = await Promise.all([
    useDb().category.findMany({
      where,
      orderBy: orderByOf(query.sort, 'name'),
      skip: skipOf(query),
      take: query.limit,
    }),
    useDb().category.count({ where }),
  ]);
  return offsetPage('/api/v1/categories', query, rows.map(toCategoryResource), total, categoryFilterParams(query));
}
