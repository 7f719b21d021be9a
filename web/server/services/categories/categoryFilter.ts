import type { Prisma } from '@billstream/db';
import { z } from 'zod';
import { listQuery } from '../../utils/listQuery';

const Flag = z.enum(['true', 'false'], { error: 'must be true or false' }).optional();

/** GET /api/v1/categories and its export: search, parent and active filters. */
export const CategoryListQuery = listQuery(['name', 'updatedAt', 'createdAt']).extend({
  parentId: z.union([z.uuid({ error: 'must be a UUID or "root"' }), z.literal('root')]).optional(),
  active: Flag,
});
export type CategoryListQuery = z.infer<typeof CategoryListQuery>;

export function categoryWhere(organizationId: string, query: Omit<CategoryListQuery, 'page' | 'limit'>) {
  const where: Prisma.CategoryWhereInput = { organizationId };
  if (query.q) where.name = { contains: query.q, mode: 'insensitive' };
  if (query.parentId) where.parentId = query.parentId === 'root' ? null : query.parentId;
  if (query.active) where.isActive = query.active === 'true';
  return where;
}

/** The filter as query parameters, carried into page links. */
export function categoryFilterParams(query: Omit<CategoryListQuery, 'page' | 'limit'>) {
  return { sort: query.sort, q: query.q, parentId: query.parentId, active: query.active };
}
