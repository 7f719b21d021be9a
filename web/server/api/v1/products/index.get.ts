import type { ProductResource } from '@billstream/contracts';
import { ProductListQuery } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { listProducts } from '../../../services/products/listProducts';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { cachedRead, MASTER_DATA_CACHE_TTL_SECONDS } from '../../../utils/readCache';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/products?page=&limit=&sort=&q=&categoryId=&taxCategory=&currency=&active=: one page of products with the total. */
export default defineEventHandler(async (event): Promise<ListPage<ProductResource>> => {
  const { organizationId } = requirePrincipal(event);
  const query = getValidatedQueryParams(event, ProductListQuery);
  const scope = { organizationId, resource: 'products', ttlSeconds: MASTER_DATA_CACHE_TTL_SECONDS } as const;
  return withEtag(event, await cachedRead(event, scope, () => listProducts(query, organizationId)));
});
