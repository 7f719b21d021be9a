import { IdParams, type ProductResource } from '@billstream/contracts';
import { getProduct } from '../../../services/products/getProduct';
import { withEtag } from '../../../utils/etag';
import { unwrap } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';
import { cachedRead, MASTER_DATA_CACHE_TTL_SECONDS } from '../../../utils/readCache';
import { getValidatedParams } from '../../../utils/request';

/** GET /api/v1/products/:id: the product with its ETag (send it back as If-Match to change it). */
export default defineEventHandler(async (event): Promise<ProductResource> => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const scope = { organizationId, resource: 'products', ttlSeconds: MASTER_DATA_CACHE_TTL_SECONDS } as const;
  return withEtag(event, await cachedRead(event, scope, async () => unwrap(await getProduct(id, organizationId))));
});
