import type { CategoryResource } from '@billstream/contracts';
import { CategoryListQuery } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { listCategories } from '../../../services/categories/listCategories';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { cachedRead, MASTER_DATA_CACHE_TTL_SECONDS } from '../../../utils/readCache';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/categories?page=&limit=&sort=&q=&parentId=&active=: one page of categories with the total. */
export default defineEventHandler(async (event): Promise<ListPage<CategoryResource>> => {
  const { organizationId } = requirePrincipal(event);
  const query = getValidatedQueryParams(event, CategoryListQuery);
  const scope = { organizationId, resource: 'categories', ttlSeconds: MASTER_DATA_CACHE_TTL_SECONDS } as const;
  return withEtag(event, await cachedRead(event, scope, () => listCategories(query, organizationId)));
});
