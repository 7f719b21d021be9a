import { AccountRefParams } from '@billstream/contracts';
import { getAccount } from '../../../services/accounts/getAccount';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { cachedRead, VIEW_CACHE_TTL_SECONDS } from '../../../utils/readCache';
import { getValidatedParams } from '../../../utils/request';

/** GET /api/v1/accounts/:id (id or external id): the customer and its balance (cached for VIEW_CACHE_TTL_SECONDS). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, AccountRefParams);
  const scope = { organizationId, resource: 'accounts', ttlSeconds: VIEW_CACHE_TTL_SECONDS } as const;
  return withEtag(event, await cachedRead(event, scope, () => getAccount(id, organizationId)));
});
