import type { ProductListQuery, ProductResource } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { useDb } from '../../utils/db';
import { offsetPage, orderByOf, skipOf } from '../../utils/listQuery';
import { toProductResource } from '../masterData/resources';
import { productFilterParams, productWhere } from './productFilter';

/** One page of the organization's products, with the total for page numbers. */
export async function listProducts(
  query: ProductListQuery,
  organizationId: string,
): Promise<ListPage<ProductResource>> {
  const where = productWhere(organizationId, query);
  const [rows, total] = await Promise.all([
    useDb().product.findMany({
      where,
      orderBy: orderByOf(query.sort, 'sku'),
      skip: skipOf(query),
      take: query.limit,
    }),
    useDb().product.count({ where }),
  ]);
  return offsetPage('/api/v1/products', query, rows.map(toProductResource), total, productFilterParams(query));
}
