import type { ProductListQuery } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
export type ProductFilter = Omit<ProductListQuery, 'page' | 'limit'>;

export function productWhere(organizationId: string, query: ProductFilter) {
  const where: Prisma.ProductWhereInput = { organizationId };
  if (query.q) {
    where.OR = [
      { sku: { contains: query.q, mode: 'insensitive' } },
      { name: { contains: query.q, mode: 'insensitive' } },
    ];
  }
  if (query.categoryId) where.categoryId = query.categoryId;
  if (query.taxCategory) where.taxCategory = query.taxCategory;
  if (query.currency) where.currency = query.currency;
  if (query.active) where.isActive = query.active === 'true';
  return where;
}

export function productFilterParams(query: ProductFilter) {
  const { sort, q, categoryId, taxCategory, currency, active } = query;
  return { sort, q, categoryId, taxCategory, currency, active };
}
