import type { ConfigurationResource } from '@billstream/contracts';
import { ConfigurationListQuery } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { listConfigurations } from '../../../services/configurations/listConfigurations';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { cachedRead, MASTER_DATA_CACHE_TTL_SECONDS } from '../../../utils/readCache';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/configurations?q=&set=&sort=: every configuration key, set or at its default. */
export default defineEventHandler(async (event): Promise<ListPage<ConfigurationResource>> => {
  const { organizationId } = requirePrincipal(event);
  const query = getValidatedQueryParams(event, ConfigurationListQuery);
  const scope = { organizationId, resource: 'configurations', ttlSeconds: MASTER_DATA_CACHE_TTL_SECONDS } as const;
  return withEtag(event, await cachedRead(event, scope, () => listConfigurations(organizationId, query)));
});
