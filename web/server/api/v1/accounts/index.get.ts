import { AccountListQuery } from '@billstream/contracts';
import type { AccountView, Page } from '#shared/types/api';
import { listAccounts } from '../../../services/accounts/listAccounts';
import { withEtag } from '../../../utils/etag';
import { pageLinks } from '../../../utils/pagination';
import { requirePrincipal } from '../../../utils/principal';
import { cachedRead, VIEW_CACHE_TTL_SECONDS } from '../../../utils/readCache';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/accounts?limit=&cursor=&q=: accounts by account number, q searching number and customer. */
export default defineEventHandler(async (event): Promise<Page<AccountView>> => {
  const { organizationId } = requirePrincipal(event);
  const query = getValidatedQueryParams(event, AccountListQuery);
  const scope = { organizationId, resource: 'accounts', ttlSeconds: VIEW_CACHE_TTL_SECONDS } as const;
  const body = await cachedRead(event, scope, async () => {
    const { data, nextCursor } = await listAccounts(query, organizationId);
    return {
      data,
      page: { limit: query.limit, nextCursor },
      links: pageLinks('/api/v1/accounts', query, nextCursor, { q: query.q }),
    };
  });
  return withEtag(event, body);
});
