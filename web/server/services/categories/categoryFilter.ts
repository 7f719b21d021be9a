import type { CategoryListQuery } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';

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
