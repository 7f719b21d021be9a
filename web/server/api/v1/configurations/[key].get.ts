import { ConfigurationKeyParams, type ConfigurationResource } from '@billstream/contracts';
import { getConfiguration } from '../../../services/configurations/getConfiguration';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { cachedRead, MASTER_DATA_CACHE_TTL_SECONDS } from '../../../utils/readCache';
import { getValidatedParams } from '../../../utils/request';

/** GET /api/v1/configurations/:key: the value (or the default, isSet false) with its ETag. */
export default defineEventHandler(async (event): Promise<ConfigurationResource> => {
  const { organizationId } = requirePrincipal(event);
  const { key } = getValidatedParams(event, ConfigurationKeyParams);
  const scope = { organizationId, resource: 'configurations', ttlSeconds: MASTER_DATA_CACHE_TTL_SECONDS } as const;
  return withEtag(event, await cachedRead(event, scope, () => getConfiguration(key, organizationId)));
});
